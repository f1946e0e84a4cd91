#include "neardup/io/byte_stream.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "neardup/io/record_error.h"

namespace neardup {
namespace {

class FdStream final : public ByteStream {
 public:
  FdStream(int fd, std::string path, bool owned) : fd_(fd), path_(std::move(path)), owned_(owned) {}
  ~FdStream() override {
    if (owned_) close(fd_);
  }
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      const ssize_t got = read(fd_, buf, n);
      if (got >= 0) {
        bytes_ += static_cast<uint64_t>(got);
        return static_cast<size_t>(got);
      }
      if (errno == EINTR) continue;
      return absl::DataLossError(absl::StrCat(path_, ": read failed: ", std::strerror(errno)));
    }
  }
  uint64_t raw_bytes_read() const override { return bytes_; }

 private:
  int fd_;
  std::string path_;
  bool owned_;
  uint64_t bytes_ = 0;
};

class PrefixedStream final : public ByteStream {
 public:
  PrefixedStream(std::string prefix, std::unique_ptr<ByteStream> rest, absl::Status error)
      : prefix_(std::move(prefix)), rest_(std::move(rest)), error_(std::move(error)) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    if (pos_ < prefix_.size()) {
      const size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    if (!error_.ok()) return std::exchange(error_, absl::OkStatus());
    return rest_->Read(buf, n);
  }
  uint64_t raw_bytes_read() const override { return rest_->raw_bytes_read(); }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteStream> rest_;
  absl::Status error_;
};

constexpr size_t kBlock = 1 << 20;
constexpr size_t kPadding = 64;

}  // namespace

absl::StatusOr<std::unique_ptr<ByteStream>> OpenFileStream(const std::string& path) {
  if (path == "-") return std::make_unique<FdStream>(0, "<stdin>", false);
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::NotFoundError(absl::StrCat(path, ": cannot open: ", std::strerror(errno)));
  }
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::make_unique<FdStream>(fd, path, true);
}

// The end of a stream: no bytes.
class EmptyStream final : public ByteStream {
 public:
  absl::StatusOr<size_t> Read(char*, size_t) override { return size_t{0}; }
  uint64_t raw_bytes_read() const override { return 0; }
};

std::unique_ptr<ByteStream> MakeStringStream(std::string data) {
  return MakePrefixedStream(std::move(data), std::make_unique<EmptyStream>());
}

std::unique_ptr<ByteStream> MakePrefixedStream(std::string prefix,
                                               std::unique_ptr<ByteStream> rest,
                                               absl::Status error) {
  return std::make_unique<PrefixedStream>(std::move(prefix), std::move(rest), std::move(error));
}

absl::Status ReadPrefix(ByteStream& stream, size_t n, std::string* out) {
  out->assign(n, '\0');
  size_t have = 0;
  absl::Status status;
  while (have < n) {
    auto got = stream.Read(out->data() + have, n - have);
    if (!got.ok()) {
      status = got.status();
      break;
    }
    if (*got == 0) break;
    have += *got;
  }
  out->resize(have);
  return status;
}

absl::StatusOr<std::string> SpoolStandardInput() {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp",
                                  "/neardup-stdin-XXXXXX");
  const int fd = mkstemp(path.data());
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat(path, ": cannot create: ", std::strerror(errno)));
  }
  FdStream in(0, "<stdin>", false);
  std::vector<char> buf(kBlock);
  for (;;) {
    auto got = in.Read(buf.data(), buf.size());
    if (!got.ok()) {
      close(fd);
      unlink(path.c_str());
      return got.status();
    }
    if (*got == 0) break;
    size_t done = 0;
    while (done < *got) {
      const ssize_t n = write(fd, buf.data() + done, *got - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const std::string error = std::strerror(errno);
        close(fd);
        unlink(path.c_str());
        return absl::DataLossError(absl::StrCat(path, ": write failed: ", error));
      }
      done += static_cast<size_t>(n);
    }
  }
  if (close(fd) != 0) return absl::DataLossError(absl::StrCat(path, ": close failed"));
  return path;
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path, uint64_t max_bytes) {
  auto stream = OpenFileStream(path);
  if (!stream.ok()) return stream.status();
  std::string out;
  char buf[1 << 16];
  for (;;) {
    auto got = (*stream)->Read(buf, sizeof(buf));
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    if (out.size() + *got > max_bytes) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": larger than the limit of ", max_bytes, " bytes per document"));
    }
    out.append(buf, *got);
  }
  return out;
}

LineReader::LineReader(std::unique_ptr<ByteStream> stream) : stream_(std::move(stream)) {}

absl::StatusOr<bool> LineReader::Next(std::string* line) {
  for (;;) {
    const char* start = buffer_.data() + pos_;
    const size_t avail = end_ - pos_;
    const void* nl = avail ? std::memchr(start, '\n', avail) : nullptr;
    if (nl != nullptr || (eof_ && avail > 0)) {
      const size_t len = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : avail;
      size_t content = len;
      if (content > 0 && start[content - 1] == '\r') --content;
      line->reserve(content + kPadding);
      line->assign(start, content);
      ++line_number_;
      line_offset_ = consumed_ + pos_;
      pos_ += nl ? len + 1 : len;
      return true;
    }
    if (eof_) return false;
    // Keep the partial line, read another block after it.
    consumed_ += pos_;
    std::memmove(buffer_.data(), start, avail);
    pos_ = 0;
    end_ = avail;
    if (buffer_.size() < end_ + kBlock) buffer_.resize(end_ + kBlock);
    auto got = stream_->Read(buffer_.data() + end_, kBlock);
    if (!got.ok()) {
      if (IsRecordError(got.status())) {
        // The partial line ends in damage: drop it; the next line starts after it.
        consumed_ += end_;
        end_ = 0;
      }
      return got.status();
    }
    end_ += *got;
    if (*got == 0) eof_ = true;
  }
}

}  // namespace neardup
