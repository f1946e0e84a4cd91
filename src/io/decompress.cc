#include "neardup/io/decompress.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "neardup/base/status_macros.h"
#include "neardup/base/strings.h"
#include "neardup/io/record_error.h"

namespace neardup {
namespace {

// What one call of a codec did.
struct Step {
  size_t consumed = 0;
  size_t produced = 0;
  bool frame_end = false;  // a member/frame ended (and its checksum matched)
  std::string error;       // non-empty on corrupt data
};

// Decodes the members (gzip) or frames (zstd) of one format, one at a time.
class FrameCodec {
 public:
  virtual ~FrameCodec() = default;
  virtual Step Decode(const char* in, size_t in_n, char* out, size_t out_n) = 0;
  // Prepares for a new member/frame.
  virtual void Reset() = 0;
  // Bytes needed by IsFrameStart.
  virtual size_t header_size() const = 0;
  // Returns true when `p` (header_size() bytes) looks like the start of a member/frame.
  virtual bool IsFrameStart(const unsigned char* p) const = 0;
  virtual const char* frame_name() const = 0;
};

class GzipCodec final : public FrameCodec {
 public:
  GzipCodec() { ok_ = inflateInit2(&z_, 16 + MAX_WBITS) == Z_OK; }
  ~GzipCodec() override {
    if (ok_) inflateEnd(&z_);
  }
  Step Decode(const char* in, size_t in_n, char* out, size_t out_n) override {
    Step step;
    if (!ok_) {
      step.error = "zlib could not be initialised";
      return step;
    }
    // zlib counts in uInt; callers' buffers are far below 4 GiB, but clamp anyway.
    const auto in_avail = static_cast<uInt>(std::min<size_t>(in_n, 1u << 30));
    const auto out_avail = static_cast<uInt>(std::min<size_t>(out_n, 1u << 30));
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
    z_.avail_in = in_avail;
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = out_avail;
    const int rc = inflate(&z_, Z_NO_FLUSH);
    step.consumed = in_avail - z_.avail_in;
    step.produced = out_avail - z_.avail_out;
    if (rc == Z_STREAM_END) {
      step.frame_end = true;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      step.error = z_.msg != nullptr ? z_.msg : absl::StrCat("zlib error ", rc);
    }
    return step;
  }
  void Reset() override {
    if (ok_) inflateReset(&z_);
  }
  size_t header_size() const override { return 10; }
  bool IsFrameStart(const unsigned char* p) const override {
    // ID1 ID2 CM=deflate, no reserved flag bits, XFL 0/2/4, a known OS: a chance match
    // inside compressed data is rare enough for resynchronising after damage.
    return p[0] == 0x1f && p[1] == 0x8b && p[2] == 8 && (p[3] & 0xe0) == 0 &&
           (p[8] == 0 || p[8] == 2 || p[8] == 4) && (p[9] <= 13 || p[9] == 255);
  }
  const char* frame_name() const override { return "gzip member"; }

