// A load generator for `neardup serve`: sends the records of a JSON Lines file, one
// document per request, over N keep-alive connections (one thread each), and reports
// documents per second and the latency distribution (p50/p90/p99/max) as seen by the
// client. docs/bench/live.md has the procedure and the figures.
//
//   live_load --port 8080 --connections 8 --docs 20000 more.jsonl
//
// Traffic goes only to the address given (default 127.0.0.1), and the run is bounded by
// the number of records and by --seconds.
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Flags {
  std::string input;
  std::string host = "127.0.0.1";
  int port = 8080;
  int connections = 8;
  size_t docs = 0;  // 0: every record
  std::string path = "/v1/documents";
  std::string token_file;
  double seconds = 600;
};

// What one connection saw.
struct ConnectionResult {
  std::vector<double> latency_ms;  // of 2xx answers
  std::map<int, uint64_t> statuses;
  uint64_t failures = 0;  // no answer
  std::string first_error;
};

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t i = std::min(sorted.size() - 1, static_cast<size_t>(p * sorted.size()));
  return sorted[i];
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  CLI::App app("Send single-document inserts to neardup serve and report docs/s and latency.");
  app.add_option("input", flags.input, "JSON Lines file: one document object per line")->required();
  app.add_option("--host", flags.host, "Server address")->capture_default_str();
  app.add_option("--port", flags.port, "Server port")->capture_default_str();
  app.add_option("--connections", flags.connections, "Concurrent connections (threads)")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  app.add_option("--docs", flags.docs, "Send at most this many records (0: all)")
      ->capture_default_str();
  app.add_option("--path", flags.path, "Route to post to (/v1/documents or /v1/query)")
      ->capture_default_str();
  app.add_option("--token-file", flags.token_file, "Bearer token for the server");
  app.add_option("--seconds", flags.seconds, "Stop sending after this many seconds")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::vector<std::string> records;
  {
    std::ifstream in(flags.input);
    if (!in) {
      std::cerr << "live_load: cannot open " << flags.input << "\n";
      return 1;
    }
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      records.push_back(std::move(line));
      if (flags.docs > 0 && records.size() == flags.docs) break;
    }
  }
  httplib::Headers headers;
  if (!flags.token_file.empty()) {
    std::ifstream in(flags.token_file);
    std::string token;
    in >> token;
    headers.emplace("Authorization", "Bearer " + token);
  }
  uint64_t bytes = 0;
  for (const std::string& r : records) bytes += r.size();

  std::atomic<size_t> next{0};
  std::vector<ConnectionResult> results(static_cast<size_t>(flags.connections));
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::duration<double>(flags.seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < flags.connections; ++c) {
    threads.emplace_back([&, c] {
      ConnectionResult& result = results[static_cast<size_t>(c)];
      httplib::Client client(flags.host, flags.port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(60, 0);
      for (;;) {
        const size_t i = next.fetch_add(1);
        if (i >= records.size() || std::chrono::steady_clock::now() > deadline) break;
        const auto t0 = std::chrono::steady_clock::now();
        auto res = client.Post(flags.path, headers, records[i], "application/json");
        const std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - t0;
        if (!res) {
          ++result.failures;
          if (result.first_error.empty()) result.first_error = httplib::to_string(res.error());
          continue;
        }
        ++result.statuses[res->status];
        if (res->status / 100 == 2) {
          result.latency_ms.push_back(ms.count());
        } else if (result.first_error.empty()) {
          result.first_error = std::to_string(res->status) + " " + res->body;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;

  std::vector<double> latency;
  std::map<int, uint64_t> statuses;
  uint64_t failures = 0;
  for (const ConnectionResult& r : results) {
    latency.insert(latency.end(), r.latency_ms.begin(), r.latency_ms.end());
    for (const auto& [status, n] : r.statuses) statuses[status] += n;
    failures += r.failures;
    if (!r.first_error.empty()) std::cerr << "live_load: first error: " << r.first_error << "\n";
  }
  std::sort(latency.begin(), latency.end());
  double sum = 0;
  for (double l : latency) sum += l;
  const double seconds = wall.count();
  std::printf("requests   %zu sent over %d connections in %.2f s (%.1f MB of records)\n",
              std::min(next.load(), records.size()), flags.connections, seconds, bytes / 1e6);
  std::printf("statuses  ");
  for (const auto& [status, n] : statuses)
    std::printf(" %d: %llu", status, static_cast<unsigned long long>(n));
  std::printf("  no answer: %llu\n", static_cast<unsigned long long>(failures));
  std::printf("throughput %.0f documents/s (2xx answers)\n", latency.size() / seconds);
  std::printf("latency ms mean %.2f  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
              latency.empty() ? 0 : sum / latency.size(), Percentile(latency, 0.50),
              Percentile(latency, 0.90), Percentile(latency, 0.99),
              latency.empty() ? 0 : latency.back());
  return failures == 0 ? 0 : 1;
}
