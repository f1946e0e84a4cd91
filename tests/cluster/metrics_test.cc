#include "neardup/cluster/metrics.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace neardup {
namespace {

struct AriCase {
  std::vector<uint32_t> gold;
  std::vector<uint32_t> pred;
  double ari;  // as sklearn.metrics.adjusted_rand_score gives it
};

TEST(MetricsTest, AdjustedRandMatchesKnownValues) {
  const std::vector<AriCase> cases = {
      {{0, 0, 1, 1}, {0, 0, 1, 1}, 1.0},
      {{0, 0, 1, 1}, {5, 5, 3, 3}, 1.0},          // labels are names only
      {{0, 0, 1, 2}, {0, 0, 1, 1}, 4.0 / 7.0},    // sklearn docs: 0.5714...
      {{0, 0, 1, 1}, {0, 0, 1, 2}, 4.0 / 7.0},    // symmetric
      {{0, 0, 0, 0}, {0, 1, 2, 3}, 0.0},
      {{0, 0, 1, 1}, {0, 1, 0, 1}, -0.5},
      {{0, 1, 2, 3}, {0, 1, 2, 3}, 1.0},          // all singletons: the special case
      // By hand: cells 3,1 | 2,2 | 1,1 give index 5; gold pairs 13, predicted 9, of 45:
      // expected 13*9/45 = 2.6, max 11, ARI (5 - 2.6) / (11 - 2.6) = 2/7.
      {{0, 0, 0, 0, 1, 1, 1, 1, 2, 2}, {0, 0, 0, 1, 1, 1, 2, 2, 2, 3}, 2.0 / 7.0},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const ClusteringScores s = ScoreClustering(cases[i].gold, cases[i].pred);
    EXPECT_NEAR(s.adjusted_rand, cases[i].ari, 1e-12) << "case " << i;
  }
}

TEST(MetricsTest, PairwiseOnTinyCase) {
  // gold {0,1,2} {3,4}; predicted {0,1} {2,3,4}.
  const ClusteringScores s = ScoreClustering(std::vector<uint32_t>{0, 0, 0, 1, 1},
                                             std::vector<uint32_t>{0, 0, 1, 1, 1});
  EXPECT_EQ(s.documents, 5u);
  EXPECT_EQ(s.gold_clusters, 2u);
  EXPECT_EQ(s.predicted_clusters, 2u);
  EXPECT_EQ(s.pairs.gold, 4u);
  EXPECT_EQ(s.pairs.predicted, 4u);
  EXPECT_EQ(s.pairs.both, 2u);
  EXPECT_DOUBLE_EQ(s.pairwise.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.pairwise.recall, 0.5);
  EXPECT_DOUBLE_EQ(s.pairwise.f1, 0.5);
  // B-cubed by hand: precision (2*2/2 + 1*1/3 + 2*2/3) / 5 = 11/15; recall likewise.
  EXPECT_NEAR(s.bcubed.precision, 11.0 / 15.0, 1e-12);
  EXPECT_NEAR(s.bcubed.recall, 11.0 / 15.0, 1e-12);
}

TEST(MetricsTest, BcubedSeparatesPrecisionFromRecall) {
  // One gold cluster split in two: every document is precise, each finds half its
  // cluster (Amigó et al. 2009, the "cluster completeness" constraint).
  const ClusteringScores split = ScoreClustering(std::vector<uint32_t>{0, 0, 0, 0},
                                                 std::vector<uint32_t>{0, 0, 1, 1});
  EXPECT_DOUBLE_EQ(split.bcubed.precision, 1.0);
  EXPECT_DOUBLE_EQ(split.bcubed.recall, 0.5);
  EXPECT_NEAR(split.bcubed.f1, 2.0 / 3.0, 1e-12);
  // Everything merged into one: recall 1, precision (3*3/5 + 2*2/5) / 5 = 13/25.
  const ClusteringScores merged = ScoreClustering(std::vector<uint32_t>{0, 0, 0, 1, 1},
                                                  std::vector<uint32_t>{7, 7, 7, 7, 7});
  EXPECT_DOUBLE_EQ(merged.bcubed.recall, 1.0);
  EXPECT_NEAR(merged.bcubed.precision, 13.0 / 25.0, 1e-12);
  EXPECT_DOUBLE_EQ(merged.pairwise.recall, 1.0);
  EXPECT_NEAR(merged.pairwise.precision, 4.0 / 10.0, 1e-12);
}

TEST(MetricsTest, ExcludedPairsLeavePairwiseCountsOnly) {
  const std::vector<uint32_t> gold = {0, 0, 0, 1, 1};
  const std::vector<uint32_t> pred = {0, 0, 1, 1, 1};
  // (2,3): predicted together, not gold (a false positive); (1,0): a true positive,
  // given twice and reversed; (4,4): ignored.
  const std::vector<std::pair<uint32_t, uint32_t>> excluded = {{2, 3}, {1, 0}, {0, 1}, {4, 4}};
  const ClusteringScores all = ScoreClustering(gold, pred);
  const ClusteringScores s = ScoreClustering(gold, pred, excluded);
  EXPECT_EQ(s.pairs.gold, 3u);
  EXPECT_EQ(s.pairs.predicted, 2u);
  EXPECT_EQ(s.pairs.both, 1u);
  EXPECT_DOUBLE_EQ(s.pairwise.precision, 0.5);
  EXPECT_NEAR(s.pairwise.recall, 1.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.adjusted_rand, all.adjusted_rand);
  EXPECT_DOUBLE_EQ(s.bcubed.f1, all.bcubed.f1);
}

TEST(MetricsTest, EmptyAndDegenerateInputs) {
  const ClusteringScores empty = ScoreClustering({}, {});
  EXPECT_EQ(empty.documents, 0u);
  EXPECT_DOUBLE_EQ(empty.adjusted_rand, 1.0);
  EXPECT_DOUBLE_EQ(empty.pairwise.f1, 1.0);
  // No predicted pairs at all: precision 1 by convention, recall 0.
  const ClusteringScores none = ScoreClustering(std::vector<uint32_t>{0, 0}, std::vector<uint32_t>{0, 1});
  EXPECT_DOUBLE_EQ(none.pairwise.precision, 1.0);
  EXPECT_DOUBLE_EQ(none.pairwise.recall, 0.0);
  EXPECT_DOUBLE_EQ(none.pairwise.f1, 0.0);
}

TEST(MetricsTest, ScoreByClassCountsPairsTouchingEachClass) {
  // gold {0,1,2} {3}; predicted {0,1} {2,3}. Classes: original, near_duplicate,
  // rewrite, hard_negative.
  const std::vector<uint32_t> gold = {0, 0, 0, 1};
  const std::vector<uint32_t> pred = {0, 0, 1, 1};
  const std::vector<uint32_t> cls = {0, 1, 2, 3};
  const std::vector<std::string> names = {"original", "near_duplicate", "rewrite", "hard_negative"};
  const std::vector<ClassScores> r = ScoreByClass(gold, pred, cls, names);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].name, "original");
  EXPECT_EQ(r[0].gold_pairs, 2u);
  EXPECT_EQ(r[0].found_pairs, 1u);
  EXPECT_DOUBLE_EQ(r[1].recall, 0.5);
  EXPECT_EQ(r[2].gold_pairs, 2u);
  EXPECT_EQ(r[2].found_pairs, 0u);
  EXPECT_EQ(r[2].falsely_merged, 1u);
  EXPECT_EQ(r[3].gold_pairs, 0u);
  EXPECT_DOUBLE_EQ(r[3].recall, 1.0);
  EXPECT_EQ(r[3].falsely_merged, 1u);
  EXPECT_EQ(r[0].falsely_merged, 0u);
  // Excluding the found original/near_duplicate pair leaves both classes at 0 of 1.
  const std::vector<std::pair<uint32_t, uint32_t>> excluded = {{0, 1}};
  const std::vector<ClassScores> x = ScoreByClass(gold, pred, cls, names, -1, excluded);
  EXPECT_EQ(x[0].gold_pairs, 1u);
  EXPECT_EQ(x[0].found_pairs, 0u);
  EXPECT_EQ(x[1].gold_pairs, 1u);
  EXPECT_EQ(x[2].gold_pairs, 2u);
}

