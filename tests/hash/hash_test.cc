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

// Hash64 and HashWords take XXH3's short-input branches themselves: they must give
// XXH3_64bits_withSeed's values at every size, across the branches' bounds.
TEST(HashTest, EqualsXxh3AtEverySize) {
  std::vector<uint64_t> words(32);
  for (size_t i = 0; i < words.size(); ++i) words[i] = Mix64(i + 1);
  const auto* bytes = reinterpret_cast<const char*>(words.data());
  for (const uint64_t seed : {uint64_t{0}, uint64_t{42}, ~uint64_t{0}}) {
    for (size_t n = 0; n <= words.size() * 8; ++n) {
      EXPECT_EQ(Hash64(std::string_view(bytes, n), seed), XXH3_64bits_withSeed(bytes, n, seed))
          << n << " bytes, seed " << seed;
    }
    for (size_t n = 0; n <= words.size(); ++n) {
      EXPECT_EQ(HashWords(words.data(), n, seed), XXH3_64bits_withSeed(bytes, n * 8, seed))
          << n << " words, seed " << seed;
    }
  }
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
