// HTTP status codes of the service: which one an absl::Status becomes, their reason
// phrases, and the JSON error body every error carries: {"error": "...", "status": N}.
#ifndef NEARDUP_SERVER_HTTP_STATUS_H_
#define NEARDUP_SERVER_HTTP_STATUS_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace neardup::server {

// Returns the HTTP status for a library error: InvalidArgument 400, NotFound 404,
// AlreadyExists and FailedPrecondition 409, ResourceExhausted and Unavailable 503, any
// other 500.
int HttpStatusOf(const absl::Status& status);

// Returns the reason phrase of `status` ("Not Found"), or "Error" for one not used here.
std::string_view HttpReason(int status);

// Returns {"error": message, "status": status}.
std::string ErrorJson(int status, std::string_view message);

}  // namespace neardup::server

#endif  // NEARDUP_SERVER_HTTP_STATUS_H_
