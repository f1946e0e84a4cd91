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

int MinHasher::Compute(absl::Span<const uint64_t> hashes, uint32_t* out) const {
  const auto k = static_cast<uint64_t>(options_.num_hashes);
  std::fill(out, out + k, kEmptySignatureValue);
  if (hashes.empty()) return 0;
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
  // The empty bins are listed without a branch per bin (whether a bin is empty is a coin
  // toss for short texts, which a branch would mispredict).
  bool filled[4096];
  uint16_t empty[4096];
  uint32_t num_empty = 0;
  for (uint32_t i = 0; i < k; ++i) {
    filled[i] = out[i] != kEmptySignatureValue;
    empty[num_empty] = static_cast<uint16_t>(i);
    num_empty += !filled[i];
  }
  for (uint32_t e = 0; e < num_empty; ++e) {
    const uint32_t i = empty[e];
    const uint16_t* table = &probes_[static_cast<size_t>(i) * kTableProbes];
    // The first filled bin among the first few probes, by selects rather than branches:
    // one of them is filled unless most bins are empty.
    uint32_t donor = UINT32_MAX;
    for (int a = kSelectProbes - 1; a >= 0; --a) {
      const uint32_t take = 0u - static_cast<uint32_t>(filled[table[a]]);  // all ones or 0
      donor = (table[a] & take) | (donor & ~take);
    }
    for (int a = kSelectProbes; donor == UINT32_MAX && a < kTableProbes; ++a) {
      if (filled[table[a]]) donor = table[a];
    }
    for (uint64_t attempt = kTableProbes + 1; donor == UINT32_MAX; ++attempt) {
      const uint32_t j = Probe(i, attempt);
      if (filled[j]) donor = j;
    }
    out[i] = out[donor];
  }
  return static_cast<int>(k - num_empty);
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
