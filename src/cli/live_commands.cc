// The live-index commands: `neardup ingest`, `query`, `delete`, `expire`, `stats`.
// Flags -> LiveIndexOptions -> LiveIndex -> one JSON line per verdict.
#include <fstream>
#include <iostream>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/common.h"
#include "neardup/base/strings.h"
#include "neardup/pipeline/live_index.h"

namespace neardup::cli {
namespace {

struct LiveFlags {
  std::string db;
  std::vector<std::string> paths;
  std::vector<std::string> ids;
  std::string on_error = "fail";
  std::string older_than;
  std::string now;
  std::string clusters;
  bool sync = false;
  bool quiet = false;
  uint64_t memory_mb = 0;
  DetectionFlags detection;
  DedupOptions options;
};

absl::StatusOr<std::unique_ptr<LiveIndex>> OpenIndex(LiveFlags& flags, bool create) {
  LiveIndexOptions options;
  options.dedup = flags.options;
  options.create_if_missing = create;
  options.sync = flags.sync;
  options.memory_budget_bytes = flags.memory_mb << 20;
  ApplyLiveDetectionFlags(flags.detection, &options);
  return LiveIndex::Open(flags.db, options);
}

// Adds (ingest) or compares (query) every document of the inputs, writing each verdict.
int RunStream(LiveFlags& flags, bool add) {
  KeepFreedMemoryForReuse(kLiveLargestHeapBlock);  // as serve: write batches and records
  if (flags.paths.empty()) flags.paths.push_back("-");
  auto index = OpenIndex(flags, add);
  if (!index.ok()) return Fail(index.status());
  auto reader = OpenDocuments(flags.paths, flags.options.reader);
  if (!reader.ok()) return Fail(reader.status());
  const bool skip = flags.on_error == "skip";
  TerminalProgress progress;
  const ProgressCallback report = progress.callback();
  const absl::Time start = absl::Now();
  absl::Time last = start;
  uint64_t done = 0, copies = 0, errors = 0;
  JsonWriter w;
  Document doc;
  while (true) {
    absl::StatusOr<bool> more = (*reader)->Next(&doc);
    if (more.ok() && !*more) break;
    const SourceLocation where = doc.location;
    absl::StatusOr<LiveVerdict> verdict =
        more.ok() ? (add ? (*index)->Add(std::move(doc)) : (*index)->Query(doc)) : more.status();
    if (!verdict.ok()) {
      const bool record = !more.ok() ? IsRecordError(more.status())
                                     : absl::IsAlreadyExists(verdict.status()) ||
                                           absl::IsInvalidArgument(verdict.status());
      absl::Status status = verdict.status();
      if (more.ok()) {
        status = absl::Status(status.code(),
                              absl::StrCat(where.file, ":", where.line, ": ",
                                           status.message()));
      }
      if (!record || !skip) {
        progress.Clear();
        return Fail(status);
      }
      progress.Clear();
      std::cerr << "neardup: skipped " << status.message() << '\n';
      ++errors;
      continue;
    }
    ++done;
    copies += verdict->link.has_value();
    w.Clear();
    WriteLiveVerdict(*verdict, &w);
    std::cout << w.str() << '\n';
    if (report) {
      const absl::Time now = absl::Now();
      if (now - last >= absl::Milliseconds(200)) {
        last = now;
        report({done, (*reader)->bytes_read(), (*reader)->total_bytes(), now - start});
      }
    }
  }
  progress.Clear();
  std::cout.flush();
  if (!std::cout) return Fail(absl::DataLossError("standard output: write failed"));
  if (!flags.clusters.empty()) {
    std::ofstream out(flags.clusters, std::ios::binary | std::ios::trunc);
    for (const LiveCluster& c : (*index)->Clusters()) {
      w.Clear();
      WriteLiveCluster(c, &w);
      out << w.str() << '\n';
    }
    out.flush();
    if (!out) return Fail(absl::DataLossError(absl::StrCat(flags.clusters, ": cannot write")));
  }
  if (!flags.quiet) {
    std::cerr << "neardup: " << done << " documents " << (add ? "added" : "compared") << ", "
              << copies << " tied to another, " << errors << " skipped with errors; "
              << absl::StrFormat("%.2f s", absl::ToDoubleSeconds(absl::Now() - start)) << std::endl;
  }
  return 0;
}

// Parses "7d", "36h", "90m", "3600s" or a number of days.
absl::StatusOr<absl::Duration> ParseAge(const std::string& text) {
  if (text.empty()) return absl::InvalidArgumentError("--older-than needs an age, e.g. 7d");
  const char unit = text.back();
  const bool has_unit = unit == 'd' || unit == 'h' || unit == 'm' || unit == 's';
  double value = 0;
  if (!absl::SimpleAtod(has_unit ? text.substr(0, text.size() - 1) : text, &value) || value < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--older-than ", text, ": expected an age such as 7d, 36h or 90m"));
  }
  switch (has_unit ? unit : 'd') {
    case 'd': return absl::Hours(24) * value;
    case 'h': return absl::Hours(1) * value;
    case 'm': return absl::Minutes(1) * value;
    default: return absl::Seconds(1) * value;
  }
}

int RunExpire(LiveFlags& flags) {
  auto age = ParseAge(flags.older_than);
  if (!age.ok()) return Fail(age.status());
  absl::Time now = absl::Now();
  if (!flags.now.empty()) {
    const auto parsed = ParsePublished(flags.now);
    if (!parsed) return Fail(absl::InvalidArgumentError(absl::StrCat("--now ", flags.now, ": not a time")));
    now = *parsed;
  }
  auto index = OpenIndex(flags, false);
  if (!index.ok()) return Fail(index.status());
  auto removed = (*index)->Expire(now - *age);
  if (!removed.ok()) return Fail(removed.status());
  if (!flags.quiet) {
    std::cerr << "neardup: expired " << *removed << " documents published before "
              << absl::FormatTime(absl::RFC3339_sec, now - *age, absl::UTCTimeZone()) << std::endl;
  }
  return 0;
}

int RunDelete(LiveFlags& flags) {
  auto index = OpenIndex(flags, false);
  if (!index.ok()) return Fail(index.status());
  int missing = 0;
  for (const std::string& id : flags.ids) {
    if (absl::Status s = (*index)->Delete(id); !s.ok()) {
      if (!absl::IsNotFound(s)) return Fail(s);
      std::cerr << "neardup: " << s.message() << '\n';
      ++missing;
    }
  }
  if (!flags.quiet) {
    std::cerr << "neardup: deleted " << flags.ids.size() - static_cast<size_t>(missing)
              << " documents" << std::endl;
  }
  return missing > 0 ? 1 : 0;
}

int RunStats(LiveFlags& flags) {
  auto index = OpenIndex(flags, false);
  if (!index.ok()) return Fail(index.status());
  JsonWriter w;
  WriteLiveStats((*index)->Stats(), &w);
  std::cout << w.str() << std::endl;
  return 0;
}

CLI::App* AddDbCommand(CLI::App* app, const std::string& name, const std::string& help,
                       LiveFlags* flags) {
  CLI::App* cmd = app->add_subcommand(name, help);
  cmd->add_option("--db", flags->db, "The index directory (a RocksDB database)")->required();
  cmd->add_flag("-q,--quiet", flags->quiet, "Do not print the summary line on stderr");
  return cmd;
}

}  // namespace

void RegisterLiveCommands(CLI::App* app, int* exit_code) {
  const char* kOrder =
      "\nVerdicts are batch mode's: adding a corpus one document at a time in the order\n"
      "'neardup dedup' reads it gives the same clusters (see docs/live.md).";
  for (const bool add : {true, false}) {
    auto flags = std::make_shared<LiveFlags>();
    CLI::App* cmd = AddDbCommand(
        app, add ? "ingest" : "query",
        add ? absl::StrCat(
                  "Add documents to a persistent index (created if missing) and print each one's "
                  "verdict as it is added: new, or a copy (exact, near_duplicate, contained, "
                  "rewrite) of an indexed document, with its cluster and scores.\n"
                  "Reads the same inputs as dedup (JSON Lines, WARC/WET, text; plain, gzip or "
                  "zstd; - for standard input, the default).",
                  kOrder, "\n\nExamples:\n  neardup ingest --db news.db today.jsonl\n"
                  "  tail -f feed.jsonl | neardup ingest --db news.db")
            : std::string("Print the verdict each document would get against the index, "
                          "without adding it.\n\nExample:\n  neardup query --db news.db draft.jsonl"),
        flags.get());
    cmd->add_option("paths", flags->paths, "Input files, directories or globs; - (default) reads standard input");
    cmd->add_option("--on-error", flags->on_error,
                    "On a malformed record or a repeated id: fail (stop, naming file and line) or "
                    "skip (report it on stderr and go on)")
        ->capture_default_str()
        ->check(CLI::IsMember({"fail", "skip"}));
    if (add) {
      cmd->add_option("--clusters", flags->clusters,
                      "After adding, write every cluster of the index (one JSON line each) to FILE");
      cmd->add_flag("--sync", flags->sync,
                    "Sync the write-ahead log after every document (survives power loss, slower)");
    }
    flags->memory_mb = kDefaultLiveMemoryMb;
    AddLiveMemoryFlag(cmd, &flags->memory_mb, false);
    AddDetectionFlags(cmd, &flags->detection, &flags->options);
    AddReaderFlags(cmd, &flags->options.reader);
    cmd->footer("Detection flags are stored with a new index; an existing index keeps its own "
                "and refuses others.");
    cmd->callback([flags, exit_code, add]() { *exit_code = RunStream(*flags, add); });
  }
  {
    auto flags = std::make_shared<LiveFlags>();
    CLI::App* cmd = AddDbCommand(app, "delete", "Remove documents from an index by id; their clusters are recomputed.\n\nExample:\n  neardup delete --db news.db story-17 story-18", flags.get());
    cmd->add_option("ids", flags->ids, "Document ids")->required();
    cmd->callback([flags, exit_code]() { *exit_code = RunDelete(*flags); });
  }
  {
    auto flags = std::make_shared<LiveFlags>();
    CLI::App* cmd = AddDbCommand(
        app, "expire",
        "Remove documents published more than an age ago (documents without a published time: "
        "added more than that ago). News rewrites arrive within days, so a window keeps the "
        "index small.\n\nExample:\n  neardup expire --db news.db --older-than 7d",
        flags.get());
    cmd->add_option("--older-than", flags->older_than, "Age: 7d, 36h, 90m, 3600s (a bare number is days)")
        ->required();
    cmd->add_option("--now", flags->now, "Measure ages from this time instead of the clock (e.g. 2025-12-02T10:00:00Z)");
    cmd->callback([flags, exit_code]() { *exit_code = RunExpire(*flags); });
  }
  {
    auto flags = std::make_shared<LiveFlags>();
    CLI::App* cmd = AddDbCommand(app, "stats", "Print an index's size and contents as one JSON object.", flags.get());
    cmd->callback([flags, exit_code]() { *exit_code = RunStats(*flags); });
  }
}

}  // namespace neardup::cli