TEST(MetricsTest, ScoreByClassSameClassPairCountedOnce) {
  const std::vector<uint32_t> gold = {0, 0, 0};
  const std::vector<uint32_t> pred = {0, 0, 0};
  const std::vector<uint32_t> cls = {0, 1, 1};
  const std::vector<std::string> names = {"original", "rewrite"};
  const std::vector<ClassScores> r = ScoreByClass(gold, pred, cls, names);
  EXPECT_EQ(r[1].gold_pairs, 3u);  // (0,1) (0,2) (1,2)
  EXPECT_EQ(r[1].found_pairs, 3u);
  EXPECT_EQ(r[0].gold_pairs, 2u);
  const std::vector<std::pair<uint32_t, uint32_t>> excluded = {{1, 2}};
  EXPECT_EQ(ScoreByClass(gold, pred, cls, names, -1, excluded)[1].gold_pairs, 2u);
}

TEST(MetricsTest, ScoreByClassAnchoredCountsPairsWithTheOriginal) {
  // gold {0,1,2,3} {4}; predicted {0,1} {2,3,4}. Classes: original, near_duplicate,
  // rewrite, rewrite, hard_negative; anchor: original.
  const std::vector<uint32_t> gold = {0, 0, 0, 0, 1};
  const std::vector<uint32_t> pred = {0, 0, 1, 1, 1};
  const std::vector<uint32_t> cls = {0, 1, 2, 2, 3};
  const std::vector<std::string> names = {"original", "near_duplicate", "rewrite", "hard_negative"};
  const std::vector<ClassScores> r = ScoreByClass(gold, pred, cls, names, /*anchor=*/0);
  EXPECT_EQ(r[0].gold_pairs, 3u);  // the original with each copy
  EXPECT_EQ(r[0].found_pairs, 1u);
  EXPECT_EQ(r[1].gold_pairs, 1u);
  EXPECT_EQ(r[1].found_pairs, 1u);
  EXPECT_EQ(r[2].gold_pairs, 2u);  // the rewrite-rewrite pair does not count
  EXPECT_EQ(r[2].found_pairs, 0u);
  EXPECT_EQ(r[2].documents, 2u);
  EXPECT_EQ(r[3].falsely_merged, 1u);
  const std::vector<std::pair<uint32_t, uint32_t>> excluded = {{2, 0}, {2, 3}};
  const std::vector<ClassScores> x = ScoreByClass(gold, pred, cls, names, 0, excluded);
  EXPECT_EQ(x[2].gold_pairs, 1u);
  EXPECT_EQ(x[0].gold_pairs, 2u);
  EXPECT_EQ(x[0].found_pairs, 1u);
}

