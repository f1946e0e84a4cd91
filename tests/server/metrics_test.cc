#include "server/metrics.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace neardup::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsTest, CountsRequestsByMethodRouteAndCode) {
  Metrics metrics;
  metrics.Record("POST", "/v1/documents", 201, 0.003);
  metrics.Record("POST", "/v1/documents", 201, 0.004);
  metrics.Record("POST", "/v1/documents", 409, 0.001);
  metrics.Count("-", "-", 400);
  const std::string text = metrics.Render(LiveIndexStats{});
  EXPECT_THAT(text, HasSubstr("neardup_http_requests_total{method=\"POST\",route=\"/v1/"
                              "documents\",code=\"201\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("neardup_http_requests_total{method=\"POST\",route=\"/v1/"
                              "documents\",code=\"409\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("neardup_http_requests_total{method=\"-\",route=\"-\",code=\"400\"} 1\n"));
  // Counted without a latency: no histogram series for it.
  EXPECT_THAT(text, Not(HasSubstr("neardup_http_request_duration_seconds_count{method=\"-\"")));
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  Metrics metrics;
  metrics.Record("GET", "/healthz", 200, 0.0001);  // first bucket
  metrics.Record("GET", "/healthz", 200, 0.003);   // le 0.005
  metrics.Record("GET", "/healthz", 200, 0.005);   // le 0.005: bounds are inclusive
  metrics.Record("GET", "/healthz", 200, 60);      // only +Inf
  const std::string text = metrics.Render(LiveIndexStats{});
  const std::string prefix =
      "neardup_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",";
  EXPECT_THAT(text, HasSubstr(prefix + "le=\"0.0005\"} 1\n"));
  EXPECT_THAT(text, HasSubstr(prefix + "le=\"0.002\"} 1\n"));
  EXPECT_THAT(text, HasSubstr(prefix + "le=\"0.005\"} 3\n"));
  EXPECT_THAT(text, HasSubstr(prefix + "le=\"10\"} 3\n"));
  EXPECT_THAT(text, HasSubstr(prefix + "le=\"+Inf\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("neardup_http_request_duration_seconds_count{method=\"GET\","
                              "route=\"/healthz\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("neardup_http_request_duration_seconds_sum{method=\"GET\","
                              "route=\"/healthz\"} 60.0081\n"));
}

TEST(MetricsTest, IndexGaugesAndVerdicts) {
  Metrics metrics;
  metrics.RecordVerdict("new");
  metrics.RecordVerdict("near_duplicate");
  metrics.RecordVerdict("new");
  LiveIndexStats stats;
  stats.documents = 12345;
  stats.added = 12400;
  stats.deleted = 55;
  const std::string text = metrics.Render(stats);
  EXPECT_THAT(text, HasSubstr("# TYPE neardup_documents gauge\nneardup_documents 12345\n"));
  EXPECT_THAT(text, HasSubstr("neardup_documents_added_total 12400\n"));
  EXPECT_THAT(text, HasSubstr("neardup_documents_removed_total 55\n"));
  EXPECT_THAT(text, HasSubstr("neardup_verdicts_total{relation=\"new\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("neardup_verdicts_total{relation=\"near_duplicate\"} 1\n"));
}

}  // namespace
}  // namespace neardup::server
