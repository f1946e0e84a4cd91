#include "neardup/cluster/clustering.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace neardup {
namespace {

ScoredEdge Edge(uint32_t a, uint32_t b, double j) {
  ScoredEdge e;
  e.a = a;
  e.b = b;
  e.relation = Relation::kNearDuplicate;
  e.scores.intersection = 1;
  e.scores.jaccard = j;
  e.scores.containment_a_in_b = j;
  e.scores.containment_b_in_a = j;
  return e;
}

std::vector<ClusterDocInfo> Docs(const std::vector<std::string>& ids, const std::vector<uint64_t>& bytes) {
  std::vector<ClusterDocInfo> out;
  for (size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], bytes[i], std::nullopt});
  return out;
}

TEST(ClusteringTest, ComponentsNumberedByFirstMember) {
  const std::vector<std::string> ids = {"a", "b", "c", "d", "e", "f"};
  const auto docs = Docs(ids, {10, 10, 10, 10, 10, 10});
  const std::vector<ScoredEdge> edges = {Edge(3, 5, 0.9), Edge(1, 4, 0.8), Edge(4, 5, 0.6)};
  const Clustering c = ClusterEdges(docs, edges);
  EXPECT_EQ(c.cluster_of, (std::vector<uint32_t>{0, 1, 2, 1, 1, 1}));
  EXPECT_EQ(c.size, (std::vector<uint32_t>{1, 4, 1}));
  EXPECT_EQ(c.link[0], -1);
  EXPECT_EQ(c.link[2], -1);
}

TEST(ClusteringTest, RepresentativeIsEarliestPublishedThenLongestThenSmallestId) {
  std::vector<std::string> ids = {"x", "y", "z"};
  auto docs = Docs(ids, {100, 300, 300});
  const std::vector<ScoredEdge> edges = {Edge(0, 1, 0.9), Edge(1, 2, 0.9)};
  EXPECT_EQ(ClusterEdges(docs, edges).representative[0], 1u);  // longest, "y" < "z"
  docs[0].published = absl::FromUnixSeconds(1000);
  docs[2].published = absl::FromUnixSeconds(2000);
  EXPECT_EQ(ClusterEdges(docs, edges).representative[0], 0u);  // published first
  docs[2].published = absl::FromUnixSeconds(10);
  EXPECT_EQ(ClusterEdges(docs, edges).representative[0], 2u);
}

TEST(ClusteringTest, MembersLinkToTheRepresentativeWhenVerifiedElseStrongestEdge) {
  const std::vector<std::string> ids = {"r", "m", "n"};
  const auto docs = Docs(ids, {500, 100, 100});
  // r-m weak but direct, m-n strong, n not verified with r.
  const std::vector<ScoredEdge> edges = {Edge(0, 1, 0.55), Edge(1, 2, 0.95)};
  const Clustering c = ClusterEdges(docs, edges);
  EXPECT_EQ(c.representative[0], 0u);
  EXPECT_EQ(c.link[0], -1);
  EXPECT_EQ(c.link[1], 0);  // direct edge to r, although m-n is stronger
  EXPECT_EQ(c.link[2], 1);
}

ScoredEdge Rewrite(uint32_t a, uint32_t b, double strength) {
  ScoredEdge e = Edge(a, b, 0.05);
  e.relation = Relation::kRewrite;
  e.strength = strength;
  return e;
}

TEST(ClusteringTest, ABridgeDocumentDoesNotChainTwoStories) {
  // Story A = {0, 1, 2}, story B = {3, 4, 5}, each fully tied by rewrites; document 6 is
  // weakly tied to two members of A and one of B.
  const std::vector<std::string> ids = {"a0", "a1", "a2", "b0", "b1", "b2", "x"};
  const auto docs = Docs(ids, {10, 10, 10, 10, 10, 10, 10});
  std::vector<ScoredEdge> edges = {Rewrite(0, 1, 0.9), Rewrite(0, 2, 0.9), Rewrite(1, 2, 0.9),
                                   Rewrite(3, 4, 0.9), Rewrite(3, 5, 0.9), Rewrite(4, 5, 0.9),
                                   Rewrite(2, 6, 0.55), Rewrite(1, 6, 0.5), Rewrite(3, 6, 0.52)};
  const Clustering c = ClusterEdges(docs, edges);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[2]);
  EXPECT_EQ(c.cluster_of[3], c.cluster_of[5]);
  EXPECT_NE(c.cluster_of[0], c.cluster_of[3]) << "the bridge merged two stories";
  EXPECT_EQ(c.cluster_of[6], c.cluster_of[2]);  // joins the story it is more tied to
  // Plain connected components (support 0) would chain them.
  ClusterOptions chain;
  chain.min_rewrite_support = 0;
  chain.min_rewrite_support_larger = 0;
  EXPECT_EQ(ClusterEdges(docs, edges, chain).cluster_of[0], ClusterEdges(docs, edges, chain).cluster_of[3]);
  // Strong edges always join.
  edges.push_back(Edge(2, 3, 0.9));
  EXPECT_EQ(ClusterEdges(docs, edges).cluster_of[0], ClusterEdges(docs, edges).cluster_of[5]);
}