TEST(MetricsTest, ScoreByClassPrecisionAndF1ByHand) {
  // gold {0,1,2} {3,4} {5} {6}; predicted {0,1,5} {2} {3,4} {6}: the hard negative 5 is
  // merged into the first story and the rewrite 2 is left alone. Predicted pairs:
  // (0,1) right, (0,5) wrong, (1,5) wrong, (3,4) right.
  const std::vector<uint32_t> gold = {0, 0, 0, 1, 1, 2, 3};
  const std::vector<uint32_t> pred = {0, 0, 1, 2, 2, 0, 3};
  const std::vector<uint32_t> cls = {0, 1, 3, 0, 2, 4, 5};
  const std::vector<std::string> names = {"original", "near_duplicate", "contained",
                                          "rewrite",  "hard_negative",  "none"};
  struct Want {
    uint64_t gold, found, predicted, correct;
    double recall, precision, f1;
  };
  auto check = [&names](const std::vector<ClassScores>& r, const std::vector<Want>& want, const char* what) {
    ASSERT_EQ(r.size(), want.size());
    for (size_t c = 0; c < want.size(); ++c) {
      SCOPED_TRACE(std::string(what) + " " + names[c]);
      EXPECT_EQ(r[c].gold_pairs, want[c].gold);
      EXPECT_EQ(r[c].found_pairs, want[c].found);
      EXPECT_EQ(r[c].predicted_pairs, want[c].predicted);
      EXPECT_EQ(r[c].correct_pairs, want[c].correct);
      EXPECT_NEAR(r[c].recall, want[c].recall, 1e-12);
      EXPECT_NEAR(r[c].precision, want[c].precision, 1e-12);
      EXPECT_NEAR(r[c].f1, want[c].f1, 1e-12);
    }
  };
  // Anchored on the original: gold pairs (0,1) (0,2) (3,4).
  const std::vector<ClassScores> r = ScoreByClass(gold, pred, cls, names, /*anchor=*/0);
  check(r,
        {
            {3, 2, 3, 2, 2.0 / 3, 2.0 / 3, 2.0 / 3},  // original: (0,1) (0,5) (3,4) predicted
            {1, 1, 2, 1, 1.0, 0.5, 2.0 / 3},          // near_duplicate: the merged 5 costs half
            {1, 1, 1, 1, 1.0, 1.0, 1.0},              // contained
            {1, 0, 0, 0, 0.0, 1.0, 0.0},              // rewrite: no predicted pairs, precision 1
            {0, 0, 2, 0, 1.0, 0.0, 0.0},              // hard_negative: no gold pairs, recall 1
            {0, 0, 0, 0, 1.0, 1.0, 1.0},              // none
        },
        "anchored");
  EXPECT_EQ(r[0].falsely_merged, 1u);
  EXPECT_EQ(r[1].falsely_merged, 1u);
  EXPECT_EQ(r[4].falsely_merged, 1u);
  // Excluding the false pair (1,5) and the missed gold pair (0,2), both given reversed:
  // near_duplicate is perfect, the rewrite has nothing left to find, the hard negative
  // is still wrongly paired with 0, and the original keeps (0,5) against it.
  const std::vector<std::pair<uint32_t, uint32_t>> excluded = {{5, 1}, {2, 0}};
  check(ScoreByClass(gold, pred, cls, names, 0, excluded),
        {
            {2, 2, 3, 2, 1.0, 2.0 / 3, 0.8},
            {1, 1, 1, 1, 1.0, 1.0, 1.0},
            {1, 1, 1, 1, 1.0, 1.0, 1.0},
            {0, 0, 0, 0, 1.0, 1.0, 1.0},
            {0, 0, 1, 0, 1.0, 0.0, 0.0},
            {0, 0, 0, 0, 1.0, 1.0, 1.0},
        },
        "excluded");
}

