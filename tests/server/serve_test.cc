// End-to-end tests of `neardup serve`: the routes, their status codes and JSON bodies,
// and that no refused request changes the index.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "neardup/base/json_writer.h"
#include "server/serve_process.h"

namespace neardup::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

constexpr char kToken[] = "s3cret-token";

// Two texts long enough for shingles, and a near-duplicate of the first.
const std::string kStory =
    "The central bank raised its main interest rate by a quarter of a point on Tuesday, "
    "the third increase this year, saying that inflation remained well above its target "
    "and that the labour market was still tight. Markets had expected the move. The bank "
    "said further increases could be needed if price pressures did not ease over the "
    "coming months, and it left its forecast for growth next year unchanged.";
const std::string kStoryCopy =
    "The central bank raised its main interest rate by a quarter of a point on Tuesday, "
    "the third increase this year, saying that inflation remained well above its target "
    "and that the labour market was still tight. Markets had widely expected the move. The "
    "bank said further increases could be needed if price pressures did not ease over the "
    "coming months, and it left its forecast for growth next year unchanged.";
const std::string kOther =
    "Heavy rain flooded roads across the northern province overnight, cutting off several "
    "villages and forcing schools to close. Emergency services rescued dozens of people "
    "from cars stranded in rising water, and forecasters warned of more storms through the "
    "weekend as a slow-moving front settled over the region.";

// The copy is published later than the story, so the story stays its cluster's
// representative.
constexpr char kEarly[] = "2025-12-02T10:00:00Z";
constexpr char kLate[] = "2025-12-02T12:30:00Z";

std::string DocJson(const std::string& id, const std::string& text,
                    const std::string& published = kEarly) {
  std::string json = "{\"id\": ";
  AppendJsonString(id, &json);
  json += ", \"text\": ";
  AppendJsonString(text, &json);
  json += ", \"published\": ";
  AppendJsonString(published, &json);
  return json + "}";
}

