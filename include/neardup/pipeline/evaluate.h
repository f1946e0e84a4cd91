// Evaluates a clustering against a gold labelling read from files: joins the two by
// document id, scores them (cluster/metrics.h) and breaks pairwise precision, recall and
// F1 down by the gold file's relation column. Backs `neardup eval`.
//
//   EvalOptions o; o.gold_path = "gold.tsv"; o.predicted_path = "verdicts.jsonl";
//   NEARDUP_ASSIGN_OR_RETURN(EvalReport r, Evaluate(o));
//   WriteEvalTable(r, &std::cout);
#ifndef NEARDUP_PIPELINE_EVALUATE_H_
#define NEARDUP_PIPELINE_EVALUATE_H_

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "neardup/cluster/metrics.h"
#include "neardup/io/label_file.h"

namespace neardup {

// What to do with documents found in only one of the two files.
enum class MissingPolicy {
  kError,      // fail, naming a few of them
  kSingleton,  // score them as clusters of their own on the side that lacks them
};

struct EvalOptions {
  std::string gold_path;                 // required: TSV id, cluster[, relation]
  std::string predicted_path;            // required: TSV or neardup verdict JSON Lines
  std::string exclude_pairs_path;        // optional: id pairs left out of pairwise scores
  MissingPolicy missing = MissingPolicy::kError;  // default: error
  LabelFileOptions labels;               // which gold column holds the relation (3)

  absl::Status Validate() const;
};

// The relations, and the kinds of copy of `neardup gen` gold files (column 4), that count
// as near-duplicate or contained copies.
inline constexpr const char* kCopyRelations[] = {"near_duplicate", "contained", "furniture",
                                                 "light_edit",     "comments",  "excerpt"};

struct EvalReport {
  std::string gold_format;
  std::string predicted_format;
  ClusteringScores scores;
  // Per relation of the gold file (empty when it has no relation column); known
  // relations first (original, near_duplicate, contained, rewrite, hard_negative, none),
  // others in order of first appearance.
  std::vector<ClassScores> by_relation;
  // The near-duplicate and contained copies scored as one class: the documents of every
  // relation in `copy_relations`, those of kCopyRelations that the gold file uses in the
  // order of `by_relation`. Set only when it uses two or more of them (with one, it would
  // repeat that row).
  std::vector<std::string> copy_relations;
  std::optional<ClassScores> copies;
  uint64_t only_in_gold = 0;       // scored as singletons (MissingPolicy::kSingleton)
  uint64_t only_in_predicted = 0;  // likewise
  uint64_t excluded_pairs = 0;     // pairs read from the exclude file
  uint64_t excluded_unknown = 0;   // of those, naming a document not evaluated (ignored)
};

// Reads both files and scores the prediction. Documents are taken in gold-file order,
// then those only in the prediction, so the result does not depend on prediction order.
absl::StatusOr<EvalReport> Evaluate(const EvalOptions& options);

// Writes the report as an aligned table for people.
void WriteEvalTable(const EvalReport& report, std::ostream* out);

// Writes the report as one JSON object and a newline.
void WriteEvalJson(const EvalReport& report, std::ostream* out);

}  // namespace neardup

#endif  // NEARDUP_PIPELINE_EVALUATE_H_