 private:
  z_stream z_{};
  bool ok_ = false;
};

class ZstdCodec final : public FrameCodec {
 public:
  ZstdCodec() : d_(ZSTD_createDStream()) {}
  ~ZstdCodec() override { ZSTD_freeDStream(d_); }
  Step Decode(const char* in, size_t in_n, char* out, size_t out_n) override {
    Step step;
    ZSTD_inBuffer input{in, in_n, 0};
    ZSTD_outBuffer output{out, out_n, 0};
    const size_t rc = ZSTD_decompressStream(d_, &output, &input);
    step.consumed = input.pos;
    step.produced = output.pos;
    if (ZSTD_isError(rc)) {
      step.error = ZSTD_getErrorName(rc);
    } else if (rc == 0) {
      step.frame_end = true;
    }
    return step;
  }
  void Reset() override { ZSTD_DCtx_reset(d_, ZSTD_reset_session_only); }
  size_t header_size() const override { return 4; }
  bool IsFrameStart(const unsigned char* p) const override {
    const bool frame = p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd;
    const bool skippable = (p[0] & 0xf0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d && p[3] == 0x18;
    return frame || skippable;
  }
  const char* frame_name() const override { return "zstd frame"; }

 private:
  ZSTD_DStream* d_;
};

constexpr size_t kInBlock = size_t{1} << 20;
// Compressed bytes of the current member kept so that, after damage, the search for the
// next member can start right after the damaged member's header.
constexpr size_t kKeepMember = size_t{4} << 20;
constexpr size_t kOutChunk = size_t{256} << 10;
// Decompressed bytes of one frame held back until its checksum is verified. Crawl files
// (a member per record or per block) are verified whole; in a larger frame (a file made by
// plain gzip or zstd) the bytes past this are released unverified, so that memory stays
// bounded and reading overlaps with the work on earlier records. Damage there is still
// reported, at the frame's checksum, after the records before it were used.
constexpr size_t kMaxHeld = size_t{4} << 20;

// Feeds the frames of a file through a codec, one after another; on damage reports one
// record error and resynchronises on the next frame header.
class DecompressingStream final : public ByteStream {
 public:
  DecompressingStream(std::unique_ptr<ByteStream> raw, std::string name,
                      std::unique_ptr<FrameCodec> codec)
      : raw_(std::move(raw)), name_(std::move(name)), codec_(std::move(codec)), in_(kInBlock) {}

  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      // Bytes of verified members first, then the error that came after them.
      if (out_pos_ < ready_) {
        const size_t k = std::min(n, ready_ - out_pos_);
        std::memcpy(buf, out_.data() + out_pos_, k);
        out_pos_ += k;
        return k;
      }
      if (pending_error_.has_value()) {
        absl::Status error = *std::move(pending_error_);
        pending_error_.reset();
        return error;
      }
      if (state_ == State::kEnd) return 0;
      if (out_pos_ == out_end_) out_pos_ = ready_ = out_end_ = 0;
      switch (state_) {
        case State::kHeader:
          NEARDUP_RETURN_IF_ERROR(StartFrame());
          break;
        case State::kFrame:
          NEARDUP_RETURN_IF_ERROR(DecodeSome());
          break;
        case State::kResync:
          NEARDUP_RETURN_IF_ERROR(Resync());
          break;
        case State::kEnd:
          break;
      }
    }
  }

  uint64_t raw_bytes_read() const override { return raw_->raw_bytes_read(); }

 private:
  enum class State { kHeader, kFrame, kResync, kEnd };

  size_t avail() const { return end_ - pos_; }
  uint64_t offset(size_t i) const { return base_ + i; }

  // Reads more compressed bytes after end_, keeping what is still needed.
  absl::Status Refill() {
    size_t keep = pos_;
    if (state_ == State::kFrame && frame_start_ >= base_ &&
        end_ - (frame_start_ - base_) <= kKeepMember) {
      keep = static_cast<size_t>(frame_start_ - base_);
    }
    std::memmove(in_.data(), in_.data() + keep, end_ - keep);
    base_ += keep;
    pos_ -= keep;
    end_ -= keep;
    if (in_.size() - end_ < kInBlock / 4) in_.resize(end_ + kInBlock);
    auto got = raw_->Read(in_.data() + end_, in_.size() - end_);
    if (!got.ok()) return got.status();
    end_ += *got;
    if (*got == 0) raw_eof_ = true;
    return absl::OkStatus();
  }

  // Records damage at `at`: drops the damaged frame's unverified output, reports one
  // record error per damaged stretch, and searches for the next frame header from just
  // after the damaged frame's own header.
  void Damage(size_t at, std::string_view what) {
    out_end_ = ready_;
    if (!recovering_) pending_error_ = ByteRecordError(name_, offset(at), what);
    recovering_ = true;
    pos_ = (state_ == State::kFrame && frame_start_ >= base_)
               ? static_cast<size_t>(frame_start_ - base_) + 1
               : std::min(at + 1, end_);
    state_ = State::kResync;
  }

  // Records that the file ends inside a frame.
  void Truncated() {
    Damage(pos_, absl::StrCat("truncated ", codec_->frame_name(), " (it starts at byte ",
                              frame_start_, ")"));
    state_ = State::kEnd;
  }

  absl::Status StartFrame() {
    const size_t need = codec_->header_size();
    if (avail() < need && !raw_eof_) return Refill();
    if (avail() == 0) {
      state_ = State::kEnd;
      return absl::OkStatus();
    }
    const auto* p = reinterpret_cast<const unsigned char*>(in_.data() + pos_);
    if (avail() < need || !codec_->IsFrameStart(p)) {
      Damage(pos_, absl::StrCat("expected a ", codec_->frame_name(), " header"));
      return absl::OkStatus();
    }
    frame_start_ = offset(pos_);
    codec_->Reset();
    state_ = State::kFrame;
    return absl::OkStatus();
  }

