#include "neardup/base/intersect.h"

#include <algorithm>

// Compiled once per instruction set Highway targets (foreach_target.h re-includes this
// file); CountShared dispatches to the best one the CPU supports.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "base/intersect.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

namespace neardup {
#ifndef NEARDUP_BASE_INTERSECT_MERGE_
#define NEARDUP_BASE_INTERSECT_MERGE_
namespace {

// Merge steps between two checks of the early-stop bound.
constexpr size_t kCheckEvery = 32;

// Continues a merge from a[i], b[j] with `shared` counted so far: without branches on the
// data (which side moves depends on it and would be mispredicted about half the time).
size_t MergeFrom(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b, size_t i, size_t j,
                 size_t shared, size_t min_shared) {
  while (i < a.size() && j < b.size()) {
    if (shared + std::min(a.size() - i, b.size() - j) < min_shared) return shared;
    for (size_t k = 0; k < kCheckEvery && i < a.size() && j < b.size(); ++k) {
      const uint32_t x = a[i];
      const uint32_t y = b[j];
      shared += x == y;
      i += x <= y;
      j += y <= x;
    }
  }
  return shared;
}

}  // namespace
#endif  // NEARDUP_BASE_INTERSECT_MERGE_
}  // namespace neardup

HWY_BEFORE_NAMESPACE();
namespace neardup {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

size_t CountSharedSimd(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b, size_t min_shared) {
  // At most 8 lanes (256 bits): every rotation of a block is one table lookup, and a block
  // of 8 needs 8 compares. 16 lanes would compare twice as many keys per step with twice
  // as many rotations: the same work per key, at AVX-512's lower clock.
  const hn::CappedTag<uint32_t, 8> d;
  const size_t n = hn::Lanes(d);
  if (n < 2) return MergeFrom(a, b, 0, 0, 0, min_shared);
  using Indices = decltype(hn::SetTableIndices(d, static_cast<const int32_t*>(nullptr)));
  Indices rotate[7];
  for (size_t r = 1; r < n; ++r) {
    int32_t lanes[8];
    for (size_t k = 0; k < n; ++k) lanes[k] = static_cast<int32_t>((k + r) % n);
    rotate[r - 1] = hn::SetTableIndices(d, lanes);
  }
  size_t i = 0, j = 0, shared = 0, steps = 0;
  while (i + n <= a.size() && j + n <= b.size()) {
    if (++steps % (kCheckEvery / 4) == 0 && shared + std::min(a.size() - i, b.size() - j) < min_shared) {
      return shared;
    }
    const auto va = hn::LoadU(d, a.data() + i);
    const auto vb = hn::LoadU(d, b.data() + j);
    // Keys are unique on each side: a key of `va` equals at most one of `vb`, and a key
    // matched here cannot match in another pair of blocks.
    auto match = hn::Eq(va, vb);
    for (size_t r = 1; r < n; ++r) match = hn::Or(match, hn::Eq(va, hn::TableLookupLanes(vb, rotate[r - 1])));
    shared += hn::CountTrue(d, match);
    const uint32_t last_a = a[i + n - 1], last_b = b[j + n - 1];
    i += last_a <= last_b ? n : 0;
    j += last_b <= last_a ? n : 0;
  }
  return MergeFrom(a, b, i, j, shared, min_shared);
}

}  // namespace HWY_NAMESPACE
}  // namespace neardup
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace neardup {

HWY_EXPORT(CountSharedSimd);

size_t CountShared(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b, size_t min_shared) {
  return HWY_DYNAMIC_DISPATCH(CountSharedSimd)(a, b, min_shared);
}

size_t CountSharedScalar(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b, size_t min_shared) {
  return MergeFrom(a, b, 0, 0, 0, min_shared);
}

}  // namespace neardup
#endif  // HWY_ONCE
