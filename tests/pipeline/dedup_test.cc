#include "neardup/pipeline/dedup.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "neardup/pipeline/report.h"
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

TEST(DedupTest, LshFindsAtLeast99PercentOfExactPairsAndNothingBelowThreshold) {
  TempFile corpus("gen.jsonl", GeneratedCorpus(2, 600, 4));
  for (const double threshold : {0.5, 0.8}) {
    DedupOptions options;
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

TEST(DedupTest, RealTextFixturesMatchTheExactAnswer) {
  const std::string root = NEARDUP_SOURCE_DIR;
  DedupOptions options;
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

TEST(DedupOptionsTest, ValidateNamesTheProblem) {
  DedupOptions options;
  options.threads = 0;
  EXPECT_NE(options.Validate().message().find("threads"), absl::string_view::npos);
  options.threads = 1;
  options.analyzer.shingle.size = 0;
  EXPECT_NE(options.Validate().message().find("shingle"), absl::string_view::npos);
}

}  // namespace
}  // namespace neardup
