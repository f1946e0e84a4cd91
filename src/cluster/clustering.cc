#include "neardup/cluster/clustering.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace neardup {
namespace {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  // Joins two sets; the smaller root survives, which keeps roots deterministic.
  void Union(uint32_t x, uint32_t y) {
    x = Find(x);
    y = Find(y);
    if (x == y) return;
    if (y < x) std::swap(x, y);
    parent_[y] = x;
  }

 private:
  std::vector<uint32_t> parent_;
};

// Orders edges by strength: Jaccard, then the larger containment, then the other end's
// position (lower first). Returns true when `x` is the stronger link.
bool StrongerLink(const ScoredEdge& x, uint32_t x_other, const ScoredEdge& y, uint32_t y_other) {
  const double xc = std::max(x.scores.containment_a_in_b, x.scores.containment_b_in_a);
  const double yc = std::max(y.scores.containment_a_in_b, y.scores.containment_b_in_a);
  return std::make_tuple(x.scores.jaccard, xc, -static_cast<int64_t>(x_other)) >
         std::make_tuple(y.scores.jaccard, yc, -static_cast<int64_t>(y_other));
}

}  // namespace

bool BetterRepresentative(const ClusterDocInfo& x, const ClusterDocInfo& y) {
  if (x.published.has_value() != y.published.has_value()) return x.published.has_value();
  if (x.published.has_value() && *x.published != *y.published) return *x.published < *y.published;
  if (x.text_bytes != y.text_bytes) return x.text_bytes > y.text_bytes;
  return x.id < y.id;
}

Clustering ClusterEdges(absl::Span<const ClusterDocInfo> docs, absl::Span<const ScoredEdge> edges) {
  const size_t n = docs.size();
  UnionFind uf(n);
  for (const ScoredEdge& e : edges) uf.Union(e.a, e.b);

  Clustering c;
  c.cluster_of.assign(n, 0);
  c.link.assign(n, -1);
  // Roots are each component's smallest member, so numbering roots in input order
  // numbers clusters by their first member.
  std::vector<uint32_t> number_of_root(n, UINT32_MAX);
  for (uint32_t d = 0; d < n; ++d) {
    const uint32_t root = uf.Find(d);
    if (number_of_root[root] == UINT32_MAX) {
      number_of_root[root] = static_cast<uint32_t>(c.representative.size());
      c.representative.push_back(d);
      c.size.push_back(0);
    }
    const uint32_t cluster = number_of_root[root];
    c.cluster_of[d] = cluster;
    ++c.size[cluster];
    if (BetterRepresentative(docs[d], docs[c.representative[cluster]])) {
      c.representative[cluster] = d;
    }
  }

  // Link every member to its representative directly when that edge exists, else by its
  // strongest edge.
  std::vector<bool> linked_to_rep(n, false);
  for (size_t i = 0; i < edges.size(); ++i) {
    const ScoredEdge& e = edges[i];
    for (const auto [self, other] : {std::pair{e.a, e.b}, std::pair{e.b, e.a}}) {
      const uint32_t rep = c.representative[c.cluster_of[self]];
      if (self == rep) continue;
      const bool to_rep = other == rep;
      if (linked_to_rep[self] && !to_rep) continue;
      const int64_t current = c.link[self];
      bool take = current < 0 || (to_rep && !linked_to_rep[self]);
      if (!take) {
        const ScoredEdge& cur = edges[static_cast<size_t>(current)];
        const uint32_t cur_other = cur.a == self ? cur.b : cur.a;
        take = StrongerLink(e, other, cur, cur_other);
      }
      if (take) {
        c.link[self] = static_cast<int64_t>(i);
        linked_to_rep[self] = to_rep;
      }
    }
  }
  return c;
}

}  // namespace neardup
