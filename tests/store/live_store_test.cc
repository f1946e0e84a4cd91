#include "neardup/store/live_store.h"

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pipeline/test_corpus.h"
#include "rocksdb/db.h"

namespace neardup {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

StoredDocument Doc(uint32_t seq, std::string id) {
  StoredDocument d;
  d.seq = seq;
  d.id = std::move(id);
  d.published = absl::FromUnixSeconds(1700000000 + seq);
  d.added = absl::FromUnixSeconds(1800000000);
  d.text_bytes = 100 + seq;
  d.tokens = 20;
  d.fingerprint = 0xABCDEF00u + seq;
  d.signature = {1, 2, 3, seq};
  d.rare_keys = {7, 8};
  d.terms = {11, 12, 13};
  d.sentence_hashes = {99};
  if (seq > 0) {
    ScoredEdge e{seq - 1, seq, Relation::kRewrite, {5, 0.1, 0.2, 0.3}};
    e.strength = 0.6;
    e.coverage_a = 0.6;
    e.coverage_b = 0.4;
    e.order = 0.9;
    e.aligned_sentences = 4;
    d.edges.push_back(e);
  }
  return d;
}

TEST(LiveStoreTest, DocumentsRoundTripInOrderAndSurviveReopening) {
  testing::TempFile dir("x");
  RewriteFeatures f;
  f.terms = {4, 5, 6};
  f.weights = {1.0f, 2.0f, 3.0f};
  f.sentences.resize(1);
  f.sentences[0].num_terms = 3;
  f.sentences[0].weight = 6.0f;
  {
    auto store = LiveStore::Open(dir.dir() + "/db", {});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->MatchParameters("mode=rewrite\nshingle_size=5").ok());
    for (uint32_t seq = 0; seq < 3; ++seq) {
      const std::vector<ShingleKey> shingles = {seq, seq + 10u};
      ASSERT_TRUE((*store)->Put(Doc(seq, "d" + std::to_string(seq)), shingles, &f).ok());
    }
  }
  auto store = LiveStore::Open(dir.dir() + "/db", {.create_if_missing = false});
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->next_seq(), 3u);
  std::vector<StoredDocument> seen;
  ASSERT_TRUE((*store)->ForEachDocument([&](StoredDocument d) {
    seen.push_back(std::move(d));
    return absl::OkStatus();
  }).ok());
  ASSERT_EQ(seen.size(), 3u);
  const StoredDocument want = Doc(2, "d2");
  EXPECT_EQ(seen[2].id, "d2");
  EXPECT_EQ(seen[2].published, want.published);
  EXPECT_EQ(seen[2].added, want.added);
  EXPECT_EQ(seen[2].fingerprint, want.fingerprint);
  EXPECT_EQ(seen[2].signature, want.signature);
  EXPECT_EQ(seen[2].terms, want.terms);
  ASSERT_EQ(seen[2].edges.size(), 1u);
  EXPECT_EQ(seen[2].edges[0].a, 1u);
  EXPECT_EQ(seen[2].edges[0].b, 2u);
  EXPECT_EQ(seen[2].edges[0].relation, Relation::kRewrite);
  EXPECT_DOUBLE_EQ(seen[2].edges[0].coverage_b, 0.4);
  EXPECT_EQ(seen[2].edges[0].aligned_sentences, 4u);
  std::vector<ShingleKey> shingles;
  ASSERT_TRUE((*store)->GetShingles(1, &shingles).ok());
  EXPECT_THAT(shingles, ElementsAre(1, 11));
  RewriteFeatures back;
  ASSERT_TRUE((*store)->GetFeatures(1, &back).ok());
  EXPECT_EQ(back.terms, f.terms);
  EXPECT_EQ(back.weights, f.weights);
  EXPECT_FLOAT_EQ(back.total_weight(), 6.0f);
}

// A candidate is read in two steps: its shingles and feature outline (sentences and
// postings, cached on writing), all candidates at once, then the rest of its features.
// The same whether the records are kept in memory (a budget) or read from RocksDB (none),
// and whether they were written in this session or read in on opening.
class CandidateReadsTest : public ::testing::TestWithParam<uint64_t> {};

RewriteFeatures SomeFeatures() {
  RewriteFeatures f;
  f.terms = {4, 5, 6};
  f.weights = {1.0f, 2.0f, 3.0f};
  f.words = {7, 8};
  f.sentences.resize(1);
  f.sentences[0].num_terms = 3;
  f.sentences[0].num_words = 2;
  f.sentences[0].weight = 6.0f;
  return f;
}

