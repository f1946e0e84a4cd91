#include "neardup/hash/hash.h"

#include <set>
#include <vector>

#include "gtest/gtest.h"

namespace neardup {
namespace {

TEST(HashTest, DependsOnBytesAndSeed) {
  EXPECT_EQ(Hash64("wire", 1), Hash64("wire", 1));
  EXPECT_NE(Hash64("wire", 1), Hash64("wire", 2));
  EXPECT_NE(Hash64("wire", 1), Hash64("wirf", 1));
  EXPECT_NE(Hash64("", 1), Hash64(std::string_view("\0", 1), 1));
}

TEST(HashTest, HashWordsEqualsHashOfTheirBytes) {
  const std::vector<uint64_t> words = {1, 2, 3, 0xffffffffffffffffULL};
  const std::string_view bytes(reinterpret_cast<const char*>(words.data()), words.size() * 8);
  EXPECT_EQ(HashWords(words.data(), words.size(), 7), Hash64(bytes, 7));
  EXPECT_NE(HashWords(words.data(), 3, 7), HashWords(words.data() + 1, 3, 7));
}

TEST(HashTest, Mix64IsABijectionOnASample) {
  std::set<uint64_t> seen;
  for (uint64_t i = 0; i < 100000; ++i) seen.insert(Mix64(i));
  EXPECT_EQ(seen.size(), 100000u);
  // Low bits of consecutive inputs spread over the whole range.
  int high = 0;
  for (uint64_t i = 0; i < 1000; ++i) high += Mix64(i) >> 63;
  EXPECT_NEAR(high, 500, 80);
}

}  // namespace
}  // namespace neardup
