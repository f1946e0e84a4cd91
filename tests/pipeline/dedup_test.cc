#include "neardup/pipeline/dedup.h"

#include <algorithm>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "neardup/pipeline/report.h"
#include "neardup/io/byte_stream.h"
#include "pipeline/test_corpus.h"

namespace neardup {
namespace {

using ::neardup::testing::GeneratedCorpus;
using ::neardup::testing::TempFile;

absl::StatusOr<DedupResult> RunOn(const std::vector<std::string>& paths, const DedupOptions& options) {
  auto reader = OpenDocuments(paths, options.reader);
  if (!reader.ok()) return reader.status();
  return RunDedup(**reader, options);
}

std::string Verdicts(const DedupResult& r) {
  std::ostringstream out;
  WriteVerdicts(r, &out);
  WritePairs(r, &out);
  WriteClusters(r, &out);
  return out.str();
}

std::set<std::pair<std::string, std::string>> PairIds(const DedupResult& r) {
  std::set<std::pair<std::string, std::string>> out;
  for (const ScoredEdge& e : r.edges) out.insert({r.docs[e.a].id, r.docs[e.b].id});
  return out;
}

TEST(DedupTest, OutputIsIdenticalForEveryThreadCountAndBatchSize) {
  TempFile corpus("gen.jsonl", GeneratedCorpus(1, 300, 3));
  DedupOptions options;
  options.threads = 1;
  auto base = RunOn({corpus.path()}, options);
  ASSERT_TRUE(base.ok()) << base.status();
  ASSERT_GT(base->edges.size(), 100u);
  const std::string expected = Verdicts(*base);
  for (const int threads : {2, 3, 8}) {
    for (const size_t batch : {size_t{1}, size_t{7}, size_t{4096}}) {
      options.threads = threads;
      options.batch_documents = batch;
      auto r = RunOn({corpus.path()}, options);
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(Verdicts(*r), expected) << threads << " threads, batch " << batch;
    }
  }
}

TEST(DedupTest, SpillingShinglesToDiskChangesNothing) {
  TempFile corpus("gen.jsonl", GeneratedCorpus(5, 200, 3));
  const std::string root = NEARDUP_SOURCE_DIR;
  for (const DetectionMode mode : {DetectionMode::kNearDuplicate, DetectionMode::kRewrite}) {
    for (const bool exact : {false, true}) {
      // One thread reads the input itself; more have a reading thread.
      for (const int threads : {1, 2}) {
        DedupOptions options;
        options.mode = mode;
        options.exact = exact;
        options.threads = threads;
        const std::vector<std::string> inputs = {corpus.path(), root + "/corpus/seeds"};
        auto resident = RunOn(inputs, options);
        options.shingle_memory_bytes = 0;  // every document goes to the temporary file
        auto spilled = RunOn(inputs, options);
        ASSERT_TRUE(resident.ok() && spilled.ok());
        EXPECT_GT(spilled->stats.spilled_bytes, 0u);
        EXPECT_EQ(resident->stats.spilled_bytes, 0u);
        EXPECT_GT(resident->edges.size(), 50u);
        EXPECT_EQ(Verdicts(*resident), Verdicts(*spilled)) << threads << " threads";
      }
    }
  }
}

TEST(DedupTest, LshFindsAtLeast99PercentOfExactPairsAndNothingBelowThreshold) {
  TempFile corpus("gen.jsonl", GeneratedCorpus(2, 600, 4));
  for (const double threshold : {0.5, 0.8}) {
    DedupOptions options;
    options.mode = DetectionMode::kNearDuplicate;
    options.verify.jaccard_threshold = threshold;
    options.lsh.threshold = threshold;
    auto lsh = RunOn({corpus.path()}, options);
    options.exact = true;
    auto exact = RunOn({corpus.path()}, options);
    ASSERT_TRUE(lsh.ok() && exact.ok());
    const auto found = PairIds(*lsh);
    const auto truth = PairIds(*exact);
    ASSERT_GT(truth.size(), 300u);
    size_t hit = 0;
    for (const auto& p : found) {
      EXPECT_TRUE(truth.count(p)) << p.first << " " << p.second << " is not a true pair";
      hit += truth.count(p);
    }
    EXPECT_GE(static_cast<double>(hit) / truth.size(), 0.99) << hit << " of " << truth.size();
    for (const ScoredEdge& e : lsh->edges) EXPECT_GE(e.scores.jaccard, threshold);
    EXPECT_LT(lsh->stats.candidates, exact->stats.documents * exact->stats.documents / 20);
  }
}

// Documents of four passages each, drawn from a pool of 30 passages of 150 words: two
// documents share 0 to 4 passages (Jaccard near 0, 0.14, 0.33, 0.6 or 1), the way tiled
// crawl pages share wire copy. Many LSH candidates share one or two passages only.
std::string PassageCorpus(uint64_t seed, int docs) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> passages;
  for (int p = 0; p < 30; ++p) {
    std::string text;
    for (int w = 0; w < 150; ++w) absl::StrAppend(&text, text.empty() ? "" : " ", "w", rng() % 5000);
    passages.push_back(text);
  }
  std::string out;
  for (int d = 0; d < docs; ++d) {
    std::string text;
    for (int k = 0; k < 4; ++k) absl::StrAppend(&text, text.empty() ? "" : " ", passages[rng() % 30]);
    absl::StrAppend(&out, "{\"id\":\"d", d, "\",\"text\":\"", text, "\"}\n");
  }
  return out;
}

TEST(DedupTest, ScreeningCandidatesBySketchChangesNoVerdict) {
  TempFile corpus("passages.jsonl", PassageCorpus(3, 400));
  for (const DetectionMode mode : {DetectionMode::kNearDuplicate, DetectionMode::kRewrite}) {
    for (const double containment : {0.0, 0.6}) {
      for (const int threads : {1, 2}) {
        DedupOptions options;
        options.mode = mode;
        options.verify.containment_threshold = containment;
        options.threads = threads;
        auto screened = RunOn({corpus.path()}, options);
        options.screen_sigmas = 0;
        auto all = RunOn({corpus.path()}, options);
        ASSERT_TRUE(screened.ok() && all.ok());
        const std::string where = absl::StrFormat("mode %s, containment %.1f, %d threads",
                                                  DetectionModeName(mode), containment, threads);
        EXPECT_EQ(Verdicts(*screened), Verdicts(*all)) << where;
        EXPECT_GT(all->edges.size(), 150u) << where;
        EXPECT_EQ(all->stats.screened_pairs, 0u) << where;
        EXPECT_EQ(screened->stats.candidates, all->stats.candidates) << where;
        // Pairs sharing one passage of four are far below any threshold here.
        EXPECT_GT(screened->stats.screened_pairs, screened->stats.candidates / 10) << where;
        EXPECT_LE(screened->stats.screened_pairs + screened->stats.verified_pairs,
                  screened->stats.candidates) << where;
      }
    }
  }
}

TEST(DedupTest, RealTextFixturesMatchTheExactAnswer) {
  const std::string root = NEARDUP_SOURCE_DIR;
  DedupOptions options;
  options.mode = DetectionMode::kNearDuplicate;
  const std::vector<std::string> inputs = {root + "/corpus/seeds", root + "/corpus/fixtures/wire.jsonl"};
  auto lsh = RunOn(inputs, options);
  options.exact = true;
  auto exact = RunOn(inputs, options);
  ASSERT_TRUE(lsh.ok() && exact.ok()) << lsh.status() << exact.status();
  EXPECT_EQ(PairIds(*lsh), PairIds(*exact));
  // The verbatim copy with page furniture and the light edit join the original.
  std::map<std::string, uint32_t> cluster;
  for (size_t d = 0; d < lsh->docs.size(); ++d) cluster[lsh->docs[d].id] = lsh->clustering.cluster_of[d];
  EXPECT_EQ(cluster.at("wire-1"), cluster.at("wire-2"));
  EXPECT_EQ(cluster.at("wire-1"), cluster.at("wire-3"));
  EXPECT_NE(cluster.at("wire-1"), cluster.at("other-1"));
}

TEST(DedupTest, RepresentativeIsEarliestPublished) {
  TempFile corpus("p.jsonl",
                  R"({"id":"late","published":"2025-03-05","text":"one two three four five six seven eight nine ten"})" "\n"
                  R"({"id":"early","published":"2025-03-04T08:00:00Z","text":"one two three four five six seven eight nine ten"})" "\n");
  auto r = RunOn({corpus.path()}, DedupOptions{});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->clustering.size[0], 2u);
  EXPECT_EQ(r->docs[r->clustering.representative[0]].id, "early");
  EXPECT_EQ(r->edges[0].relation, Relation::kExact);
}

