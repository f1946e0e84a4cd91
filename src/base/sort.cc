#include "neardup/base/sort.h"

#include <hwy/contrib/sort/vqsort.h>
#include <hwy/nanobenchmark.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstddef>
#include <utility>

namespace neardup {
namespace {
std::atomic<int> highway_timer_calibrations{0};
}  // namespace
}  // namespace neardup

// Highway's shared library (libhwy.so 1.0.3) calls hwy::platform::TimerResolution from
// its static initialiser, for its benchmarking tools: a calibration loop of 3-5 ms on this
// VM at the start of every neardup process (3% of a Reuters run). neardup never uses
// Highway's timers, so the executable defines the function itself: the library calls it
// through its PLT, and the dynamic linker binds that call to the executable's definition
// (ELF interposition, as with a replacement malloc). The declaration comes from Highway's
// header, so a change of its signature fails the build.
namespace hwy::platform {
uint64_t TimerResolution() {
  neardup::highway_timer_calibrations.fetch_add(1, std::memory_order_relaxed);
  return 1;  // one tick
}
}  // namespace hwy::platform

namespace neardup {

int HighwayTimerCalibrations() { return highway_timer_calibrations.load(std::memory_order_relaxed); }

namespace {

// A Sorter holds scratch memory and must not be shared between threads; creating one per
// call would allocate per call.
const hwy::Sorter& ThreadSorter() {
  thread_local const hwy::Sorter sorter;
  return sorter;
}

}  // namespace

void SortKeys(absl::Span<uint64_t> keys) { ThreadSorter()(keys.data(), keys.size(), hwy::SortAscending()); }

void SortKeys(absl::Span<uint32_t> keys) { ThreadSorter()(keys.data(), keys.size(), hwy::SortAscending()); }

static_assert(sizeof(Key128) == sizeof(hwy::uint128_t) && alignof(Key128) == alignof(hwy::uint128_t));
static_assert(offsetof(Key128, lo) == offsetof(hwy::uint128_t, lo) &&
              offsetof(Key128, hi) == offsetof(hwy::uint128_t, hi));

void SortKeys128(absl::Span<Key128> keys) {
  ThreadSorter()(reinterpret_cast<hwy::uint128_t*>(keys.data()), keys.size(), hwy::SortAscending());
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
  // Offsets of each byte value, the four passes side by side (independent sums).
  uint16_t sum[4] = {};
  for (int b = 0; b < 256; ++b) {
    for (int pass = 0; pass < 4; ++pass) {
      const uint16_t here = count[pass][b];
      count[pass][b] = sum[pass];
      sum[pass] = static_cast<uint16_t>(sum[pass] + here);
    }
  }
  uint32_t* from = keys.data();
  uint32_t* to = buffer;
  for (int pass = 0; pass < 4; ++pass) {
    const int shift = 8 * pass;
    uint16_t* c = count[pass];
    // One byte value in all keys (its offset 0, the next one's n): already in order.
    const uint32_t byte = (from[0] >> shift) & 0xff;
    if (c[byte] == 0 && (byte == 255 || c[byte + 1] == n)) continue;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t k = from[i];
      to[c[(k >> shift) & 0xff]++] = k;
    }
    std::swap(from, to);
  }
  if (from != keys.data()) std::copy(from, from + n, keys.data());
}

}  // namespace neardup
