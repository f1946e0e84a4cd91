// MinHash signatures by one-permutation hashing (OPH) with optimal densification
// (Li, Owen & Zhang 2012; Shrivastava 2017). Each shingle hash is touched once: its top
// bits pick one of K bins and its low 32 bits compete for that bin's minimum; bins left
// empty borrow a filled bin's value through a fixed pseudo-random probe sequence. The
// fraction of equal positions in two signatures is an unbiased estimate of the Jaccard
// similarity of their sets, with variance close to J(1-J)/K. See docs/sketch.md.
//
//   MinHasher hasher(MinHashOptions{.num_hashes = 128});
//   std::vector<uint32_t> sig(hasher.num_hashes());
//   hasher.Compute(shingle_hashes, sig.data());
//   double j = EstimateJaccard(sig_a, sig_b);
#ifndef NEARDUP_SKETCH_MINHASH_H_
#define NEARDUP_SKETCH_MINHASH_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"

namespace neardup {

struct MinHashOptions {
  // Signature length K (values of 32 bits each). Default 128: standard error of the
  // Jaccard estimate at most 0.044 (at J = 0.5).
  int num_hashes = 128;
  // Seeds the densification probe sequence. Default 0.
  uint64_t seed = 0;

  absl::Status Validate() const;
};

// The value of every position of the signature of an empty set. Such signatures match
// nothing (EstimateJaccard returns 0 for them). Shingle values never take it: a rank of
// 0xFFFFFFFF counts as 0xFFFFFFFE (a 2^-32 change to the value distribution).
inline constexpr uint32_t kEmptySignatureValue = 0xFFFFFFFFu;

// Returns true when `signature` is that of an empty set (every value kEmptySignatureValue).
bool IsEmptySignature(absl::Span<const uint32_t> signature);

// Computes signatures. Immutable after construction: safe for concurrent use by many
// threads, each with its own output buffer.
class MinHasher {
 public:
  explicit MinHasher(const MinHashOptions& options);

  // Writes the K-value signature of the set of `hashes` (repeats allowed, any order) to
  // out[0..K). The hashes must be uniformly distributed 64-bit values (shingle hashes).
  // Returns how many bins a hash fell in (the rest were densified): with most bins filled
  // the K positions are close to independent samples (see nibble_sketch.h).
  int Compute(absl::Span<const uint64_t> hashes, uint32_t* out) const;

  int num_hashes() const { return options_.num_hashes; }
  const MinHashOptions& options() const { return options_; }

 private:
  // The value of MinHashOptions::seed's probe sequence for the first kTableProbes
  // attempts of every bin: probes_[i * kTableProbes + a] is the bin that empty bin i tries
  // on attempt a + 1. Later attempts are computed on the fly.
  static constexpr int kTableProbes = 32;
  // How many of those Compute checks with selects before it branches (at most kTableProbes).
  static constexpr int kSelectProbes = 4;
  uint32_t Probe(uint32_t bin, uint64_t attempt) const;

  MinHashOptions options_;
  std::vector<uint16_t> probes_;
};

// Returns the fraction of positions where `a` and `b` agree (both of one length), or 0
// when either is the signature of an empty set.
double EstimateJaccard(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b);

}  // namespace neardup

#endif  // NEARDUP_SKETCH_MINHASH_H_
