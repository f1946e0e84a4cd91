// Sequential byte sinks: a file or standard output, plain or compressed with gzip or zstd.
// A compressed sink can close its member/frame at record boundaries, so that its output
// is made of independent members as Common Crawl writes them (one per WARC record) and a
// reader can resynchronise after damage.
//
//   SinkOptions options{Compression::kGzip, /*frame_per_record=*/true};
//   NEARDUP_ASSIGN_OR_RETURN(auto out, OpenFileSink("unique.warc.gz", options));
//   NEARDUP_RETURN_IF_ERROR(out->Write(record));
//   NEARDUP_RETURN_IF_ERROR(out->EndRecord());
//   NEARDUP_RETURN_IF_ERROR(out->Close());
#ifndef NEARDUP_IO_BYTE_SINK_H_
#define NEARDUP_IO_BYTE_SINK_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "neardup/io/decompress.h"

namespace neardup {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  // Appends `data`.
  virtual absl::Status Write(std::string_view data) = 0;
  // Marks the end of a record: a compressed sink may close its member/frame here.
  virtual absl::Status EndRecord() = 0;
  // Flushes everything and closes the file; the sink is unusable afterwards. Errors name
  // the file.
  virtual absl::Status Close() = 0;
};

struct SinkOptions {
  Compression compression = Compression::kNone;
  // Close the gzip member / zstd frame after every record. Default off: a member is
  // closed at the first record end after `frame_bytes` of input.
  bool frame_per_record = false;
  size_t frame_bytes = size_t{1} << 20;  // 1 MiB of uncompressed data per member
  int level = 0;  // compression level; 0 is each library's default

  absl::Status Validate() const;
};

// Opens `path` for writing, truncating it ("-" is standard output).
absl::StatusOr<std::unique_ptr<ByteSink>> OpenFileSink(const std::string& path,
                                                       const SinkOptions& options);

}  // namespace neardup

#endif  // NEARDUP_IO_BYTE_SINK_H_
