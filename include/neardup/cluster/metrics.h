// Scores a predicted clustering against a gold one: the adjusted Rand index, pairwise
// precision/recall/F1 and B-cubed precision/recall/F1 (definitions in docs/eval.md).
// Pure arithmetic on two label vectors of equal length (one label per document; labels
// are arbitrary integers, only equality matters). Pair counts are exact 64-bit integers;
// ARI is computed from the contingency table in long double.
//
//   ClusteringScores s = ScoreClustering(gold_labels, predicted_labels);
//   s.adjusted_rand; s.pairwise.f1; s.bcubed.precision;
#ifndef NEARDUP_CLUSTER_METRICS_H_
#define NEARDUP_CLUSTER_METRICS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/types/span.h"

namespace neardup {

// Precision, recall and their harmonic mean. A ratio with a zero denominator is 1 (no
// pair was claimed, so none was wrong; none was due, so none was missed).
struct PrecisionRecall {
  double precision = 1.0;
  double recall = 1.0;
  double f1 = 1.0;
};

// Returns precision, recall and F1 from counts: tp / (tp + fp), tp / (tp + fn).
PrecisionRecall FromCounts(uint64_t tp, uint64_t fp, uint64_t fn);

// Counts of document pairs (unordered, i < j).
struct PairCounts {
  uint64_t gold = 0;       // pairs in one gold cluster
  uint64_t predicted = 0;  // pairs in one predicted cluster
  uint64_t both = 0;       // pairs in one cluster of each (true positives)
};

struct ClusteringScores {
  uint64_t documents = 0;
  uint64_t gold_clusters = 0;
  uint64_t predicted_clusters = 0;
  // Adjusted Rand index (Hubert & Arabie 1985): 1 for identical clusterings, about 0
  // for independent ones, negative when worse than chance. Defined as 1 when both
  // clusterings are trivial in the same way (the index's denominator is 0).
  double adjusted_rand = 1.0;
  PairCounts pairs;           // after excluded pairs are taken out
  PrecisionRecall pairwise;   // over `pairs`
  PrecisionRecall bcubed;     // averaged over documents (Bagga & Baldwin 1998)
};

// Scores `predicted` against `gold` (equal lengths). `excluded` lists document pairs
// (positions below the number of documents; order within a pair and repeats do not
// matter, a pair of one document is ignored) to leave out of the pairwise counts; ARI and B-cubed always use every
// document.
ClusteringScores ScoreClustering(absl::Span<const uint32_t> gold, absl::Span<const uint32_t> predicted,
                                 absl::Span<const std::pair<uint32_t, uint32_t>> excluded = {});

// Pairwise scores of one class of documents (e.g. one relation of a copy to its
// original). Recall and precision look at different pairs: recall at the class's gold
// pairs (anchored on the original when there is one, see ScoreByClass), precision at
// every predicted pair with a member of the class.
struct ClassScores {
  std::string name;
  uint64_t documents = 0;        // documents of this class
  uint64_t gold_pairs = 0;       // gold pairs counted for this class (see ScoreByClass)
  uint64_t found_pairs = 0;      // of those, predicted in one cluster
  uint64_t predicted_pairs = 0;  // pairs in one predicted cluster with a member of this class
  uint64_t correct_pairs = 0;    // of those, in one gold cluster
  double recall = 1.0;           // found_pairs / gold_pairs (1 when there are none)
  double precision = 1.0;        // correct_pairs / predicted_pairs (1 when there are none)
  double f1 = 1.0;               // harmonic mean of precision and recall (0 when both are)
  // Documents of this class whose predicted cluster holds a document of another gold
  // cluster: false merges (what matters for hard negatives, which have no gold pairs).
  uint64_t falsely_merged = 0;
};

// Returns one ClassScores per class name, in the order of `class_names`;
// `class_of[d]` indexes `class_names`. With an `anchor` class (e.g. "original"), a
// class's gold pairs are those joining one of its documents to an anchor document of
// the same gold cluster (a copy and its original), and the anchor's are all of those;
// without one (anchor < 0), they are all gold pairs with a member of the class.
// Predicted pairs are always all pairs with a member of the class, anchor or not.
// Excluded pairs are left out of every pair count as in ScoreClustering. Runs in time
// linear in the number of documents and excluded pairs (from contingency counts).
std::vector<ClassScores> ScoreByClass(absl::Span<const uint32_t> gold, absl::Span<const uint32_t> predicted,
                                      absl::Span<const uint32_t> class_of,
                                      absl::Span<const std::string> class_names, int anchor = -1,
                                      absl::Span<const std::pair<uint32_t, uint32_t>> excluded = {});

}  // namespace neardup

#endif  // NEARDUP_CLUSTER_METRICS_H_
