// ServerOptions::Validate: what `neardup serve` refuses before it binds.
#include "gtest/gtest.h"
#include "server/server.h"

namespace neardup::server {
namespace {

TEST(ServerOptionsTest, BodyLimitMustBePositiveAndAtMostOneGibibyte) {
  ServerOptions options;
  EXPECT_TRUE(options.Validate().ok());
  options.max_body_bytes = 0;
  EXPECT_FALSE(options.Validate().ok());
  options.max_body_bytes = kMaxBodyLimit;
  EXPECT_TRUE(options.Validate().ok());
  // A chunked body is given room for the whole limit at once, so the limit stays sane.
  options.max_body_bytes = kMaxBodyLimit + 1;
  const absl::Status status = options.Validate();
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("--max-body-bytes"), std::string::npos) << status;
}

TEST(ServerOptionsTest, PortAndThreadsAreChecked) {
  ServerOptions options;
  options.port = 65536;
  EXPECT_FALSE(options.Validate().ok());
  options.port = 0;
  options.threads = 0;
  EXPECT_FALSE(options.Validate().ok());
}

}  // namespace
}  // namespace neardup::server
