// `neardup serve`: flags -> LiveIndexOptions + ServerOptions -> LiveIndex::Open -> Server.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "cli/common.h"
#include "neardup/base/strings.h"
#include "neardup/pipeline/live_index.h"
#include "server/server.h"
#include "server/stop_signal.h"

namespace neardup::cli {
namespace {

struct ServeFlags {
  std::string db;
  uint64_t memory_mb = kDefaultLiveMemoryMb;
  std::string token_file;
  DetectionFlags detection;
  LiveIndexOptions index;
  server::ServerOptions server;
};

// Reads the token: the file's content without surrounding white space.
absl::StatusOr<std::string> ReadToken(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open the token file"));
  std::stringstream content;
  content << in.rdbuf();
  std::string token(AsStd(absl::StripAsciiWhitespace(content.str())));
  if (token.empty()) return absl::InvalidArgumentError(absl::StrCat(path, ": the token is empty"));
  return token;
}

int RunServeCommand(ServeFlags& flags) {
  // Before any thread starts (RocksDB starts some in Open): see stop_signal.h.
  server::BlockStopSignals();
  // Every add fills RocksDB write batches and memtables that are freed again.
  KeepFreedMemoryForReuse(kLiveLargestHeapBlock);
  ApplyLiveDetectionFlags(flags.detection, &flags.index);
  flags.index.memory_budget_bytes = flags.memory_mb << 20;
  flags.index.preload_memory = true;
  flags.server.reader = flags.index.dedup.reader;
  if (!flags.token_file.empty()) {
    auto token = ReadToken(flags.token_file);
    if (!token.ok()) return Fail(token.status());
    flags.server.token = *std::move(token);
  }
  if (auto status = flags.server.Validate(); !status.ok()) return Fail(status);

  // Watched from the start: opening a large index reads its candidate records (a minute
  // when they are not in the page cache), and a signal then ends the command at once,
  // before anything is served. The index is safe to leave mid-open: RocksDB recovers it as
  // after a crash. Once bound, a signal stops the server gracefully.
  absl::Mutex serving_mu;
  server::Server* serving = nullptr;  // guarded by serving_mu
  bool served_once = false;           // guarded by serving_mu
  server::StopSignalWatcher watcher([&] {
    absl::MutexLock lock(&serving_mu);
    if (serving != nullptr) {
      serving->Stop();
    } else if (!served_once) {
      std::cerr << "neardup: stopped by a signal while opening the index" << std::endl;
      std::_Exit(1);
    }
  });
  auto index = LiveIndex::Open(flags.db, flags.index);
  if (!index.ok()) return Fail(index.status());
  server::Server server(index->get(), flags.server);
  auto port = server.Bind();
  if (!port.ok()) return Fail(port.status());
  {
    absl::MutexLock lock(&serving_mu);
    serving = &server;
  }
  // An IPv6 address goes in brackets in a URL.
  const std::string& host = flags.server.host;
  const std::string url_host = host.find(':') == std::string::npos ? host : "[" + host + "]";
  std::cerr << "neardup: listening on http://" << url_host << ":" << *port << std::endl;
  const absl::Status served = server.Serve();
  {
    absl::MutexLock lock(&serving_mu);
    serving = nullptr;
    served_once = true;
  }
  if (!served.ok()) return Fail(served);
  if (watcher.signal() != 0)
    std::cerr << "neardup: stopped by signal " << watcher.signal() << std::endl;
  return 0;
}

}  // namespace

void RegisterServeCommand(CLI::App* app, int* exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app->add_subcommand(
      "serve",
      "Serve a live index over HTTP with JSON: add documents and get their verdicts at\n"
      "once, query without adding, look documents and clusters up, delete, and read\n"
      "Prometheus metrics (docs/api.md lists the routes). Prints 'listening on\n"
      "http://HOST:PORT' on stderr once bound; stops cleanly on SIGINT or SIGTERM.\n\n"
      "Examples:\n"
      "  neardup serve --db news.db\n"
      "  neardup serve --db news.db --port 0 --token-file token.txt --mode near-duplicate\n"
      "  curl -d '{\"id\": \"a\", \"text\": \"...\"}' http://127.0.0.1:8080/v1/documents");
  cmd->add_option("--db", flags->db, "Directory of the live index (created when missing)")
      ->required();
  cmd->add_option("--host", flags->server.host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", flags->server.port, "TCP port; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--threads", flags->server.threads,
                  "Threads serving connections (a keep-alive connection holds one while open)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--max-body-bytes", flags->server.max_body_bytes,
                  "Largest request body; larger ones get 413")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, server::kMaxBodyLimit));
  cmd->add_option("--token-file", flags->token_file,
                  "File holding a bearer token that adds and deletes must present "
                  "(Authorization: Bearer TOKEN); reads need none");
  cmd->add_flag("--sync", flags->index.sync,
                "Sync the write-ahead log before answering an add (survives power loss)");
  AddLiveMemoryFlag(cmd, &flags->memory_mb, true);
  AddDetectionFlags(cmd, &flags->detection, &flags->index.dedup);
  AddReaderFlags(cmd, &flags->index.dedup.reader);
  cmd->callback([flags, exit_code]() { *exit_code = RunServeCommand(*flags); });
}

}  // namespace neardup::cli
