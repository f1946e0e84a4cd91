#include "neardup/text/tokenizer.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace neardup {
namespace {

std::vector<std::string> Words(std::string_view text) {
  Tokenizer t(TokenizerOptions{.seed = 0, .keep_words = true});
  TokenizedText tokens;
  t.Tokenize(text, &tokens);
  std::vector<std::string> out;
  for (size_t i = 0; i < tokens.size(); ++i) out.emplace_back(tokens.word(i));
  return out;
}

using W = std::vector<std::string>;

TEST(TokenizerTest, SplitsAndNormalisesWords) {
  struct Case {
    std::string text;
    W words;
  };
  const Case cases[] = {
      {"", {}},
      {"  \n\t ", {}},
      {"Hello, World!", {"hello", "world"}},
      {"don't DON\xE2\x80\x99T", {"dont", "dont"}},                 // straight and curly apostrophes
      {"'quoted' words'", {"quoted", "words"}},                     // quotes at word edges split
      {"155,221 bags; 2.5 pct.", {"155221", "bags", "2.5", "pct"}}, // numbers keep decimals
      {"end. Next", {"end", "next"}},
      {"high-level talks\xE2\x80\x94phase two", {"high", "level", "talks", "phase", "two"}},
      {"non\xC2\xA0" "breaking", {"non", "breaking"}},              // NBSP separates
      {"\xEF\xAC\x81" "nance", {"finance"}},                        // NFKC folds the fi ligature
      {"Stra\xC3\x9F" "e", {"strasse"}},                            // case folding of sharp s
      {"CAF\xC3\x89 cafe\xCC\x81", {"caf\xC3\xA9", "caf\xC3\xA9"}},  // composed == decomposed
      {"\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1", {"\xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1"}},  // Greek: case folds, accent stays
      {"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", {"abc"}},             // full-width Latin
      {"co\xC2\xAD" "operate", {"cooperate"}},                     // soft hyphen is invisible
  };
  for (const Case& c : cases) EXPECT_EQ(Words(c.text), c.words) << c.text;
}

TEST(TokenizerTest, ScriptsWithoutSpacesGiveOneTokenPerCharacter) {
  EXPECT_EQ(Words("\xE5\xB8\x82\xE8\xAE\xAE\xE4\xBC\x9A"),
            (W{"\xE5\xB8\x82", "\xE8\xAE\xAE", "\xE4\xBC\x9A"}));  // Chinese
  EXPECT_EQ(Words("Gaza\xE5\x81\x9C\xE7\x81\xAB"), (W{"gaza", "\xE5\x81\x9C", "\xE7\x81\xAB"}));
  // Thai: a consonant with its combining vowel mark stays one token.
  EXPECT_EQ(Words("\xE0\xB8\x81\xE0\xB8\xB4\xE0\xB8\x99").size(), 2u);
}

TEST(TokenizerTest, OffsetsPointIntoTheOriginalText) {
  const std::string text = "  \xE2\x80\x9CWitkoff\xE2\x80\x99s\xE2\x80\x9D talks, 1,500 men";
  Tokenizer t(TokenizerOptions{});
  TokenizedText tokens;
  t.Tokenize(text, &tokens);
  ASSERT_EQ(tokens.size(), 4u);
  auto span = [&](size_t i) { return text.substr(tokens.begin[i], tokens.end[i] - tokens.begin[i]); };
  EXPECT_EQ(span(0), "Witkoff\xE2\x80\x99s");
  EXPECT_EQ(span(1), "talks");
  EXPECT_EQ(span(2), "1,500");
  EXPECT_EQ(span(3), "men");
}

TEST(TokenizerTest, HashesDependOnNormalisedFormAndSeed) {
  TokenizedText a;
  TokenizedText b;
  Tokenizer t1(TokenizerOptions{.seed = 1});
  t1.Tokenize("Talks TALKS talks", &a);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a.hashes[0], a.hashes[1]);
  EXPECT_EQ(a.hashes[1], a.hashes[2]);
  Tokenizer t2(TokenizerOptions{.seed = 2});
  t2.Tokenize("talks", &b);
  EXPECT_NE(a.hashes[0], b.hashes[0]);
}

TEST(TokenizerTest, InvalidBytesSeparateWordsWithoutCrashing) {
  Tokenizer t(TokenizerOptions{.keep_words = true});
  TokenizedText tokens;
  t.Tokenize("ab\xFF" "cd\xC3", &tokens);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens.word(0), "ab");
  EXPECT_EQ(tokens.word(1), "cd");
}

// The ASCII fast path is an optimisation only: on random mixtures of ASCII words, joiners,
// separators and non-ASCII letters, apostrophes and spaces it must give exactly the tokens
// (hashes, offsets, words) of the general path.
TEST(TokenizerTest, WithoutOffsetsGivesTheSameHashesAndNoOffsets) {
  const std::string text = "  \xE2\x80\x9CWitkoff\xE2\x80\x99s\xE2\x80\x9D talks, 1,500 men in Gaza.";
  Tokenizer with(TokenizerOptions{});
  Tokenizer without(TokenizerOptions{.keep_offsets = false});
  TokenizedText a;
  TokenizedText b;
  with.Tokenize(text, &a);
  without.Tokenize(text, &b);
  ASSERT_EQ(a.size(), 6u);
  EXPECT_EQ(a.hashes, b.hashes);
  EXPECT_EQ(a.begin.size(), a.size());
  EXPECT_TRUE(b.begin.empty());
  EXPECT_TRUE(b.end.empty());
}

TEST(TokenizerTest, FastPathGivesTheTokensOfTheGeneralPath) {
  const std::vector<std::string> pieces = {
      "a", "Z", "word", "MiXeD", "7", "1985", "x9", " ", "  ", "\n", "\t", ".", ",", "'",
      "-", "(", "\"", "\xC3\xA9", "\xE2\x80\x99", "\xC2\xA0", "\xE4\xB8\xAD", "\xC2\xAD",
      std::string(70, 'q'), std::string(1, '\0'),
      // Just outside the ranges of digits and letters: / : @ [ ` { DEL.
      "/", ":", "@", "[", "`", "{", "\x7F", "0a9zA9Z"};
  std::mt19937 rng(12345);
  Tokenizer fast(TokenizerOptions{.seed = 3, .keep_words = true});
  Tokenizer slow(TokenizerOptions{.seed = 3, .keep_words = true, .ascii_fast_path = false});
  TokenizedText a;
  TokenizedText b;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 24);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    fast.Tokenize(text, &a);
    slow.Tokenize(text, &b);
    ASSERT_EQ(a.hashes, b.hashes) << text;
    ASSERT_EQ(a.begin, b.begin) << text;
    ASSERT_EQ(a.end, b.end) << text;
    ASSERT_EQ(a.word_bytes, b.word_bytes) << text;
    ASSERT_EQ(a.word_end, b.word_end) << text;
  }
}

}  // namespace
}  // namespace neardup
