// Word k-gram shingles: each window of k consecutive tokens becomes one 64-bit hash.
// A document's shingle set (sorted, unique) is what Jaccard similarity is defined on.
//
//   std::vector<uint64_t> shingles;
//   ShingleHashes(tokens.hashes, ShingleOptions{.size = 5}, /*seed=*/0, &shingles);
//   ToShingleSet(&shingles);
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

// Sorts `*shingles` and removes repeats, turning a shingle sequence into a set.
void ToShingleSet(std::vector<uint64_t>* shingles);

}  // namespace neardup

#endif  // NEARDUP_TEXT_SHINGLE_H_
