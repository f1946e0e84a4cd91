#include "neardup/hash/hash.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace neardup {

uint64_t Hash64(std::string_view bytes, uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

uint64_t HashWords(const uint64_t* words, size_t n, uint64_t seed) {
  return XXH3_64bits_withSeed(words, n * sizeof(uint64_t), seed);
}

}  // namespace neardup
