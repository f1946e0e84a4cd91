#include "server/metrics.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"

namespace neardup::server {
namespace {

// Appends "# HELP" and "# TYPE" lines.
void Header(std::string* out, const char* name, const char* type, const char* help) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

void Gauge(std::string* out, const char* name, const char* help, double value) {
  Header(out, name, "gauge", help);
  absl::StrAppendFormat(out, "%s %.17g\n", name, value);
}

}  // namespace

void Metrics::Record(const std::string& method, const std::string& route, int status,
                     double seconds) {
  const size_t bucket = std::lower_bound(kLatencyBuckets.begin(), kLatencyBuckets.end(), seconds) -
                        kLatencyBuckets.begin();
  absl::MutexLock lock(&mu_);
  ++requests_[{method, route, status}];
  Histogram& h = latency_[{method, route}];
  if (bucket < h.buckets.size()) ++h.buckets[bucket];
  ++h.count;
  h.sum += seconds;
}

void Metrics::Count(const std::string& method, const std::string& route, int status) {
  absl::MutexLock lock(&mu_);
  ++requests_[{method, route, status}];
}

void Metrics::RecordVerdict(const std::string& relation) {
  absl::MutexLock lock(&mu_);
  ++verdicts_[relation];
}

std::string Metrics::Render(const LiveIndexStats& stats) const {
  std::string out;
  Gauge(&out, "neardup_documents", "Documents in the index.", stats.documents);
  Header(&out, "neardup_documents_added_total", "counter", "Documents ever added to the index.");
  absl::StrAppend(&out, "neardup_documents_added_total ", stats.added, "\n");
  Header(&out, "neardup_documents_removed_total", "counter",
         "Documents deleted or expired from the index.");
  absl::StrAppend(&out, "neardup_documents_removed_total ", stats.deleted, "\n");
  Gauge(&out, "neardup_clusters_with_copies", "Clusters of two or more indexed documents.",
        stats.clusters_with_copies);
  Gauge(&out, "neardup_edges", "Verified pairs between indexed documents.", stats.edges);
  Gauge(&out, "neardup_disk_bytes", "Size of the database files.", stats.disk_bytes);
  Gauge(&out, "neardup_memory_records", "Candidate records kept in memory (--memory-budget).",
        stats.memory_records);
  Gauge(&out, "neardup_memory_bytes", "Bytes of the candidate records kept in memory.", stats.memory_bytes);
  if (stats.newest_published.has_value()) {
    Gauge(&out, "neardup_newest_published_seconds",
          "Publication time of the newest indexed document (Unix seconds).",
          absl::ToUnixSeconds(*stats.newest_published));
  }

  absl::MutexLock lock(&mu_);
  Header(&out, "neardup_verdicts_total", "counter",
         "Verdicts given to added documents, by relation to the index.");
  for (const auto& [relation, count] : verdicts_) {
    absl::StrAppend(&out, "neardup_verdicts_total{relation=\"", relation, "\"} ", count, "\n");
  }
  Header(&out, "neardup_http_requests_total", "counter",
         "HTTP requests answered, by method, route and status code.");
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    absl::StrAppend(&out, "neardup_http_requests_total{method=\"", method, "\",route=\"", route,
                    "\",code=\"", status, "\"} ", count, "\n");
  }
  Header(&out, "neardup_http_request_duration_seconds", "histogram",
         "Time from a request's headers to its response being ready, by method and route.");
  for (const auto& [key, h] : latency_) {
    const std::string labels =
        absl::StrCat("method=\"", key.first, "\",route=\"", key.second, "\"");
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      absl::StrAppendFormat(&out, "neardup_http_request_duration_seconds_bucket{%s,le=\"%g\"} %d\n",
                            labels, kLatencyBuckets[i], cumulative);
    }
    absl::StrAppendFormat(&out,
                          "neardup_http_request_duration_seconds_bucket{%s,le=\"+Inf\"} %d\n"
                          "neardup_http_request_duration_seconds_sum{%s} %.9g\n"
                          "neardup_http_request_duration_seconds_count{%s} %d\n",
                          labels, h.count, labels, h.sum, labels, h.count);
  }
  return out;
}

}  // namespace neardup::server
