#include "neardup/io/byte_sink.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "neardup/base/status_macros.h"

namespace neardup {
namespace {

constexpr size_t kFlushBytes = size_t{1} << 20;

// Buffers bytes and writes them to a file descriptor.
class FdWriter {
 public:
  FdWriter(int fd, std::string name, bool owned) : fd_(fd), name_(std::move(name)), owned_(owned) {}
  ~FdWriter() {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  std::string* buffer() { return &buffer_; }
  absl::Status MaybeFlush() { return buffer_.size() >= kFlushBytes ? Flush() : absl::OkStatus(); }
  absl::Status Flush() {
    size_t done = 0;
    while (done < buffer_.size()) {
      const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        return absl::DataLossError(absl::StrCat(name_, ": write failed: ", std::strerror(errno)));
      }
      done += static_cast<size_t>(n);
    }
    buffer_.clear();
    return absl::OkStatus();
  }
  absl::Status Close() {
    NEARDUP_RETURN_IF_ERROR(Flush());
    if (owned_ && fd_ >= 0) {
      const int rc = ::close(fd_);
      fd_ = -1;
      if (rc != 0) {
        return absl::DataLossError(absl::StrCat(name_, ": close failed: ", std::strerror(errno)));
      }
    }
    return absl::OkStatus();
  }
  const std::string& name() const { return name_; }

 private:
  int fd_;
  std::string name_;
  bool owned_;
  std::string buffer_;
};

// Compresses into members/frames; `finish` closes the current one.
class FrameEncoder {
 public:
  virtual ~FrameEncoder() = default;
  virtual absl::Status Encode(std::string_view in, bool finish, std::string* out) = 0;
};

class GzipEncoder final : public FrameEncoder {
 public:
  explicit GzipEncoder(int level) {
    ok_ = deflateInit2(&z_, level == 0 ? Z_DEFAULT_COMPRESSION : level, Z_DEFLATED,
                       16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~GzipEncoder() override {
    if (ok_) deflateEnd(&z_);
  }
  absl::Status Encode(std::string_view in, bool finish, std::string* out) override {
    if (!ok_) return absl::InternalError("zlib could not be initialised");
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z_.avail_in = static_cast<uInt>(in.size());
    const int flush = finish ? Z_FINISH : Z_NO_FLUSH;
    for (;;) {
      const size_t old = out->size();
      const size_t room = std::max<size_t>(deflateBound(&z_, z_.avail_in), 1 << 14);
      out->resize(old + room);
      z_.next_out = reinterpret_cast<Bytef*>(out->data() + old);
      z_.avail_out = static_cast<uInt>(room);
      const int rc = deflate(&z_, flush);
      out->resize(old + room - z_.avail_out);
      if (rc == Z_STREAM_END) {
        deflateReset(&z_);
        return absl::OkStatus();
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) return absl::InternalError("deflate failed");
      if (!finish && z_.avail_in == 0) return absl::OkStatus();
    }
  }

 private:
  z_stream z_{};
  bool ok_ = false;
};

class ZstdEncoder final : public FrameEncoder {
 public:
  explicit ZstdEncoder(int level) : c_(ZSTD_createCCtx()) {
    ZSTD_CCtx_setParameter(c_, ZSTD_c_compressionLevel, level == 0 ? ZSTD_CLEVEL_DEFAULT : level);
    // A checksum per frame, as the zstd tool writes: damage is detected, not passed on.
    ZSTD_CCtx_setParameter(c_, ZSTD_c_checksumFlag, 1);
  }
  ~ZstdEncoder() override { ZSTD_freeCCtx(c_); }
  absl::Status Encode(std::string_view in, bool finish, std::string* out) override {
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    const ZSTD_EndDirective mode = finish ? ZSTD_e_end : ZSTD_e_continue;
    for (;;) {
      const size_t old = out->size();
      const size_t room = ZSTD_CStreamOutSize();
      out->resize(old + room);
      ZSTD_outBuffer output{out->data() + old, room, 0};
      const size_t rc = ZSTD_compressStream2(c_, &output, &input, mode);
      out->resize(old + output.pos);
      if (ZSTD_isError(rc)) {
        return absl::InternalError(absl::StrCat("zstd: ", ZSTD_getErrorName(rc)));
      }
      if (finish ? rc == 0 : input.pos == input.size) return absl::OkStatus();
    }
  }

 private:
  ZSTD_CCtx* c_;
};

class FileSink final : public ByteSink {
 public:
  FileSink(std::unique_ptr<FdWriter> out, std::unique_ptr<FrameEncoder> encoder,
           const SinkOptions& options)
      : out_(std::move(out)), encoder_(std::move(encoder)), options_(options) {}

  absl::Status Write(std::string_view data) override {
    if (encoder_ == nullptr) {
      out_->buffer()->append(data);
    } else {
      NEARDUP_RETURN_IF_ERROR(Named(encoder_->Encode(data, false, out_->buffer())));
      in_frame_ += data.size();
      open_ = true;
    }
    return out_->MaybeFlush();
  }

  absl::Status EndRecord() override {
    if (encoder_ == nullptr || !open_) return absl::OkStatus();
    if (options_.frame_per_record || in_frame_ >= options_.frame_bytes) return FinishFrame();
    return absl::OkStatus();
  }

  absl::Status Close() override {
    if (encoder_ != nullptr && open_) NEARDUP_RETURN_IF_ERROR(FinishFrame());
    return out_->Close();
  }

 private:
  absl::Status FinishFrame() {
    NEARDUP_RETURN_IF_ERROR(Named(encoder_->Encode({}, true, out_->buffer())));
    in_frame_ = 0;
    open_ = false;
    return out_->MaybeFlush();
  }
  absl::Status Named(const absl::Status& status) const {
    if (status.ok()) return status;
    return absl::Status(status.code(), absl::StrCat(out_->name(), ": ", status.message()));
  }

  std::unique_ptr<FdWriter> out_;
  std::unique_ptr<FrameEncoder> encoder_;
  SinkOptions options_;
  size_t in_frame_ = 0;
  bool open_ = false;
};

}  // namespace

absl::Status SinkOptions::Validate() const {
  if (frame_bytes == 0) return absl::InvalidArgumentError("frame_bytes must be positive");
  if (level < 0 || level > 22) {
    return absl::InvalidArgumentError(absl::StrCat("compression level must be 0 to 22, got ", level));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ByteSink>> OpenFileSink(const std::string& path,
                                                       const SinkOptions& options) {
  NEARDUP_RETURN_IF_ERROR(options.Validate());
  std::unique_ptr<FdWriter> out;
  if (path == "-") {
    out = std::make_unique<FdWriter>(STDOUT_FILENO, "<stdout>", false);
  } else {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
      return absl::NotFoundError(
          absl::StrCat(path, ": cannot open for writing: ", std::strerror(errno)));
    }
    out = std::make_unique<FdWriter>(fd, path, true);
  }
  std::unique_ptr<FrameEncoder> encoder;
  switch (options.compression) {
    case Compression::kGzip:
      encoder = std::make_unique<GzipEncoder>(std::min(options.level, 9));
      break;
    case Compression::kZstd:
      encoder = std::make_unique<ZstdEncoder>(options.level);
      break;
    case Compression::kNone:
      break;
  }
  return std::make_unique<FileSink>(std::move(out), std::move(encoder), options);
}

}  // namespace neardup
