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

MinHasher::MinHasher(const MinHashOptions& options) : options_(options) {
  const auto k = static_cast<uint32_t>(std::max(options_.num_hashes, 1));
  probes_.resize(static_cast<size_t>(k) * kTableProbes);
  for (uint32_t i = 0; i < k; ++i) {
    for (int a = 0; a < kTableProbes; ++a) {
      probes_[static_cast<size_t>(i) * kTableProbes + a] =
          static_cast<uint16_t>(Probe(i, static_cast<uint64_t>(a) + 1));
    }
  }
}

uint32_t MinHasher::Probe(uint32_t bin, uint64_t attempt) const {
  const uint64_t r = Mix64(options_.seed ^ (uint64_t{bin} << 32) ^ attempt);
  return static_cast<uint32_t>(((r >> 32) * static_cast<uint64_t>(options_.num_hashes)) >> 32);
}

void MinHasher::Compute(absl::Span<const uint64_t> hashes, uint32_t* out) const {
  const auto k = static_cast<uint64_t>(options_.num_hashes);
  std::fill(out, out + k, kEmptySignatureValue);
  if (hashes.empty()) return;
  for (const uint64_t h : hashes) {
    const auto bin = static_cast<uint32_t>(((h >> 32) * k) >> 32);  // top bits: the bin
    auto value = static_cast<uint32_t>(h);                          // low bits: the rank
    value -= value == kEmptySignatureValue;  // keep the sentinel for empty bins
    out[bin] = std::min(out[bin], value);
  }
  // Optimal densification: empty bin i takes the value of the first filled bin in its
  // own probe sequence. Two sets consult the same sequence, which keeps the estimator
  // unbiased; the sequence depends on (seed, i, attempt) only. Values copied into bins
  // emptied here must not count as filled, so fullness is decided on a snapshot.
  bool filled[4096];
  bool any_empty = false;
  for (uint32_t i = 0; i < k; ++i) {
    filled[i] = out[i] != kEmptySignatureValue;
    any_empty |= !filled[i];
  }
  if (!any_empty) return;
  for (uint32_t i = 0; i < k; ++i) {
    if (filled[i]) continue;
    const uint16_t* table = &probes_[static_cast<size_t>(i) * kTableProbes];
    uint32_t donor = UINT32_MAX;
    for (int a = 0; a < kTableProbes; ++a) {
      if (filled[table[a]]) {
        donor = table[a];
        break;
      }
    }
    for (uint64_t attempt = kTableProbes + 1; donor == UINT32_MAX; ++attempt) {
      const uint32_t j = Probe(i, attempt);
      if (filled[j]) donor = j;
    }
    out[i] = out[donor];
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