std::map<std::string, uint32_t> ClusterOf(const DedupResult& r) {
  std::map<std::string, uint32_t> out;
  for (size_t d = 0; d < r.docs.size(); ++d) out[r.docs[d].id] = r.clustering.cluster_of[d];
  return out;
}

TEST(DedupTest, SeedRewritesFormOneClusterAndTheOthersStayAlone) {
  const std::string root = NEARDUP_SOURCE_DIR;
  for (const int threads : {1, 2}) {
    DedupOptions options;  // defaults: rewrite mode
    options.threads = threads;
    auto r = RunOn({root + "/corpus/seeds"}, options);
    ASSERT_TRUE(r.ok()) << r.status();
    const auto c = ClusterOf(*r);
    EXPECT_EQ(c.at("001_04081f6c42232b4e"), c.at("002_934675ae537c4f87"));
    EXPECT_EQ(c.at("001_04081f6c42232b4e"), c.at("003_62e9dcc1ba3d4df9"));
    EXPECT_NE(c.at("000_936ab31eb2f45218"), c.at("001_04081f6c42232b4e"));
    EXPECT_NE(c.at("004_9ecd5d1f8732297e"), c.at("001_04081f6c42232b4e"));
    EXPECT_NE(c.at("000_936ab31eb2f45218"), c.at("004_9ecd5d1f8732297e"));
    for (const ScoredEdge& e : r->edges) EXPECT_EQ(e.relation, Relation::kRewrite);
  }
  // Near-duplicate mode sees none of the rewrites (their shingle Jaccard is 0.03-0.04).
  DedupOptions near;
  near.mode = DetectionMode::kNearDuplicate;
  auto r = RunOn({root + "/corpus/seeds"}, near);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->edges.empty());
}

