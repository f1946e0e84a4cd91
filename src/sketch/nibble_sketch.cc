#include "neardup/sketch/nibble_sketch.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace neardup {

void PackNibbles(absl::Span<const uint32_t> signature, uint8_t* out) {
  const size_t n = signature.size();
  for (size_t i = 0; i + 1 < n; i += 2) {
    out[i / 2] = static_cast<uint8_t>((signature[i] & 0xF) | (signature[i + 1] & 0xF) << 4);
  }
  if (n % 2 == 1) out[n / 2] = static_cast<uint8_t>(signature[n - 1] & 0xF);
}

int CountEqualNibbles(const uint8_t* a, const uint8_t* b, int num_hashes) {
  const size_t bytes = NibbleSketchBytes(num_hashes);
  int differ = 0;
  size_t i = 0;
  // Sixteen nibbles at a time: fold each nibble of a ^ b onto its lowest bit and count.
  constexpr uint64_t kLowBits = 0x1111111111111111ULL;
  for (; i + 8 <= bytes; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    uint64_t d = x ^ y;
    d |= d >> 2;
    d |= d >> 1;
    differ += std::popcount(d & kLowBits);
  }
  for (; i < bytes; ++i) {
    const unsigned d = a[i] ^ b[i];
    differ += (d & 0xF) != 0;
    differ += (d >> 4) != 0;
  }
  // A last odd nibble is 0 in both and never differs: it counts as neither.
  return num_hashes - differ;
}

int MinEqualNibbles(int num_hashes, double min_jaccard, double sigmas) {
  const double k = num_hashes;
  const double j = std::clamp(min_jaccard, 0.0, 1.0);
  const double p = j + (1.0 - j) / 16.0;
  const double bound = std::ceil(k * p - sigmas * std::sqrt(k * p * (1.0 - p)));
  return static_cast<int>(std::clamp(bound, 0.0, k));
}

}  // namespace neardup
