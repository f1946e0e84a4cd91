// Reads files that assign documents to clusters: a TSV of `id<TAB>cluster[<TAB>relation
// ...]` (a header line starting with "id" and '#' comment lines are skipped) or neardup's
// verdict JSON Lines (`{"id":..,"cluster":N,...}` per line). The format is detected from
// the first line that is not blank or a comment: '{' means JSON Lines.
//
//   NEARDUP_ASSIGN_OR_RETURN(LabelFile gold, ReadLabelFile("gold.tsv", LabelFileOptions{}));
//   for (const LabelRecord& r : gold.records) Use(r.id, r.cluster, r.relation);
#ifndef NEARDUP_IO_LABEL_FILE_H_
#define NEARDUP_IO_LABEL_FILE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace neardup {

struct LabelRecord {
  std::string id;
  std::string cluster;   // the cluster label as written (JSON numbers as their digits)
  std::string relation;  // from the relation column; empty when the file has none
};

struct LabelFileOptions {
  // 1-based TSV column holding each document's relation (e.g. "near_duplicate"), used
  // when the file has that many columns. Default 3. JSON Lines files have no relation.
  int relation_column = 3;

  absl::Status Validate() const;
};

struct LabelFile {
  enum class Format { kTsv, kVerdicts };
  Format format = Format::kTsv;
  bool has_relation = false;  // every record has a relation column
  std::vector<LabelRecord> records;  // in file order; ids are unique
};

// Returns "tsv" or "verdicts".
const char* LabelFormatName(LabelFile::Format format);

// Reads `path`. Errors name the file and line: a line with fewer than two columns, a
// JSON record without "id" or "cluster", a repeated id, or a relation column present on
// some lines only.
absl::StatusOr<LabelFile> ReadLabelFile(const std::string& path, const LabelFileOptions& options);

// Reads a file of id pairs, two tab-separated ids per line ('#' comments and blank
// lines skipped; further columns ignored).
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ReadIdPairs(const std::string& path);

}  // namespace neardup

#endif  // NEARDUP_IO_LABEL_FILE_H_