TEST(ClusteringTest, OneEdgeIntoALargerStoryIsNotEnough) {
  // Story A = {0, 1, 2} tied by rewrites; document 3 resembles one of them only: the support
  // rule asks for links to half of the larger cluster's groups (2 of 3).
  const std::vector<std::string> ids = {"a0", "a1", "a2", "x"};
  const auto docs = Docs(ids, {10, 10, 10, 10});
  std::vector<ScoredEdge> edges = {Rewrite(0, 1, 0.9), Rewrite(0, 2, 0.9), Rewrite(1, 2, 0.9),
                                   Rewrite(2, 3, 0.6)};
  EXPECT_NE(ClusterEdges(docs, edges).cluster_of[3], ClusterEdges(docs, edges).cluster_of[0]);
  ClusterOptions smaller_only;
  smaller_only.min_rewrite_support_larger = 0;
  EXPECT_EQ(ClusterEdges(docs, edges, smaller_only).cluster_of[3], ClusterEdges(docs, edges, smaller_only).cluster_of[0]);
  edges.push_back(Rewrite(0, 3, 0.6));
  EXPECT_EQ(ClusterEdges(docs, edges).cluster_of[3], ClusterEdges(docs, edges).cluster_of[0]);
}

TEST(ClusteringTest, SyndicatedCopiesCountAsOneGroup) {
  // A story copied verbatim to four sites {0..3} (near-duplicate edges) and its rewrite 4,
  // aligned with two of the copies: one group of copies, linked once, is enough support;
  // counting members, the rewrite would need links to half of the four.
  const std::vector<std::string> ids = {"s0", "s1", "s2", "s3", "r"};
  const auto docs = Docs(ids, {10, 10, 10, 10, 10});
  const std::vector<ScoredEdge> edges = {Edge(0, 1, 0.9), Edge(0, 2, 0.9), Edge(0, 3, 0.9),
                                         Rewrite(0, 4, 0.7)};
  const Clustering c = ClusterEdges(docs, edges);
  EXPECT_EQ(c.cluster_of[4], c.cluster_of[0]);
  EXPECT_EQ(c.size[c.cluster_of[0]], 5u);
  // Story {0, 1, 2}: three groups tied by rewrites; document 3 and its copy 4 are one group.
  const std::vector<std::string> ids2 = {"a0", "a1", "a2", "x", "x-copy"};
  const auto docs2 = Docs(ids2, {10, 10, 10, 10, 10});
  std::vector<ScoredEdge> e2 = {Rewrite(0, 1, 0.9), Rewrite(0, 2, 0.9), Rewrite(1, 2, 0.9),
                                Edge(3, 4, 0.9), Rewrite(0, 3, 0.6), Rewrite(0, 4, 0.6)};
  EXPECT_NE(ClusterEdges(docs2, e2).cluster_of[3], ClusterEdges(docs2, e2).cluster_of[0])
      << "two edges between the same two groups count as one link";
  e2.push_back(Rewrite(1, 4, 0.6));
  EXPECT_EQ(ClusterEdges(docs2, e2).cluster_of[3], ClusterEdges(docs2, e2).cluster_of[0]);
}

TEST(ClusteringTest, WellSupportedStoriesMerge) {
  const std::vector<std::string> ids = {"a0", "a1", "b0", "b1"};
  const auto docs = Docs(ids, {10, 10, 10, 10});
  const std::vector<ScoredEdge> edges = {Rewrite(0, 1, 0.9), Rewrite(2, 3, 0.9), Rewrite(0, 2, 0.6),
                                         Rewrite(1, 3, 0.6)};
  const Clustering c = ClusterEdges(docs, edges);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[3]);  // two edges between clusters of 2: enough
}

TEST(ClusteringTest, OversizedClustersAreReported) {
  const std::vector<std::string> ids = {"a", "b", "c", "d"};
  const auto docs = Docs(ids, {1, 1, 1, 1});
  ClusterOptions options;
  options.warn_size = 2;
  const Clustering c = ClusterEdges(docs, {Edge(0, 1, 0.9), Edge(1, 2, 0.9)}, options);
  EXPECT_EQ(c.oversized, std::vector<uint32_t>{0});
}

TEST(ClusteringTest, ResultDoesNotDependOnEdgeOrder) {
  std::mt19937 rng(5);
  std::vector<std::string> ids;
  std::vector<uint64_t> bytes;
  for (int i = 0; i < 60; ++i) {
    ids.push_back("d" + std::to_string(i));
    bytes.push_back(rng() % 5);
  }
  const auto docs = Docs(ids, bytes);
  std::vector<ScoredEdge> edges;
  for (int k = 0; k < 80; ++k) {
    uint32_t a = rng() % 60;
    uint32_t b = rng() % 60;
    if (a == b) continue;
    if (a > b) std::swap(a, b);
    if (std::any_of(edges.begin(), edges.end(), [&](const ScoredEdge& e) { return e.a == a && e.b == b; })) continue;
    edges.push_back(Edge(a, b, 0.5 + (rng() % 50) / 100.0));
  }
  const Clustering c1 = ClusterEdges(docs, edges);
  auto shuffled = edges;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  const Clustering c2 = ClusterEdges(docs, shuffled);
  EXPECT_EQ(c1.cluster_of, c2.cluster_of);
  EXPECT_EQ(c1.representative, c2.representative);
  for (size_t d = 0; d < docs.size(); ++d) {
    ASSERT_EQ(c1.link[d] < 0, c2.link[d] < 0);
    if (c1.link[d] < 0) continue;
    const ScoredEdge& e1 = edges[c1.link[d]];
    const ScoredEdge& e2 = shuffled[c2.link[d]];
    EXPECT_EQ(std::make_pair(e1.a, e1.b), std::make_pair(e2.a, e2.b));
  }
}

}  // namespace
}  // namespace neardup
