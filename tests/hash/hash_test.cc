#include "neardup/hash/hash.h"

#include <cstddef>
#include <map>
#include <random>
#include <set>
#include <string>
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

// The tokenizer hashes a word in place, reading kTokenBlockBytes from its start whatever
// follows it; TokenHash copies it first. Both must give one value for one token.
TEST(TokenHashTest, InPlaceEqualsCopiedWhateverFollowsTheToken) {
  const std::string text = "internationalisation";  // 20 bytes
  for (const uint64_t seed : {uint64_t{0}, uint64_t{42}}) {
    for (size_t n = 0; n <= kTokenBlockBytes; ++n) {
      std::string padded = text.substr(0, n) + std::string(kTokenBlockBytes, '\x80');
      const uint64_t copied = TokenHash(text.substr(0, n), seed);
      EXPECT_EQ(TokenHashOfBlock(text.data(), n, seed), copied) << n;     // word bytes follow
      EXPECT_EQ(TokenHashOfBlock(padded.data(), n, seed), copied) << n;   // padding follows
    }
  }
}

TEST(TokenHashTest, DependsOnBytesLengthAndSeed) {
  std::set<uint64_t> seen;
  const std::string zeros(kTokenBlockBytes, '\0');
  // Tokens that are the same block once zero-padded differ by their length.
  for (size_t n = 0; n <= kTokenBlockBytes; ++n) seen.insert(TokenHash(zeros.substr(0, n), 0));
  seen.insert(TokenHash("a", 0));
  seen.insert(TokenHash(std::string_view("a\0", 2), 0));
  seen.insert(TokenHash("b", 0));
  seen.insert(TokenHash("a", 1));
  EXPECT_EQ(seen.size(), kTokenBlockBytes + 1 + 4);
  // Longer tokens are Hash64's.
  const std::string longer = "internationalisation";
  EXPECT_EQ(TokenHash(longer, 3), Hash64(longer, 3));
  EXPECT_NE(TokenHash(longer.substr(0, 16), 3), Hash64(longer.substr(0, 16), 3));
}

// Short tokens hash well: the 64-bit values of distinct words do not collide, and each
// bit is set about half the time.
TEST(TokenHashTest, DistinctShortTokensSpreadOverAllBits) {
  std::set<uint64_t> seen;
  std::vector<int> ones(64);
  int tokens = 0;
  for (char a = 'a'; a <= 'z'; ++a) {
    for (char b = 'a'; b <= 'z'; ++b) {
      for (const std::string& t : {std::string{a}, std::string{a, b}, std::string{a, b, 's'},
                                   std::string("report") + a + b}) {
        const uint64_t h = TokenHash(t, 0);
        if (!seen.insert(h).second && t.size() == 1) continue;  // "a" comes 26 times
        ++tokens;
        for (int bit = 0; bit < 64; ++bit) ones[bit] += (h >> bit) & 1;
      }
    }
  }
  EXPECT_EQ(seen.size(), 26u + 3 * 26 * 26);
  for (int bit = 0; bit < 64; ++bit) EXPECT_NEAR(ones[bit], tokens / 2, tokens / 20) << bit;
}

// Shingle hashes from token hashes: the windows of a text over a small vocabulary (many
// windows share tokens, in other orders and places) do not collide unless equal, and
// each bit of the result is set about half the time. Order, count and seed all count.
TEST(CombineHashesTest, DistinctWindowsDoNotCollideAndSpreadOverAllBits) {
  std::vector<uint64_t> vocabulary;
  for (int w = 0; w < 12; ++w) vocabulary.push_back(TokenHash(std::string(1, static_cast<char>('a' + w)), 0));
  std::mt19937 rng(5);
  std::vector<uint64_t> text;
  for (int i = 0; i < 200000; ++i) text.push_back(vocabulary[rng() % vocabulary.size()]);
  std::map<std::vector<uint64_t>, uint64_t> windows;
  std::set<uint64_t> hashes;
  std::vector<int> ones(64);
  for (size_t i = 0; i + 5 <= text.size(); ++i) {
    const std::vector<uint64_t> window(text.begin() + static_cast<std::ptrdiff_t>(i),
                                       text.begin() + static_cast<std::ptrdiff_t>(i) + 5);
    const uint64_t h = CombineHashes(window.data(), 5, 0);
    const auto [it, inserted] = windows.try_emplace(window, h);
    if (!inserted) {
      ASSERT_EQ(it->second, h);  // the same window, the same hash
      continue;
    }
    hashes.insert(h);
    for (int bit = 0; bit < 64; ++bit) ones[bit] += (h >> bit) & 1;
  }
  EXPECT_GT(windows.size(), 100000u);  // of 12^5 = 248,832 possible
  EXPECT_EQ(hashes.size(), windows.size());
  const int n = static_cast<int>(windows.size());
  for (int bit = 0; bit < 64; ++bit) EXPECT_NEAR(ones[bit], n / 2, n / 50) << bit;

  const uint64_t abcde[] = {vocabulary[0], vocabulary[1], vocabulary[2], vocabulary[3], vocabulary[4]};
  const uint64_t bacde[] = {vocabulary[1], vocabulary[0], vocabulary[2], vocabulary[3], vocabulary[4]};
  const uint64_t aaaaa[] = {vocabulary[0], vocabulary[0], vocabulary[0], vocabulary[0], vocabulary[0]};
  EXPECT_NE(CombineHashes(abcde, 5, 0), CombineHashes(bacde, 5, 0));
  EXPECT_NE(CombineHashes(abcde, 5, 0), CombineHashes(abcde, 5, 1));
  EXPECT_NE(CombineHashes(abcde, 4, 0), CombineHashes(abcde, 5, 0));
  EXPECT_NE(CombineHashes(aaaaa, 5, 0), CombineHashes(aaaaa, 4, 0));
  EXPECT_NE(CombineHashes(aaaaa, 2, 0), CombineHashes(aaaaa, 0, 0));
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