void ExpectCandidatesReadInOutlineThenInFull(LiveStore& store, const RewriteFeatures& f) {
  const std::vector<uint32_t> seqs = {2, 1, 0};
  std::vector<std::shared_ptr<const CandidateRecord>> records;
  std::vector<absl::Status> status;
  store.GetCandidates(seqs, &records, &status);
  ASSERT_EQ(status.size(), 3u);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(status[0].ok()) << status[0];
  EXPECT_EQ(status[1].code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(records[1], nullptr);
  EXPECT_TRUE(status[2].ok()) << status[2];
  ASSERT_NE(records[0], nullptr);
  ASSERT_NE(records[2], nullptr);
  EXPECT_THAT(records[0]->shingles, ElementsAre(2, 12));
  EXPECT_THAT(records[2]->shingles, ElementsAre(0, 10));
  RewriteFeatures outline = records[0]->outline;
  ASSERT_EQ(outline.sentences.size(), 1u);
  EXPECT_EQ(outline.sentences[0].num_words, 2u);
  EXPECT_TRUE(outline.postings_cached);
  EXPECT_EQ(outline.postings.size(), 3u);
  EXPECT_THAT(outline.posting_terms, ElementsAre(4, 5, 6));
  EXPECT_TRUE(outline.terms.empty());
  EXPECT_TRUE(outline.words.empty());

  ASSERT_TRUE(store.GetFeatureDetails(2, &outline).ok());
  EXPECT_EQ(outline.terms, f.terms);
  EXPECT_EQ(outline.weights, f.weights);
  EXPECT_EQ(outline.words, f.words);
  EXPECT_EQ(outline.postings.size(), 3u);
  RewriteFeatures missing;
  EXPECT_EQ(store.GetFeatureDetails(1, &missing).code(), absl::StatusCode::kNotFound);
  std::vector<ShingleKey> shingles;
  EXPECT_EQ(store.GetShingles(1, &shingles).code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(store.GetShingles(0, &shingles).ok());
  EXPECT_THAT(shingles, ElementsAre(0, 10));
  RewriteFeatures whole;
  ASSERT_TRUE(store.GetFeatures(2, &whole).ok());
  EXPECT_EQ(whole.terms, f.terms);
  EXPECT_EQ(whole.postings.size(), 3u);
}

TEST_P(CandidateReadsTest, CandidatesAreReadInOutlineThenInFull) {
  testing::TempFile dir("x");
  const RewriteFeatures f = SomeFeatures();
  const LiveStoreOptions options{.hot_bytes = GetParam(), .load_hot = true};
  {
    auto store = LiveStore::Open(dir.dir() + "/db", options);
    ASSERT_TRUE(store.ok()) << store.status();
    for (uint32_t seq = 0; seq < 3; ++seq) {
      const std::vector<ShingleKey> shingles = {seq, seq + 10u};
      ASSERT_TRUE((*store)->Put(Doc(seq, "d" + std::to_string(seq)), shingles, &f).ok());
    }
    const std::vector<uint32_t> gone = {1};
    ASSERT_TRUE((*store)->Delete(gone).ok());
    EXPECT_EQ((*store)->HotRecords().first, GetParam() > 0 ? 2u : 0u);
    ExpectCandidatesReadInOutlineThenInFull(**store, f);
  }
  auto store = LiveStore::Open(dir.dir() + "/db", options);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->HotRecords().first, GetParam() > 0 ? 2u : 0u);
  ExpectCandidatesReadInOutlineThenInFull(**store, f);
}

INSTANTIATE_TEST_SUITE_P(MemoryBudgets, CandidateReadsTest, ::testing::Values(0, uint64_t{1} << 20));

// Past its budget the memory keeps the newest documents: a new one pushes the oldest out,
// an older one read back is not kept, and opening reads in the newest that fit.
TEST(LiveStoreTest, MemoryKeepsTheNewestRecordsWithinItsBudget) {
  testing::TempFile dir("x");
  const RewriteFeatures f = SomeFeatures();
  std::vector<ShingleKey> big(1000);
  auto put = [&](LiveStore& store, uint32_t seq) {
    for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<ShingleKey>(seq * 10000 + i);
    return store.Put(Doc(seq, "d" + std::to_string(seq)), big, &f);
  };
  uint64_t one = 0;  // the memory of one record
  {
    testing::TempFile other("y");
    auto store = LiveStore::Open(other.dir() + "/db", {.hot_bytes = uint64_t{1} << 30});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE(put(**store, 0).ok());
    one = (*store)->HotRecords().second;
    EXPECT_GT(one, big.size() * sizeof(ShingleKey));
  }
  const uint64_t budget = 3 * one + one / 2;  // room for 3
  const LiveStoreOptions options{.hot_bytes = budget, .load_hot = true};
  {
    auto store = LiveStore::Open(dir.dir() + "/db", {.hot_bytes = 0});
    ASSERT_TRUE(store.ok()) << store.status();
    for (uint32_t seq = 0; seq < 6; ++seq) ASSERT_TRUE(put(**store, seq).ok());
    EXPECT_EQ((*store)->HotRecords().first, 0u);
  }
  auto store = LiveStore::Open(dir.dir() + "/db", options);
  ASSERT_TRUE(store.ok()) << store.status();
  auto [kept, bytes] = (*store)->HotRecords();
  EXPECT_EQ(kept, 3u);  // 3, 4 and 5
  EXPECT_LE(bytes, budget);
  std::vector<std::shared_ptr<const CandidateRecord>> records;
  std::vector<absl::Status> status;
  const std::vector<uint32_t> oldest = {0};
  (*store)->GetCandidates(oldest, &records, &status);
  ASSERT_TRUE(status[0].ok()) << status[0];
  EXPECT_EQ(records[0]->shingles[0], 0u);
  EXPECT_EQ((*store)->HotRecords().first, 3u);  // older than all kept: read, not kept
  ASSERT_TRUE(put(**store, 6).ok());
  std::tie(kept, bytes) = (*store)->HotRecords();
  EXPECT_EQ(kept, 3u);  // 4, 5 and 6
  EXPECT_LE(bytes, budget);
  const std::vector<uint32_t> seqs = {6, 3};
  (*store)->GetCandidates(seqs, &records, &status);
  ASSERT_TRUE(status[0].ok() && status[1].ok());
  EXPECT_EQ(records[0]->shingles[0], 60000u);
  EXPECT_EQ(records[1]->shingles[999], 30999u);
  EXPECT_EQ((*store)->HotRecords().first, 3u);
}

TEST(LiveStoreTest, OtherParametersAreRefusedByName) {
  testing::TempFile dir("x");
  {
    auto store = LiveStore::Open(dir.dir() + "/db", {});
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->MatchParameters("mode=rewrite\nshingle_size=5").ok());
  }
  auto store = LiveStore::Open(dir.dir() + "/db", {});
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->MatchParameters("mode=rewrite\nshingle_size=5").ok());
  const absl::Status s = (*store)->MatchParameters("mode=rewrite\nshingle_size=4");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("shingle_size=5, not shingle_size=4"));
}

