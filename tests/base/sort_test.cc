#include "neardup/base/sort.h"

#include <algorithm>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace neardup {
namespace {

TEST(SortKeysTest, SortsLikeStdSort) {
  std::mt19937_64 rng(7);
  // Sizes around the vector widths and sorting-network sizes, and larger; keys random, from
  // a small range (many repeats), and already sorted or reversed.
  for (const size_t n : {0, 1, 2, 3, 7, 8, 9, 16, 31, 64, 100, 257, 1000, 5000}) {
    for (int kind = 0; kind < 4; ++kind) {
      std::vector<uint64_t> keys(n);
      for (uint64_t& k : keys) k = kind == 1 ? rng() % 5 : rng();
      if (kind == 2) std::sort(keys.begin(), keys.end());
      if (kind == 3) std::sort(keys.rbegin(), keys.rend());
      if (n > 2) keys[n / 2] = UINT64_MAX, keys[1] = 0;
      std::vector<uint64_t> want = keys;
      std::sort(want.begin(), want.end());
      SortKeys(absl::MakeSpan(keys));
      ASSERT_EQ(keys, want) << "n=" << n << " kind=" << kind;
    }
  }
}

}  // namespace
}  // namespace neardup
