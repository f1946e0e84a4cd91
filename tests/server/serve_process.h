// Helpers for the end-to-end tests of `neardup serve`: start the binary (NEARDUP_BINARY)
// on a database directory with --port 0, learn its port from the "listening on" line,
// signal it; and small client helpers (JSON fields of a response, the index's document
// count from /metrics).
#ifndef NEARDUP_TESTS_SERVER_SERVE_PROCESS_H_
#define NEARDUP_TESTS_SERVER_SERVE_PROCESS_H_

#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace neardup::testing {

// A fresh temporary directory, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "neardup_serve_XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A running `neardup serve`. The destructor kills it (SIGKILL) if it still runs.
class ServeProcess {
 public:
  // Starts `neardup serve --db DB --port 0 ARGS...` and waits (up to 60 s) for it to
  // listen. Returns null, with a test failure, when it does not.
  static std::unique_ptr<ServeProcess> Start(const std::string& db,
                                             const std::vector<std::string>& args = {}) {
    auto process = std::unique_ptr<ServeProcess>(new ServeProcess());
    if (!process->Launch(db, args)) return nullptr;
    return process;
  }

  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      Wait();
    }
    if (drain_.joinable()) drain_.join();
  }

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  void Signal(int sig) const { kill(pid_, sig); }

  // Waits for the process to end; returns its wait status.
  int Wait() {
    int status = 0;
    if (pid_ > 0) {
      waitpid(pid_, &status, 0);
      pid_ = -1;
      wait_status_ = status;
    }
    return wait_status_;
  }

  // Everything it printed on stderr so far.
  std::string stderr_text() {
    std::lock_guard<std::mutex> lock(mu_);
    return stderr_;
  }

  // Peak resident memory (VmHWM) in kB, from /proc.
  long PeakRssKb() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
    }
    return -1;
  }

  std::unique_ptr<httplib::Client> Client() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client->set_read_timeout(60, 0);
    client->set_write_timeout(60, 0);
    return client;
  }

 private:
  ServeProcess() = default;

  bool Launch(const std::string& db, const std::vector<std::string>& args) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe failed";
      return false;
    }
    std::vector<std::string> argv = {NEARDUP_BINARY, "serve", "--db", db, "--port", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDERR_FILENO);
      std::vector<char*> c_argv;
      for (std::string& a : argv) c_argv.push_back(a.data());
      c_argv.push_back(nullptr);
      execv(c_argv[0], c_argv.data());
      _exit(127);
    }
    close(fds[1]);
    // Reads stderr on a thread of its own until the process ends, so that it never
    // blocks on a full pipe.
    const int fd = fds[0];
    std::promise<int> port_found;
    std::future<int> port_future = port_found.get_future();
    drain_ = std::thread([this, fd, promise = std::move(port_found)]() mutable {
      static const std::regex kListening(R"(listening on http://[^:\s]+:(\d+))");
      bool found = false;
      char buf[4096];
      for (;;) {
        const ssize_t n = read(fd, buf, sizeof(buf));
        if (n <= 0) break;
        std::lock_guard<std::mutex> lock(mu_);
        stderr_.append(buf, static_cast<size_t>(n));
        std::smatch m;
        if (!found && std::regex_search(stderr_, m, kListening)) {
          found = true;
          promise.set_value(std::stoi(m[1]));
        }
      }
      close(fd);
      if (!found) promise.set_value(-1);
    });
    if (port_future.wait_for(std::chrono::seconds(60)) != std::future_status::ready ||
        (port_ = port_future.get()) <= 0) {
      ADD_FAILURE() << "neardup serve did not start listening; stderr:\n" << stderr_text();
      return false;
    }
    return true;
  }

  pid_t pid_ = -1;
  int port_ = -1;
  int wait_status_ = 0;
  std::thread drain_;
  std::mutex mu_;
  std::string stderr_;
};

// Returns the document count of the index (the neardup_documents gauge of /metrics),
// or -1 when it cannot be read.
inline long DocumentCount(httplib::Client& client) {
  auto res = client.Get("/metrics");
  if (!res || res->status != 200) return -1;
  static const std::regex kDocuments(R"((^|\n)neardup_documents (\d+)\n)");
  std::smatch m;
  if (!std::regex_search(res->body, m, kDocuments)) return -1;
  return std::stol(m[2]);
}

// Parses a JSON response body; fails the test when it is not JSON.
class Json {
 public:
  explicit Json(const std::string& text) : padded_(text) {
    if (auto err = parser_.parse(padded_).get(root_)) {
      ADD_FAILURE() << "not JSON (" << simdjson::error_message(err) << "): " << text;
      valid_ = false;
    }
  }
  bool valid() const { return valid_; }
  simdjson::dom::element root() const { return root_; }
  // Returns the string at `pointer` ("/duplicate_of/id"), or nullopt.
  std::optional<std::string> String(const std::string& pointer) const {
    std::string_view s;
    if (!valid_ || root_.at_pointer(pointer).get(s)) return std::nullopt;
    return std::string(s);
  }
  // Returns the integer at `pointer`, or nullopt.
  std::optional<int64_t> Int(const std::string& pointer) const {
    int64_t v;
    if (!valid_ || root_.at_pointer(pointer).get(v)) return std::nullopt;
    return v;
  }

 private:
  simdjson::padded_string padded_;
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
  bool valid_ = true;
};

}  // namespace neardup::testing

#endif  // NEARDUP_TESTS_SERVER_SERVE_PROCESS_H_
