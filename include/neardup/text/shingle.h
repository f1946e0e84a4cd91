// Word k-gram shingles: each window of k consecutive tokens becomes one 64-bit hash, which
// MinHash sketches. A document's shingle set, what verification computes Jaccard
// similarity on, holds each shingle's 32-bit key (the high half of its hash), sorted and
// unique: half the memory and twice the SIMD lanes of the full hashes (docs/sketch.md
// bounds what the shorter key can change).
//
//   std::vector<uint64_t> shingles;
//   ShingleHashes(tokens.hashes, ShingleOptions{.size = 5}, /*seed=*/0, &shingles);
//   std::vector<ShingleKey> set;
//   ToShingleSet(shingles, &set);
#ifndef NEARDUP_TEXT_SHINGLE_H_
#define NEARDUP_TEXT_SHINGLE_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"

namespace neardup {

struct ShingleOptions {
  // Tokens per shingle. Default 5, the usual choice for news text: long enough that
  // unrelated articles rarely share one, short enough that light edits leave most intact.
  int size = 5;

  absl::Status Validate() const;
};

// Replaces `*out` with the hash of every window of `options.size` consecutive token
// hashes, in text order (repeats kept). A text with fewer tokens than the window gives a
// single shingle of all its tokens, so short texts still compare; no tokens gives none.
void ShingleHashes(absl::Span<const uint64_t> token_hashes, const ShingleOptions& options,
                   uint64_t seed, std::vector<uint64_t>* out);

// A shingle's key in shingle sets: the high 32 bits of its hash.
using ShingleKey = uint32_t;
inline ShingleKey ShingleKeyOf(uint64_t shingle) { return static_cast<ShingleKey>(shingle >> 32); }

// Replaces `*keys` with the key of each shingle, in the same order (repeats kept).
void ToShingleKeys(absl::Span<const uint64_t> shingles, std::vector<ShingleKey>* keys);

// Sorts `*keys` and removes repeats, turning a sequence of shingle keys into a set.
void ToShingleSet(std::vector<ShingleKey>* keys);

// Replaces `*set` with the shingle set of a shingle sequence: its keys, sorted, unique.
void ToShingleSet(absl::Span<const uint64_t> shingles, std::vector<ShingleKey>* set);

}  // namespace neardup

#endif  // NEARDUP_TEXT_SHINGLE_H_
