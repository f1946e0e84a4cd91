#include "neardup/text/shingle.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "neardup/hash/hash.h"

namespace neardup {

absl::Status ShingleOptions::Validate() const {
  if (size < 1 || size > 64) {
    return absl::InvalidArgumentError(
        absl::StrCat("shingle size must be between 1 and 64 tokens, got ", size));
  }
  return absl::OkStatus();
}

void ShingleHashes(absl::Span<const uint64_t> token_hashes, const ShingleOptions& options,
                   uint64_t seed, std::vector<uint64_t>* out) {
  out->clear();
  const size_t n = token_hashes.size();
  if (n == 0) return;
  const size_t k = static_cast<size_t>(options.size);
  if (n < k) {
    out->push_back(HashWords(token_hashes.data(), n, seed));
    return;
  }
  out->resize(n - k + 1);
  uint64_t* dst = out->data();
  for (size_t i = 0; i + k <= n; ++i) dst[i] = HashWords(token_hashes.data() + i, k, seed);
}

void ToShingleSet(std::vector<uint64_t>* shingles) {
  std::sort(shingles->begin(), shingles->end());
  shingles->erase(std::unique(shingles->begin(), shingles->end()), shingles->end());
}

}  // namespace neardup
