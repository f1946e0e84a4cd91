#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "neardup/base/parallel.h"
#include "neardup/text/shingle.h"
#include "pipeline/shingle_store_internal.h"

namespace neardup::internal {

ShingleStore::~ShingleStore() {
  if (file_ != nullptr) std::fclose(file_);
}

absl::Status ShingleStore::Add(std::vector<uint64_t> shingles, bool is_set) {
  Entry e;
  e.is_set = is_set;
  const uint64_t bytes = shingles.size() * sizeof(uint64_t);
  if (resident_bytes_ + bytes <= budget_) {
    resident_bytes_ += bytes;
    e.shingles = std::move(shingles);
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
  }
  e.spilled = true;
  e.offset = spilled_bytes_;
  e.count = static_cast<uint32_t>(shingles.size());
  if (std::fwrite(shingles.data(), sizeof(uint64_t), shingles.size(), file_) != shingles.size()) {
    return absl::DataLossError(
        absl::StrCat("cannot write shingles to the temporary file: ", std::strerror(errno)));
  }
  spilled_bytes_ += bytes;
  entries_.push_back(std::move(e));
  return absl::OkStatus();
}

absl::Status ShingleStore::Flush() {
  if (file_ != nullptr && std::fflush(file_) != 0) {
    return absl::DataLossError(
        absl::StrCat("cannot write shingles to the temporary file: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

uint64_t ShingleStore::MakeSet(Entry& e) {
  const uint64_t before = e.shingles.size();
  ToShingleSet(&e.shingles);
  e.shingles.shrink_to_fit();
  e.is_set = true;
  return (before - e.shingles.size()) * sizeof(uint64_t);
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

absl::Span<const uint64_t> ShingleStore::Get(uint32_t doc, std::vector<uint64_t>* scratch) const {
  const Entry& e = entries_[doc];
  if (!e.spilled) {
    if (e.is_set) return e.shingles;
    *scratch = e.shingles;
    ToShingleSet(scratch);
    return *scratch;
  }
  scratch->resize(e.count);
  const size_t want = e.count * sizeof(uint64_t);
  size_t got = 0;
  auto* dst = reinterpret_cast<char*>(scratch->data());
  while (got < want) {
    const ssize_t n = pread(fileno(file_), dst + got, want - got, static_cast<off_t>(e.offset + got));
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      read_failed_.store(true);
      scratch->clear();
      return *scratch;
    }
    got += static_cast<size_t>(n);
  }
  if (!e.is_set) ToShingleSet(scratch);
  return *scratch;
}

absl::Status ShingleStore::read_error() const {
  if (!read_failed_.load()) return absl::OkStatus();
  return absl::DataLossError("cannot read shingles back from the temporary file");
}

}  // namespace neardup::internal
