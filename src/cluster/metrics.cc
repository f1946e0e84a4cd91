#include "neardup/cluster/metrics.h"

#include <algorithm>
#include <cassert>

#include "absl/container/flat_hash_map.h"

namespace neardup {
namespace {

uint64_t Pairs(uint64_t n) { return n < 2 ? 0 : n * (n - 1) / 2; }

// Relabels arbitrary labels to 0..k-1 in order of first appearance.
std::vector<uint32_t> Dense(absl::Span<const uint32_t> labels, uint32_t* count) {
  absl::flat_hash_map<uint32_t, uint32_t> ids;
  std::vector<uint32_t> out(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    out[i] = ids.try_emplace(labels[i], static_cast<uint32_t>(ids.size())).first->second;
  }
  *count = static_cast<uint32_t>(ids.size());
  return out;
}

uint64_t CellKey(uint32_t g, uint32_t p) { return (uint64_t{g} << 32) | p; }

// The contingency table of two dense labelings: cell sizes, row and column sums.
struct Contingency {
  std::vector<uint32_t> gold;  // dense gold label of each document
  std::vector<uint32_t> pred;  // dense predicted label of each document
  std::vector<uint64_t> gold_size;
  std::vector<uint64_t> pred_size;
  absl::flat_hash_map<uint64_t, uint64_t> cells;
};

Contingency Tabulate(absl::Span<const uint32_t> gold, absl::Span<const uint32_t> predicted) {
  assert(gold.size() == predicted.size());
  Contingency t;
  uint32_t ng = 0;
  uint32_t np = 0;
  t.gold = Dense(gold, &ng);
  t.pred = Dense(predicted, &np);
  t.gold_size.assign(ng, 0);
  t.pred_size.assign(np, 0);
  for (size_t i = 0; i < t.gold.size(); ++i) {
    ++t.gold_size[t.gold[i]];
    ++t.pred_size[t.pred[i]];
    ++t.cells[CellKey(t.gold[i], t.pred[i])];
  }
  return t;
}

// Returns the excluded pairs normalised (i < j), without self pairs or repeats.
std::vector<std::pair<uint32_t, uint32_t>> Normalise(absl::Span<const std::pair<uint32_t, uint32_t>> pairs,
                                                    [[maybe_unused]] size_t n) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  out.reserve(pairs.size());
  for (auto [a, b] : pairs) {
    if (a == b) continue;
    assert(a < n && b < n);
    out.emplace_back(std::min(a, b), std::max(a, b));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Pairs with at least one of `k` marked members among `n`.
uint64_t PairsTouching(uint64_t k, uint64_t n) { return k * (n - k) + Pairs(k); }

// Returns part / whole, or 1 when whole is 0.
double Ratio(uint64_t part, uint64_t whole) {
  return whole == 0 ? 1.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// Returns the harmonic mean of precision and recall, 0 when both are 0.
double F1(double precision, double recall) {
  return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
}

}  // namespace

PrecisionRecall FromCounts(uint64_t tp, uint64_t fp, uint64_t fn) {
  PrecisionRecall r;
  r.precision = Ratio(tp, tp + fp);
  r.recall = Ratio(tp, tp + fn);
  r.f1 = F1(r.precision, r.recall);
  return r;
}

ClusteringScores ScoreClustering(absl::Span<const uint32_t> gold, absl::Span<const uint32_t> predicted,
                                 absl::Span<const std::pair<uint32_t, uint32_t>> excluded) {
  const Contingency t = Tabulate(gold, predicted);
  ClusteringScores s;
  s.documents = t.gold.size();
  s.gold_clusters = t.gold_size.size();
  s.predicted_clusters = t.pred_size.size();

  uint64_t index = 0;
  long double bcubed_p = 0;
  long double bcubed_r = 0;
  for (const auto& [key, n] : t.cells) {
    index += Pairs(n);
    const long double nn = static_cast<long double>(n) * static_cast<long double>(n);
    bcubed_p += nn / static_cast<long double>(t.pred_size[key & 0xffffffffu]);
    bcubed_r += nn / static_cast<long double>(t.gold_size[key >> 32]);
  }
  uint64_t gold_pairs = 0;
  uint64_t pred_pairs = 0;
  for (uint64_t a : t.gold_size) gold_pairs += Pairs(a);
  for (uint64_t b : t.pred_size) pred_pairs += Pairs(b);

  // ARI = (index - expected) / (max - expected), all in pair counts.
  const uint64_t total = Pairs(s.documents);
  if (total > 0) {
    const long double expected = static_cast<long double>(gold_pairs) *
                                 static_cast<long double>(pred_pairs) / static_cast<long double>(total);
    const long double max = (static_cast<long double>(gold_pairs) + static_cast<long double>(pred_pairs)) / 2;
    const long double denom = max - expected;
    s.adjusted_rand = denom == 0 ? 1.0 : static_cast<double>((static_cast<long double>(index) - expected) / denom);
  }

  if (s.documents > 0) {
    const auto n = static_cast<long double>(s.documents);
    s.bcubed.precision = static_cast<double>(bcubed_p / n);
    s.bcubed.recall = static_cast<double>(bcubed_r / n);
    s.bcubed.f1 = F1(s.bcubed.precision, s.bcubed.recall);
  }

  s.pairs = {gold_pairs, pred_pairs, index};
  for (auto [i, j] : Normalise(excluded, t.gold.size())) {
    const bool same_gold = t.gold[i] == t.gold[j];
    const bool same_pred = t.pred[i] == t.pred[j];
    s.pairs.gold -= same_gold;
    s.pairs.predicted -= same_pred;
    s.pairs.both -= same_gold && same_pred;
  }
  s.pairwise = FromCounts(s.pairs.both, s.pairs.predicted - s.pairs.both, s.pairs.gold - s.pairs.both);
  return s;
}

std::vector<ClassScores> ScoreByClass(absl::Span<const uint32_t> gold, absl::Span<const uint32_t> predicted,
                                      absl::Span<const uint32_t> class_of,
                                      absl::Span<const std::string> class_names, int anchor,
                                      absl::Span<const std::pair<uint32_t, uint32_t>> excluded) {
  assert(class_of.size() == gold.size());
  const Contingency t = Tabulate(gold, predicted);
  const size_t k = class_names.size();
  std::vector<ClassScores> out(k);
  for (size_t c = 0; c < k; ++c) out[c].name = class_names[c];

  // Members of each class per gold cluster, per predicted cluster and per contingency cell.
  absl::flat_hash_map<uint64_t, uint64_t> in_gold;  // (gold, class) -> count
  absl::flat_hash_map<uint64_t, uint64_t> in_pred;  // (pred, class) -> count
  absl::flat_hash_map<uint64_t, uint64_t> in_cell;  // ((gold, pred), class) -> count
  absl::flat_hash_map<uint64_t, uint32_t> cell_ids;
  for (size_t d = 0; d < t.gold.size(); ++d) {
    const uint32_t c = class_of[d];
    assert(c < k);
    ++out[c].documents;
    ++in_gold[CellKey(t.gold[d], c)];
    ++in_pred[CellKey(t.pred[d], c)];
    const uint64_t cell = CellKey(t.gold[d], t.pred[d]);
    const uint32_t cell_id = cell_ids.try_emplace(cell, static_cast<uint32_t>(cell_ids.size())).first->second;
    ++in_cell[CellKey(cell_id, c)];
    if (t.cells.at(cell) < t.pred_size[t.pred[d]]) ++out[c].falsely_merged;
  }
  // Gold pairs of the class among `n` members, `k` of the class and `a` of the anchor class.
  auto pairs_of = [anchor](uint32_t c, uint64_t k, uint64_t n, uint64_t a) -> uint64_t {
    if (anchor < 0 || static_cast<int>(c) == anchor) return PairsTouching(k, n);
    return k * a;
  };
  auto anchors_in = [anchor](const absl::flat_hash_map<uint64_t, uint64_t>& counts, uint64_t group) -> uint64_t {
    if (anchor < 0) return 0;
    const auto it = counts.find(CellKey(static_cast<uint32_t>(group), static_cast<uint32_t>(anchor)));
    return it == counts.end() ? 0 : it->second;
  };
  for (const auto& [key, count] : in_gold) {
    const uint32_t c = key & 0xffffffffu;
    out[c].gold_pairs += pairs_of(c, count, t.gold_size[key >> 32], anchors_in(in_gold, key >> 32));
  }
  for (const auto& [key, count] : in_pred) {
    out[key & 0xffffffffu].predicted_pairs += PairsTouching(count, t.pred_size[key >> 32]);
  }
  std::vector<uint64_t> cell_size(cell_ids.size());
  for (const auto& [cell, id] : cell_ids) cell_size[id] = t.cells.at(cell);
  for (const auto& [key, count] : in_cell) {
    const uint32_t c = key & 0xffffffffu;
    out[c].found_pairs += pairs_of(c, count, cell_size[key >> 32], anchors_in(in_cell, key >> 32));
    out[c].correct_pairs += PairsTouching(count, cell_size[key >> 32]);
  }
  for (auto [i, j] : Normalise(excluded, t.gold.size())) {
    const uint32_t ci = class_of[i];
    const uint32_t cj = class_of[j];
    const bool same_gold = t.gold[i] == t.gold[j];
    const bool same_pred = t.pred[i] == t.pred[j];
    // A pair touches one or two classes; with an anchor, it is a gold pair of those
    // classes only if one of its documents is an anchor.
    const bool gold_pair =
        same_gold && (anchor < 0 || static_cast<int>(ci) == anchor || static_cast<int>(cj) == anchor);
    const uint32_t touched[2] = {ci, cj};
    for (const uint32_t c : absl::MakeConstSpan(touched, ci == cj ? 1 : 2)) {
      ClassScores& r = out[c];
      if (gold_pair) {
        --r.gold_pairs;
        r.found_pairs -= same_pred;
      }
      if (same_pred) {
        --r.predicted_pairs;
        r.correct_pairs -= same_gold;
      }
    }
  }
  for (ClassScores& r : out) {
    r.recall = Ratio(r.found_pairs, r.gold_pairs);
    r.precision = Ratio(r.correct_pairs, r.predicted_pairs);
    r.f1 = F1(r.precision, r.recall);
  }
  return out;
}

}  // namespace neardup
