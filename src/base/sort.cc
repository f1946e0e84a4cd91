#include "neardup/base/sort.h"

#include <hwy/contrib/sort/vqsort.h>

#include <algorithm>
#include <cassert>
#include <utility>

namespace neardup {

void SortKeys(absl::Span<uint64_t> keys) {
  // A Sorter holds scratch memory and must not be shared between threads; creating one
  // per call would allocate per call.
  thread_local const hwy::Sorter sorter;
  sorter(keys.data(), keys.size(), hwy::SortAscending());
}

void RadixSortShort(absl::Span<uint32_t> keys) {
  const size_t n = keys.size();
  assert(n <= kRadixSortMax);
  if (n < 2) return;
  uint32_t buffer[kRadixSortMax];
  uint16_t count[4][256] = {};
  for (const uint32_t k : keys) {
    ++count[0][k & 0xff];
    ++count[1][(k >> 8) & 0xff];
    ++count[2][(k >> 16) & 0xff];
    ++count[3][k >> 24];
  }
  uint32_t* from = keys.data();
  uint32_t* to = buffer;
  for (int pass = 0; pass < 4; ++pass) {
    const int shift = 8 * pass;
    uint16_t* c = count[pass];
    if (c[(from[0] >> shift) & 0xff] == n) continue;  // one byte value: already in order
    uint16_t sum = 0;
    for (int b = 0; b < 256; ++b) {
      const uint16_t here = c[b];
      c[b] = sum;
      sum = static_cast<uint16_t>(sum + here);
    }
    for (size_t i = 0; i < n; ++i) {
      const uint32_t k = from[i];
      to[c[(k >> shift) & 0xff]++] = k;
    }
    std::swap(from, to);
  }
  if (from != keys.data()) std::copy(from, from + n, keys.data());
}

}  // namespace neardup
