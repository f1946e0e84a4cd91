// Where the batch driver keeps every document's shingles until the end of the run (private
// to pipeline/). Verification needs the exact shingles of any earlier document, but a crawl
// of millions of 4 KB documents has gigabytes of them; past a memory budget the store
// appends them to an anonymous temporary file and reads them back (pread) when a document
// takes part in a candidate pair, which few do.
#ifndef NEARDUP_PIPELINE_SHINGLE_STORE_INTERNAL_H_
#define NEARDUP_PIPELINE_SHINGLE_STORE_INTERNAL_H_

#include <cstdint>
#include <atomic>
#include <cstdio>
#include <deque>
#include <optional>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "neardup/text/shingle.h"

namespace neardup::internal {

// Add, Flush and Prepare from one thread; Get from many threads at once (after a Flush
// that followed the last Add). Spilled shingles go to the file in 1 MiB blocks written by
// a thread of the store's own, so that the driver does not wait for the page cache.
class ShingleStore {
 public:
  explicit ShingleStore(uint64_t memory_budget_bytes) : budget_(memory_budget_bytes) {}
  ~ShingleStore();
  ShingleStore(const ShingleStore&) = delete;
  ShingleStore& operator=(const ShingleStore&) = delete;

  // Adds the next document's shingle keys (any order, repeats allowed; `is_set` when they
  // are already sorted and unique). Takes the contents of `*shingles` while the document
  // fits in the memory budget (leaving it empty); past it, copies them to the file and
  // leaves `*shingles` as it was, for the caller to use or reuse. Fails only when the
  // temporary file cannot be written.
  absl::Status Add(std::vector<ShingleKey>* shingles, bool is_set);

  // Readies the store for Gets; call after Adds. Spilled shingles not yet in the file are
  // read from memory, so this waits for nothing; it returns the first write error.
  absl::Status Flush();

  // Sorts a resident document's shingles into a set, once, so that Get needs no copy.
  void Prepare(uint32_t doc);
  // True for a resident document whose shingles are not a set yet (Prepare would sort
  // them).
  bool NeedsPrepare(uint32_t doc) const {
    const Entry& e = entries_[doc];
    return !e.spilled && !e.is_set;
  }
  // Prepares every document of `*docs` (any order, repeats allowed; sorted and made
  // unique here) on up to `threads` threads.
  void Prepare(std::vector<uint32_t>* docs, int threads);

  // Returns document `doc`'s sorted unique shingles: a view of memory for a prepared
  // resident document, else read (and sorted) into `*scratch`. A read error yields an
  // empty set and is remembered: check read_error() after the readers are done.
  absl::Span<const ShingleKey> Get(uint32_t doc, std::vector<ShingleKey>* scratch) const;
  absl::Status read_error() const;
  // Returns the size of document `doc`'s shingle set if it is known without reading it:
  // for a prepared document, or one spilled as a set.
  std::optional<size_t> SetSize(uint32_t doc) const {
    const Entry& e = entries_[doc];
    if (!e.is_set) return std::nullopt;
    return e.spilled ? e.count : e.shingles.size();
  }

  size_t size() const { return entries_.size(); }
  // True once the budget is spent: every further document is spilled.
  bool full() const { return resident_bytes_ >= budget_ || file_ != nullptr; }
  uint64_t resident_bytes() const { return resident_bytes_; }
  uint64_t spilled_bytes() const { return spilled_bytes_; }

 private:
  struct Entry {
    std::vector<ShingleKey> shingles;  // resident documents
    uint64_t offset = 0;             // spilled documents: where in the file
    uint32_t count = 0;              // spilled documents: how many shingles
    bool spilled = false;
    bool is_set = false;
  };

  // Sorts a resident entry's shingles into a set; returns the bytes freed.
  static uint64_t MakeSet(Entry& e);
  // Writes `size` bytes at `offset` of the file.
  absl::Status WriteAll(const char* data, size_t size, uint64_t offset);
  // The writer thread: writes queued blocks to the file, in order, until stopped.
  void WriteQueued();
  // Copies spilled bytes [offset, offset + size) to `dst` from wherever they are now: the
  // file, the queue or the tail. False on a read error.
  bool ReadSpilled(uint64_t offset, size_t size, char* dst) const;

  uint64_t budget_;
  std::vector<Entry> entries_;
  uint64_t resident_bytes_ = 0;
  uint64_t spilled_bytes_ = 0;
  std::FILE* file_ = nullptr;
  // Spilled bytes past the last full block (only Add changes it).
  std::vector<char> tail_;
  mutable absl::Mutex mu_;
  // Full blocks not yet in the file, in order; the first starts at written_bytes_.
  std::deque<std::vector<char>> queue_ ABSL_GUARDED_BY(mu_);
  std::vector<std::vector<char>> free_blocks_ ABSL_GUARDED_BY(mu_);  // written, for reuse
  std::atomic<uint64_t> written_bytes_{0};  // changes under mu_; readable without
  absl::Status write_status_ ABSL_GUARDED_BY(mu_);
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread writer_;
  mutable std::atomic<bool> read_failed_{false};
};

}  // namespace neardup::internal

#endif  // NEARDUP_PIPELINE_SHINGLE_STORE_INTERNAL_H_
