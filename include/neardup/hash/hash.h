// Seeded 64-bit hashing for neardup: the only place that calls xxHash (XXH3). Every
// signature is a function of these hashes, so the seed is one of the parameters stored
// with any persisted index.
//
//   uint64_t h = neardup::Hash64("wire story", /*seed=*/42);
//   uint64_t k = neardup::HashWords(token_hashes.data(), 5, seed);  // a 5-word shingle
#ifndef NEARDUP_HASH_HASH_H_
#define NEARDUP_HASH_HASH_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

// Inlined: these run once per token and once per shingle, and short-input XXH3 is a few
// dozen instructions, less than a call's overhead.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace neardup {

// Returns the XXH3 64-bit hash of `bytes` under `seed`. Thread-safe.
inline uint64_t Hash64(std::string_view bytes, uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

// Returns the XXH3 64-bit hash of `n` consecutive 64-bit words under `seed` (used to
// combine token hashes into a shingle hash without copying).
inline uint64_t HashWords(const uint64_t* words, size_t n, uint64_t seed) {
  return XXH3_64bits_withSeed(words, n * sizeof(uint64_t), seed);
}

// Mixes one 64-bit value into a well-distributed 64-bit value (the murmur3 finaliser);
// bijective, so distinct inputs never collide.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace neardup

#endif  // NEARDUP_HASH_HASH_H_
