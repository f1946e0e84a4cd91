// Sorting of 32- and 64-bit keys with Highway's vectorised quicksort (vqsort): the instruction set
// is chosen at run time (SSE4, AVX2, AVX-512 on x86), and on random keys such as shingle
// hashes it runs several times faster than std::sort (8x for 650 keys on AVX-512).
//
//   std::vector<uint64_t> keys = ...;
//   SortKeys(absl::MakeSpan(keys));  // ascending
#ifndef NEARDUP_BASE_SORT_H_
#define NEARDUP_BASE_SORT_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "absl/types/span.h"

namespace neardup {

// Sorts `keys` ascending, in place. Thread-safe (each thread keeps its own sorter).
// For large arrays: each call costs a getrandom system call (Highway 1.0 seeds every
// sort), so short arrays sorted by the million want SortShort.
void SortKeys(absl::Span<uint64_t> keys);
void SortKeys(absl::Span<uint32_t> keys);

// A 128-bit key, ordered by `hi`, then `lo` (laid out as Highway's uint128_t).
struct alignas(16) Key128 {
  uint64_t lo;
  uint64_t hi;
};

// Sorts 128-bit keys ascending with vqsort, in place. Thread-safe, like SortKeys.
void SortKeys128(absl::Span<Key128> keys);

// Sorts at most kRadixSortMax 32-bit keys ascending, in place, by four byte-wise counting
// passes (a pass is skipped when all keys share its byte).
inline constexpr size_t kRadixSortMax = 512;
void RadixSortShort(absl::Span<uint32_t> keys);

// Sorts `keys` ascending, in place: insertion sort up to 40 keys, then radix sort (32-bit
// keys, up to kRadixSortMax) or std::sort. For the short arrays of one sentence (5 to 40
// terms and words, about 100 4-grams).
template <typename T>
void SortShort(absl::Span<T> keys) {
  constexpr size_t kInsertionSortMax = 40;
  if (keys.size() > kInsertionSortMax) {
    if constexpr (std::is_same_v<T, uint32_t>) {
      if (keys.size() <= kRadixSortMax) return RadixSortShort(keys);
    }
    std::sort(keys.begin(), keys.end());
    return;
  }
  for (size_t i = 1; i < keys.size(); ++i) {
    const T key = keys[i];
    size_t j = i;
    for (; j > 0 && key < keys[j - 1]; --j) keys[j] = keys[j - 1];
    keys[j] = key;
  }
}

// How many times Highway's library called its timer calibration, which neardup replaces
// with a no-op (see sort.cc): 1 in a process where the replacement took effect (the call
// comes from libhwy.so's static initialiser, before main), 0 where the library ran its own.
int HighwayTimerCalibrations();

}  // namespace neardup

#endif  // NEARDUP_BASE_SORT_H_
