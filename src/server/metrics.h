// Request metrics of the service, rendered in the Prometheus text format (version 0.0.4)
// for GET /metrics: a counter of requests by method, route and status, and a histogram of
// request latency by method and route. The gauges of the index itself (documents, edges,
// bytes on disk) come from LiveIndexStats at rendering time.
//
//   Metrics metrics;
//   metrics.Record("POST", "/v1/documents", 201, 0.0042);
//   std::string text = metrics.Render(index.Stats());
//
// Thread-safety: Record and Render may be called from any thread.
#ifndef NEARDUP_SERVER_METRICS_H_
#define NEARDUP_SERVER_METRICS_H_

#include <array>
#include <cstdint>
#include <string>
#include <tuple>

#include "absl/base/thread_annotations.h"
#include "absl/container/btree_map.h"
#include "absl/synchronization/mutex.h"
#include "neardup/pipeline/live_index.h"

namespace neardup::server {

// Upper bounds, in seconds, of the latency histogram's buckets (Prometheus `le`); the
// +Inf bucket follows them.
inline constexpr std::array<double, 14> kLatencyBuckets = {
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10};

class Metrics {
 public:
  // Counts one request: `route` is the route's pattern ("/v1/documents/{id}"), not the
  // path, so that the number of series stays bounded; `seconds` is its latency.
  void Record(const std::string& method, const std::string& route, int status, double seconds);
  // Counts one request without timing it (one refused before it reached a route).
  void Count(const std::string& method, const std::string& route, int status);
  // Counts verdicts given to added documents, by relation ("new", "exact", ...).
  void RecordVerdict(const std::string& relation);
  // Returns every metric in the Prometheus text format.
  std::string Render(const LiveIndexStats& stats) const;

 private:
  struct Histogram {
    std::array<uint64_t, kLatencyBuckets.size()> buckets{};  // not cumulative
    uint64_t count = 0;
    double sum = 0;
  };
  mutable absl::Mutex mu_;
  // Ordered maps, so that the output is stable from one scrape to the next.
  absl::btree_map<std::tuple<std::string, std::string, int>, uint64_t> requests_
      ABSL_GUARDED_BY(mu_);
  absl::btree_map<std::pair<std::string, std::string>, Histogram> latency_ ABSL_GUARDED_BY(mu_);
  absl::btree_map<std::string, uint64_t> verdicts_ ABSL_GUARDED_BY(mu_);
};

}  // namespace neardup::server

#endif  // NEARDUP_SERVER_METRICS_H_
