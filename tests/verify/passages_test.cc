#include "neardup/verify/passages.h"

#include <string>

#include "gtest/gtest.h"
#include "neardup/text/shingle.h"
#include "neardup/text/tokenizer.h"

namespace neardup {
namespace {

struct Analyzed {
  TokenizedText tokens;
  std::vector<uint64_t> shingles;
};

Analyzed Analyze(const std::string& text, int k) {
  Analyzed a;
  Tokenizer t(TokenizerOptions{});
  t.Tokenize(text, &a.tokens);
  ShingleHashes(a.tokens.hashes, ShingleOptions{.size = k}, 0, &a.shingles);
  return a;
}

std::vector<SharedPassage> Find(const Analyzed& a, const Analyzed& b, int k) {
  return FindSharedPassages(a.tokens.begin, a.tokens.end, a.shingles, b.tokens.begin, b.tokens.end,
                            b.shingles, k);
}

TEST(PassagesTest, FindsTheSharedRunWithOffsetsInBothTexts) {
  const std::string shared = "the council approved a new budget on tuesday after a long debate";
  const std::string a = "Breaking news. " + shared + ". Other words follow here in this one.";
  const std::string b = "Share this: " + shared + "! Completely different ending of the other text.";
  const auto pa = Analyze(a, 3);
  const auto pb = Analyze(b, 3);
  const auto passages = Find(pa, pb, 3);
  ASSERT_FALSE(passages.empty());
  const SharedPassage& p = passages[0];
  EXPECT_EQ(a.substr(p.a_begin, p.a_end - p.a_begin), shared);
  EXPECT_EQ(b.substr(p.b_begin, p.b_end - p.b_begin), shared);
  EXPECT_EQ(p.tokens, 12u);
}

TEST(PassagesTest, ReorderedParagraphsGiveTwoPassagesLongestFirst) {
  const std::string p1 = "alpha beta gamma delta epsilon zeta eta theta";
  const std::string p2 = "one two three four five six seven eight nine ten eleven";
  const auto a = Analyze(p1 + ". " + p2, 4);
  const auto b = Analyze(p2 + ". " + p1, 4);
  const auto passages = Find(a, b, 4);
  ASSERT_EQ(passages.size(), 2u);
  EXPECT_EQ(passages[0].tokens, 11u);
  EXPECT_EQ(passages[1].tokens, 8u);
}

TEST(PassagesTest, NothingSharedNothingFound) {
  const auto a = Analyze("completely unrelated words in this first text", 3);
  const auto b = Analyze("another set of tokens that never overlap", 3);
  EXPECT_TRUE(Find(a, b, 3).empty());
  const auto empty = Analyze("", 3);
  EXPECT_TRUE(Find(a, empty, 3).empty());
}

TEST(PassagesTest, RepeatedPassagePairsWithEachOccurrenceOnce) {
  const std::string s = "the same sentence repeated here";
  const auto a = Analyze(s + ". " + s, 3);
  const auto b = Analyze(s, 3);
  const auto passages = Find(a, b, 3);
  ASSERT_EQ(passages.size(), 1u);  // B has one copy: it pairs with one of A's
}

}  // namespace
}  // namespace neardup
