// Seeded 64-bit hashing for neardup: the only place that calls xxHash (XXH3). Every
// signature is a function of these hashes, so the seed is one of the parameters stored
// with any persisted index.
//
//   uint64_t h = neardup::Hash64("wire story", /*seed=*/42);
//   uint64_t k = neardup::CombineHashes(token_hashes.data(), 5, seed);  // a 5-word shingle
#ifndef NEARDUP_HASH_HASH_H_
#define NEARDUP_HASH_HASH_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

// Inlined: these run once per token and once per shingle, and short-input XXH3 is a few
// dozen instructions, less than a call's overhead.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace neardup {

// XXH3_64bits_withSeed is too large for the compiler to inline whole (it has a branch for
// every input size), so Hash64 and HashWords take the branch of their usual sizes
// themselves, with the code and secret XXH3_64bits_withSeed uses for it: the same values
// (tests/hash/hash_test.cc compares them at every size up to 256 bytes).
static_assert(XXH_VERSION_NUMBER >= 800, "XXH3's short-input functions as of xxHash 0.8");

// Returns the XXH3 64-bit hash of `bytes` under `seed`. Thread-safe.
inline uint64_t Hash64(std::string_view bytes, uint64_t seed) {
  if (bytes.size() <= 16) {  // a token
    return XXH3_len_0to16_64b(reinterpret_cast<const xxh_u8*>(bytes.data()), bytes.size(),
                              XXH3_kSecret, seed);
  }
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

// A token of up to 16 bytes is hashed as one 16-byte block: its bytes, zeros after them,
// and its length folded into the seed. One fixed-size XXH3 path then serves every short
// token, with no branch on the length to mispredict (words of running text vary in
// length at random); longer tokens take Hash64. Not the same values as Hash64.
inline constexpr size_t kTokenBlockBytes = 16;

// Returns the hash of the token at `p` of `len` <= kTokenBlockBytes bytes, reading
// kTokenBlockBytes bytes from `p` (those past the token may hold anything).
inline uint64_t TokenHashOfBlock(const char* p, size_t len, uint64_t seed) {
  // kKeep + 16 - len: `len` bytes of 0xFF, then zeros.
  alignas(32) static constexpr unsigned char kKeep[2 * kTokenBlockBytes] = {
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  uint64_t block[2];
  uint64_t keep[2];
  std::memcpy(block, p, sizeof(block));
  std::memcpy(keep, kKeep + kTokenBlockBytes - len, sizeof(keep));
  block[0] &= keep[0];
  block[1] &= keep[1];
  return XXH3_len_9to16_64b(reinterpret_cast<const xxh_u8*>(block), sizeof(block), XXH3_kSecret,
                            seed ^ len);
}

// Returns the hash of a normalised token (see kTokenBlockBytes). Thread-safe.
inline uint64_t TokenHash(std::string_view token, uint64_t seed) {
  if (token.size() > kTokenBlockBytes) return Hash64(token, seed);
  char block[kTokenBlockBytes] = {};
  std::memcpy(block, token.data(), token.size());
  return TokenHashOfBlock(block, token.size(), seed);
}

// Returns the XXH3 64-bit hash of `n` consecutive 64-bit words under `seed` (a text's
// fingerprint from its token hashes, a sentence's hash from its terms'), without copying.
inline uint64_t HashWords(const uint64_t* words, size_t n, uint64_t seed) {
  const size_t bytes = n * sizeof(uint64_t);
  if (bytes > 16 && bytes <= 128) {  // 3 to 16 words: most sentences, short texts
    return XXH3_len_17to128_64b(reinterpret_cast<const xxh_u8*>(words), bytes, XXH3_kSecret,
                                sizeof(XXH3_kSecret), seed);
  }
  return XXH3_64bits_withSeed(words, bytes, seed);
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

// Returns one hash of the `n` (at most 64) consecutive hashes at `hashes`, which must be
// well distributed already (token hashes into a shingle hash): each is rotated by 13 bits
// per place (so order matters), all are xored with the seed and the count, and Mix64
// mixes the result. A combination of hashes, not a hash of bytes: about a third of the
// instructions of HashWords over the same words, whose XXH3 rounds would mix bits that are
// mixed already. Two different windows of independent hashes collide with probability
// at most 2^-62 (a rotation by r fixes 2^gcd(r, 64) values).
inline uint64_t CombineHashes(const uint64_t* hashes, size_t n, uint64_t seed) {
  uint64_t x = seed ^ (static_cast<uint64_t>(n) * 0x9E3779B97F4A7C15ULL);
  for (size_t j = 0; j < n; ++j) x ^= std::rotl(hashes[j], static_cast<int>((13 * j) % 64));
  return Mix64(x);
}

}  // namespace neardup

#endif  // NEARDUP_HASH_HASH_H_