// The run's time is split by phase, on the summary line too: the streaming pass, then (in
// rewrite mode) the rewrite pairs.
TEST(DedupTest, SummaryLineSplitsTheTimeByPhase) {
  const std::string root = NEARDUP_SOURCE_DIR;
  auto r = RunOn({root + "/corpus/seeds"}, DedupOptions{});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GT(r->stats.stream_seconds, 0.0);
  EXPECT_GT(r->stats.rewrite_seconds, 0.0);
  EXPECT_LE(r->stats.stream_seconds + r->stats.rewrite_seconds, r->stats.seconds);
  std::string line = SummaryLine(*r);
  EXPECT_NE(line.find(absl::StrFormat("(streaming pass %.2f s, rewrite pairs %.2f s)",
                                      r->stats.stream_seconds, r->stats.rewrite_seconds)),
            std::string::npos)
      << line;

  DedupOptions near;
  near.mode = DetectionMode::kNearDuplicate;
  r = RunOn({root + "/corpus/seeds"}, near);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->stats.rewrite_seconds, 0.0);
  line = SummaryLine(*r);
  EXPECT_NE(line.find(absl::StrFormat("(streaming pass %.2f s)", r->stats.stream_seconds)),
            std::string::npos)
      << line;
  EXPECT_EQ(line.find("rewrite pairs"), std::string::npos) << line;
}

