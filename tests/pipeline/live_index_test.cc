#include "neardup/pipeline/live_index.h"

#include <atomic>
#include <map>
#include <thread>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "absl/synchronization/mutex.h"
#include "neardup/io/document_reader.h"
#include "pipeline/test_corpus.h"

namespace neardup {
namespace {

using ::testing::HasSubstr;
using ClusterSets = std::set<std::set<std::string>>;

std::string Root() { return NEARDUP_SOURCE_DIR; }

std::vector<Document> ReadAll(const std::vector<std::string>& paths) {
  auto reader = OpenDocuments(paths, ReaderOptions{});
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<Document> docs;
  Document d;
  while (true) {
    auto more = (*reader)->Next(&d);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    docs.push_back(d);
  }
  return docs;
}

ClusterSets BatchClusters(const std::vector<std::string>& paths, const DedupOptions& options) {
  auto reader = OpenDocuments(paths, options.reader);
  EXPECT_TRUE(reader.ok());
  auto result = RunDedup(**reader, options);
  EXPECT_TRUE(result.ok()) << result.status();
  std::map<uint32_t, std::set<std::string>> by;
  for (uint32_t d = 0; d < result->docs.size(); ++d) {
    by[result->clustering.cluster_of[d]].insert(result->docs[d].id);
  }
  ClusterSets out;
  for (auto& [k, members] : by) out.insert(members);
  return out;
}

ClusterSets LiveClusters(const LiveIndex& index) {
  ClusterSets out;
  for (const LiveCluster& c : index.Clusters()) out.insert({c.members.begin(), c.members.end()});
  return out;
}

std::unique_ptr<LiveIndex> OpenOrDie(const std::string& dir, const LiveIndexOptions& options = {}) {
  auto index = LiveIndex::Open(dir, options);
  EXPECT_TRUE(index.ok()) << index.status();
  return index.ok() ? std::move(*index) : nullptr;
}

TEST(LiveIndexTest, SeedsAddedOneByOneClusterAsInBatchMode) {
  testing::TempFile tmp("x");
  const std::vector<std::string> seeds = {Root() + "/corpus/seeds"};
  auto index = OpenOrDie(tmp.dir() + "/db");
  ASSERT_NE(index, nullptr);
  for (Document& d : ReadAll(seeds)) ASSERT_TRUE(index->Add(std::move(d)).ok());
  const ClusterSets live = LiveClusters(*index);
  EXPECT_EQ(live, BatchClusters(seeds, DedupOptions{}));
  const std::set<std::string> rewrites = {"001_04081f6c42232b4e", "002_934675ae537c4f87",
                                          "003_62e9dcc1ba3d4df9"};
  EXPECT_TRUE(live.contains(rewrites));
  EXPECT_TRUE(live.contains({"000_936ab31eb2f45218"}));
  EXPECT_TRUE(live.contains({"004_9ecd5d1f8732297e"}));
}

TEST(LiveIndexTest, VerdictsNameTheCopyAndSurviveReopening) {
  testing::TempFile tmp("x");
  const std::string db = tmp.dir() + "/db";
  std::vector<Document> docs = ReadAll({Root() + "/corpus/fixtures/wire.jsonl"});
  ASSERT_GE(docs.size(), 4u);
  std::vector<LiveVerdict> added;
  {
    auto index = OpenOrDie(db);
    ASSERT_NE(index, nullptr);
    for (const Document& d : docs) {
      auto v = index->Add(d);
      ASSERT_TRUE(v.ok()) << v.status();
      added.push_back(*v);
    }
    EXPECT_FALSE(added[0].link.has_value());  // wire-1 is new
    EXPECT_TRUE(added[0].is_new);
    EXPECT_FALSE(added[1].is_new);
    ASSERT_TRUE(added[1].link.has_value());
    EXPECT_EQ(added[1].link_id, "wire-1");
    EXPECT_EQ(added[1].link->relation, Relation::kNearDuplicate);
    EXPECT_EQ(added[1].cluster, added[0].cluster);
  }
  auto index = OpenOrDie(db);
  ASSERT_NE(index, nullptr);
  for (size_t i = 0; i < docs.size(); ++i) {
    auto v = index->Get(docs[i].id);
    ASSERT_TRUE(v.ok()) << v.status();
    EXPECT_TRUE(v->indexed);
    auto cluster = index->GetCluster(v->cluster);
    ASSERT_TRUE(cluster.ok()) << cluster.status();
    EXPECT_THAT(cluster->members, ::testing::Contains(docs[i].id));
  }
  EXPECT_EQ(index->Stats().documents, docs.size());
  // Adding after reopening continues where it stopped: a copy of wire-1 finds it.
  Document again = docs[1];
  again.id = "wire-2-again";
  auto v = index->Add(again);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->cluster, added[0].cluster);
  EXPECT_TRUE(v->link.has_value());
}

TEST(LiveIndexTest, QueryAddsNothingAndGivesTheVerdictAnAddWould) {
  testing::TempFile tmp("x");
  std::vector<Document> docs = ReadAll({Root() + "/corpus/seeds"});
  auto index = OpenOrDie(tmp.dir() + "/db");
  ASSERT_NE(index, nullptr);
  for (size_t i = 0; i + 1 < docs.size(); ++i) ASSERT_TRUE(index->Add(docs[i]).ok());
  const Document& last = docs.back();
  const LiveIndexStats before = index->Stats();
  for (int i = 0; i < 2; ++i) {  // twice: a query must leave the statistics as they were
    auto q = index->Query(last);
    ASSERT_TRUE(q.ok()) << q.status();
    EXPECT_FALSE(q->indexed);
  }
  EXPECT_EQ(index->Stats().documents, before.documents);
  EXPECT_EQ(index->Get(last.id).status().code(), absl::StatusCode::kNotFound);
  auto q = index->Query(last);
  auto a = index->Add(last);
  ASSERT_TRUE(q.ok() && a.ok());
  EXPECT_EQ(q->cluster, a->cluster);
  EXPECT_EQ(q->link.has_value(), a->link.has_value());
  if (q->link) {
    EXPECT_EQ(q->link_id, a->link_id);
    EXPECT_EQ(q->link->relation, a->link->relation);
  }
}

TEST(LiveIndexTest, RepeatedIdsAndEmptyIdsAreRefusedAndChangeNothing) {
  testing::TempFile tmp("x");
  auto index = OpenOrDie(tmp.dir() + "/db");
  ASSERT_NE(index, nullptr);
  Document d;
  d.id = "a";
  d.text = "Some words that make up a short article about the weather in Paris today.";
  ASSERT_TRUE(index->Add(d).ok());
  EXPECT_EQ(index->Add(d).status().code(), absl::StatusCode::kAlreadyExists);
  d.id = "";
  EXPECT_EQ(index->Add(d).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(index->Stats().documents, 1u);
}

TEST(LiveIndexTest, DeleteAndExpireRemoveDocumentsAndSplitTheirClusters) {
  testing::TempFile tmp("x");
  const std::string db = tmp.dir() + "/db";
  std::vector<Document> docs = ReadAll({Root() + "/corpus/fixtures/wire.jsonl"});
  {
    auto index = OpenOrDie(db);
    ASSERT_NE(index, nullptr);
    for (size_t i = 0; i < docs.size(); ++i) {
      docs[i].published_time = absl::FromCivil(absl::CivilDay(2025, 12, 1 + static_cast<int>(i)), absl::UTCTimeZone());
      ASSERT_TRUE(index->Add(docs[i]).ok());
    }
    const uint64_t cluster = index->Get("wire-1")->cluster;
    ASSERT_GE(index->GetCluster(cluster)->members.size(), 3u);
    ASSERT_TRUE(index->Delete("wire-1").ok());
    EXPECT_EQ(index->Delete("wire-1").code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(index->Get("wire-1").status().code(), absl::StatusCode::kNotFound);
    // wire-2 and wire-3 are copies of each other too: they stay together.
    EXPECT_EQ(index->Get("wire-2")->cluster, index->Get("wire-3")->cluster);
    auto expired = index->Expire(absl::FromCivil(absl::CivilDay(2025, 12, 3), absl::UTCTimeZone()));
    ASSERT_TRUE(expired.ok());
    EXPECT_EQ(*expired, 1u);  // wire-2 (wire-1 is gone already)
    EXPECT_EQ(index->Get("wire-2").status().code(), absl::StatusCode::kNotFound);
  }
  auto index = OpenOrDie(db);
  ASSERT_NE(index, nullptr);
  const LiveIndexStats stats = index->Stats();
  EXPECT_EQ(stats.documents, docs.size() - 2);
  EXPECT_EQ(stats.deleted, 2u);
  EXPECT_EQ(index->Get("wire-2").status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(index->Get("wire-3").ok());
}

TEST(LiveIndexTest, OpeningWithOtherSettingsFailsUnlessStoredOnesAreAdopted) {
  testing::TempFile tmp("x");
  const std::string db = tmp.dir() + "/db";
  LiveIndexOptions near;
  near.dedup.mode = DetectionMode::kNearDuplicate;
  near.dedup.verify.jaccard_threshold = 0.7;
  ASSERT_NE(OpenOrDie(db, near), nullptr);
  auto other = LiveIndex::Open(db, LiveIndexOptions{});
  EXPECT_EQ(other.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(other.status().message(), HasSubstr("mode=near-duplicate"));
  LiveIndexOptions adopt;
  adopt.use_stored_settings = true;
  auto adopted = LiveIndex::Open(db, adopt);
  ASSERT_TRUE(adopted.ok()) << adopted.status();
  EXPECT_EQ((*adopted)->Stats().mode, "near-duplicate");
}

// Also with candidate records kept in memory: none, a few (most read from the database,
// the oldest pushed out) and all; half the documents are added before reopening (which
// reads the newest records in), half after.
TEST(LiveIndexTest, GeneratedCorpusClustersAsInBatchModeInBothModes) {
  testing::TempFile corpus("corpus.jsonl", testing::GeneratedCorpus(11, 300, 3));
  std::vector<Document> docs = ReadAll({corpus.path()});
  for (const DetectionMode mode : {DetectionMode::kRewrite, DetectionMode::kNearDuplicate}) {
    for (const uint64_t memory : {uint64_t{0}, uint64_t{256} << 10, uint64_t{1} << 30}) {
      SCOPED_TRACE(absl::StrCat(std::string(DetectionModeName(mode)), " with ", memory, " bytes of memory"));
      testing::TempFile tmp("x");
      LiveIndexOptions options;
      options.dedup.mode = mode;
      options.memory_budget_bytes = memory;
      options.preload_memory = true;
      const size_t half = docs.size() / 2;
      {
        auto index = OpenOrDie(tmp.dir() + "/db", options);
        ASSERT_NE(index, nullptr);
        for (size_t i = 0; i < half; ++i) ASSERT_TRUE(index->Add(docs[i]).ok());
      }
      auto index = OpenOrDie(tmp.dir() + "/db", options);
      ASSERT_NE(index, nullptr);
      const LiveIndexStats reopened = index->Stats();
      if (memory == 0) EXPECT_EQ(reopened.memory_records, 0u);
      if (memory > 0) EXPECT_GT(reopened.memory_records, 0u);
      EXPECT_LE(reopened.memory_bytes, memory);
      if (memory == uint64_t{256} << 10) EXPECT_LT(reopened.memory_records, half);
      if (memory == uint64_t{1} << 30) EXPECT_EQ(reopened.memory_records, half);
      for (size_t i = half; i < docs.size(); ++i) ASSERT_TRUE(index->Add(docs[i]).ok());
      const ClusterSets live = LiveClusters(*index);
      EXPECT_EQ(live, BatchClusters({corpus.path()}, options.dedup));
      EXPECT_LT(live.size(), index->Stats().documents);  // some copies were found
    }
  }
}

TEST(LiveIndexTest, ConcurrentAddsAgreeWithBatchModeInTheOrderTheyWereNumbered) {
  testing::TempFile corpus("corpus.jsonl", testing::GeneratedCorpus(12, 200, 3));
  testing::TempFile tmp("x");
  const std::string db = tmp.dir() + "/db";
  std::vector<Document> docs = ReadAll({corpus.path()});
  std::vector<std::pair<uint64_t, size_t>> order;  // (sequence, index in docs)
  ClusterSets live;
  {
    auto index = OpenOrDie(db);
    ASSERT_NE(index, nullptr);
    std::atomic<size_t> next{0};
    absl::Mutex mu;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (size_t i; (i = next.fetch_add(1)) < docs.size();) {
          auto v = index->Add(docs[i]);
          ASSERT_TRUE(v.ok()) << v.status();
          absl::MutexLock lock(&mu);
          order.emplace_back(v->sequence, i);
        }
      });
    }
    for (std::thread& t : threads) t.join();
    live = LiveClusters(*index);
  }
  std::sort(order.begin(), order.end());
  std::string in_order;
  for (const auto& [seq, i] : order) in_order += testing::JsonLine(docs[i].id, docs[i].text);
  testing::TempFile batch_input("ordered.jsonl", in_order);
  EXPECT_EQ(live, BatchClusters({batch_input.path()}, DedupOptions{}));
  // The records were written in that order too: reopening gives the same clusters.
  auto reopened = OpenOrDie(db);
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(LiveClusters(*reopened), live);
}

}  // namespace
}  // namespace neardup