httplib::Headers Auth() { return {{"Authorization", std::string("Bearer ") + kToken}}; }

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string token_file = dir_.path() + "/token";
    std::ofstream(token_file) << kToken << "\n";
    server_ = ServeProcess::Start(dir_.path() + "/db",
                                  {"--token-file", token_file, "--mode", "near-duplicate"});
    ASSERT_NE(server_, nullptr);
    client_ = server_->Client();
  }

  // Posts one document with the token; returns the response (fails the test on no answer).
  httplib::Result Add(const std::string& id, const std::string& text,
                      const std::string& published = kEarly) {
    auto res =
        client_->Post("/v1/documents", Auth(), DocJson(id, text, published), "application/json");
    EXPECT_TRUE(res) << httplib::to_string(res.error());
    return res;
  }

  // Checks that `res` is an error with `status` and a JSON body {"error", "status"}.
  static void ExpectError(const httplib::Result& res, int status, const std::string& what) {
    ASSERT_TRUE(res) << what << ": no response (" << httplib::to_string(res.error()) << ")";
    EXPECT_EQ(res->status, status) << what << ": " << res->body;
    EXPECT_THAT(res->get_header_value("Content-Type"), HasSubstr("application/json")) << what;
    Json json(res->body);
    EXPECT_EQ(json.Int("/status"), status) << what << ": " << res->body;
    EXPECT_TRUE(json.String("/error").has_value()) << what << ": " << res->body;
  }

  TempDir dir_;
  std::unique_ptr<ServeProcess> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServeTest, AddFindQueryDelete) {
  auto a = Add("a", kStory);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, 201) << a->body;
  EXPECT_EQ(a->get_header_value("Location"), "/v1/documents/a");
  Json va(a->body);
  EXPECT_EQ(va.String("/id"), "a");
  EXPECT_TRUE(va.root()["duplicate_of"].is_null()) << a->body;

  auto b = Add("b/1", kStoryCopy, kLate);  // an id that needs escaping in a path
  ASSERT_TRUE(b);
  EXPECT_EQ(b->status, 201) << b->body;
  // On the wire "/v1/documents/b%2F1"; cpp-httplib's client decodes Location headers.
  EXPECT_EQ(b->get_header_value("Location"), "/v1/documents/b/1");
  Json vb(b->body);
  EXPECT_EQ(vb.String("/duplicate_of/id"), "a") << b->body;
  EXPECT_EQ(vb.Int("/cluster"), va.Int("/cluster"));
  EXPECT_EQ(vb.Int("/cluster_size"), 2);
  ASSERT_EQ(Add("c", kOther)->status, 201);

  auto got = client_->Get("/v1/documents/b%2F1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 200) << got->body;
  EXPECT_EQ(Json(got->body).String("/duplicate_of/id"), "a");

  const int64_t cluster = va.Int("/cluster").value_or(-1);
  auto members = client_->Get("/v1/clusters/" + std::to_string(cluster));
  ASSERT_TRUE(members);
  EXPECT_EQ(members->status, 200) << members->body;
  Json cj(members->body);
  std::vector<std::string> ids;
  simdjson::dom::array list;
  ASSERT_FALSE(cj.root()["members"].get(list)) << members->body;
  for (auto m : list) ids.emplace_back(std::string_view(m));
  EXPECT_THAT(ids, UnorderedElementsAre("a", "b/1"));

  // A query compares without adding.
  auto q = client_->Post("/v1/query", DocJson("q", kStoryCopy, kLate), "application/json");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->status, 200) << q->body;
  Json vq(q->body);
  EXPECT_EQ(vq.String("/duplicate_of/id").has_value(), true) << q->body;
  EXPECT_EQ(DocumentCount(*client_), 3);
  ExpectError(client_->Get("/v1/documents/q"), 404, "queried document");

  // The same id again.
  ExpectError(Add("a", kOther), 409, "duplicate id");
  EXPECT_EQ(DocumentCount(*client_), 3);

  auto del = client_->Delete("/v1/documents/b%2F1", Auth());
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 204) << del->body;
  ExpectError(client_->Get("/v1/documents/b%2F1"), 404, "deleted document");
  ExpectError(client_->Delete("/v1/documents/b%2F1", Auth()), 404, "deleted twice");
  EXPECT_EQ(DocumentCount(*client_), 2);

  auto health = client_->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto stats = client_->Get("/v1/stats");
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->status, 200);
  EXPECT_EQ(Json(stats->body).Int("/documents"), 2) << stats->body;
}

TEST_F(ServeTest, BatchIsAddedWholeOrNotAtAll) {
  const std::string batch = "{\"documents\": [" + DocJson("a", kStory) + "," +
                            DocJson("b", kStoryCopy, kLate) + "," + DocJson("c", kOther) + "]}";
  auto res = client_->Post("/v1/documents", Auth(), batch, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
  Json json(res->body);
  EXPECT_EQ(json.String("/verdicts/1/duplicate_of/id"), "a") << res->body;
  EXPECT_EQ(json.String("/verdicts/2/id"), "c") << res->body;
  EXPECT_EQ(DocumentCount(*client_), 3);

  // A bad document anywhere refuses the whole batch.
  const std::string bad = "{\"documents\": [" + DocJson("d", kOther) + ", {\"id\": \"e\"}]}";
  ExpectError(client_->Post("/v1/documents", Auth(), bad, "application/json"), 400, "bad item");
  // So does an id already indexed.
  const std::string taken =
      "{\"documents\": [" + DocJson("d", kOther) + "," + DocJson("b", kOther) + "]}";
  ExpectError(client_->Post("/v1/documents", Auth(), taken, "application/json"), 409, "taken id");
  EXPECT_EQ(DocumentCount(*client_), 3);
  ExpectError(client_->Get("/v1/documents/d"), 404, "d of a refused batch");

  // Batch queries answer in order and add nothing.
  const std::string query = "{\"documents\": [" + DocJson("x", kStoryCopy, kLate) + "," +
                            DocJson("y", "Nothing alike here.") + "]}";
  auto q = client_->Post("/v1/query", query, "application/json");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->status, 200) << q->body;
  Json qj(q->body);
  EXPECT_EQ(qj.String("/verdicts/0/id"), "x");
  EXPECT_TRUE(qj.String("/verdicts/0/duplicate_of/id").has_value()) << q->body;
  EXPECT_TRUE(qj.root().at_pointer("/verdicts/1/duplicate_of").is_null()) << q->body;
  EXPECT_EQ(DocumentCount(*client_), 3);
}

