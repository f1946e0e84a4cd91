// Groups documents from verified, scored pairs. Clustering knows nothing of how the pairs
// were found: it takes edges and per-document facts and returns deterministic clusters
// (numbered by their earliest member in input order), each with a representative, and
// for every other member the edge that ties it in.
//
//   Clustering c = ClusterEdges(docs, edges);
//   c.cluster_of[doc]; c.representative[c.cluster_of[doc]]; c.link[doc];
#ifndef NEARDUP_CLUSTER_CLUSTERING_H_
#define NEARDUP_CLUSTER_CLUSTERING_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "neardup/verify/similarity.h"

namespace neardup {

// A verified pair of documents (input positions, a < b) with its relation and scores.
struct ScoredEdge {
  uint32_t a = 0;
  uint32_t b = 0;
  Relation relation = Relation::kNone;
  PairScores scores;
  // For rewrite edges: the rewrite evidence (0 for other relations). `strength` orders
  // weak edges: the larger sentence coverage of the two documents. coverage_a/b: share of
  // each document's content in aligned sentences; order: share of the alignment that
  // keeps the same order; aligned_sentences: the larger count of aligned sentences.
  double strength = 0.0;
  double coverage_a = 0.0;
  double coverage_b = 0.0;
  double order = 0.0;
  uint32_t aligned_sentences = 0;
};

// What clustering needs to know of each document to pick representatives.
struct ClusterDocInfo {
  std::string_view id;
  uint64_t text_bytes = 0;
  std::optional<absl::Time> published;
};

struct Clustering {
  std::vector<uint32_t> cluster_of;      // cluster number of each document
  std::vector<uint32_t> representative;  // representative document of each cluster
  std::vector<uint32_t> size;            // members of each cluster
  // The index in `edges` of the edge that ties each document into its cluster, or -1 for
  // representatives (and documents alone). The edge joins it to the representative when
  // such an edge exists, else it is its strongest edge.
  std::vector<int64_t> link;
  // Clusters with more than ClusterOptions::warn_size members.
  std::vector<uint32_t> oversized;
};

struct ClusterOptions {
  // Strong edges (exact, near-duplicate, contained) always join their clusters, making
  // groups of copies. A weak edge (rewrite) joins two clusters only with enough support:
  // the pairs of groups linked by weak edges between them (edges between the same two
  // groups count once, so a story syndicated to many sites counts as one) must number at
  // least `min_rewrite_support` times the smaller cluster's number of groups and
  // `min_rewrite_support_larger` times the larger's, and at least one. A document weakly
  // tied to two stories joins one and cannot bridge them, and a family of templated briefs
  // that each resemble a few others does not grow into one cluster. Defaults 0.5 and
  // 0.5; both 0 give plain connected components.
  double min_rewrite_support = 0.5;
  double min_rewrite_support_larger = 0.5;
  // Clusters larger than this are reported in Clustering::oversized. Default 1000.
  uint32_t warn_size = 1000;

  absl::Status Validate() const;
};

// Returns the clusters of the graph of `edges` over `docs.size()` documents.
// The representative of a cluster is its member with the earliest published time (members
// with a time before those without), else the longest text, ties broken by smallest id.
// Cluster numbers follow each cluster's first member in input order. Deterministic: the
// result depends on the edges as a set, not on their order.
// Strong edges are joined first; rewrite edges then in order of strength (coverage, then
// position), each under the support rule of ClusterOptions.
Clustering ClusterEdges(absl::Span<const ClusterDocInfo> docs, absl::Span<const ScoredEdge> edges,
                        const ClusterOptions& options = ClusterOptions());

// Returns true for relations that always join clusters (exact, near-duplicate, contained).
bool IsStrongRelation(Relation relation);

// Returns true when `x` should be preferred over `y` as representative.
bool BetterRepresentative(const ClusterDocInfo& x, const ClusterDocInfo& y);

}  // namespace neardup

#endif  // NEARDUP_CLUSTER_CLUSTERING_H_
