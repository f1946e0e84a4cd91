#include "neardup/verify/similarity.h"

#include <vector>

#include "gtest/gtest.h"

namespace neardup {
namespace {

TEST(ScoreShingleSetsTest, ExactScores) {
  struct Case {
    std::vector<uint64_t> a;
    std::vector<uint64_t> b;
    uint32_t shared;
    double jaccard;
    double a_in_b;
    double b_in_a;
  };
  const Case cases[] = {
      {{}, {}, 0, 0, 0, 0},
      {{1, 2, 3}, {}, 0, 0, 0, 0},
      {{1, 2, 3}, {1, 2, 3}, 3, 1, 1, 1},
      {{1, 2, 3, 4}, {3, 4, 5, 6}, 2, 2.0 / 6, 0.5, 0.5},
      {{1, 2}, {1, 2, 3, 4, 5, 6, 7, 8}, 2, 0.25, 1, 0.25},
      {{5, 9, 12}, {1, 2, 3}, 0, 0, 0, 0},
  };
  for (const Case& c : cases) {
    const PairScores s = ScoreShingleSets(c.a, c.b);
    EXPECT_EQ(s.intersection, c.shared);
    EXPECT_DOUBLE_EQ(s.jaccard, c.jaccard);
    EXPECT_DOUBLE_EQ(s.containment_a_in_b, c.a_in_b);
    EXPECT_DOUBLE_EQ(s.containment_b_in_a, c.b_in_a);
    const PairScores r = ScoreShingleSets(c.b, c.a);
    EXPECT_DOUBLE_EQ(r.containment_a_in_b, c.b_in_a);
  }
}

TEST(ClassifyPairTest, NothingBelowTheThresholdIsReported) {
  VerifyOptions options;  // Jaccard 0.5, containment off
  PairScores s;
  s.intersection = 10;
  s.jaccard = 0.4999;
  s.containment_a_in_b = 1.0;
  s.containment_b_in_a = 0.5;
  EXPECT_EQ(ClassifyPair(s, false, options), Relation::kNone);
  s.jaccard = 0.5;
  EXPECT_EQ(ClassifyPair(s, false, options), Relation::kNearDuplicate);
  EXPECT_EQ(ClassifyPair(s, true, options), Relation::kExact);
  s.jaccard = 0.3;
  options.containment_threshold = 0.9;
  EXPECT_EQ(ClassifyPair(s, false, options), Relation::kContained);
  s.containment_a_in_b = 0.89;
  EXPECT_EQ(ClassifyPair(s, false, options), Relation::kNone);
  PairScores none;
  EXPECT_EQ(ClassifyPair(none, true, options), Relation::kNone);  // empty texts
}

TEST(VerifyOptionsTest, Validate) {
  EXPECT_TRUE(VerifyOptions{}.Validate().ok());
  EXPECT_FALSE(VerifyOptions{.jaccard_threshold = 0}.Validate().ok());
  EXPECT_FALSE(VerifyOptions{.jaccard_threshold = 1.5}.Validate().ok());
  EXPECT_FALSE((VerifyOptions{.jaccard_threshold = 0.5, .containment_threshold = -1}.Validate().ok()));
}

TEST(RelationNameTest, NamesEveryRelation) {
  EXPECT_EQ(RelationName(Relation::kExact), "exact");
  EXPECT_EQ(RelationName(Relation::kNearDuplicate), "near_duplicate");
  EXPECT_EQ(RelationName(Relation::kContained), "contained");
  EXPECT_EQ(RelationName(Relation::kRewrite), "rewrite");
  EXPECT_EQ(RelationName(Relation::kNone), "none");
}

}  // namespace
}  // namespace neardup