// Every malformed or refused request gets its 4xx and a JSON error, and leaves the index
// as it was.
TEST_F(ServeTest, RefusedRequestsChangeNothing) {
  ASSERT_EQ(Add("a", kStory)->status, 201);
  ASSERT_EQ(DocumentCount(*client_), 1);
  const std::string json = "application/json";
  const httplib::Headers auth = Auth();
  const httplib::Headers wrong = {{"Authorization", "Bearer wrong-token"}};
  ExpectError(client_->Post("/v1/documents", auth, "{\"id\": \"b\", \"text\": ", json), 400,
              "truncated JSON");
  ExpectError(client_->Post("/v1/documents", auth, "not json at all", json), 400, "not JSON");
  ExpectError(client_->Post("/v1/documents", auth, "", json), 400, "empty body");
  ExpectError(client_->Post("/v1/documents", auth, "{\"id\": \"b\"}", json), 400, "no text");
  ExpectError(client_->Post("/v1/documents", auth, "{\"id\": \"b\", \"text\": 7}", json), 400,
              "text not a string");
  ExpectError(client_->Post("/v1/documents", auth, "{\"text\": \"x y z\"}", json), 400, "no id");
  ExpectError(client_->Post("/v1/documents", auth, "{\"id\": {}, \"text\": \"x\"}", json), 400,
              "id an object");
  ExpectError(client_->Post("/v1/query", "{\"id\": \"b\"}", json), 400, "query without text");
  ExpectError(client_->Post("/v1/documents", DocJson("b", kOther), json), 401, "no token");
  ExpectError(client_->Post("/v1/documents", wrong, DocJson("b", kOther), json), 401,
              "wrong token");
  ExpectError(client_->Delete("/v1/documents/a", wrong), 401, "delete, wrong token");
  ExpectError(client_->Get("/v1/nothing"), 404, "unknown route");
  ExpectError(client_->Get("/"), 404, "root");
  ExpectError(client_->Post("/v1/unknown", auth, DocJson("b", kOther), json), 404,
              "unknown POST route");
  ExpectError(client_->Put("/v1/documents", auth, DocJson("b", kOther), json), 405,
              "PUT documents");
  ExpectError(client_->Get("/v1/documents"), 405, "GET documents");
  ExpectError(client_->Post("/healthz", auth, "{}", json), 405, "POST healthz");
  ExpectError(client_->Get("/v1/clusters/abc"), 400, "cluster not a number");
  ExpectError(client_->Get("/v1/clusters/-1"), 400, "negative cluster");
  ExpectError(client_->Get("/v1/clusters/987654321"), 404, "unknown cluster");
  ExpectError(client_->Get("/v1/documents/nope"), 404, "unknown document");
  httplib::MultipartFormDataItems form = {{"id", "b", "", ""}, {"text", kOther, "", ""}};
  ExpectError(client_->Post("/v1/documents", auth, form), 415, "form");
  // The connection is still in step after all of these.
  auto health = client_->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(DocumentCount(*client_), 1);
  ExpectError(client_->Get("/v1/documents/b"), 404, "b after the refusals");
}