// The oracle: every pair and every document looked at directly, O(n^2).
TEST(MetricsTest, MatchesBruteForceOnRandomLabelings) {
  uint64_t state = 12345;
  auto next = [&state](uint32_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>((state >> 33) % n);
  };
  for (int round = 0; round < 50; ++round) {
    const uint32_t n = 1 + next(60);
    const uint32_t kg = 1 + next(12);
    const uint32_t kp = 1 + next(12);
    std::vector<uint32_t> gold(n);
    std::vector<uint32_t> pred(n);
    std::vector<uint32_t> cls(n);
    for (uint32_t i = 0; i < n; ++i) {
      gold[i] = next(kg);
      pred[i] = next(kp) * 1000;  // sparse labels
      cls[i] = next(3);
    }
    std::vector<std::pair<uint32_t, uint32_t>> excluded;
    for (int e = 0; e < 5; ++e) excluded.emplace_back(next(n), next(n));
    std::vector<std::vector<bool>> is_excluded(n, std::vector<bool>(n, false));
    for (auto [a, b] : excluded) is_excluded[a][b] = is_excluded[b][a] = true;

    uint64_t g = 0, p = 0, both = 0;
    std::vector<uint64_t> class_gold(3, 0), class_found(3, 0);
    std::vector<uint64_t> anchored_gold(3, 0), anchored_found(3, 0);  // anchor: class 0
    std::vector<uint64_t> class_predicted(3, 0), class_correct(3, 0);
    double bp = 0, br = 0;
    for (uint32_t i = 0; i < n; ++i) {
      double same_both = 0, same_pred = 0, same_gold = 0;
      for (uint32_t j = 0; j < n; ++j) {
        same_both += gold[i] == gold[j] && pred[i] == pred[j];
        same_pred += pred[i] == pred[j];
        same_gold += gold[i] == gold[j];
        if (j <= i || is_excluded[i][j]) continue;
        g += gold[i] == gold[j];
        p += pred[i] == pred[j];
        both += gold[i] == gold[j] && pred[i] == pred[j];
        if (pred[i] == pred[j]) {
          for (uint32_t c = 0; c < 3; ++c) {
            if (cls[i] != c && cls[j] != c) continue;
            ++class_predicted[c];
            class_correct[c] += gold[i] == gold[j];
          }
        }
        if (gold[i] == gold[j]) {
          for (uint32_t c = 0; c < 3; ++c) {
            if (cls[i] != c && cls[j] != c) continue;
            ++class_gold[c];
            class_found[c] += pred[i] == pred[j];
          }
          if (cls[i] == 0 || cls[j] == 0) {
            const uint32_t other = cls[i] == 0 ? cls[j] : cls[i];
            ++anchored_gold[0];
            anchored_found[0] += pred[i] == pred[j];
            if (other != 0) {
              ++anchored_gold[other];
              anchored_found[other] += pred[i] == pred[j];
            }
          }
        }
      }
      bp += same_both / same_pred;
      br += same_both / same_gold;
    }
    const ClusteringScores s = ScoreClustering(gold, pred, excluded);
    EXPECT_EQ(s.pairs.gold, g) << round;
    EXPECT_EQ(s.pairs.predicted, p) << round;
    EXPECT_EQ(s.pairs.both, both) << round;
    EXPECT_NEAR(s.bcubed.precision, bp / n, 1e-12) << round;
    EXPECT_NEAR(s.bcubed.recall, br / n, 1e-12) << round;
    EXPECT_NEAR(ScoreClustering(pred, gold).adjusted_rand, ScoreClustering(gold, pred).adjusted_rand, 1e-12);
    const std::vector<std::string> names = {"x", "y", "z"};
    const std::vector<ClassScores> r = ScoreByClass(gold, pred, cls, names, -1, excluded);
    for (uint32_t c = 0; c < 3; ++c) {
      EXPECT_EQ(r[c].gold_pairs, class_gold[c]) << round << " class " << c;
      EXPECT_EQ(r[c].found_pairs, class_found[c]) << round << " class " << c;
      EXPECT_EQ(r[c].predicted_pairs, class_predicted[c]) << round << " class " << c;
      EXPECT_EQ(r[c].correct_pairs, class_correct[c]) << round << " class " << c;
      const double precision =
          class_predicted[c] == 0 ? 1.0 : static_cast<double>(class_correct[c]) / class_predicted[c];
      const double recall = class_gold[c] == 0 ? 1.0 : static_cast<double>(class_found[c]) / class_gold[c];
      EXPECT_NEAR(r[c].precision, precision, 1e-12) << round << " class " << c;
      EXPECT_NEAR(r[c].f1, precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall), 1e-12)
          << round << " class " << c;
    }
    const std::vector<ClassScores> a = ScoreByClass(gold, pred, cls, names, 0, excluded);
    for (uint32_t c = 0; c < 3; ++c) {
      EXPECT_EQ(a[c].gold_pairs, anchored_gold[c]) << round << " anchored class " << c;
      EXPECT_EQ(a[c].found_pairs, anchored_found[c]) << round << " anchored class " << c;
      // Precision does not depend on the anchor.
      EXPECT_EQ(a[c].predicted_pairs, class_predicted[c]) << round << " anchored class " << c;
      EXPECT_EQ(a[c].correct_pairs, class_correct[c]) << round << " anchored class " << c;
    }
  }
}

}  // namespace
}  // namespace neardup
