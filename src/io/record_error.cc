#include "neardup/io/record_error.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "neardup/base/strings.h"

namespace neardup {
namespace {
constexpr char kRecordErrorPayload[] = "neardup/record-error";
}  // namespace

bool IsRecordError(const absl::Status& status) {
  return status.GetPayload(kRecordErrorPayload).has_value();
}

absl::Status RecordError(const SourceLocation& location, std::string_view message) {
  std::string where = location.file;
  if (location.line > 0) absl::StrAppend(&where, ":", location.line);
  absl::Status status = absl::DataLossError(absl::StrCat(where, ": ", AsAbsl(message)));
  status.SetPayload(kRecordErrorPayload, absl::Cord("1"));
  return status;
}

absl::Status ByteRecordError(std::string_view file, uint64_t offset, std::string_view message) {
  return RecordError({std::string(file), 0, static_cast<int64_t>(offset)},
                     absl::StrCat("byte ", offset, ": ", AsAbsl(message)));
}

}  // namespace neardup
