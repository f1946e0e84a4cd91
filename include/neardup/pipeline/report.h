// Writes the results of a deduplication run: one JSON verdict per document, one JSON
// line per cluster, or a report for a person to read. All output is deterministic.
//
//   WriteVerdicts(result, &out);   // {"id":..,"cluster":..,"representative":..,"duplicate_of":..}
//   WriteClusters(result, &out);
//   WriteTextReport(result, &out);
#ifndef NEARDUP_PIPELINE_REPORT_H_
#define NEARDUP_PIPELINE_REPORT_H_

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "neardup/base/json_writer.h"
#include "neardup/pipeline/dedup.h"

namespace neardup {

// Writes one JSON object per document, in input order:
//   {"id": "b", "cluster": 3, "representative": "a",
//    "duplicate_of": {"id": "a", "relation": "near_duplicate", "jaccard": 0.8,
//                     "containment": 0.9, "reverse_containment": 0.85}}
// `duplicate_of` is null for representatives and for documents without copies;
// `containment` is how much of this document lies in the other, `reverse_containment`
// how much of the other lies in this one. Rewrites add "coverage" and
// "reverse_coverage" (share of each document's content in aligned sentences), "order"
// and "aligned_sentences".
void WriteVerdicts(const DedupResult& result, std::ostream* out);

// What one verdict record holds (batch and live output share the shape).
struct VerdictFields {
  std::string_view id;
  uint64_t cluster = 0;
  std::string_view representative;
  const ScoredEdge* link = nullptr;  // the edge tying the document in, or nullptr
  std::string_view link_id;          // the other document of `link`
  bool self_is_a = false;            // whether the document is link->a
};

// Writes one verdict object as WriteVerdicts does; `extra`, when given, writes further
// keys and values before "duplicate_of".
void WriteVerdictObject(const VerdictFields& fields, JsonWriter* w,
                        const std::function<void()>& extra = nullptr);

// Writes one JSON object per cluster, in cluster order:
//   {"cluster": 3, "size": 2, "representative": "a", "members": ["a", "b"]}
void WriteClusters(const DedupResult& result, std::ostream* out);

// Writes one JSON object per verified pair, ordered by the later document, then the
// earlier (a comes first in the input):
//   {"a": "x", "b": "y", "relation": "near_duplicate", "jaccard": 0.7,
//    "containment_a_in_b": 0.8, "containment_b_in_a": 0.85}
void WritePairs(const DedupResult& result, std::ostream* out);

// Writes the clusters with copies, then a count of documents without any, for reading in
// a terminal.
void WriteTextReport(const DedupResult& result, std::ostream* out);

// Returns a one-line summary: documents, skipped records, clusters, duplicates by
// relation, time.
std::string SummaryLine(const DedupResult& result);

}  // namespace neardup

#endif  // NEARDUP_PIPELINE_REPORT_H_
