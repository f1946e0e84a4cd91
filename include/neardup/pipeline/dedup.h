// The batch deduplication driver: reads every document, analyses them on worker threads,
// finds candidates in an index (banded LSH, or the exact index), verifies every candidate
// on exact shingle sets and clusters the verified pairs. The result is identical for any
// number of threads.
//
//   DedupOptions options;
//   NEARDUP_ASSIGN_OR_RETURN(auto reader, OpenDocuments({"news.jsonl"}, options.reader));
//   NEARDUP_ASSIGN_OR_RETURN(DedupResult result, RunDedup(*reader, options));
//   WriteVerdicts(result, &std::cout);
#ifndef NEARDUP_PIPELINE_DEDUP_H_
#define NEARDUP_PIPELINE_DEDUP_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "neardup/base/document.h"
#include "neardup/cluster/clustering.h"
#include "neardup/index/lsh_index.h"
#include "neardup/index/rare_term_index.h"
#include "neardup/io/document_reader.h"
#include "neardup/pipeline/analyzer.h"
#include "neardup/text/stemmer.h"
#include "neardup/verify/rewrite.h"
#include "neardup/verify/similarity.h"

namespace neardup {

// What to do with a malformed record: stop with its error, or count it and go on.
enum class ErrorPolicy { kFail, kSkip };

// What to detect. kRewrite (the default) finds exact, near-duplicate, contained and
// rewritten copies; kNearDuplicate only the first three, by word-shingle Jaccard (and
// containment when VerifyOptions::containment_threshold is set), as issue #2 defines them.
enum class DetectionMode { kRewrite, kNearDuplicate };

// Returns "rewrite" or "near-duplicate".
std::string_view DetectionModeName(DetectionMode mode);

struct DedupOptions {
  ReaderOptions reader;
  AnalyzerOptions analyzer;
  LshOptions lsh;
  VerifyOptions verify;
  DetectionMode mode = DetectionMode::kRewrite;
  // Rewrite mode only: sentence alignment, its candidate index, the stemmer, and the
  // background document frequencies (a file written by TermStats::Save; empty: the
  // table built into neardup, data/df_table_v1.tsv).
  RewriteOptions rewrite;
  RareTermIndexOptions rare_terms;
  StemmerOptions stemmer;
  std::string df_table;
  // Rewrite mode only: pairs where one document's shingles lie at least this much inside
  // the other are "contained" (excerpts, cut-down copies), when
  // verify.containment_threshold is 0. Default 0.8.
  double rewrite_mode_containment = 0.8;
  // Rewrite mode only: two documents whose published times are both known and more than
  // this many days apart are never rewrites of each other (follow-ups and templates are;
  // news rewrites arrive within days). 0 turns the window off. Default 7.
  double rewrite_max_days = 7.0;
  ClusterOptions cluster;
  // Find candidates with the exact (exhaustive) index instead of LSH: the true answer,
  // for tests and for measuring recall. Default off.
  bool exact = false;
  // Worker threads for analysis and verification. Default 1.
  int threads = 1;
  ErrorPolicy on_error = ErrorPolicy::kFail;
  // Memory for the shingles every document keeps until the end of the run (for exact
  // verification); beyond it they go to a temporary file (TMPDIR) and are read back only
  // for candidate pairs. Default 192 MiB: the keys of about 70,000 4 KB articles, and
  // what keeps a run over a million of them under 1.5 GB (docs/bench/scale-1m.md).
  uint64_t shingle_memory_bytes = uint64_t{192} << 20;
  // Documents read and analysed per batch (memory vs. thread hand-off). Default 4096.
  size_t batch_documents = 4096;
  // LSH only: a candidate pair is dropped before exact verification when the nibble
  // sketches of the two documents (sketch/nibble_sketch.h) agree at fewer positions than
  // a pair at the verification thresholds would, by this many standard deviations; a pair
  // that verification would keep is lost with probability below 1e-5. Saves reading back
  // the sets of most candidates of a large crawl, which share a passage or two and fail
  // verification. Applies to documents whose signatures have few densified bins (long
  // enough texts); 0 turns the screen off. Default 4.5.
  double screen_sigmas = 4.5;

  absl::Status Validate() const;
};

// One input document as the result remembers it.
struct DocumentRecord {
  std::string id;
  SourceLocation location;
  uint64_t text_bytes = 0;
  uint32_t tokens = 0;
  std::optional<absl::Time> published;
};

struct DedupStats {
  uint64_t documents = 0;          // valid documents processed
  uint64_t skipped = 0;            // records skipped with errors (ErrorPolicy::kSkip)
  uint64_t bytes = 0;              // text bytes of the documents processed
  uint64_t repaired_documents = 0; // documents whose invalid UTF-8 was repaired
  uint64_t candidates = 0;         // candidate pairs the index proposed
  uint64_t screened_pairs = 0;     // candidate pairs dropped by their sketches (screen_sigmas)
  uint64_t verified_pairs = 0;     // pairs that passed verification
  uint64_t index_bytes = 0;        // memory held by the candidate index at the end
  uint64_t spilled_bytes = 0;      // shingle bytes written to the temporary file
  uint64_t rewrite_candidates = 0; // candidate pairs of the rare-term index (rewrite mode)
  uint64_t rewrite_feature_bytes = 0;  // memory held by rewrite features at the end
  double seconds = 0.0;            // wall time of RunDedup, of which:
  double stream_seconds = 0.0;     //   the streaming pass (reading, analysing, indexing,
                                   //   shingle verification; rewrite features extracted
                                   //   and counted)
  double rewrite_seconds = 0.0;    //   finding and verifying rewrite pairs (rewrite mode)
};

struct DedupResult {
  std::vector<DocumentRecord> docs;  // in input order
  std::vector<ScoredEdge> edges;     // verified pairs, ordered by (b, a)
  Clustering clustering;
  std::vector<std::string> errors;   // messages of skipped records, in input order
  std::vector<std::string> warnings; // e.g. clusters above ClusterOptions::warn_size
  DedupStats stats;
};

// Progress of a run, reported from the driver thread.
struct DedupProgress {
  uint64_t documents = 0;
  uint64_t bytes_read = 0;   // input bytes consumed
  uint64_t total_bytes = 0;  // 0 when unknown
  absl::Duration elapsed;
};
using ProgressCallback = std::function<void(const DedupProgress&)>;

// Deduplicates everything `reader` yields. Fails on the first malformed record with
// ErrorPolicy::kFail (the error names file and line), and on any I/O error. A document
// whose id repeats an earlier one is a record error too.
absl::StatusOr<DedupResult> RunDedup(DocumentReader& reader, const DedupOptions& options,
                                     const ProgressCallback& progress = nullptr);

}  // namespace neardup

#endif  // NEARDUP_PIPELINE_DEDUP_H_
