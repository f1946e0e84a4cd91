// WARC files (ISO 28500, WARC/1.0 and 1.1) as web crawlers write them, and the WET files
// Common Crawl derives from them: a sequence of records, each a block of "Name: value"
// header fields, an empty line, Content-Length bytes of content and CRLF CRLF.
// WarcReader frames records from any ByteStream (so .warc.gz with one gzip member per
// record reads through a gzip stream) and keeps each record's exact bytes, so it can be
// written out unchanged.
//
//   WarcReader reader(std::move(stream), "crawl.warc.gz");
//   WarcRecord record;
//   while (*reader.Next(&record)) { record.Field("WARC-Type"); record.block(); }
#ifndef NEARDUP_IO_WARC_H_
#define NEARDUP_IO_WARC_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "neardup/io/byte_stream.h"

namespace neardup {

struct WarcRecord {
  uint64_t offset = 0;      // byte offset of "WARC/" in the (decompressed) stream
  std::string raw;          // the whole record as read, with the CRLF CRLF after its block
  size_t block_offset = 0;  // where the content block starts in `raw`
  size_t block_size = 0;    // its length (Content-Length)
  std::vector<std::pair<std::string, std::string>> fields;  // header fields, in order

  // Returns the value of header field `name` (compared without case), or "" when absent.
  std::string_view Field(std::string_view name) const;
  std::string_view block() const { return std::string_view(raw).substr(block_offset, block_size); }
};

class WarcReader {
 public:
  // `name` is used in errors; records over `max_record_bytes` are record errors.
  WarcReader(std::unique_ptr<ByteStream> stream, std::string name,
             uint64_t max_record_bytes = uint64_t{1} << 30);

  // Reads the next record: true when one was read, false at the end. A malformed or
  // truncated record is a record error "<name>: byte <offset>: ..." (offset in the
  // decompressed stream); the next call resumes at the next "WARC/" header line.
  absl::StatusOr<bool> Next(WarcRecord* record);

  const ByteStream& stream() const { return *stream_; }

 private:
  absl::Status Fill(size_t need);
  size_t available() const { return buffer_.size() - pos_; }
  uint64_t offset() const { return consumed_ + pos_; }
  absl::Status Fail(std::string_view message);
  absl::StatusOr<bool> SkipToHeader();

  std::unique_ptr<ByteStream> stream_;
  std::string name_;
  uint64_t max_record_bytes_;
  std::string buffer_;
  size_t pos_ = 0;
  uint64_t consumed_ = 0;  // stream bytes before buffer_[0]
  bool eof_ = false;
  bool resync_ = false;    // look for the next header line before reading a record
};

// An HTTP response as stored in a WARC "response" record's block.
struct HttpResponse {
  int status = 0;                 // e.g. 200
  std::string_view content_type;  // the Content-Type header, "" when absent
  std::string_view body;
};

// Splits a response block into status, headers and body; nullopt when it is not HTTP.
std::optional<HttpResponse> ParseHttpResponse(std::string_view block);

}  // namespace neardup

#endif  // NEARDUP_IO_WARC_H_
