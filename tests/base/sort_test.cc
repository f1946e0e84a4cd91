#include "neardup/base/sort.h"

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace neardup {
namespace {

template <typename T>
void ExpectSortsLikeStdSort() {
  std::mt19937_64 rng(7);
  // Sizes around the vector widths and sorting-network sizes, and larger; keys random, from
  // a small range (many repeats), and already sorted or reversed.
  for (const size_t n : {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 40, 41, 64, 100, 257, 511, 512, 513, 1000, 5000}) {
    for (int kind = 0; kind < 4; ++kind) {
      std::vector<T> keys(n);
      for (T& k : keys) k = static_cast<T>(kind == 1 ? rng() % 5 : rng());
      if (kind == 2) std::sort(keys.begin(), keys.end());
      if (kind == 3) std::sort(keys.rbegin(), keys.rend());
      if (n > 2) keys[n / 2] = std::numeric_limits<T>::max(), keys[1] = 0;
      std::vector<T> want = keys;
      std::sort(want.begin(), want.end());
      std::vector<T> got = keys;
      SortShort(absl::MakeSpan(got));
      ASSERT_EQ(got, want) << "SortShort n=" << n << " kind=" << kind;
      SortKeys(absl::MakeSpan(keys));
      ASSERT_EQ(keys, want) << "SortKeys n=" << n << " kind=" << kind;
    }
  }
}

// Both SortKeys and SortShort, on 64-bit and on 32-bit keys.
// libhwy.so's static initialiser ran before main: it must have called neardup's
// replacement of its timer calibration, not its own 3-5 ms loop.
TEST(HighwayStartupTest, LibraryCalledTheNoOpTimerCalibration) {
  EXPECT_EQ(HighwayTimerCalibrations(), 1);
}

TEST(SortKeysTest, SortsLikeStdSort) { ExpectSortsLikeStdSort<uint64_t>(); }

TEST(SortKeysTest, SortsLikeStdSort32) { ExpectSortsLikeStdSort<uint32_t>(); }

// 128-bit keys order by `hi`, then `lo`: the high halves drawn from few values, so that
// many keys tie on them and the low halves decide.
TEST(SortKeys128Test, OrdersByHighThenLowHalf) {
  std::mt19937_64 rng(11);
  auto less = [](const Key128& x, const Key128& y) { return x.hi != y.hi ? x.hi < y.hi : x.lo < y.lo; };
  for (const size_t n : {0, 1, 2, 3, 5, 8, 17, 64, 150, 1000}) {
    std::vector<Key128> keys(n);
    for (Key128& k : keys) k = {rng(), rng() % 4 == 0 ? rng() : rng() % 3};
    std::vector<Key128> want = keys;
    std::sort(want.begin(), want.end(), less);
    SortKeys128(absl::MakeSpan(keys));
    for (size_t i = 0; i < n; ++i) {
      ASSERT_EQ(keys[i].hi, want[i].hi) << n << " " << i;
      ASSERT_EQ(keys[i].lo, want[i].lo) << n << " " << i;
    }
  }
}

}  // namespace
}  // namespace neardup