TEST(DedupTest, RewriteModeFindsExcerptsAsContained) {
  const std::string root = NEARDUP_SOURCE_DIR;
  auto r = RunOn({root + "/corpus/fixtures/wire.jsonl"}, DedupOptions{});
  ASSERT_TRUE(r.ok()) << r.status();
  const auto c = ClusterOf(*r);
  EXPECT_EQ(c.at("excerpt-1"), c.at("wire-1"));
  EXPECT_NE(c.at("other-1"), c.at("wire-1"));
  bool contained = false;
  for (const ScoredEdge& e : r->edges) contained |= e.relation == Relation::kContained;
  EXPECT_TRUE(contained);
}

// Seeds 001 and 002 (rewrites of one story) as JSON Lines, published at the given times.
std::string DatedRewrites(const std::string& first, const std::string& second) {
  const std::string root = NEARDUP_SOURCE_DIR;
  std::string jsonl;
  int day = 1;
  for (const char* name : {"001_04081f6c42232b4e", "002_934675ae537c4f87"}) {
    auto text = ReadWholeFile(root + "/corpus/seeds/" + std::string(name) + ".txt", 1 << 20);
    EXPECT_TRUE(text.ok());
    JsonWriter w;
    w.BeginObject();
    w.Key("id"); w.String(name);
    w.Key("published"); w.String(day == 1 ? first : second);
    w.Key("text"); w.String(text.ok() ? *text : "");
    w.EndObject();
    jsonl += w.str() + "\n";
    ++day;
  }
  return jsonl;
}

TEST(DedupTest, RewriteWindowKeepsStoriesFarApartInTimeApart) {
  TempFile file("dated.jsonl", DatedRewrites("2025-12-20", "2026-02-20"));
  auto far = RunOn({file.path()}, DedupOptions{});
  ASSERT_TRUE(far.ok());
  EXPECT_TRUE(far->edges.empty());
  DedupOptions no_window;
  no_window.rewrite_max_days = 0;
  auto any = RunOn({file.path()}, no_window);
  ASSERT_TRUE(any.ok());
  ASSERT_EQ(any->edges.size(), 1u);
  EXPECT_EQ(any->edges[0].relation, Relation::kRewrite);
}

// The rewrite window includes its edge (7 days apart is within --rewrite-days 7), also
// where the rare-term index skips documents outside it before the exact filter (the
// times end their minutes, where the index, which keeps minutes, is tightest).
TEST(DedupTest, RewriteWindowEdgeIsInside) {
  TempFile edge("edge.jsonl", DatedRewrites("2025-12-20T10:00:59Z", "2025-12-27T10:00:59Z"));
  auto inside = RunOn({edge.path()}, DedupOptions{});
  ASSERT_TRUE(inside.ok());
  ASSERT_EQ(inside->edges.size(), 1u);
  EXPECT_EQ(inside->edges[0].relation, Relation::kRewrite);
  TempFile past("past.jsonl", DatedRewrites("2025-12-20T10:00:59Z", "2025-12-27T10:01:00Z"));
  auto outside = RunOn({past.path()}, DedupOptions{});
  ASSERT_TRUE(outside.ok());
  EXPECT_TRUE(outside->edges.empty());
}

TEST(DedupOptionsTest, ValidateNamesTheProblem) {
  DedupOptions options;
  options.threads = 0;
  EXPECT_NE(options.Validate().message().find("threads"), absl::string_view::npos);
  options.threads = 1;
  options.analyzer.shingle.size = 0;
  EXPECT_NE(options.Validate().message().find("shingle"), absl::string_view::npos);
  options.analyzer.shingle.size = 5;
  options.screen_sigmas = -1;
  EXPECT_NE(options.Validate().message().find("screen sigmas"), absl::string_view::npos);
}

}  // namespace
}  // namespace neardup
