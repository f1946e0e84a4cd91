#include "neardup/text/ascii_masks.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hwy/targets.h"

namespace neardup {
namespace {

struct Masks {
  std::vector<unsigned char> low;
  std::vector<uint64_t> word;
  std::vector<uint64_t> high;
};

// Runs `f` on `text` into buffers with a guard word after each, which must stay intact.
template <class F>
Masks RunMasks(F f, const std::string& text) {
  constexpr uint64_t kGuard = 0x5A5A5A5A5A5A5A5AULL;
  const size_t words = AsciiMaskWords(text.size());
  Masks m;
  m.low.assign(text.size() + 1, 0xA5);
  m.word.assign(words + 1, kGuard);
  m.high.assign(words + 1, kGuard);
  f(text.data(), text.size(), m.low.data(), m.word.data(), m.high.data());
  EXPECT_EQ(m.low.back(), 0xA5) << "wrote past the text";
  EXPECT_EQ(m.word.back(), kGuard) << "wrote past AsciiMaskWords";
  EXPECT_EQ(m.high.back(), kGuard) << "wrote past AsciiMaskWords";
  return m;
}

bool Bit(const std::vector<uint64_t>& bits, size_t k) { return (bits[k / 64] >> (k % 64)) & 1; }

TEST(AsciiMasksTest, ClassifiesAndLowerCasesEachByte) {
  const std::string text = "Ab9 .,'-\xC3\xA9Z@[`{";
  const Masks m = RunMasks(LowerAndMaskScalar, text);
  EXPECT_EQ(std::string(m.low.begin(), m.low.end() - 1), "ab9 .,'-\xC3\xA9z@[`{");
  const std::string word = "111000000010000";  // per byte of `text`
  const std::string high = "000000001100000";
  ASSERT_EQ(word.size(), text.size());
  for (size_t k = 0; k < text.size(); ++k) {
    EXPECT_EQ(Bit(m.word, k), word[k] == '1') << k;
    EXPECT_EQ(Bit(m.high, k), high[k] == '1') << k;
  }
  // Past the end, to the last word: as for bytes 0x80.
  for (size_t k = text.size(); k < 64; ++k) {
    EXPECT_FALSE(Bit(m.word, k)) << k;
    EXPECT_TRUE(Bit(m.high, k)) << k;
  }
}

// An empty text (whose data may be null) has one word of bits, all past its end.
TEST(AsciiMasksTest, EmptyTextHasOneWordPastTheEnd) {
  ASSERT_EQ(AsciiMaskWords(0), 1u);
  for (const auto f : {LowerAndMask, LowerAndMaskScalar}) {
    unsigned char low[1] = {0xA5};
    uint64_t word = 1;
    uint64_t high = 0;
    f(nullptr, 0, low, &word, &high);
    EXPECT_EQ(word, 0u);
    EXPECT_EQ(high, ~uint64_t{0});
    EXPECT_EQ(low[0], 0xA5);
  }
}

// Every instruction set this CPU supports (as compiled) gives the scalar reference's
// bytes and bits, at lengths around the block and vector sizes and for every byte value.
TEST(AsciiMasksTest, EveryInstructionSetMatchesTheScalarReference) {
  std::mt19937 rng(11);
  std::vector<std::string> texts;
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) all_bytes.push_back(static_cast<char>(c));
  texts.push_back(all_bytes);
  for (size_t n : {0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000}) {
    std::string text;
    for (size_t k = 0; k < n; ++k) text.push_back(static_cast<char>(rng()));
    texts.push_back(text);
    // Mostly ASCII text, as news is.
    for (char& c : text) c = "Aa Zz09.,'\n-\xC3"[rng() % 15];
    texts.push_back(text);
  }
  size_t targets_tried = 0;
  for (const int64_t target : hwy::SupportedAndGeneratedTargets()) {
    SCOPED_TRACE(hwy::TargetName(target));
    hwy::SetSupportedTargetsForTest(target);
    ++targets_tried;
    for (const std::string& text : texts) {
      const Masks want = RunMasks(LowerAndMaskScalar, text);
      const Masks got = RunMasks(LowerAndMask, text);
      ASSERT_EQ(got.low, want.low) << text.size();
      ASSERT_EQ(got.word, want.word) << text.size();
      ASSERT_EQ(got.high, want.high) << text.size();
    }
  }
  hwy::SetSupportedTargetsForTest(0);
  EXPECT_GE(targets_tried, 1u);
}

}  // namespace
}  // namespace neardup
