#include "neardup/pipeline/evaluate.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace neardup {
namespace {

std::string WriteTemp(const std::string& name, const std::string& content) {
  const std::string path = ::testing::TempDir() + "/evaluate_test_" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

const char kGold[] =
    "id\tcluster\trelation\n"
    "a\tc1\toriginal\nb\tc1\tnear_duplicate\nc\tc1\trewrite\nd\tc2\thard_negative\n";

TEST(EvaluateTest, JoinsByIdWhateverTheOrder) {
  EvalOptions o;
  o.gold_path = WriteTemp("gold.tsv", kGold);
  o.predicted_path = WriteTemp(
      "pred.jsonl",
      "{\"id\":\"d\",\"cluster\":1}\n{\"id\":\"c\",\"cluster\":1}\n{\"id\":\"b\",\"cluster\":0}\n"
      "{\"id\":\"a\",\"cluster\":0}\n");
  auto r = Evaluate(o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->gold_format, "tsv");
  EXPECT_EQ(r->predicted_format, "verdicts");
  EXPECT_EQ(r->scores.documents, 4u);
  EXPECT_EQ(r->scores.pairs.gold, 3u);
  EXPECT_EQ(r->scores.pairs.predicted, 2u);
  EXPECT_EQ(r->scores.pairs.both, 1u);
  ASSERT_EQ(r->by_relation.size(), 4u);
  EXPECT_EQ(r->by_relation[2].name, "rewrite");
  EXPECT_DOUBLE_EQ(r->by_relation[2].recall, 0.0);
  EXPECT_EQ(r->by_relation[3].name, "hard_negative");
  EXPECT_EQ(r->by_relation[3].falsely_merged, 1u);
  std::ostringstream table;
  WriteEvalTable(*r, &table);
  EXPECT_NE(table.str().find("hard_negative"), std::string::npos);
  std::ostringstream json;
  WriteEvalJson(*r, &json);
  EXPECT_NE(json.str().find("\"rewrite\":{\"documents\":1,\"gold_pairs\":1,\"found_pairs\":0"), std::string::npos)
      << json.str();
}

TEST(EvaluateTest, MissingDocumentsAreAnErrorOrSingletons) {
  EvalOptions o;
  o.gold_path = WriteTemp("gold2.tsv", kGold);
  o.predicted_path = WriteTemp("pred2.tsv", "a\t1\nb\t1\nzz\t2\n");
  auto r = Evaluate(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(std::string(r.status().message()).find("2 document(s)"), std::string::npos) << r.status();
  EXPECT_NE(std::string(r.status().message()).find("c, d"), std::string::npos) << r.status();
  o.missing = MissingPolicy::kSingleton;
  r = Evaluate(o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->only_in_gold, 2u);
  EXPECT_EQ(r->only_in_predicted, 1u);
  EXPECT_EQ(r->scores.documents, 5u);
  EXPECT_EQ(r->scores.pairs.predicted, 1u);
}

TEST(EvaluateTest, ExcludedPairsLeavePairwiseScores) {
  EvalOptions o;
  o.gold_path = WriteTemp("gold3.tsv", kGold);
  o.predicted_path = WriteTemp("pred3.tsv", "a\t1\nb\t1\nc\t2\nd\t3\n");
  o.exclude_pairs_path = WriteTemp("pairs3.tsv", "a\tc\nb\tc\nq\ta\n");
  auto r = Evaluate(o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->excluded_pairs, 3u);
  EXPECT_EQ(r->excluded_unknown, 1u);
  EXPECT_DOUBLE_EQ(r->scores.pairwise.recall, 1.0);
  EXPECT_DOUBLE_EQ(r->scores.pairwise.precision, 1.0);
  EXPECT_LT(r->scores.bcubed.recall, 1.0);
}

}  // namespace
}  // namespace neardup