// An index written by another version of the layout is refused with what to do.
TEST(LiveStoreTest, AnotherFormatIsRefusedWithAHint) {
  testing::TempFile dir("x");
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir.dir() + "/db", &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "!format", "neardup-live-1").ok());
  }
  auto store = LiveStore::Open(dir.dir() + "/db", {});
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(store.status().message(), HasSubstr("index format neardup-live-1"));
  EXPECT_THAT(store.status().message(), HasSubstr("neardup ingest --db NEW_DIR"));
}

TEST(LiveStoreTest, MissingDatabaseIsNotFoundWithoutCreate) {
  testing::TempFile dir("x");
  auto store = LiveStore::Open(dir.dir() + "/db", {.create_if_missing = false});
  EXPECT_EQ(store.status().code(), absl::StatusCode::kNotFound);
}

TEST(LiveStoreTest, DeletedDocumentsAreGoneButTheirSeqsAreNotReused) {
  testing::TempFile dir("x");
  {
    auto store = LiveStore::Open(dir.dir() + "/db", {});
    ASSERT_TRUE(store.ok());
    for (uint32_t seq = 0; seq < 3; ++seq) ASSERT_TRUE((*store)->Put(Doc(seq, "d"), {}, nullptr).ok());
    const std::vector<uint32_t> gone = {1, 2};
    ASSERT_TRUE((*store)->Delete(gone).ok());
    std::vector<ShingleKey> shingles;
    EXPECT_EQ((*store)->GetShingles(2, &shingles).code(), absl::StatusCode::kNotFound);
  }
  auto store = LiveStore::Open(dir.dir() + "/db", {});
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->next_seq(), 3u);
  int count = 0;
  ASSERT_TRUE((*store)->ForEachDocument([&](StoredDocument) {
    ++count;
    return absl::OkStatus();
  }).ok());
  EXPECT_EQ(count, 1);
}

}  // namespace
}  // namespace neardup
