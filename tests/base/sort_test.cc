#include "neardup/base/sort.h"

#include <algorithm>
#include <limits>
#include <random>
#include <type_traits>
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
      if constexpr (std::is_same_v<T, uint64_t>) {
        SortKeys(absl::MakeSpan(keys));
        ASSERT_EQ(keys, want) << "SortKeys n=" << n << " kind=" << kind;
      }
    }
  }
}

TEST(SortKeysTest, SortsLikeStdSort) { ExpectSortsLikeStdSort<uint64_t>(); }

TEST(SortShortTest, SortsLikeStdSort) { ExpectSortsLikeStdSort<uint32_t>(); }

}  // namespace
}  // namespace neardup
