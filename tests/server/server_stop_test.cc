// Stopping the in-process server: a Stop that comes before Serve (a signal while the
// service starts) must still end it.
#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "gtest/gtest.h"
#include "neardup/pipeline/live_index.h"
#include "server/serve_process.h"
#include "server/server.h"

namespace neardup::testing {
namespace {

// A bound server on an empty near-duplicate index.
class ServerStopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LiveIndexOptions options;
    options.dedup.mode = DetectionMode::kNearDuplicate;
    auto index = LiveIndex::Open(dir_.path() + "/db", options);
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = *std::move(index);
    server::ServerOptions server_options;
    server_options.host = "127.0.0.1";
    server_options.port = 0;
    server_ = std::make_unique<server::Server>(index_.get(), server_options);
    ASSERT_TRUE(server_->Bind().ok());
  }

  TempDir dir_;
  std::unique_ptr<LiveIndex> index_;
  std::unique_ptr<server::Server> server_;
};

TEST_F(ServerStopTest, StopBeforeServeEndsServeAtOnce) {
  server::Server& server = *server_;
  server.Stop();
  // Serve on a thread of its own, so that a lost stop fails the test instead of hanging it.
  auto served = std::async(std::launch::async, [&server] { return server.Serve(); });
  const bool ended = served.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  if (!ended) {
    server.Stop();  // the stop was lost: end it now (its accept loop runs by now)
  }
  EXPECT_TRUE(ended) << "Serve kept running after a Stop that came before it";
  EXPECT_TRUE(served.get().ok());
}

TEST_F(ServerStopTest, StopDuringServeEndsIt) {
  server::Server& server = *server_;
  auto served = std::async(std::launch::async, [&server] { return server.Serve(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  server.Stop();
  ASSERT_EQ(served.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_TRUE(served.get().ok());
}

}  // namespace
}  // namespace neardup::testing
