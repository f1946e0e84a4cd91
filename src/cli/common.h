// Flags and helpers shared by neardup's subcommands. Each subcommand fills the library's
// options structs from these flags; defaults come from the structs themselves.
#ifndef NEARDUP_CLI_COMMON_H_
#define NEARDUP_CLI_COMMON_H_

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "neardup/io/document_reader.h"
#include "neardup/pipeline/analyzer.h"
#include "neardup/pipeline/dedup.h"
#include "neardup/pipeline/live_index.h"
#include "neardup/verify/similarity.h"

namespace neardup::cli {

// Registers --shingle, --num-hashes and --seed (the seed goes to every hash).
void AddAnalyzerFlags(CLI::App* app, AnalyzerOptions* options, uint64_t* seed);
// Registers --threshold and --containment.
void AddVerifyFlags(CLI::App* app, VerifyOptions* options);
// Registers the JSON field-name flags (--id-field, --text-field, ...).
void AddReaderFlags(CLI::App* app, ReaderOptions* options);

// The detection settings shared by dedup and the live-index commands (ingest, query,
// serve): mode, thresholds, rewrite window, background table, shingles and hashes, banding.
struct DetectionFlags {
  std::string mode = "rewrite";
  uint64_t seed = 0;
  std::vector<CLI::Option*> registered;  // to tell whether any was given
};
void AddDetectionFlags(CLI::App* app, DetectionFlags* flags, DedupOptions* options);
// Copies the flags into `*options` (mode, seed, the LSH threshold from the Jaccard one).
void ApplyDetectionFlags(const DetectionFlags& flags, DedupOptions* options);
// Returns true when any detection flag was given on the command line.
bool AnyDetectionFlagGiven(const DetectionFlags& flags);
// Copies the flags into options->dedup for a live index; without any detection flag an
// existing index keeps the settings it was made with.
void ApplyLiveDetectionFlags(const DetectionFlags& flags, LiveIndexOptions* options);

// Makes glibc keep freed memory for reuse instead of giving it back to the kernel, which
// zeroes the pages and faults them in again when they are used next (on this project's
// virtual machines that costs far more than the work done in them): blocks up to
// `largest_block` bytes come from the heap rather than mappings of their own, and up to
// 256 MiB of free heap top is kept. For commands that allocate and free blocks over and
// over: dedup's batch buffers (64 MiB), the live index's write batches, records and
// memtables (kLiveLargestHeapBlock; a server's larger blocks still go back when freed).
void KeepFreedMemoryForReuse(size_t largest_block);
// The largest heap block of the commands that add to a live index (serve, ingest, query):
// RocksDB's memtable arena blocks (8 MB, an eighth of a 64 MB write buffer) then come from
// the heap and are reused after each flush instead of being mapped afresh, and fresh pages
// are what this VM charges most for (page faults per add 11.8 -> 7.1, docs/bench/live.md).
inline constexpr size_t kLiveLargestHeapBlock = size_t{32} << 20;

// --memory-budget of the commands that add or compare documents against an index (MB for
// the most recent documents' candidate records: LiveIndexOptions::memory_budget_bytes;
// `preload`: the command reads them in on starting).
inline constexpr uint64_t kDefaultLiveMemoryMb = 2048;
void AddLiveMemoryFlag(CLI::App* cmd, uint64_t* memory_mb, bool preload);

// Copies the shared seed into every component that hashes.
void ApplySeed(uint64_t seed, AnalyzerOptions* options);

// Prints "neardup: <message>" to stderr and returns exit code 1.
int Fail(const absl::Status& status);

// A live progress line on stderr, drawn only when stderr is a terminal. Clear() (or the
// destructor) erases it before anything else is printed.
class TerminalProgress {
 public:
  TerminalProgress();
  ~TerminalProgress() { Clear(); }
  // Returns the callback to hand to the library (null when stderr is not a terminal).
  ProgressCallback callback();
  void Clear();

 private:
  bool enabled_;
  bool drawn_ = false;
};

void RegisterDedupCommand(CLI::App* app, int* exit_code);
void RegisterCompareCommand(CLI::App* app, int* exit_code);
void RegisterEvalCommand(CLI::App* app, int* exit_code);
void RegisterGenCommand(CLI::App* app, int* exit_code);
void RegisterLiveCommands(CLI::App* app, int* exit_code);
void RegisterServeCommand(CLI::App* app, int* exit_code);

}  // namespace neardup::cli

#endif  // NEARDUP_CLI_COMMON_H_
