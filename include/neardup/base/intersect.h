// Size of the intersection of two sorted sets of 32-bit keys (shingle keys), counted
// with SIMD compares where the CPU has them: blocks of keys of one set are compared with
// every rotation of a block of the other (all pairs), and the block with the smaller last
// key moves on. Highway picks the instruction set at run time (SSE4, AVX2, AVX-512 on
// x86) and falls back to a branch-free scalar merge elsewhere.
//
//   const size_t shared = CountShared(a, b, 0);          // |a ∩ b|
//   if (CountShared(a, b, need) >= need) ...             // or stop early below `need`
#ifndef NEARDUP_BASE_INTERSECT_H_
#define NEARDUP_BASE_INTERSECT_H_

#include <cstddef>
#include <cstdint>

#include "absl/types/span.h"

namespace neardup {

// Returns |a ∩ b| for ascending arrays of unique keys. Thread-safe (reads only its
// arguments). With `min_shared` > 0 it may stop
// as soon as fewer than `min_shared` shared keys remain possible and then returns some
// count below `min_shared`; a result of at least `min_shared` is always exact.
size_t CountShared(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b, size_t min_shared);

// The scalar merge alone, the reference CountShared is tested against.
size_t CountSharedScalar(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b, size_t min_shared);

}  // namespace neardup

#endif  // NEARDUP_BASE_INTERSECT_H_
