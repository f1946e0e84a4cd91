// Decompressing byte streams: gzip (any number of concatenated members, as Common Crawl
// writes one per WARC record) and zstd (any number of frames). Compression is recognised
// by the first bytes of the file (1f 8b, 28 b5 2f fd), whatever its name.
//
// A damaged member or frame is a record error, "<file>: byte <offset>: ...", with the
// offset in the compressed file. A member's output is held back until its checksum is
// verified (up to 64 MiB of output per member; larger members pass on unverified), so a
// damaged member yields this one error and none of its garbage. The stream stays usable:
// the next Read resumes at the next member or frame header found after the damage, so
// everything outside the damaged member can still be read.
//
//   NEARDUP_ASSIGN_OR_RETURN(std::unique_ptr<ByteStream> in, OpenInputStream("a.jsonl.gz"));
//   LineReader lines(std::move(in));
#ifndef NEARDUP_IO_DECOMPRESS_H_
#define NEARDUP_IO_DECOMPRESS_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "neardup/io/byte_stream.h"

namespace neardup {

enum class Compression { kNone, kGzip, kZstd };

// Returns the compression that a file starting with `head` (its first 4 bytes or fewer)
// uses.
Compression DetectCompression(std::string_view head);

// Returns the compression a file name asks for: ".gz" or ".zst" at its end.
Compression CompressionOfName(std::string_view path);

// Wraps `raw` (compressed bytes) in a decompressing stream; `name` is used in errors.
// raw_bytes_read() of the result counts compressed bytes.
std::unique_ptr<ByteStream> MakeGzipStream(std::unique_ptr<ByteStream> raw, std::string name);
std::unique_ptr<ByteStream> MakeZstdStream(std::unique_ptr<ByteStream> raw, std::string name);

// Opens a file ("-" is standard input) and decompresses it when its first bytes say it is
// gzip or zstd. `*compression`, when not null, receives what was found.
absl::StatusOr<std::unique_ptr<ByteStream>> OpenInputStream(const std::string& path,
                                                            Compression* compression = nullptr);

}  // namespace neardup

#endif  // NEARDUP_IO_DECOMPRESS_H_
