// Writes a deduplicated corpus in its input's own format: reads the inputs a second time
// and copies every record, byte for byte, to the "unique" file (documents to keep) or the
// "dropped" file (copies, each marked with the id of the document it duplicates). Only
// one record is in memory at a time, whatever the size of the corpus.
//
// JSON Lines records are copied as lines; dropped ones get a last field
// "duplicate_of":"<id>". WARC records are copied whole; dropped ones get a header field
// "X-Neardup-Duplicate-Of: <id>"; warcinfo records go to both files; requests, metadata
// and other records that hold no document go to neither. An output name ending in .gz or
// .zst is compressed (WARC: one gzip member or zstd frame per record, as Common Crawl
// writes them; JSON Lines: one per MiB).
//
//   std::vector<SplitDecision> decisions = ...;   // one per document, in input order
//   NEARDUP_ASSIGN_OR_RETURN(SplitStats stats,
//                            WriteSplitCorpus({"crawl.warc.gz"}, decisions, options));
#ifndef NEARDUP_IO_CORPUS_SPLIT_H_
#define NEARDUP_IO_CORPUS_SPLIT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "neardup/base/document.h"

namespace neardup {

// What becomes of one document read from the inputs.
struct SplitDecision {
  const SourceLocation* location = nullptr;  // where the reader found it (not owned)
  bool keep = true;                          // true: unique corpus; false: dropped
  std::string_view duplicate_of;             // for dropped documents: the kept copy's id
};

struct SplitOptions {
  std::string unique_path;   // where to write the documents kept; "" writes none
  std::string dropped_path;  // where to write the documents dropped; "" writes none
  int compression_level = 0; // for .gz/.zst outputs; 0 is the library default

  absl::Status Validate() const;
};

struct SplitStats {
  uint64_t unique = 0;   // documents written to the unique file
  uint64_t dropped = 0;  // documents written to the dropped file
};

// Reads `paths` (as OpenDocuments does; standard input cannot be read twice: spool it
// with SpoolToTempFile first) and writes each document that `decisions` names, matched
// in order by file and offset, to the unique or dropped file. Records that were not read
// as documents (malformed records skipped in the first pass) are left out. Fails when the
// inputs mix JSON Lines and WARC, hold text files, or changed since the first pass.
absl::StatusOr<SplitStats> WriteSplitCorpus(const std::vector<std::string>& paths,
                                            absl::Span<const SplitDecision> decisions,
                                            const SplitOptions& options);

}  // namespace neardup

#endif  // NEARDUP_IO_CORPUS_SPLIT_H_
