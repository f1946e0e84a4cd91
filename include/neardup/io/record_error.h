// Record errors: errors that concern one input record only (a malformed JSON line, a
// truncated WARC record, a damaged gzip member). Readers return them and stay usable, so
// the caller chooses to skip the record or to stop; any other error is final.
//
//   absl::Status s = RecordError({"a.jsonl", 12, 0}, "missing \"text\" field");
//   IsRecordError(s);   // true; s.message() == "a.jsonl:12: missing \"text\" field"
#ifndef NEARDUP_IO_RECORD_ERROR_H_
#define NEARDUP_IO_RECORD_ERROR_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "neardup/base/document.h"

namespace neardup {

// Returns true for errors that concern one record only; reading can go on after them.
bool IsRecordError(const absl::Status& status);

// Returns a record error for `location`: "file:line: message", or "file: message" when
// the location has no line.
absl::Status RecordError(const SourceLocation& location, std::string_view message);

// Returns a record error for a binary format: "file: byte <offset>: message".
absl::Status ByteRecordError(std::string_view file, uint64_t offset, std::string_view message);

}  // namespace neardup

#endif  // NEARDUP_IO_RECORD_ERROR_H_
