// `neardup dedup`: flags -> DedupOptions -> RunDedup -> writers.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/common.h"
#include "neardup/io/corpus_split.h"
#include "neardup/pipeline/report.h"

namespace neardup::cli {
namespace {

struct DedupFlags {
  std::vector<std::string> paths;
  std::string output = "-";
  std::string clusters;
  std::string pairs;
  std::string input_list;
  SplitOptions split;
  std::string format = "jsonl";
  std::string on_error = "fail";
  DetectionFlags detection;
  uint64_t memory_mb = 192;  // DedupOptions::shingle_memory_bytes
  bool quiet = false;
  DedupOptions options;
};

// Opens `path` for writing, or returns standard output for "-".
absl::StatusOr<std::ostream*> OpenOutput(const std::string& path,
                                         std::unique_ptr<std::ofstream>* holder) {
  if (path == "-") return &std::cout;
  *holder = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!**holder) return absl::NotFoundError(absl::StrCat(path, ": cannot open for writing"));
  return holder->get();
}

// Writes `result` with `writer` to `path` ("-" is stdout); an empty path writes nothing.
absl::Status WriteTo(const std::string& path, const DedupResult& result,
                     void (*writer)(const DedupResult&, std::ostream*)) {
  if (path.empty()) return absl::OkStatus();
  std::unique_ptr<std::ofstream> file;
  auto out = OpenOutput(path, &file);
  if (!out.ok()) return out.status();
  writer(result, *out);
  (*out)->flush();
  if (!**out) return absl::DataLossError(absl::StrCat(path, ": write failed"));
  return absl::OkStatus();
}

// True when the non-empty paths name different files and none is standard output ("-").
bool DistinctFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    if (path.empty()) continue;
    if (path == "-") return false;
    std::error_code ec;
    const std::filesystem::path file = std::filesystem::weakly_canonical(path, ec);
    if (ec) return false;
    files.push_back(file.string());
  }
  std::sort(files.begin(), files.end());
  return std::adjacent_find(files.begin(), files.end()) == files.end();
}

// Writes the unique and dropped corpora: each cluster's representative is kept, every
// other member is dropped as a copy of it.
absl::Status WriteCorpus(const DedupFlags& flags, const DedupResult& result) {
  const Clustering& c = result.clustering;
  std::vector<SplitDecision> decisions(result.docs.size());
  for (uint32_t d = 0; d < result.docs.size(); ++d) {
    const uint32_t representative = c.representative[c.cluster_of[d]];
    decisions[d] = {&result.docs[d].location, representative == d,
                    result.docs[representative].id};
  }
  auto stats = WriteSplitCorpus(flags.paths, decisions, flags.split);
  if (!stats.ok()) return stats.status();
  if (!flags.quiet) {
    std::cerr << "neardup: wrote " << stats->unique << " unique and " << stats->dropped
              << " dropped documents" << std::endl;
  }
  return absl::OkStatus();
}

// Removes the spooled copy of standard input when the command ends.
struct SpoolFile {
  std::string path;
  ~SpoolFile() {
    if (!path.empty()) std::remove(path.c_str());
  }
};

int RunDedupCommand(DedupFlags& flags) {
  // Per-batch buffers of a few MB are freed and allocated again for every batch (system
  // time was a third of a Reuters run before).
  KeepFreedMemoryForReuse(size_t{64} << 20);
  DedupOptions& options = flags.options;
  if (!flags.input_list.empty()) {
    auto listed = ReadInputList(flags.input_list);
    if (!listed.ok()) return Fail(listed.status());
    flags.paths.insert(flags.paths.end(), listed->begin(), listed->end());
  }
  if (flags.paths.empty()) return Fail(absl::InvalidArgumentError("no input paths given"));
  const bool split = !flags.split.unique_path.empty() || !flags.split.dropped_path.empty();
  SpoolFile spool;
  if (split) {
    if (auto status = flags.split.Validate(); !status.ok()) return Fail(status);
    // The corpus is written in a second pass over the inputs: keep standard input.
    for (std::string& path : flags.paths) {
      if (path != "-") continue;
      if (!spool.path.empty()) return Fail(absl::InvalidArgumentError("- given twice"));
      auto spooled = SpoolStandardInput();
      if (!spooled.ok()) return Fail(spooled.status());
      spool.path = path = *spooled;
    }
  }
  ApplyDetectionFlags(flags.detection, &options);
  options.on_error = flags.on_error == "skip" ? ErrorPolicy::kSkip : ErrorPolicy::kFail;
  options.shingle_memory_bytes = flags.memory_mb << 20;
  if (auto status = options.Validate(); !status.ok()) return Fail(status);
  auto reader = OpenDocuments(flags.paths, options.reader);
  if (!reader.ok()) return Fail(reader.status());

  TerminalProgress progress;
  auto result = RunDedup(**reader, options, progress.callback());
  progress.Clear();
  if (!result.ok()) return Fail(result.status());
  for (const std::string& error : result->errors) std::cerr << "neardup: skipped " << error << '\n';
  for (const std::string& warning : result->warnings) std::cerr << "neardup: warning: " << warning << '\n';

  // The clusters and pairs files are written after the verdicts or, with more than one
  // thread, beside them, each on a thread of its own (writers only read the result):
  // writing is a tenth of a run on the 100k corpus, and would not shrink with threads.
  // Only outputs that are distinct files run side by side; stdout, or one file named
  // twice, is written in turn as before.
  struct SideOutput {
    const std::string& path;
    void (*writer)(const DedupResult&, std::ostream*);
    absl::Status status;
    std::thread thread;
  };
  SideOutput side[] = {{flags.clusters, WriteClusters, {}, {}}, {flags.pairs, WritePairs, {}, {}}};
  const bool side_by_side =
      options.threads > 1 && DistinctFiles({flags.output, flags.clusters, flags.pairs});
  if (side_by_side) {
    for (SideOutput& o : side) {
      if (o.path.empty()) continue;
      o.thread = std::thread([&o, &result] { o.status = WriteTo(o.path, *result, o.writer); });
    }
  }
  absl::Status verdicts_status = [&]() -> absl::Status {
    std::unique_ptr<std::ofstream> out_file;
    auto out = OpenOutput(flags.output, &out_file);
    if (!out.ok()) return out.status();
    if (flags.format == "text") {
      WriteTextReport(*result, *out);
    } else {
      WriteVerdicts(*result, *out);
    }
    (*out)->flush();
    if (!**out) return absl::DataLossError(absl::StrCat(flags.output, ": write failed"));
    return absl::OkStatus();
  }();
  for (SideOutput& o : side) {
    if (o.thread.joinable()) o.thread.join();
  }
  if (!verdicts_status.ok()) return Fail(verdicts_status);
  for (SideOutput& o : side) {
    if (!side_by_side) o.status = WriteTo(o.path, *result, o.writer);
    if (!o.status.ok()) return Fail(o.status);
  }
  if (split) {
    if (auto s = WriteCorpus(flags, *result); !s.ok()) return Fail(s);
  }
  if (!flags.quiet) std::cerr << "neardup: " << SummaryLine(*result) << std::endl;
  return 0;
}

}  // namespace

