#include "neardup/text/shingle.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "neardup/base/sort.h"
#include "neardup/hash/hash.h"

namespace neardup {
namespace {

// Hashes the `count` windows of K token hashes starting at t[0], t[1], ... With K a
// constant, the compiler unrolls CombineHashes and folds its rotations into immediates.
template <size_t K>
void HashWindows(const uint64_t* t, size_t count, uint64_t seed, uint64_t* dst) {
  for (size_t i = 0; i < count; ++i) dst[i] = CombineHashes(t + i, K, seed);
}

}  // namespace

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
    out->push_back(CombineHashes(token_hashes.data(), n, seed));
    return;
  }
  out->resize(n - k + 1);
  uint64_t* dst = out->data();
  switch (k) {
    case 3: return HashWindows<3>(token_hashes.data(), n - k + 1, seed, dst);
    case 4: return HashWindows<4>(token_hashes.data(), n - k + 1, seed, dst);
    case 5: return HashWindows<5>(token_hashes.data(), n - k + 1, seed, dst);
    case 6: return HashWindows<6>(token_hashes.data(), n - k + 1, seed, dst);
    case 7: return HashWindows<7>(token_hashes.data(), n - k + 1, seed, dst);
    case 8: return HashWindows<8>(token_hashes.data(), n - k + 1, seed, dst);
    default:
      for (size_t i = 0; i + k <= n; ++i) dst[i] = CombineHashes(token_hashes.data() + i, k, seed);
  }
}

void ToShingleKeys(absl::Span<const uint64_t> shingles, std::vector<ShingleKey>* keys) {
  keys->resize(shingles.size());
  ShingleKey* dst = keys->data();
  for (size_t i = 0; i < shingles.size(); ++i) dst[i] = ShingleKeyOf(shingles[i]);
}

void ToShingleSet(std::vector<ShingleKey>* keys) {
  SortKeys(absl::MakeSpan(*keys));
  keys->erase(std::unique(keys->begin(), keys->end()), keys->end());
}

void ToShingleSet(absl::Span<const uint64_t> shingles, std::vector<ShingleKey>* set) {
  ToShingleKeys(shingles, set);
  ToShingleSet(set);
}

}  // namespace neardup
