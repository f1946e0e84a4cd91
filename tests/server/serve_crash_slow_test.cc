// Crash recovery of `neardup serve`: documents are streamed in while the server is killed
// with SIGKILL; after a restart on the same directory every document whose add was
// answered 2xx is there, with a cluster that lists it.
#include <atomic>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "pipeline/test_corpus.h"
#include "server/serve_process.h"

namespace neardup::testing {
namespace {

// Splits JSON Lines into records.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string IdOf(const std::string& record) { return Json(record).String("/id").value(); }

struct Inserted {
  std::mutex mu;
  std::set<std::string> acknowledged;  // answered 2xx
  std::set<std::string> attempted;     // sent, answered or not
  std::atomic<int> acks{0};
  std::atomic<int> streaming{0};  // client threads still sending
};

// Sends `records[i]` for i = first, first + step, ... until one gets no answer.
void Stream(int port, const std::vector<std::string>& records, size_t first, size_t step,
            Inserted* inserted) {
  struct Done {
    std::atomic<int>* streaming;
    ~Done() { --*streaming; }
  } done{&inserted->streaming};
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  for (size_t i = first; i < records.size(); i += step) {
    const std::string id = IdOf(records[i]);
    {
      std::lock_guard<std::mutex> lock(inserted->mu);
      inserted->attempted.insert(id);
    }
    auto res = client.Post("/v1/documents", records[i], "application/json");
    if (!res) return;  // the server is gone
    if (res->status / 100 == 2) {
      std::lock_guard<std::mutex> lock(inserted->mu);
      inserted->acknowledged.insert(id);
      ++inserted->acks;
    } else {
      ADD_FAILURE() << id << ": " << res->status << " " << res->body;
      return;
    }
  }
}

// Checks that document `id` is indexed and that its cluster lists it; returns its
// cluster size (0 on failure).
int64_t CheckConsistent(httplib::Client& client, const std::string& id) {
  auto got = client.Get("/v1/documents/" + id);
  if (!got || got->status != 200) {
    ADD_FAILURE() << id << ": not found after the restart";
    return 0;
  }
  Json verdict(got->body);
  const std::optional<int64_t> cluster = verdict.Int("/cluster");
  if (!cluster.has_value()) {
    ADD_FAILURE() << id << ": no cluster in " << got->body;
    return 0;
  }
  auto members = client.Get("/v1/clusters/" + std::to_string(*cluster));
  if (!members || members->status != 200) {
    ADD_FAILURE() << id << ": cluster " << *cluster << " not found: " << got->body << " -> "
                  << (members ? members->body : std::string("no answer"));
    return 0;
  }
  Json cluster_json(members->body);
  simdjson::dom::array list;
  if (cluster_json.root()["members"].get(list)) {
    ADD_FAILURE() << "no members in " << members->body;
    return 0;
  }
  bool listed = false;
  for (auto m : list) listed = listed || std::string_view(m) == id;
  EXPECT_TRUE(listed) << id << " is not a member of its cluster " << members->body;
  return static_cast<int64_t>(list.size());
}

TEST(ServeCrashTest, EveryAcknowledgedAddSurvivesSigkill) {
  // 200 stories, up to 3 edited copies each: about 500 documents with planted clusters.
  const std::vector<std::string> records = Lines(GeneratedCorpus(/*seed=*/7, 200, 3));
  ASSERT_GT(records.size(), 400u);
  TempDir dir;
  const std::string db = dir.path() + "/db";
  const std::vector<std::string> args = {"--mode", "near-duplicate", "--threads", "4"};
  auto server = ServeProcess::Start(db, args);
  ASSERT_NE(server, nullptr);

  Inserted inserted;
  constexpr size_t kClients = 2;
  std::vector<std::thread> clients;
  inserted.streaming = kClients;
  for (size_t c = 0; c < kClients; ++c) {
    clients.emplace_back(Stream, server->port(), std::cref(records), c, kClients, &inserted);
  }
  // Kill it in the middle of the stream: after a third of the documents were answered.
  const int kill_after = static_cast<int>(records.size() / 3);
  // (Or when the clients stop early: a failure, reported below.)
  while (inserted.acks.load() < kill_after && inserted.streaming.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  server->Signal(SIGKILL);
  const int status = server->Wait();
  for (std::thread& t : clients) t.join();
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the server ended before the kill:\n"
      << server->stderr_text();
  ASSERT_LT(inserted.acknowledged.size(), records.size()) << "the stream ended before the kill";

  server = ServeProcess::Start(db, args);
  ASSERT_NE(server, nullptr);
  auto client = server->Client();
  int64_t largest_cluster = 0;
  for (const std::string& id : inserted.acknowledged) {
    largest_cluster = std::max(largest_cluster, CheckConsistent(*client, id));
  }
  // Planted copies were found: the clusters checked are not all singletons.
  EXPECT_GE(largest_cluster, 2);
  // Documents in flight at the kill may or may not be there, but nothing else is, and
  // whatever is there is consistent.
  const long count = DocumentCount(*client);
  EXPECT_GE(count, static_cast<long>(inserted.acknowledged.size()));
  EXPECT_LE(count, static_cast<long>(inserted.acknowledged.size() + kClients));
  for (const std::string& id : inserted.attempted) {
    if (inserted.acknowledged.count(id) > 0) continue;
    auto got = client->Get("/v1/documents/" + id);
    ASSERT_TRUE(got);
    if (got->status == 200) CheckConsistent(*client, id);
  }
  // The index takes new documents after the restart, the lost ones included.
  size_t added_after = 0;
  for (const std::string& record : records) {
    if (inserted.attempted.count(IdOf(record)) > 0) continue;
    auto res = client->Post("/v1/documents", record, "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
    if (++added_after == 20) break;
  }
  EXPECT_EQ(DocumentCount(*client), count + static_cast<long>(added_after));
}

}  // namespace
}  // namespace neardup::testing
