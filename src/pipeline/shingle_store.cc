#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "neardup/base/parallel.h"
#include "neardup/base/status_macros.h"
#include "neardup/text/shingle.h"
#include "pipeline/shingle_store_internal.h"

namespace neardup::internal {
namespace {

constexpr size_t kWriteBlock = size_t{1} << 20;
constexpr size_t kMaxQueuedBlocks = 32;

}  // namespace

ShingleStore::~ShingleStore() {
  if (writer_.joinable()) {
    {
      absl::MutexLock lock(&mu_);
      stop_ = true;
    }
    writer_.join();
  }
  if (file_ != nullptr) std::fclose(file_);
}

absl::Status ShingleStore::Add(std::vector<ShingleKey>* shingles, bool is_set) {
  Entry e;
  e.is_set = is_set;
  const uint64_t bytes = shingles->size() * sizeof(ShingleKey);
  if (resident_bytes_ + bytes <= budget_) {
    resident_bytes_ += bytes;
    e.shingles = std::move(*shingles);
    shingles->clear();
    entries_.push_back(std::move(e));
    return absl::OkStatus();
  }
  if (file_ == nullptr) {
    file_ = std::tmpfile();  // removed by the system when closed or when the process ends
    if (file_ == nullptr) {
      return absl::UnavailableError(absl::StrCat(
          "cannot create a temporary file for shingles beyond the memory budget: ",
          std::strerror(errno), " (set TMPDIR, or raise the memory budget)"));
    }
    tail_.reserve(kWriteBlock);
    writer_ = std::thread([this] { WriteQueued(); });
  }
  e.spilled = true;
  e.offset = spilled_bytes_;
  e.count = static_cast<uint32_t>(shingles->size());
  spilled_bytes_ += bytes;
  entries_.push_back(std::move(e));
  // Whole blocks at block-aligned offsets: few system calls, and no page of the file's
  // cache written in part (the kernel zeroes the rest of such pages first).
  const auto* data = reinterpret_cast<const char*>(shingles->data());
  for (size_t done = 0; done < bytes;) {
    const size_t n = std::min<size_t>(bytes - done, kWriteBlock - tail_.size());
    tail_.insert(tail_.end(), data + done, data + done + n);
    done += n;
    if (tail_.size() < kWriteBlock) break;
    absl::MutexLock lock(&mu_);
    // Bounds the memory held for a writer that falls behind.
    mu_.Await(absl::Condition(
        +[](ShingleStore* s) ABSL_EXCLUSIVE_LOCKS_REQUIRED(s->mu_) {
          return s->queue_.size() < kMaxQueuedBlocks || !s->write_status_.ok();
        },
        this));
    if (!write_status_.ok()) return write_status_;
    queue_.push_back(std::move(tail_));
    // Written blocks come back for reuse: fresh memory costs a page fault per page.
    if (free_blocks_.empty()) {
      tail_ = std::vector<char>();
      tail_.reserve(kWriteBlock);
    } else {
      tail_ = std::move(free_blocks_.back());
      free_blocks_.pop_back();
      tail_.clear();
    }
  }
  return absl::OkStatus();
}

void ShingleStore::WriteQueued() {
  for (;;) {
    const std::vector<char>* block;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](ShingleStore* s) ABSL_EXCLUSIVE_LOCKS_REQUIRED(s->mu_) {
            return !s->queue_.empty() || s->stop_;
          },
          this));
      if (queue_.empty()) return;
      block = &queue_.front();  // stays put: a deque's push_back moves no element
    }
    absl::Status status = WriteAll(block->data(), block->size(), written_bytes_.load());
    absl::MutexLock lock(&mu_);
    if (!status.ok()) {
      write_status_ = std::move(status);
      return;
    }
    written_bytes_.store(written_bytes_.load() + block->size());
    free_blocks_.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
}

absl::Status ShingleStore::WriteAll(const char* data, size_t size, uint64_t offset) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n =
        pwrite(fileno(file_), data + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return absl::DataLossError(
          absl::StrCat("cannot write shingles to the temporary file: ", std::strerror(errno)));
    }
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::Status ShingleStore::Flush() {
  absl::MutexLock lock(&mu_);
  return write_status_;
}

bool ShingleStore::ReadSpilled(uint64_t offset, size_t size, char* dst) const {
  uint64_t written = written_bytes_.load();
  if (offset + size > written) {
    absl::MutexLock lock(&mu_);
    written = written_bytes_.load();
    const uint64_t tail_start = written + queue_.size() * kWriteBlock;
    for (uint64_t pos = std::max(offset, written); pos < offset + size;) {
      const char* src;
      uint64_t available;
      if (pos < tail_start) {
        const uint64_t k = (pos - written) / kWriteBlock;
        const uint64_t in_block = (pos - written) % kWriteBlock;
        src = queue_[k].data() + in_block;
        available = kWriteBlock - in_block;
      } else {
        src = tail_.data() + (pos - tail_start);
        available = tail_.size() - (pos - tail_start);
      }
      const uint64_t n = std::min<uint64_t>(available, offset + size - pos);
      std::memcpy(dst + (pos - offset), src, n);
      pos += n;
    }
  }
  const size_t from_file = offset >= written ? 0 : std::min<uint64_t>(size, written - offset);
  size_t got = 0;
  while (got < from_file) {
    const ssize_t n =
        pread(fileno(file_), dst + got, from_file - got, static_cast<off_t>(offset + got));
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return false;
    }
    got += static_cast<size_t>(n);
  }
  return true;
}

uint64_t ShingleStore::MakeSet(Entry& e) {
  const uint64_t before = e.shingles.size();
  ToShingleSet(&e.shingles);
  e.shingles.shrink_to_fit();
  e.is_set = true;
  return (before - e.shingles.size()) * sizeof(ShingleKey);
}

void ShingleStore::Prepare(uint32_t doc) {
  Entry& e = entries_[doc];
  if (!e.spilled && !e.is_set) resident_bytes_ -= MakeSet(e);
}

void ShingleStore::Prepare(std::vector<uint32_t>* docs, int threads) {
  std::sort(docs->begin(), docs->end());
  docs->erase(std::unique(docs->begin(), docs->end()), docs->end());
  docs->erase(std::remove_if(docs->begin(), docs->end(),
                             [&](uint32_t d) { return entries_[d].spilled || entries_[d].is_set; }),
              docs->end());
  std::vector<uint64_t> freed(docs->size());
  ParallelFor(threads, docs->size(),
              [&](size_t i, int) { freed[i] = MakeSet(entries_[(*docs)[i]]); });
  for (const uint64_t bytes : freed) resident_bytes_ -= bytes;
}

absl::Span<const ShingleKey> ShingleStore::Get(uint32_t doc, std::vector<ShingleKey>* scratch) const {
  const Entry& e = entries_[doc];
  if (!e.spilled) {
    if (e.is_set) return e.shingles;
    *scratch = e.shingles;
    ToShingleSet(scratch);
    return *scratch;
  }
  scratch->resize(e.count);
  if (!ReadSpilled(e.offset, e.count * sizeof(ShingleKey), reinterpret_cast<char*>(scratch->data()))) {
    read_failed_.store(true);
    scratch->clear();
    return *scratch;
  }
  if (!e.is_set) ToShingleSet(scratch);
  return *scratch;
}

absl::Status ShingleStore::read_error() const {
  if (!read_failed_.load()) return absl::OkStatus();
  return absl::DataLossError("cannot read shingles back from the temporary file");
}

}  // namespace neardup::internal
