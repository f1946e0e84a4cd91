#include "neardup/index/lsh_params.h"

#include <cmath>

#include "gtest/gtest.h"

namespace neardup {
namespace {

TEST(LshParamsTest, CandidateProbabilityIsTheBandingCurve) {
  EXPECT_DOUBLE_EQ(CandidateProbability(0.0, 20, 5), 0.0);
  EXPECT_DOUBLE_EQ(CandidateProbability(1.0, 20, 5), 1.0);
  EXPECT_NEAR(CandidateProbability(0.5, 1, 1), 0.5, 1e-12);
  EXPECT_NEAR(CandidateProbability(0.5, 2, 1), 0.75, 1e-12);
  EXPECT_NEAR(CandidateProbability(0.5, 1, 2), 0.25, 1e-12);
}

TEST(LshParamsTest, AreasMatchClosedForms) {
  // b = r = 1: P(s) = s, so FP = t^2/2 and FN = (1-t)^2/2.
  EXPECT_NEAR(FalsePositiveArea(0.5, 1, 1), 0.125, 1e-9);
  EXPECT_NEAR(FalseNegativeArea(0.5, 1, 1), 0.125, 1e-9);
  // b = 1, r = 2: P(s) = s^2; FP = t^3/3.
  EXPECT_NEAR(FalsePositiveArea(0.6, 1, 2), 0.072, 1e-9);
}

TEST(LshParamsTest, MatchesDatasketchChoices) {
  // datasketch's MinHashLSH(threshold=0.5, num_perm=128) picks b=25, r=5 with equal
  // weights; threshold 0.8 picks b=9, r=13.
  const LshParams p = OptimalLshParams(0.5, 128, 0.5, 0.5);
  EXPECT_EQ(p.bands, 25);
  EXPECT_EQ(p.rows, 5);
  const LshParams q = OptimalLshParams(0.8, 128, 0.5, 0.5);
  EXPECT_EQ(q.bands, 9);
  EXPECT_EQ(q.rows, 13);
}

TEST(LshParamsTest, RecallWeightedDefaultsCatchPairsAtTheThreshold) {
  for (const double t : {0.5, 0.7, 0.8}) {
    const LshParams p = OptimalLshParams(t, 128, 0.01, 0.99);
    EXPECT_LE(p.bands * p.rows, 128);
    EXPECT_GE(CandidateProbability(t, p.bands, p.rows), 0.98) << t;
  }
}

}  // namespace
}  // namespace neardup
