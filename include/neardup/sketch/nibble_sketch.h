// Nibble sketches: b-bit minwise hashing (Li & König 2010) with b = 4. A nibble sketch
// keeps the lowest 4 bits of each MinHash value, two to a byte: 64 bytes for K = 128,
// an eighth of the signature. Two sketches agree at a position with probability
// p(J) = J + (1 - J) / 16, so the count of agreeing positions bounds J from below at a
// chosen confidence. The batch driver screens LSH candidates with it before reading their
// shingle sets for exact verification: most candidates of a large crawl share a passage
// or two (J around 0.1-0.3) and fail verification anyway.
//
//   std::vector<uint8_t> a(NibbleSketchBytes(128)), b(NibbleSketchBytes(128));
//   PackNibbles(sig_a, a.data());
//   PackNibbles(sig_b, b.data());
//   if (CountEqualNibbles(a.data(), b.data(), 128) >= MinEqualNibbles(128, 0.5, 4.5)) Verify();
#ifndef NEARDUP_SKETCH_NIBBLE_SKETCH_H_
#define NEARDUP_SKETCH_NIBBLE_SKETCH_H_

#include <cstddef>
#include <cstdint>

#include "absl/types/span.h"

namespace neardup {

// Returns the bytes of the nibble sketch of a K-value signature: ceil(K / 2).
inline size_t NibbleSketchBytes(int num_hashes) { return (static_cast<size_t>(num_hashes) + 1) / 2; }

// Writes the low 4 bits of signature[i] to nibble i of out[0, NibbleSketchBytes(K)): the
// low nibble of byte i / 2 for even i, its high nibble for odd i. A last odd nibble is 0.
void PackNibbles(absl::Span<const uint32_t> signature, uint8_t* out);

// Returns at how many of the first `num_hashes` nibbles two sketches agree.
int CountEqualNibbles(const uint8_t* a, const uint8_t* b, int num_hashes);

// Returns the fewest agreeing nibbles out of `num_hashes` that two sets of Jaccard
// similarity `min_jaccard` fall short of only `sigmas` standard deviations below the mean
// (normal approximation of the binomial count): screening with it loses a pair at
// min_jaccard with probability about Phi(-sigmas) (3.4e-6 at 4.5), and a more similar
// pair with less. Assumes the positions are independent, as they nearly are when most of
// the signatures' bins were filled rather than densified. At least 0, at most num_hashes.
int MinEqualNibbles(int num_hashes, double min_jaccard, double sigmas);

}  // namespace neardup

#endif  // NEARDUP_SKETCH_NIBBLE_SKETCH_H_
