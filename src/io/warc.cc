#include "neardup/io/warc.h"

#include <charconv>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "neardup/base/status_macros.h"
#include "neardup/base/strings.h"
#include "neardup/io/record_error.h"

namespace neardup {
namespace {

constexpr size_t kBlock = size_t{1} << 20;
constexpr size_t kMaxHeaderBytes = size_t{1} << 20;
constexpr std::string_view kCrlf2 = "\r\n\r\n";

std::string_view Trim(std::string_view s) { return AsStd(absl::StripAsciiWhitespace(AsAbsl(s))); }

// Splits "Name: value" lines (CRLF or LF) after the first line into fields; a line that
// starts with a space or tab continues the previous value.
void ParseFields(std::string_view header, std::vector<std::pair<std::string, std::string>>* out) {
  out->clear();
  bool first = true;
  while (!header.empty()) {
    const size_t nl = header.find('\n');
    std::string_view line = header.substr(0, nl);
    header = nl == std::string_view::npos ? std::string_view() : header.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first) {
      first = false;
      continue;
    }
    if (line.empty()) continue;
    if ((line[0] == ' ' || line[0] == '\t') && !out->empty()) {
      absl::StrAppend(&out->back().second, " ", AsAbsl(Trim(line)));
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    out->emplace_back(std::string(Trim(line.substr(0, colon))),
                      std::string(Trim(line.substr(colon + 1))));
  }
}

std::optional<uint64_t> ParseLength(std::string_view s) {
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::string_view WarcRecord::Field(std::string_view name) const {
  for (const auto& [key, value] : fields) {
    if (absl::EqualsIgnoreCase(AsAbsl(key), AsAbsl(name))) return value;
  }
  return {};
}

WarcReader::WarcReader(std::unique_ptr<ByteStream> stream, std::string name,
                       uint64_t max_record_bytes)
    : stream_(std::move(stream)), name_(std::move(name)), max_record_bytes_(max_record_bytes) {}

absl::Status WarcReader::Fill(size_t need) {
  while (available() < need && !eof_) {
    if (pos_ > 0) {
      consumed_ += pos_;
      buffer_.erase(0, pos_);
      pos_ = 0;
    }
    const size_t old = buffer_.size();
    const size_t want = std::max(kBlock, need - old);
    buffer_.resize(old + want);
    auto got = stream_->Read(buffer_.data() + old, want);
    if (!got.ok()) {
      buffer_.resize(old);
      if (IsRecordError(got.status())) {
        // The record in the buffer runs into damage: drop it and look for the next one.
        consumed_ += buffer_.size();
        buffer_.clear();
        resync_ = true;
      }
      return got.status();
    }
    buffer_.resize(old + *got);
    if (*got == 0) eof_ = true;
  }
  return absl::OkStatus();
}

absl::Status WarcReader::Fail(std::string_view message) {
  absl::Status error = ByteRecordError(name_, offset(), message);
  // Look for the next header line after this one.
  resync_ = true;
  if (available() > 0) ++pos_;
  return error;
}

absl::StatusOr<bool> WarcReader::SkipToHeader() {
  // A header line starts the stream or follows a newline.
  for (;;) {
    const std::string_view data = std::string_view(buffer_).substr(pos_);
    if (absl::StartsWith(AsAbsl(data), "WARC/")) return true;
    const size_t at = data.find("\nWARC/");
    if (at != std::string_view::npos) {
      pos_ += at + 1;
      return true;
    }
    if (eof_) {
      pos_ = buffer_.size();
      return false;
    }
    pos_ += data.size() > 5 ? data.size() - 5 : 0;
    NEARDUP_RETURN_IF_ERROR(Fill(available() + kBlock));
  }
}

absl::StatusOr<bool> WarcReader::Next(WarcRecord* record) {
  // Records are separated by CRLF CRLF; tolerate extra blank lines.
  for (;;) {
    NEARDUP_RETURN_IF_ERROR(Fill(1));
    if (available() == 0) return false;
    const char c = buffer_[pos_];
    if (c != '\r' && c != '\n') break;
    ++pos_;
  }
  if (resync_) {
    resync_ = false;
    NEARDUP_ASSIGN_OR_RETURN(const bool found, SkipToHeader());
    if (!found) return false;
  }
  NEARDUP_RETURN_IF_ERROR(Fill(8));
  if (!absl::StartsWith(AsAbsl(std::string_view(buffer_).substr(pos_)), "WARC/")) {
    return Fail("expected a WARC record header (\"WARC/1.0\")");
  }
  // The header ends at the first empty line.
  size_t header_end = std::string::npos;
  for (size_t from = 0;;) {
    header_end = std::string_view(buffer_).substr(pos_).find(kCrlf2, from);
    if (header_end != std::string::npos) break;
    if (eof_) return Fail("truncated WARC record header");
    if (available() > kMaxHeaderBytes) return Fail("WARC record header longer than 1 MiB");
    from = available() > 3 ? available() - 3 : 0;
    NEARDUP_RETURN_IF_ERROR(Fill(available() + 1));
  }
  const size_t header_size = header_end + kCrlf2.size();
  ParseFields(std::string_view(buffer_).substr(pos_, header_end), &record->fields);
  const auto length = ParseLength(record->Field("Content-Length"));
  if (!length.has_value()) return Fail("WARC record without a valid Content-Length");
  if (*length > max_record_bytes_) {
    return Fail(absl::StrCat("WARC record of ", *length, " bytes is over the limit of ",
                             max_record_bytes_));
  }
  const size_t total = header_size + static_cast<size_t>(*length) + kCrlf2.size();
  NEARDUP_RETURN_IF_ERROR(Fill(total));
  if (available() < header_size + *length) {
    const absl::Status error =
        Fail(absl::StrCat("truncated WARC record: Content-Length is ", *length, " but only ",
                          available() - header_size, " bytes follow the header"));
    pos_ = buffer_.size();
    return error;
  }
  const std::string_view trailer =
      std::string_view(buffer_).substr(pos_ + header_size + *length, kCrlf2.size());
  if (trailer != kCrlf2) {
    const size_t block_start = pos_ + header_size;
    const absl::Status error = Fail(absl::StrCat(
        "WARC record block is not followed by CRLF CRLF (Content-Length ", *length, ")"));
    pos_ = block_start;
    return error;
  }
  record->offset = offset();
  record->raw.assign(buffer_, pos_, total);
  record->block_offset = header_size;
  record->block_size = static_cast<size_t>(*length);
  pos_ += total;
  return true;
}

std::optional<HttpResponse> ParseHttpResponse(std::string_view block) {
  if (!absl::StartsWith(AsAbsl(block), "HTTP/")) return std::nullopt;
  size_t end = block.find(kCrlf2);
  size_t body = end + kCrlf2.size();
  if (end == std::string_view::npos) {
    end = block.find("\n\n");
    if (end == std::string_view::npos) return std::nullopt;
    body = end + 2;
  }
  HttpResponse response;
  const std::string_view head = block.substr(0, end);
  const size_t space = head.find(' ');
  if (space != std::string_view::npos) {
    const std::string_view code = head.substr(space + 1, 3);
    std::from_chars(code.data(), code.data() + code.size(), response.status);
  }
  size_t line_start = head.find('\n');
  while (line_start != std::string_view::npos) {
    const size_t next = head.find('\n', line_start + 1);
    std::string_view line = head.substr(line_start + 1, next == std::string_view::npos
                                                            ? std::string_view::npos
                                                            : next - line_start - 1);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos &&
        absl::EqualsIgnoreCase(AsAbsl(Trim(line.substr(0, colon))), "content-type")) {
      response.content_type = Trim(line.substr(colon + 1));
    }
    line_start = next;
  }
  response.body = block.substr(body);
  return response;
}

}  // namespace neardup