void RegisterDedupCommand(CLI::App* app, int* exit_code) {
  auto flags = std::make_shared<DedupFlags>();
  flags->options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App* cmd = app->add_subcommand(
      "dedup",
      "Find copies of news articles and group them into clusters: exact and near-duplicate\n"
      "copies, excerpts (contained), and rewrites of the same story (--mode near-duplicate\n"
      "turns rewrite detection off).\n"
      "Reads JSON Lines (one {\"id\", \"text\", ...} object per line), WARC and WET files,\n"
      "each plain or compressed with gzip or zstd, .txt files (one document each),\n"
      "directories of them (recursively), glob patterns, or - for standard input.\n"
      "Writes one JSON verdict per document: its cluster, the cluster's representative and\n"
      "the document it duplicates (with scores), or null.\n\n"
      "Examples:\n"
      "  neardup dedup news.jsonl -o verdicts.jsonl --clusters clusters.jsonl\n"
      "  neardup dedup corpus/ --format text\n"
      "  cat feed.jsonl | neardup dedup - --threshold 0.7 --on-error skip\n"
      "  neardup dedup 'crawl/*.warc.wet.gz' --write-unique unique.warc.wet.gz");
  cmd->add_option("paths", flags->paths,
                  "Input files, directories or glob patterns; - reads standard input");
  cmd->add_option("--input-list", flags->input_list,
                  "Also read the paths listed in FILE, one per line (- for standard input)");
  cmd->add_option("--write-unique", flags->split.unique_path,
                  "Write the deduplicated corpus to FILE in the input's format, every field "
                  "kept: each cluster's representative and every document without copies "
                  "(.gz/.zst names are compressed)");
  cmd->add_option("--write-dropped", flags->split.dropped_path,
                  "Write the other documents to FILE likewise, each marked with the id of the "
                  "document it duplicates");
  cmd->add_option("-o,--output", flags->output, "Where to write the verdicts (- for stdout)")
      ->capture_default_str();
  cmd->add_option("--clusters", flags->clusters, "Also write one JSON line per cluster to FILE");
  cmd->add_option("--pairs", flags->pairs,
                  "Also write every verified pair with its scores, one JSON line each, to FILE");
  cmd->add_option("--format", flags->format,
                  "jsonl: one verdict per document; text: the clusters, for reading")
      ->capture_default_str()
      ->check(CLI::IsMember({"jsonl", "text"}));
  AddDetectionFlags(cmd, &flags->detection, &flags->options);
  cmd->add_option("--memory-budget", flags->memory_mb,
                  "MB of memory for the shingles kept for verification; beyond it they go to a "
                  "temporary file (TMPDIR) and are read back only for candidate pairs")
      ->capture_default_str()
      ->check(CLI::Range(0, 1 << 30));
  cmd->add_option("--screen-sigmas", flags->options.screen_sigmas,
                  "Drop a candidate pair before exact verification when the 4-bit sketches of its "
                  "documents agree this many standard deviations less than a pair at the "
                  "thresholds would; a true pair is lost with probability under 1e-5 (0: verify "
                  "every candidate; ignored with --exact)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--warn-cluster-size", flags->options.cluster.warn_size,
                  "Warn on stderr about clusters larger than this")
      ->capture_default_str();
  cmd->add_option("--threads", flags->options.threads,
                  "Worker threads (output is identical for any number). With 1, reading, "
                  "analysis, indexing and verification all run on one thread; with more, reading "
                  "gets a thread of its own, and the --clusters and --pairs files are written "
                  "beside the verdicts. Past --memory-budget, a writer thread copies shingles to "
                  "a temporary file")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--on-error", flags->on_error,
                  "On a malformed record: fail (stop, naming file and line) or skip (report it "
                  "on stderr and go on)")
      ->capture_default_str()
      ->check(CLI::IsMember({"fail", "skip"}));
  cmd->add_flag("--exact", flags->options.exact,
                "Compare every pair that shares a shingle instead of using LSH: the exact "
                "answer, slower (for measuring recall)");
  AddReaderFlags(cmd, &flags->options.reader);
  cmd->add_flag("-q,--quiet", flags->quiet, "Do not print the summary line on stderr");
  cmd->callback([flags, exit_code]() {
    *exit_code = RunDedupCommand(*flags);
  });
}

}  // namespace neardup::cli
