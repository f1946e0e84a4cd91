#include "neardup/verify/similarity.h"

#include <algorithm>
#include <optional>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace neardup {
namespace {

TEST(ScoreShingleSetsTest, ExactScores) {
  struct Case {
    std::vector<ShingleKey> a;
    std::vector<ShingleKey> b;
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

// For every shared count, ClassifyPair finds a relation exactly from MinSharedForRelation
// on (sizes, thresholds and same_text varied; the sentinel when no count reaches one).
TEST(MinSharedForRelationTest, IsTheFirstCountWithARelation) {
  for (const size_t na : {0, 1, 2, 7, 40, 333}) {
    for (const size_t nb : {0, 1, 3, 40, 500}) {
      for (const double jaccard : {0.01, 0.5, 0.9, 1.0}) {
        for (const double containment : {0.0, 0.3, 0.8, 1.0}) {
          for (const bool same_text : {false, true}) {
            const VerifyOptions options{jaccard, containment};
            const size_t min_shared = MinSharedForRelation(na, nb, same_text, options);
            ASSERT_GE(min_shared, 1u);
            ASSERT_LE(min_shared, std::min(na, nb) + 1);
            for (size_t c = 0; c <= std::min(na, nb); ++c) {
              const bool related = ClassifyPair(ScoresFromCounts(c, na, nb), same_text, options) != Relation::kNone;
              ASSERT_EQ(related, c >= min_shared)
                  << na << " " << nb << " " << jaccard << " " << containment << " " << same_text << " c=" << c;
            }
          }
        }
      }
    }
  }
}

// ScoreShingleSetsIfShared gives ScoreShingleSets' scores, or nullopt only when fewer than
// min_shared are shared; random sets of many sizes and overlaps, every threshold.
TEST(ScoreShingleSetsIfSharedTest, AgreesWithScoreShingleSets) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 300; ++round) {
    const size_t n = rng() % 400;
    std::vector<ShingleKey> a, b;
    for (size_t k = 0; k < n; ++k) {
      const auto v = static_cast<ShingleKey>(rng() % 1000);
      const int where = static_cast<int>(rng() % 4);
      if (where != 1) a.push_back(v);
      if (where != 2) b.push_back(v);
    }
    for (auto* v : {&a, &b}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    const PairScores full = ScoreShingleSets(a, b);
    for (size_t min_shared = 0; min_shared <= std::min(a.size(), b.size()) + 1; ++min_shared) {
      const std::optional<PairScores> got = ScoreShingleSetsIfShared(a, b, min_shared);
      if (!got) {
        ASSERT_LT(full.intersection, min_shared);
        continue;
      }
      ASSERT_EQ(got->intersection, full.intersection);
      ASSERT_EQ(got->jaccard, full.jaccard);
      ASSERT_EQ(got->containment_a_in_b, full.containment_a_in_b);
      ASSERT_EQ(got->containment_b_in_a, full.containment_b_in_a);
    }
    // Far below the count, most pairs stop early.
    if (full.intersection + 2 < std::min(a.size(), b.size())) {
      EXPECT_FALSE(ScoreShingleSetsIfShared(a, b, full.intersection + 1).has_value());
    }
  }
}

// ClassifyShingleSets gives ClassifyPair(ScoreShingleSets) and its scores, for sets near
// and far from every threshold.
TEST(ClassifyShingleSetsTest, AgreesWithClassifyPair) {
  std::mt19937_64 rng(12);
  size_t related = 0, unrelated = 0;
  for (int round = 0; round < 600; ++round) {
    const size_t n = 1 + rng() % 300;
    const int split = static_cast<int>(rng() % 10);  // how often a value is in one set only
    std::vector<ShingleKey> a, b;
    for (size_t k = 0; k < n; ++k) {
      const auto v = static_cast<ShingleKey>(rng() % 100000);
      const int where = static_cast<int>(rng() % 20);
      if (where >= split || where % 2 == 0) a.push_back(v);
      if (where >= split || where % 2 == 1) b.push_back(v);
    }
    for (auto* v : {&a, &b}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    for (const VerifyOptions options : {VerifyOptions{0.5, 0.0}, VerifyOptions{0.5, 0.8}, VerifyOptions{0.8, 0.0}}) {
      for (const bool same_text : {false, true}) {
        const PairScores full = ScoreShingleSets(a, b);
        const Relation expected = ClassifyPair(full, same_text, options);
        PairScores got;
        ASSERT_EQ(ClassifyShingleSets(a, b, same_text, options, &got), expected);
        if (expected == Relation::kNone) {
          ++unrelated;
          continue;
        }
        ++related;
        EXPECT_EQ(got.intersection, full.intersection);
        EXPECT_EQ(got.jaccard, full.jaccard);
        EXPECT_EQ(got.containment_a_in_b, full.containment_a_in_b);
        EXPECT_EQ(got.containment_b_in_a, full.containment_b_in_a);
      }
    }
  }
  EXPECT_GT(related, 100u);
  EXPECT_GT(unrelated, 100u);
}

}  // namespace
}  // namespace neardup
