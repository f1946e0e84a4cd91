#include "neardup/cluster/clustering.h"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"

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
  // Joins two sets; the smaller root survives, which keeps roots deterministic. Returns
  // the surviving root.
  uint32_t Union(uint32_t x, uint32_t y) {
    x = Find(x);
    y = Find(y);
    if (x == y) return x;
    if (y < x) std::swap(x, y);
    parent_[y] = x;
    return x;
  }

 private:
  std::vector<uint32_t> parent_;
};

// The rank of a relation as a link: exact before near-duplicate before contained before
// rewrite.
int LinkRank(Relation r) {
  switch (r) {
    case Relation::kExact: return 4;
    case Relation::kNearDuplicate: return 3;
    case Relation::kContained: return 2;
    case Relation::kRewrite: return 1;
    case Relation::kNone: break;
  }
  return 0;
}

// Orders edges by strength: relation, Jaccard, the larger containment, the rewrite
// strength, then the other end's position (lower first). Returns true when `x` is the
// stronger link.
bool StrongerLink(const ScoredEdge& x, uint32_t x_other, const ScoredEdge& y, uint32_t y_other) {
  const double xc = std::max(x.scores.containment_a_in_b, x.scores.containment_b_in_a);
  const double yc = std::max(y.scores.containment_a_in_b, y.scores.containment_b_in_a);
  return std::make_tuple(LinkRank(x.relation), x.scores.jaccard, xc, x.strength,
                         -static_cast<int64_t>(x_other)) >
         std::make_tuple(LinkRank(y.relation), y.scores.jaccard, yc, y.strength,
                         -static_cast<int64_t>(y_other));
}

// Joins clusters along weak (rewrite) edges under the support rule of ClusterOptions. On
// entry the union-find holds the groups of strong edges; sizes are counted in groups.
void JoinWeakEdges(absl::Span<const ScoredEdge> edges, const ClusterOptions& options, UnionFind* uf) {
  std::vector<size_t> weak;
  for (size_t i = 0; i < edges.size(); ++i) {
    if (!IsStrongRelation(edges[i].relation)) weak.push_back(i);
  }
  std::sort(weak.begin(), weak.end(), [&](size_t x, size_t y) {
    const ScoredEdge& a = edges[x];
    const ScoredEdge& b = edges[y];
    return std::make_tuple(-a.strength, a.a, a.b) < std::make_tuple(-b.strength, b.a, b.b);
  });
  // The linked group pairs between every two current roots (both ways), merged into the
  // surviving root as clusters join, so each join attempt is one lookup.
  absl::node_hash_map<uint32_t, absl::flat_hash_map<uint32_t, uint32_t>> between;  // stable references
  absl::flat_hash_map<uint32_t, uint32_t> groups;  // by root
  absl::flat_hash_set<uint64_t> linked;
  for (const size_t i : weak) {
    const uint32_t x = uf->Find(edges[i].a);
    const uint32_t y = uf->Find(edges[i].b);
    if (x == y) continue;
    groups[x] = 1;
    groups[y] = 1;
    if (!linked.insert(uint64_t{std::min(x, y)} << 32 | std::max(x, y)).second) continue;
    ++between[x][y];
    ++between[y][x];
  }
  // In order of strength; passes repeat while clusters still join, since a join can give
  // an edge tried earlier the support it lacked.
  for (bool joined = true; joined;) {
    joined = false;
    for (const size_t i : weak) {
      const uint32_t ra = uf->Find(edges[i].a);
      const uint32_t rb = uf->Find(edges[i].b);
      if (ra == rb) continue;
      const uint32_t count = between[ra][rb];
      const uint32_t ga = groups[ra], gb = groups[rb];
      const double needed = std::max({1.0, options.min_rewrite_support * std::min(ga, gb),
                                      options.min_rewrite_support_larger * std::max(ga, gb)});
      if (static_cast<double>(count) + 1e-9 < needed) continue;
      joined = true;
      const uint32_t root = uf->Union(ra, rb);
      const uint32_t gone = root == ra ? rb : ra;
      groups[root] = ga + gb;
      auto& kept = between[root];
      auto& merged = between[gone];
      kept.erase(gone);
      merged.erase(root);
      for (const auto& [other, c] : merged) {
        kept[other] += c;
        auto& back = between[other];
        back.erase(gone);
        back[root] += c;
      }
      between.erase(gone);
    }
  }
}

}  // namespace

absl::Status ClusterOptions::Validate() const {
  if (!(min_rewrite_support >= 0.0 && min_rewrite_support <= 1.0) ||
      !(min_rewrite_support_larger >= 0.0 && min_rewrite_support_larger <= 1.0)) {
    return absl::InvalidArgumentError("rewrite support must be between 0 and 1");
  }
  return absl::OkStatus();
}

bool IsStrongRelation(Relation relation) {
  return relation == Relation::kExact || relation == Relation::kNearDuplicate ||
         relation == Relation::kContained;
}

bool BetterRepresentative(const ClusterDocInfo& x, const ClusterDocInfo& y) {
  if (x.published.has_value() != y.published.has_value()) return x.published.has_value();
  if (x.published.has_value() && *x.published != *y.published) return *x.published < *y.published;
  if (x.text_bytes != y.text_bytes) return x.text_bytes > y.text_bytes;
  return x.id < y.id;
}

Clustering ClusterEdges(absl::Span<const ClusterDocInfo> docs, absl::Span<const ScoredEdge> edges,
                        const ClusterOptions& options) {
  const size_t n = docs.size();
  UnionFind uf(n);
  for (const ScoredEdge& e : edges) {
    if (IsStrongRelation(e.relation)) uf.Union(e.a, e.b);
  }
  JoinWeakEdges(edges, options, &uf);

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
    if (c.cluster_of[e.a] != c.cluster_of[e.b]) continue;  // a weak edge that did not join
    for (const auto& [self, other] : {std::pair{e.a, e.b}, std::pair{e.b, e.a}}) {
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
  for (uint32_t k = 0; k < c.size.size(); ++k) {
    if (c.size[k] > options.warn_size) c.oversized.push_back(k);
  }
  return c;
}

}  // namespace neardup
