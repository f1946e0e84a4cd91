#include "server/http_status.h"

#include "gtest/gtest.h"

namespace neardup::server {
namespace {

TEST(HttpStatusTest, LibraryErrorsMapToStatusCodes) {
  const struct {
    absl::Status status;
    int http;
  } kCases[] = {
      {absl::OkStatus(), 200},
      {absl::InvalidArgumentError("x"), 400},
      {absl::OutOfRangeError("x"), 400},
      {absl::NotFoundError("x"), 404},
      {absl::AlreadyExistsError("x"), 409},
      {absl::FailedPreconditionError("x"), 409},
      {absl::ResourceExhaustedError("x"), 503},
      {absl::UnavailableError("x"), 503},
      {absl::DataLossError("x"), 500},
      {absl::InternalError("x"), 500},
      {absl::UnknownError("x"), 500},
  };
  for (const auto& c : kCases) EXPECT_EQ(HttpStatusOf(c.status), c.http) << c.status;
}

TEST(HttpStatusTest, ErrorBodyIsJsonWithMessageAndStatus) {
  EXPECT_EQ(ErrorJson(404, "no document \"a\"\n"),
            R"({"error":"no document \"a\"\n","status":404})");
  EXPECT_EQ(HttpReason(413), "Payload Too Large");
  EXPECT_EQ(HttpReason(299), "Error");
}

}  // namespace
}  // namespace neardup::server
