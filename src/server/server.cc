#include "server/server.h"

#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "neardup/base/json_writer.h"
#include "neardup/base/strings.h"
#include "neardup/verify/similarity.h"
#include "server/documents_body.h"
#include "server/http_status.h"

namespace neardup::server {

struct Reply {
  int status = 200;
  std::string body;  // JSON unless content_type says otherwise
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

// cpp-httplib 0.11 listens with a queue of 5 connections (CPPHTTPLIB_LISTEN_BACKLOG,
// fixed when Debian built the library): a client opening 8 connections at once loses
// SYNs and waits a second to retry. Calling listen() again on the bound socket sets a
// longer queue.
class HttpServer : public httplib::Server {
 public:
  void SetListenBacklog(int backlog) {
    if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, backlog);
  }
  // cpp-httplib's stop() does nothing until the accept loop runs, so a stop that came
  // before it (a signal while the service starts) was lost and the server ran on. This
  // closes the listening socket whenever it is called, as stop() does once running: the
  // accept loop then ends, or never starts.
  void CloseListener() {
    const socket_t sock = svr_sock_.exchange(INVALID_SOCKET);
    if (sock == INVALID_SOCKET) return;
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  }
};

namespace {

constexpr std::string_view kDocumentsPrefix = "/v1/documents/";
constexpr std::string_view kClustersPrefix = "/v1/clusters/";

// A keep-alive connection serves this many requests before the server closes it
// (cpp-httplib's default, 5, makes a load of small requests reconnect all the time).
constexpr size_t kKeepAliveRequests = 100000;

// A chunked body grows by doubling up to this size, and then straight to the limit.
constexpr size_t kBodyDoublingBytes = size_t{1} << 20;

// Connections waiting to be accepted (SOMAXCONN, as servers commonly use).
constexpr int kListenBacklog = 4096;

Reply ErrorReply(int status, std::string_view message) {
  return Reply{status, ErrorJson(status, message), "application/json", {}};
}

Reply StatusReply(const absl::Status& status) {
  return ErrorReply(HttpStatusOf(status), AsStd(status.message()));
}

Reply JsonReply(int status, const JsonWriter& w) {
  return Reply{status, w.str(), "application/json", {}};
}

// What a body read came to: the body, or the status of the failure.
struct BodyRead {
  int status = 0;  // 0: read
  std::string body;
};

// Reads the request body. At most `limit` bytes are kept: a longer body (chunked, or
// decompressed past the limit) is read to its end and dropped, so that the connection
// stays in step for the next request, and gives 413. `keep` false drops the body in any
// case (for requests refused before their body is needed).
BodyRead ReadBody(const httplib::Request& request, httplib::Response& response,
                  const httplib::ContentReader& reader, uint64_t limit, bool keep) {
  BodyRead read;
  bool too_large = false;
  // cpp-httplib has already refused a Content-Length above the limit.
  const uint64_t announced = request.get_header_value<uint64_t>("Content-Length");
  if (keep && announced <= limit) read.body.reserve(announced);
  const auto receive = [&](const char* data, size_t size) {
    if (!keep || too_large) return true;
    const size_t needed = read.body.size() + size;
    if (needed > limit) {
      too_large = true;
      read.body = std::string();
      return true;
    }
    if (needed > read.body.capacity() && needed > kBodyDoublingBytes) {
      // A chunked body past 1 MiB goes straight to the limit: doubling would copy it
      // again and again and could hold twice the limit at once. The tail that is never
      // written never becomes resident.
      read.body.reserve(limit);
    }
    read.body.append(data, size);
    return true;
  };
  bool ok;
  if (request.is_multipart_form_data()) {
    ok = reader([](const httplib::MultipartFormData&) { return true; },
                [](const char*, size_t) { return true; });
    if (ok && keep) read.status = 415;
  } else {
    ok = reader(receive);
  }
  // cpp-httplib refuses a Content-Length above the limit itself (it sets 413 and skips
  // the body without keeping it).
  if (!ok) read.status = response.status == 413 ? 413 : 400;
  if (ok && too_large) read.status = 413;
  return read;
}

std::string PercentEncode(std::string_view s) {
  std::string out;
  for (const unsigned char c : s) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

// The verdict's label in neardup_verdicts_total: "new" for a new story, else the relation
// to the document it is tied to, or "representative" when it was tied to documents
// indexed before it but became its cluster's representative (published earlier).
std::string RelationOf(const LiveVerdict& verdict) {
  if (verdict.is_new) return "new";
  if (verdict.link.has_value()) return std::string(RelationName(verdict.link->relation));
  return "representative";
}

// Returns the method for a metrics label: one of HTTP's, or "-" for anything a client
// made up (which would make the series unbounded, or break the text format).
std::string MethodLabel(const std::string& method) {
  for (const char* known : {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    if (method == known) return method;
  }
  return "-";
}

// Compares without an early exit, so that the time taken does not tell how much of a
// guessed token was right.
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

absl::Status ServerOptions::Validate() const {
  if (port < 0 || port > 65535) return absl::InvalidArgumentError("--port must be in 0..65535");
  if (threads < 1) return absl::InvalidArgumentError("--threads must be at least 1");
  if (max_body_bytes == 0 || max_body_bytes > kMaxBodyLimit) {
    return absl::InvalidArgumentError(
        absl::StrCat("--max-body-bytes must be in 1..", kMaxBodyLimit, " (1 GiB)"));
  }
  return reader.Validate();
}

Server::Server(LiveIndex* index, ServerOptions options)
    : index_(index), options_(std::move(options)), http_(std::make_unique<HttpServer>()) {
  const int threads = options_.threads;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_payload_max_length(options_.max_body_bytes);
  http_->set_keep_alive_max_count(kKeepAliveRequests);
  // Small JSON answers on keep-alive connections: without TCP_NODELAY each would wait
  // for the client's delayed ACK (40 ms on Linux).
  http_->set_tcp_nodelay(true);
  // Every route goes through Handle, which does the routing itself: one place for
  // 404/405, authorisation, body limits and metrics.
  const auto plain = [this](const httplib::Request& q, httplib::Response& r) {
    Handle(q, r, nullptr);
  };
  const auto with_body = [this](const httplib::Request& q, httplib::Response& r,
                                const httplib::ContentReader& reader) { Handle(q, r, &reader); };
  http_->Get(".*", plain);
  http_->Options(".*", plain);
  http_->Post(".*", with_body);
  http_->Put(".*", with_body);
  http_->Patch(".*", with_body);
  http_->Delete(".*", with_body);
  // Errors cpp-httplib answers itself (a malformed request line, a URI too long) get the
  // same JSON body as ours.
  http_->set_error_handler(
      httplib::Server::HandlerWithResponse([this](const httplib::Request& q, httplib::Response& r) {
        if (!r.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        r.set_content(ErrorJson(r.status, HttpReason(r.status)), "application/json");
        metrics_.Count(MethodLabel(q.method), "-", r.status);
        return httplib::Server::HandlerResponse::Handled;
      }));
}

Server::~Server() { Stop(); }

absl::StatusOr<int> Server::Bind() {
  int port = options_.port;
  if (port == 0) {
    port = http_->bind_to_any_port(options_.host);
  } else if (!http_->bind_to_port(options_.host, port)) {
    port = -1;
  }
  if (port < 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options_.host, ":",
                                               options_.port, ": ", std::strerror(errno)));
  }
  http_->SetListenBacklog(kListenBacklog);
  return port;
}

absl::Status Server::Serve() {
  if (!http_->listen_after_bind()) return absl::InternalError("the listening socket failed");
  return absl::OkStatus();
}

void Server::Stop() { http_->CloseListener(); }

bool Server::Authorized(const httplib::Request& request) const {
  if (options_.token.empty()) return true;
  const std::string header = request.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() < kBearer.size() ||
      !absl::EqualsIgnoreCase(AsAbsl(std::string_view(header).substr(0, kBearer.size())),
                              AsAbsl(kBearer))) {
    return false;
  }
  return SameSecret(std::string_view(header).substr(kBearer.size()), options_.token);
}

void Server::Handle(const httplib::Request& request, httplib::Response& response,
                    const httplib::ContentReader* reader) {
  const auto start = std::chrono::steady_clock::now();
  std::string route = "-";
  Reply reply = Dispatch(request, response, reader, &route);
  response.status = reply.status;
  for (auto& [name, value] : reply.headers) response.set_header(name, value);
  if (!reply.body.empty()) response.set_content(std::move(reply.body), reply.content_type);
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  metrics_.Record(MethodLabel(request.method), route, reply.status, seconds.count());
}

Reply Server::Dispatch(const httplib::Request& request, httplib::Response& response,
                       const httplib::ContentReader* reader, std::string* route) {
  const std::string& path = request.path;
  const std::string& method = request.method;
  const bool is_get = method == "GET" || method == "HEAD";
  // The route, the methods it takes, and the id at the end of the path.
  std::string allowed;
  std::string id;
  bool needs_body = false;
  bool write = false;
  if (path == "/healthz" || path == "/metrics" || path == "/v1/stats") {
    *route = path;
    allowed = "GET, HEAD";
  } else if (path == "/v1/documents") {
    *route = path;
    allowed = "POST";
    needs_body = write = method == "POST";
  } else if (path == "/v1/query") {
    *route = path;
    allowed = "POST";
    needs_body = method == "POST";
  } else if (path.size() > kDocumentsPrefix.size() && path.starts_with(kDocumentsPrefix)) {
    *route = "/v1/documents/{id}";
    allowed = "GET, HEAD, DELETE";
    id = path.substr(kDocumentsPrefix.size());
    write = method == "DELETE";
  } else if (path.size() > kClustersPrefix.size() && path.starts_with(kClustersPrefix)) {
    *route = "/v1/clusters/{id}";
    allowed = "GET, HEAD";
    id = path.substr(kClustersPrefix.size());
  }
  // HEAD goes wherever GET does.
  const bool method_allowed =
      !allowed.empty() && absl::StrContains(allowed, is_get ? std::string("GET") : method);
  const bool authorized = !write || Authorized(request);

  BodyRead read;
  if (reader != nullptr) {
    // Read every body, even one refused, so that the next request on the connection
    // starts where it should.
    read = ReadBody(request, response, *reader, options_.max_body_bytes,
                    needs_body && method_allowed && authorized);
  }
  if (allowed.empty()) return ErrorReply(404, absl::StrCat("no route ", path));
  if (!method_allowed) {
    Reply reply = ErrorReply(
        405, absl::StrCat(method, " is not allowed on ", *route, " (allowed: ", allowed, ")"));
    reply.headers.emplace_back("Allow", allowed);
    return reply;
  }
  if (!authorized) {
    Reply reply = ErrorReply(401,
                             "this route needs \"Authorization: Bearer <token>\" with the "
                             "server's token");
    reply.headers.emplace_back("WWW-Authenticate", "Bearer");
    return reply;
  }
  if (read.status == 413) {
    return ErrorReply(413, absl::StrCat("the body is larger than the limit of ",
                                        options_.max_body_bytes, " bytes"));
  }
  if (read.status == 415) {
    return ErrorReply(415, "send the documents as a JSON body, not as a form");
  }
  if (read.status != 0) return ErrorReply(400, "the body could not be read");

  if (path == "/healthz") return Health();
  if (path == "/metrics") {
    return Reply{200, metrics_.Render(index_->Stats()), "text/plain; version=0.0.4", {}};
  }
  if (path == "/v1/stats") {
    JsonWriter w;
    WriteLiveStats(index_->Stats(), &w);
    return JsonReply(200, w);
  }
  if (path == "/v1/documents") return AddDocuments(&read.body);
  if (path == "/v1/query") return QueryDocuments(&read.body);
  if (*route == "/v1/clusters/{id}") return GetCluster(id);
  if (method == "DELETE") return DeleteDocument(id);
  return GetDocument(id);
}

Reply Server::Health() {
  JsonWriter w;
  w.BeginObject();
  w.Key("status");
  w.String("ok");
  w.EndObject();
  return JsonReply(200, w);
}

Reply Server::AddDocuments(std::string* body) {
  absl::StatusOr<DocumentsBody> parsed = ParseDocumentsBody(body, options_.reader);
  if (!parsed.ok()) return StatusReply(parsed.status());
  JsonWriter w;
  if (!parsed->batch) {
    Document& doc = parsed->documents[0];
    const std::string location = absl::StrCat(AsAbsl(kDocumentsPrefix), PercentEncode(doc.id));
    absl::StatusOr<LiveVerdict> verdict;
    {
      std::shared_lock lock(batch_mu_);
      verdict = index_->Add(std::move(doc));
    }
    if (!verdict.ok()) return StatusReply(verdict.status());
    metrics_.RecordVerdict(RelationOf(*verdict));
    WriteLiveVerdict(*verdict, &w);
    Reply reply = JsonReply(201, w);
    reply.headers.emplace_back("Location", location);
    return reply;
  }
  // A batch is checked whole before anything is added: a bad document (above) or an id
  // already indexed refuses it all. Holding the lock exclusively keeps other adds from
  // taking one of its ids between the check and the add.
  std::unique_lock lock(batch_mu_);
  std::vector<Document>& docs = parsed->documents;
  for (size_t i = 0; i < docs.size(); ++i) {
    absl::StatusOr<LiveVerdict> existing = index_->Get(docs[i].id);
    if (existing.ok()) {
      return ErrorReply(409, absl::StrCat("documents[", i, "]: id \"", docs[i].id,
                                          "\" is already indexed; nothing was added"));
    }
    if (!absl::IsNotFound(existing.status())) return StatusReply(existing.status());
  }
  w.BeginObject();
  w.Key("verdicts");
  w.BeginArray();
  for (size_t i = 0; i < docs.size(); ++i) {
    absl::StatusOr<LiveVerdict> verdict = index_->Add(std::move(docs[i]));
    if (!verdict.ok()) {
      // Only a failure of the database itself gets here. Each add is atomic, so the
      // documents before this one are in the index: say which.
      w.EndArray();
      w.Key("error");
      w.String(absl::StrCat("documents[", i, "]: ", verdict.status().message(),
                            "; the documents before it were added (see \"verdicts\")"));
      const int status = HttpStatusOf(verdict.status());
      w.Key("status");
      w.Int(status);
      w.EndObject();
      return JsonReply(status, w);
    }
    metrics_.RecordVerdict(RelationOf(*verdict));
    WriteLiveVerdict(*verdict, &w);
  }
  w.EndArray();
  w.EndObject();
  return JsonReply(201, w);
}

Reply Server::QueryDocuments(std::string* body) {
  absl::StatusOr<DocumentsBody> parsed = ParseDocumentsBody(body, options_.reader);
  if (!parsed.ok()) return StatusReply(parsed.status());
  JsonWriter w;
  if (parsed->batch) {
    w.BeginObject();
    w.Key("verdicts");
    w.BeginArray();
  }
  for (const Document& doc : parsed->documents) {
    absl::StatusOr<LiveVerdict> verdict = index_->Query(doc);
    if (!verdict.ok()) return StatusReply(verdict.status());
    WriteLiveVerdict(*verdict, &w);
  }
  if (parsed->batch) {
    w.EndArray();
    w.EndObject();
  }
  return JsonReply(200, w);
}

Reply Server::GetDocument(const std::string& id) {
  absl::StatusOr<LiveVerdict> verdict = index_->Get(id);
  if (!verdict.ok()) return StatusReply(verdict.status());
  JsonWriter w;
  WriteLiveVerdict(*verdict, &w);
  return JsonReply(200, w);
}

Reply Server::GetCluster(const std::string& id) {
  uint64_t cluster = 0;
  if (!absl::SimpleAtoi(AsAbsl(id), &cluster) || !absl::ascii_isdigit(id[0])) {
    return ErrorReply(400, absl::StrCat("cluster id \"", id, "\" is not a non-negative integer"));
  }
  absl::StatusOr<LiveCluster> members = index_->GetCluster(cluster);
  if (!members.ok()) return StatusReply(members.status());
  JsonWriter w;
  WriteLiveCluster(*members, &w);
  return JsonReply(200, w);
}

Reply Server::DeleteDocument(const std::string& id) {
  const absl::Status status = index_->Delete(id);
  if (!status.ok()) return StatusReply(status);
  return Reply{204, "", "application/json", {}};
}

}  // namespace neardup::server
