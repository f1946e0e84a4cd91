// The HTTP JSON service over a LiveIndex behind `neardup serve` (docs/api.md lists every
// route). Thin like a CLI command: it turns requests into LiveIndex calls and their
// results or errors into JSON; detection happens in the library.
//
//   Server server(index.get(), options);
//   NEARDUP_ASSIGN_OR_RETURN(int port, server.Bind());
//   StopSignalWatcher watcher([&] { server.Stop(); });   // stop_signal.h
//   NEARDUP_RETURN_IF_ERROR(server.Serve());
//
// Requests are served by a pool of `threads` threads, one connection at a time each;
// the LiveIndex synchronises them (concurrent reads, serialised writes). Bind, Serve and
// the destructor belong to one thread; Stop may be called from any.
#ifndef NEARDUP_SERVER_SERVER_H_
#define NEARDUP_SERVER_SERVER_H_

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "neardup/io/document_reader.h"
#include "neardup/pipeline/live_index.h"
#include "server/metrics.h"

namespace httplib {
class Server;
struct Request;
struct Response;
class ContentReader;
}  // namespace httplib

namespace neardup::server {

struct Reply;      // an answer being built (server.cc)
class HttpServer;  // cpp-httplib's server, with a longer listen queue (server.cc)

// The largest --max-body-bytes: 1 GiB, far above any sensible batch of documents.
inline constexpr uint64_t kMaxBodyLimit = uint64_t{1} << 30;

struct ServerOptions {
  // Address to listen on. Default 127.0.0.1: only this machine can connect.
  std::string host = "127.0.0.1";
  // TCP port; 0 picks a free one (Bind returns it). Default 8080.
  int port = 8080;
  // Threads serving connections. A keep-alive connection holds its thread until it is
  // closed or idle for 5 s, so this is also the number of clients served at once.
  // Default 8.
  int threads = 8;
  // Largest request body, in bytes (after decoding any Content-Encoding); a larger one
  // is answered 413 without being kept in memory. A chunked body past 1 MiB is given
  // room for the limit at once (address space; only what arrives becomes resident).
  // Default 16 MiB; at most kMaxBodyLimit.
  uint64_t max_body_bytes = uint64_t{16} << 20;
  // When not empty, POST /v1/documents and DELETE /v1/documents/{id} need the header
  // "Authorization: Bearer <token>" (401 otherwise). Reads need none. Default: empty.
  std::string token;
  // The JSON field names of documents in request bodies (as for `neardup dedup`).
  ReaderOptions reader;

  absl::Status Validate() const;
};

class Server {
 public:
  // `index` is not owned and must outlive the server.
  Server(LiveIndex* index, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds to host:port and returns the port bound (the one picked when `port` is 0).
  absl::StatusOr<int> Bind();
  // Serves requests until Stop(); requests in progress are answered first. Call once,
  // after Bind.
  absl::Status Serve();
  // Makes Serve return. Safe to call from any thread, before or during Serve.
  void Stop();

 private:
  void Handle(const httplib::Request& request, httplib::Response& response,
              const httplib::ContentReader* reader);
  Reply Dispatch(const httplib::Request& request, httplib::Response& response,
                 const httplib::ContentReader* reader, std::string* route);
  Reply AddDocuments(std::string* body);
  Reply QueryDocuments(std::string* body);
  Reply Health();
  Reply GetDocument(const std::string& id);
  Reply GetCluster(const std::string& id);
  Reply DeleteDocument(const std::string& id);
  bool Authorized(const httplib::Request& request) const;

  LiveIndex* const index_;
  const ServerOptions options_;
  Metrics metrics_;
  // Batches of adds hold it exclusively, single adds shared: a batch checks that none of
  // its ids is indexed and then adds them all, with no other add in between.
  std::shared_mutex batch_mu_;
  std::unique_ptr<HttpServer> http_;
};

}  // namespace neardup::server

#endif  // NEARDUP_SERVER_SERVER_H_
