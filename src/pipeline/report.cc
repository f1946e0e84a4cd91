#include "neardup/pipeline/report.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "neardup/base/json_writer.h"
#include "neardup/base/strings.h"

namespace neardup {
namespace {

// Writes the rewrite evidence of a rewrite edge (nothing for other relations).
void WriteRewriteEvidence(const ScoredEdge& e, double coverage, double reverse_coverage,
                          JsonWriter* w) {
  if (e.relation != Relation::kRewrite) return;
  w->Key("coverage");
  w->Double(coverage);
  w->Key("reverse_coverage");
  w->Double(reverse_coverage);
  w->Key("order");
  w->Double(e.order);
  w->Key("aligned_sentences");
  w->Int(e.aligned_sentences);
}

// The edge that ties a document into its cluster, seen from the document.
struct Link {
  uint32_t other = 0;
  const ScoredEdge* edge = nullptr;
  double containment = 0;          // this document inside the other
  double reverse_containment = 0;  // the other inside this document
  double coverage = 0;             // rewrite: this document's content aligned with the other
  double reverse_coverage = 0;
};

std::optional<Link> LinkOf(const DedupResult& result, uint32_t doc) {
  const int64_t e = result.clustering.link[doc];
  if (e < 0) return std::nullopt;
  const ScoredEdge& edge = result.edges[static_cast<size_t>(e)];
  const bool is_a = edge.a == doc;
  Link link;
  link.edge = &edge;
  link.other = is_a ? edge.b : edge.a;
  link.containment = is_a ? edge.scores.containment_a_in_b : edge.scores.containment_b_in_a;
  link.reverse_containment = is_a ? edge.scores.containment_b_in_a : edge.scores.containment_a_in_b;
  link.coverage = is_a ? edge.coverage_a : edge.coverage_b;
  link.reverse_coverage = is_a ? edge.coverage_b : edge.coverage_a;
  return link;
}

// Returns the documents of every cluster, in input order.
std::vector<std::vector<uint32_t>> MembersByCluster(const DedupResult& result) {
  const Clustering& c = result.clustering;
  std::vector<std::vector<uint32_t>> members(c.representative.size());
  for (uint32_t d = 0; d < result.docs.size(); ++d) members[c.cluster_of[d]].push_back(d);
  return members;
}

}  // namespace

void WriteVerdictObject(const VerdictFields& f, JsonWriter* w, const std::function<void()>& extra) {
  w->BeginObject();
  w->Key("id");
  w->String(f.id);
  w->Key("cluster");
  w->Int(static_cast<int64_t>(f.cluster));
  w->Key("representative");
  w->String(f.representative);
  if (extra) extra();
  w->Key("duplicate_of");
  if (f.link != nullptr) {
    const ScoredEdge& e = *f.link;
    // "containment": how much of this document lies in the other.
    const double containment = f.self_is_a ? e.scores.containment_a_in_b : e.scores.containment_b_in_a;
    const double reverse = f.self_is_a ? e.scores.containment_b_in_a : e.scores.containment_a_in_b;
    w->BeginObject();
    w->Key("id");
    w->String(f.link_id);
    w->Key("relation");
    w->String(RelationName(e.relation));
    w->Key("jaccard");
    w->Double(e.scores.jaccard);
    w->Key("containment");
    w->Double(containment);
    w->Key("reverse_containment");
    w->Double(reverse);
    WriteRewriteEvidence(e, f.self_is_a ? e.coverage_a : e.coverage_b,
                         f.self_is_a ? e.coverage_b : e.coverage_a, w);
    w->EndObject();
  } else {
    w->Null();
  }
  w->EndObject();
}

void WriteVerdicts(const DedupResult& result, std::ostream* out) {
  JsonWriter w;
  const Clustering& c = result.clustering;
  for (uint32_t d = 0; d < result.docs.size(); ++d) {
    w.Clear();
    const uint32_t cluster = c.cluster_of[d];
    VerdictFields f;
    f.id = result.docs[d].id;
    f.cluster = cluster;
    f.representative = result.docs[c.representative[cluster]].id;
    if (c.link[d] >= 0) {
      f.link = &result.edges[static_cast<size_t>(c.link[d])];
      f.self_is_a = f.link->a == d;
      f.link_id = result.docs[f.self_is_a ? f.link->b : f.link->a].id;
    }
    WriteVerdictObject(f, &w);
    *out << w.str() << '\n';
  }
}

void WriteClusters(const DedupResult& result, std::ostream* out) {
  const Clustering& c = result.clustering;
  const std::vector<std::vector<uint32_t>> members = MembersByCluster(result);
  JsonWriter w;
  for (uint32_t k = 0; k < members.size(); ++k) {
    w.Clear();
    w.BeginObject();
    w.Key("cluster");
    w.Int(k);
    w.Key("size");
    w.Int(static_cast<int64_t>(members[k].size()));
    w.Key("representative");
    w.String(result.docs[c.representative[k]].id);
    w.Key("members");
    w.BeginArray();
    for (const uint32_t d : members[k]) w.String(result.docs[d].id);
    w.EndArray();
    w.EndObject();
    *out << w.str() << '\n';
  }
}

void WritePairs(const DedupResult& result, std::ostream* out) {
  JsonWriter w;
  for (const ScoredEdge& e : result.edges) {
    w.Clear();
    w.BeginObject();
    w.Key("a");
    w.String(result.docs[e.a].id);
    w.Key("b");
    w.String(result.docs[e.b].id);
    w.Key("relation");
    w.String(RelationName(e.relation));
    w.Key("jaccard");
    w.Double(e.scores.jaccard);
    w.Key("containment_a_in_b");
    w.Double(e.scores.containment_a_in_b);
    w.Key("containment_b_in_a");
    w.Double(e.scores.containment_b_in_a);
    WriteRewriteEvidence(e, e.coverage_a, e.coverage_b, &w);
    w.EndObject();
    *out << w.str() << '\n';
  }
}

void WriteTextReport(const DedupResult& result, std::ostream* out) {
  const Clustering& c = result.clustering;
  const std::vector<std::vector<uint32_t>> members = MembersByCluster(result);
  size_t alone = 0;
  size_t shown = 0;
  for (uint32_t k = 0; k < members.size(); ++k) {
    if (members[k].size() < 2) {
      ++alone;
      continue;
    }
    ++shown;
    const uint32_t rep = c.representative[k];
    *out << absl::StrFormat("cluster %d: %d documents\n", k, members[k].size());
    *out << absl::StrFormat("  %-40s representative (%d bytes)\n", result.docs[rep].id,
                            result.docs[rep].text_bytes);
    for (const uint32_t d : members[k]) {
      if (d == rep) continue;
      const auto link = LinkOf(result, d);
      *out << absl::StrFormat("  %-40s %s of %s  jaccard %s  containment %s/%s",
                              result.docs[d].id, RelationName(link->edge->relation),
                              result.docs[link->other].id, FormatScore(link->edge->scores.jaccard),
                              FormatScore(link->containment),
                              FormatScore(link->reverse_containment));
      if (link->edge->relation == Relation::kRewrite) {
        *out << absl::StrFormat("  coverage %s/%s  order %s", FormatScore(link->coverage),
                                FormatScore(link->reverse_coverage),
                                FormatScore(link->edge->order));
      }
      *out << '\n';
    }
    *out << '\n';
  }
  if (shown == 0) *out << "no clusters with copies\n";
  *out << absl::StrFormat("%d documents without copies:\n", alone);
  for (uint32_t k = 0; k < members.size(); ++k) {
    if (members[k].size() == 1) *out << "  " << result.docs[members[k][0]].id << '\n';
  }
}

std::string SummaryLine(const DedupResult& result) {
  std::map<std::string_view, size_t> by_relation;
  for (uint32_t d = 0; d < result.docs.size(); ++d) {
    if (const auto link = LinkOf(result, d)) ++by_relation[RelationName(link->edge->relation)];
  }
  size_t with_copies = 0;
  for (const uint32_t size : result.clustering.size) with_copies += size > 1;
  std::string line = absl::StrFormat(
      "%d documents (%.1f MB), %d skipped with errors, %d clusters with copies, %d clusters in all",
      result.stats.documents, static_cast<double>(result.stats.bytes) / 1e6, result.stats.skipped,
      with_copies, result.clustering.representative.size());
  std::string dups;
  for (const auto& [name, count] : by_relation) {
    absl::StrAppend(&dups, dups.empty() ? "" : ", ", count, " ", AsAbsl(name));
  }
  absl::StrAppend(&line, "; duplicates: ", dups.empty() ? "none" : dups);
  if (result.stats.repaired_documents > 0) {
    absl::StrAppend(&line, "; ", result.stats.repaired_documents,
                    " documents had invalid UTF-8 repaired");
  }
  if (result.stats.spilled_bytes > 0) {
    absl::StrAppendFormat(&line, "; %d MB of shingles spilled to a temporary file",
                          result.stats.spilled_bytes >> 20);
  }
  if (result.stats.rewrite_candidates > 0) {
    absl::StrAppendFormat(&line, "; rewrite candidates %d, rewrite features %d bytes",
                          result.stats.rewrite_candidates, result.stats.rewrite_feature_bytes);
  }
  absl::StrAppendFormat(&line, "; candidates %d", result.stats.candidates);
  if (result.stats.screened_pairs > 0) {
    absl::StrAppendFormat(&line, " (%d screened out by their sketches)", result.stats.screened_pairs);
  }
  absl::StrAppendFormat(&line, ", verified pairs %d, index %d bytes; %.2f s", result.stats.verified_pairs,
                        result.stats.index_bytes, result.stats.seconds);
  absl::StrAppendFormat(&line, " (streaming pass %.2f s", result.stats.stream_seconds);
  if (result.stats.rewrite_candidates > 0) {
    absl::StrAppendFormat(&line, ", rewrite pairs %.2f s", result.stats.rewrite_seconds);
  }
  absl::StrAppend(&line, ")");
  return line;
}

}  // namespace neardup