// A body over the limit is refused with 413 without being kept in memory, with a
// Content-Length and chunked alike; the connection stays usable.
TEST_F(ServeTest, HugeBodiesAre413AndNotKept) {
  ASSERT_EQ(Add("a", kStory)->status, 201);
  const long rss_before = server_->PeakRssKb();
  ASSERT_GT(rss_before, 0);
  constexpr size_t kHundredMb = size_t{100} << 20;
  // A valid document, 100 MB long.
  std::string huge = "{\"id\": \"big\", \"text\": \"" + std::string(kHundredMb, 'x') + "\"}";
  ExpectError(client_->Post("/v1/documents", Auth(), huge, "application/json"), 413,
              "100 MB with Content-Length");
  huge = std::string();

  size_t sent = 0;
  const std::string chunk(1 << 16, 'y');
  auto chunked = client_->Post(
      "/v1/documents", Auth(),
      [&](size_t, httplib::DataSink& sink) {
        if (sent == 0) sink.write("{\"id\": \"big2\", \"text\": \"", 24);
        if (sent >= kHundredMb) {
          sink.write("\"}", 2);
          sink.done();
          return true;
        }
        sink.write(chunk.data(), chunk.size());
        sent += chunk.size();
        return true;
      },
      "application/json");
  ExpectError(chunked, 413, "100 MB chunked");
  // Unauthorised and huge: refused all the same.
  ExpectError(client_->Post("/v1/documents", std::string(kHundredMb / 4, ' '), "application/json"),
              401, "25 MB without a token");

  // The chunked body is kept up to the limit (16 MB) and no further, in one buffer (peak
  // growth 18-21 MB here): a buffer grown by doubling held both a 15.7 MB and a 31.4 MB
  // one at once (33-48 MB).
  const long rss_after = server_->PeakRssKb();
  EXPECT_LT(rss_after - rss_before, 28 * 1024)
      << "peak RSS grew from " << rss_before << " kB to " << rss_after << " kB";
  auto health = client_->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(DocumentCount(*client_), 1);
}

TEST_F(ServeTest, MetricsCountRequestsByRouteAndStatus) {
  ASSERT_EQ(Add("a", kStory)->status, 201);
  ASSERT_EQ(Add("a", kStory)->status, 409);
  ASSERT_EQ(client_->Get("/v1/documents/zz")->status, 404);
  // A made-up method is refused and counted without its name (no series per whim).
  httplib::Request brew;
  brew.method = "BREW";
  brew.path = "/healthz";
  auto brewed = client_->send(brew);
  ASSERT_TRUE(brewed);
  EXPECT_EQ(brewed->status, 400);
  auto res = client_->Get("/metrics");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Content-Type"), HasSubstr("text/plain"));
  const std::string& m = res->body;
  EXPECT_THAT(m, HasSubstr("neardup_http_requests_total{method=\"POST\",route=\"/v1/documents\","
                           "code=\"201\"} 1\n"));
  EXPECT_THAT(m, HasSubstr("neardup_http_requests_total{method=\"POST\",route=\"/v1/documents\","
                           "code=\"409\"} 1\n"));
  EXPECT_THAT(m, HasSubstr("neardup_http_requests_total{method=\"GET\",route=\"/v1/documents/"
                           "{id}\",code=\"404\"} 1\n"));
  EXPECT_THAT(m, HasSubstr("neardup_http_request_duration_seconds_count{method=\"POST\","
                           "route=\"/v1/documents\"} 2\n"));
  EXPECT_THAT(m, HasSubstr("neardup_verdicts_total{relation=\"new\"} 1\n"));
  EXPECT_THAT(m,
              HasSubstr("neardup_http_requests_total{method=\"-\",route=\"-\",code=\"400\"} 1\n"));
  EXPECT_THAT(m, Not(HasSubstr("BREW")));
}

TEST_F(ServeTest, StopsCleanlyOnSigterm) {
  ASSERT_EQ(Add("a", kStory)->status, 201);
  server_->Signal(SIGTERM);
  const int status = server_->Wait();
  ASSERT_TRUE(WIFEXITED(status)) << server_->stderr_text();
  EXPECT_EQ(WEXITSTATUS(status), 0) << server_->stderr_text();
  // The index is there on the next start.
  server_ = ServeProcess::Start(dir_.path() + "/db", {"--mode", "near-duplicate"});
  ASSERT_NE(server_, nullptr);
  auto client = server_->Client();
  auto got = client->Get("/v1/documents/a");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 200) << got->body;
}

TEST(ServeCommandTest, RefusesAnUnreadableTokenFile) {
  TempDir dir;
  const std::string command = std::string(NEARDUP_BINARY) + " serve --port 0 --db " + dir.path() +
                              "/db --token-file " + dir.path() + "/missing 2>/dev/null";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
}

}  // namespace
}  // namespace neardup::testing
