#include "neardup/text/shingle.h"

#include <algorithm>
#include <vector>

#include "gtest/gtest.h"
#include "neardup/hash/hash.h"

namespace neardup {
namespace {

TEST(ShingleTest, OneShinglePerWindow) {
  const std::vector<uint64_t> tokens = {1, 2, 3, 4, 5, 6, 7};
  std::vector<uint64_t> out;
  ShingleHashes(tokens, ShingleOptions{.size = 5}, 0, &out);
  EXPECT_EQ(out.size(), 3u);
  ShingleHashes(tokens, ShingleOptions{.size = 1}, 0, &out);
  EXPECT_EQ(out.size(), 7u);
}

TEST(ShingleTest, ShortAndEmptyTexts) {
  std::vector<uint64_t> out = {99};
  ShingleHashes({}, ShingleOptions{}, 0, &out);
  EXPECT_TRUE(out.empty());
  const std::vector<uint64_t> two = {1, 2};
  ShingleHashes(two, ShingleOptions{.size = 5}, 0, &out);
  EXPECT_EQ(out.size(), 1u);
}

TEST(ShingleTest, SameWindowSameHashAndOrderMatters) {
  const std::vector<uint64_t> a = {1, 2, 3, 4, 5, 1, 2, 3, 4, 5};
  std::vector<uint64_t> out;
  ShingleHashes(a, ShingleOptions{.size = 5}, 0, &out);
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(out[0], out[5]);
  EXPECT_NE(out[0], out[1]);
  std::vector<ShingleKey> set;
  ToShingleSet(out, &set);
  EXPECT_EQ(set.size(), 5u);
  EXPECT_TRUE(std::is_sorted(set.begin(), set.end()));
  std::vector<uint64_t> reversed;
  const std::vector<uint64_t> b = {5, 4, 3, 2, 1};
  ShingleHashes(b, ShingleOptions{.size = 5}, 0, &reversed);
  EXPECT_NE(reversed[0], out[0]);
}

// A shingle set holds each shingle's key, the high half of its hash, once, sorted; the
// in-place form makes the same set of keys.
TEST(ShingleTest, SetHoldsTheHighHalvesSortedAndUnique) {
  const std::vector<uint64_t> shingles = {0x00000005'FFFFFFFFull, 0xFFFFFFFF'00000001ull, 0x00000005'00000000ull,
                                          0x80000000'12345678ull, 0x00000003'00000007ull};
  std::vector<ShingleKey> set = {42};
  ToShingleSet(shingles, &set);
  EXPECT_EQ(set, (std::vector<ShingleKey>{3, 5, 0x80000000u, 0xFFFFFFFFu}));
  std::vector<ShingleKey> keys;
  ToShingleKeys(shingles, &keys);
  EXPECT_EQ(keys, (std::vector<ShingleKey>{5, 0xFFFFFFFFu, 5, 0x80000000u, 3}));
  ToShingleSet(&keys);
  EXPECT_EQ(keys, set);
}

TEST(ShingleTest, EveryWindowIsTheSeededCombinationOfItsWords) {
  // Sizes with a specialised loop (3 to 8) and without (1, 2, 9, 12) give the same values
  // as hashing each window on its own.
  std::vector<uint64_t> tokens;
  for (uint64_t i = 0; i < 40; ++i) tokens.push_back(Mix64(i + 1));
  for (const int k : {1, 2, 3, 4, 5, 6, 7, 8, 9, 12}) {
    std::vector<uint64_t> out;
    ShingleHashes(tokens, ShingleOptions{.size = k}, 77, &out);
    ASSERT_EQ(out.size(), tokens.size() - static_cast<size_t>(k) + 1) << k;
    for (size_t i = 0; i < out.size(); ++i) {
      EXPECT_EQ(out[i], CombineHashes(tokens.data() + i, static_cast<size_t>(k), 77)) << k << " " << i;
    }
  }
}

TEST(ShingleTest, ValidateRejectsBadSizes) {
  EXPECT_FALSE(ShingleOptions{.size = 0}.Validate().ok());
  EXPECT_FALSE(ShingleOptions{.size = 65}.Validate().ok());
  EXPECT_TRUE(ShingleOptions{.size = 5}.Validate().ok());
}

}  // namespace
}  // namespace neardup