  // Decodes into out_ after out_end_. Output becomes ready when its frame ends with a
  // good checksum, so that a damaged member yields an error rather than garbage; a frame
  // whose output outgrows kMaxHeld is passed on unverified.
  absl::Status DecodeSome() {
    if (avail() == 0) {
      if (!raw_eof_) return Refill();
      Truncated();
      return absl::OkStatus();
    }
    if (out_.size() - out_end_ < kOutChunk) out_.resize(std::max(out_.size() * 2, out_end_ + kOutChunk));
    const Step step = codec_->Decode(in_.data() + pos_, avail(), out_.data() + out_end_,
                                     out_.size() - out_end_);
    out_end_ += step.produced;
    if (!step.error.empty()) {
      Damage(pos_ + step.consumed, absl::StrCat("corrupt ", codec_->frame_name(),
                                                " (it starts at byte ", frame_start_,
                                                "): ", step.error));
      return absl::OkStatus();
    }
    pos_ += step.consumed;
    if (step.frame_end) {
      ready_ = out_end_;
      state_ = State::kHeader;
      recovering_ = false;
    } else if (out_end_ - ready_ > kMaxHeld) {
      ready_ = out_end_;
    } else if (step.consumed == 0 && step.produced == 0) {
      if (!raw_eof_) return Refill();
      Truncated();
    }
    return absl::OkStatus();
  }

  absl::Status Resync() {
    const size_t need = codec_->header_size();
    while (pos_ + need <= end_) {
      const auto* p = reinterpret_cast<const unsigned char*>(in_.data() + pos_);
      if (codec_->IsFrameStart(p)) {
        state_ = State::kHeader;
        return absl::OkStatus();
      }
      ++pos_;
    }
    if (raw_eof_) {
      pos_ = end_;
      state_ = State::kEnd;
      return absl::OkStatus();
    }
    return Refill();
  }

  std::unique_ptr<ByteStream> raw_;
  std::string name_;
  std::unique_ptr<FrameCodec> codec_;
  std::vector<char> in_;
  size_t pos_ = 0;      // next compressed byte to decode, in in_
  size_t end_ = 0;      // end of the compressed bytes in in_
  uint64_t base_ = 0;   // file offset of in_[0]
  bool raw_eof_ = false;
  State state_ = State::kHeader;
  uint64_t frame_start_ = 0;  // file offset of the current frame's first byte
  bool recovering_ = false;   // damage seen, no frame decoded completely since
  std::optional<absl::Status> pending_error_;
  // Decompressed bytes: [out_pos_, ready_) may be read, [ready_, out_end_) wait for the
  // end of their frame.
  std::vector<char> out_;
  size_t out_pos_ = 0;
  size_t ready_ = 0;
  size_t out_end_ = 0;
};

}  // namespace

Compression DetectCompression(std::string_view head) {
  if (head.size() >= 2 && head[0] == '\x1f' && head[1] == '\x8b') return Compression::kGzip;
  if (head.size() >= 4 && head.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4)) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

Compression CompressionOfName(std::string_view path) {
  if (absl::EndsWithIgnoreCase(AsAbsl(path), ".gz")) return Compression::kGzip;
  if (absl::EndsWithIgnoreCase(AsAbsl(path), ".zst")) return Compression::kZstd;
  return Compression::kNone;
}

std::unique_ptr<ByteStream> MakeGzipStream(std::unique_ptr<ByteStream> raw, std::string name) {
  return std::make_unique<DecompressingStream>(std::move(raw), std::move(name),
                                               std::make_unique<GzipCodec>());
}

std::unique_ptr<ByteStream> MakeZstdStream(std::unique_ptr<ByteStream> raw, std::string name) {
  return std::make_unique<DecompressingStream>(std::move(raw), std::move(name),
                                               std::make_unique<ZstdCodec>());
}

absl::StatusOr<std::unique_ptr<ByteStream>> OpenInputStream(const std::string& path,
                                                            Compression* compression) {
  NEARDUP_ASSIGN_OR_RETURN(std::unique_ptr<ByteStream> file, OpenFileStream(path));
  std::string head;
  NEARDUP_RETURN_IF_ERROR(ReadPrefix(*file, 4, &head));
  const Compression found = DetectCompression(head);
  if (compression != nullptr) *compression = found;
  std::unique_ptr<ByteStream> raw = MakePrefixedStream(std::move(head), std::move(file));
  const std::string name = path == "-" ? "<stdin>" : path;
  switch (found) {
    case Compression::kGzip:
      return MakeGzipStream(std::move(raw), name);
    case Compression::kZstd:
      return MakeZstdStream(std::move(raw), name);
    case Compression::kNone:
      break;
  }
  return raw;
}

}  // namespace neardup
