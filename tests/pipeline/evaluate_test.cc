#include "neardup/pipeline/evaluate.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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
  // The hard negative d is paired with c only: precision 0 for both.
  EXPECT_DOUBLE_EQ(r->by_relation[2].precision, 0.0);
  EXPECT_EQ(r->by_relation[3].predicted_pairs, 1u);
  EXPECT_DOUBLE_EQ(r->by_relation[3].precision, 0.0);
  EXPECT_DOUBLE_EQ(r->by_relation[3].f1, 0.0);
  // One near-duplicate relation only: no group of copies.
  EXPECT_FALSE(r->copies.has_value());
  EXPECT_EQ(table.str().find("as one class"), std::string::npos);
}

// Kinds of copy as `neardup gen` writes them in column 4.
const char kGenGold[] =
    "id\tcluster\trelation\tkind\n"
    "a\tc1\toriginal\toriginal\nb\tc1\tnear_duplicate\tfurniture\nc\tc1\tcontained\texcerpt\n"
    "d\tc1\trewrite\trewrite\ne\tc2\thard_negative\thard_negative\n"
    "f\tc3\toriginal\toriginal\ng\tc3\tnear_duplicate\tlight_edit\n";

TEST(EvaluateTest, NearDuplicateAndContainedCopiesScoredAsOneClass) {
  EvalOptions o;
  o.gold_path = WriteTemp("gold4.tsv", kGenGold);
  // {a,b,c,e} {d} {f} {g}: the hard negative e is merged with the first story.
  o.predicted_path = WriteTemp("pred4.tsv", "a\t1\nb\t1\nc\t1\nd\t2\ne\t1\nf\t3\ng\t4\n");
  o.labels.relation_column = 4;
  auto r = Evaluate(o);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->by_relation.size(), 6u);
  EXPECT_EQ(r->by_relation[3].name, "furniture");
  // furniture b: predicted pairs (a,b) (b,c) (b,e), two right.
  EXPECT_EQ(r->by_relation[3].predicted_pairs, 3u);
  EXPECT_NEAR(r->by_relation[3].precision, 2.0 / 3, 1e-12);
  EXPECT_EQ(r->copy_relations, (std::vector<std::string>{"furniture", "excerpt", "light_edit"}));
  ASSERT_TRUE(r->copies.has_value());
  const ClassScores& c = *r->copies;
  // Gold pairs with the original: (a,b) (a,c) (f,g), the first two found. Predicted
  // pairs touching b, c or g: (a,b) (a,c) (b,c) (b,e) (c,e) - (b,c) once, not once per
  // kind - of which the first three are right.
  EXPECT_EQ(c.documents, 3u);
  EXPECT_EQ(c.gold_pairs, 3u);
  EXPECT_EQ(c.found_pairs, 2u);
  EXPECT_EQ(c.predicted_pairs, 5u);
  EXPECT_EQ(c.correct_pairs, 3u);
  EXPECT_NEAR(c.recall, 2.0 / 3, 1e-12);
  EXPECT_NEAR(c.precision, 3.0 / 5, 1e-12);
  EXPECT_NEAR(c.f1, 12.0 / 19, 1e-12);
  EXPECT_EQ(c.falsely_merged, 2u);
  std::ostringstream table;
  WriteEvalTable(*r, &table);
  EXPECT_NE(table.str().find("near-duplicate and contained copies as one class (furniture, excerpt, light_edit):\n"
                             "  precision 0.6000 (3 of 5 predicted pairs), recall 0.6667 (2 of 3 gold pairs), "
                             "F1 0.6316\n"),
            std::string::npos)
      << table.str();
  std::ostringstream json;
  WriteEvalJson(*r, &json);
  EXPECT_NE(json.str().find("\"copies\":{\"relations\":[\"furniture\",\"excerpt\",\"light_edit\"],"
                            "\"documents\":3,\"gold_pairs\":3,\"found_pairs\":2,"),
            std::string::npos)
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
  // Per relation too: without (a,c) the rewrite c has no gold pair and, alone, no
  // predicted pair; (b,c) is not a gold pair of its own (no original in it).
  ASSERT_EQ(r->by_relation.size(), 4u);
  EXPECT_EQ(r->by_relation[2].gold_pairs, 0u);
  EXPECT_DOUBLE_EQ(r->by_relation[2].f1, 1.0);
  EXPECT_EQ(r->by_relation[1].predicted_pairs, 1u);
  EXPECT_DOUBLE_EQ(r->by_relation[1].precision, 1.0);
}

}  // namespace
}  // namespace neardup
