// Sequential byte sources: a file, standard input, and (in the same interface) the
// decompressing streams. Readers of documents sit on top of these and never care where
// bytes come from.
//
//   NEARDUP_ASSIGN_OR_RETURN(std::unique_ptr<ByteStream> in, OpenFileStream("a.jsonl"));
//   NEARDUP_ASSIGN_OR_RETURN(size_t n, in->Read(buf, sizeof(buf)));   // 0 at the end
#ifndef NEARDUP_IO_BYTE_STREAM_H_
#define NEARDUP_IO_BYTE_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace neardup {

class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Reads up to `n` bytes into `buf`; returns how many, 0 only at the end of the stream.
  virtual absl::StatusOr<size_t> Read(char* buf, size_t n) = 0;
  // Returns how many bytes of the underlying file were consumed so far (compressed bytes
  // for compressed streams), for progress reports.
  virtual uint64_t raw_bytes_read() const = 0;
};

// Opens a file for reading ("-" is standard input). The error names the path.
absl::StatusOr<std::unique_ptr<ByteStream>> OpenFileStream(const std::string& path);

// Returns a stream over the bytes of `data` (for tests and fuzzers).
std::unique_ptr<ByteStream> MakeStringStream(std::string data);

// Returns a stream that yields `prefix`, then `error` once when it is not OK, then the
// rest of `rest`: gives back bytes (and an error) met while reading ahead to look at a
// file's first bytes (magic numbers) on an unseekable input.
std::unique_ptr<ByteStream> MakePrefixedStream(std::string prefix,
                                               std::unique_ptr<ByteStream> rest,
                                               absl::Status error = absl::OkStatus());

// Reads from `stream` into `*out` until `n` bytes were read or the stream ended. On error
// `*out` holds the bytes read before it.
absl::Status ReadPrefix(ByteStream& stream, size_t n, std::string* out);

// Copies standard input to a new file in $TMPDIR (default /tmp), so that it can be read
// twice; returns its path. The caller removes the file.
absl::StatusOr<std::string> SpoolStandardInput();

// Reads a whole file into memory, failing when it is larger than `max_bytes`.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path, uint64_t max_bytes);

// Splits a stream into lines ('\n' or "\r\n"; the last line needs no terminator), of any
// length. Reuses its buffer: the line stays valid until the next call. When the stream
// reports a record error (a damaged gzip member) the partial line before it is dropped,
// the error is returned, and reading goes on with the bytes after the damage.
class LineReader {
 public:
  explicit LineReader(std::unique_ptr<ByteStream> stream);

  // Sets *line to the next line without its terminator and returns true; false at the
  // end. `*line` has at least 64 bytes of spare capacity (simdjson's padding).
  absl::StatusOr<bool> Next(std::string* line);
  // The 1-based number of the line last returned.
  int64_t line_number() const { return line_number_; }
  // Byte offset of the start of the line last returned.
  uint64_t line_offset() const { return line_offset_; }
  const ByteStream& stream() const { return *stream_; }

 private:
  std::unique_ptr<ByteStream> stream_;
  // Bytes [pos_, end_) are read and not yet returned. The buffer keeps its size between
  // blocks: resizing a string zero-fills it, a megabyte per block.
  std::string buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  int64_t line_number_ = 0;
  uint64_t line_offset_ = 0;
  uint64_t consumed_ = 0;  // bytes of the stream before buffer_[0]
};

}  // namespace neardup

#endif  // NEARDUP_IO_BYTE_STREAM_H_
