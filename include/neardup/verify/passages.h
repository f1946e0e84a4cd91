// Shared passages: the maximal runs of text two documents have in common, found from
// their shingle sequences and reported as byte ranges in each original text. They are
// the evidence `neardup compare` shows for a near-duplicate.
//
//   std::vector<SharedPassage> passages = FindSharedPassages(a_tokens, a_shingles,
//                                                            b_tokens, b_shingles, 5);
#ifndef NEARDUP_VERIFY_PASSAGES_H_
#define NEARDUP_VERIFY_PASSAGES_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"

namespace neardup {

struct SharedPassage {
  uint32_t a_begin = 0;  // byte range in text A
  uint32_t a_end = 0;
  uint32_t b_begin = 0;  // byte range in text B
  uint32_t b_end = 0;
  uint32_t tokens = 0;   // tokens in the passage
};

// Returns the shared passages of two texts, longest first (ties by position in A). The
// token offsets are those of TokenizedText; `*_shingles` are the shingle sequences
// (in text order, repeats kept) made from them with window `shingle_size`. A passage is
// a maximal run of consecutive shingles that match consecutive shingles of the other
// text; each position of A is used at most once.
std::vector<SharedPassage> FindSharedPassages(
    absl::Span<const uint32_t> a_begin, absl::Span<const uint32_t> a_end,
    absl::Span<const uint64_t> a_shingles, absl::Span<const uint32_t> b_begin,
    absl::Span<const uint32_t> b_end, absl::Span<const uint64_t> b_shingles, int shingle_size);

}  // namespace neardup

#endif  // NEARDUP_VERIFY_PASSAGES_H_
