#include "neardup/sketch/minhash.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "neardup/hash/hash.h"

namespace neardup {

absl::Status MinHashOptions::Validate() const {
  if (num_hashes < 1 || num_hashes > 4096) {
    return absl::InvalidArgumentError(
        absl::StrCat("number of hashes must be between 1 and 4096, got ", num_hashes));
  }
  return absl::OkStatus();
}

MinHasher::MinHasher(const MinHashOptions& options) : options_(options) {}

void MinHasher::Compute(absl::Span<const uint64_t> hashes, uint32_t* out) const {
  const auto k = static_cast<uint64_t>(options_.num_hashes);
  std::fill(out, out + k, kEmptySignatureValue);
  if (hashes.empty()) return;
  // A bin may legitimately hold 0xFFFFFFFF, so fullness is tracked apart from values.
  // 4096 bins at most (Validate): a fixed stack bitmap.
  uint64_t filled[4096 / 64] = {};
  for (const uint64_t h : hashes) {
    const auto bin = static_cast<uint32_t>(((h >> 32) * k) >> 32);  // top bits: the bin
    const auto value = static_cast<uint32_t>(h);                    // low bits: the rank
    if (value < out[bin]) out[bin] = value;
    filled[bin >> 6] |= uint64_t{1} << (bin & 63);
  }
  // Optimal densification: empty bin i takes the value of the first filled bin in its
  // own probe sequence. Two sets consult the same sequence, which keeps the estimator
  // unbiased; the sequence depends on (seed, i, attempt) only.
  uint32_t empty_bins[4096];
  size_t num_empty = 0;
  for (uint32_t i = 0; i < k; ++i) {
    if (!(filled[i >> 6] >> (i & 63) & 1)) empty_bins[num_empty++] = i;
  }
  for (size_t e = 0; e < num_empty; ++e) {
    const uint32_t i = empty_bins[e];
    for (uint64_t attempt = 1;; ++attempt) {
      const uint64_t r = Mix64(options_.seed ^ (uint64_t{i} << 32) ^ attempt);
      const auto j = static_cast<uint32_t>(((r >> 32) * k) >> 32);
      if (filled[j >> 6] >> (j & 63) & 1) {
        out[i] = out[j];
        break;
      }
    }
  }
}

bool IsEmptySignature(absl::Span<const uint32_t> signature) {
  return std::all_of(signature.begin(), signature.end(),
                     [](uint32_t v) { return v == kEmptySignatureValue; });
}

double EstimateJaccard(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b) {
  const size_t n = std::min(a.size(), b.size());
  if (n == 0 || IsEmptySignature(a) || IsEmptySignature(b)) return 0.0;
  size_t equal = 0;
  for (size_t i = 0; i < n; ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(n);
}

}  // namespace neardup
