#include "neardup/gen/edits.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gen/test_articles.h"
#include "neardup/text/sentence.h"

namespace neardup {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string& Text() {
  static const std::string text = testing::Article("x", "grain", "1987-03-01", 1).text;
  return text;
}

uint64_t SentenceBytes(std::string_view text) {
  uint64_t n = 0;
  for (const SentenceSpan& s : SplitSentences(text)) n += s.end - s.begin;
  return n;
}

TEST(EditsTest, FurnitureKeepsTheTextVerbatimAndAddsLines) {
  for (uint64_t seed = 0; seed < 20; ++seed) {
    Rng rng(seed);
    const std::string copy = AddPageFurniture(Text(), {"COCOA REVIEW", "Daily Ledger", "1987-03-01T10:00:00Z", {"cocoa"}}, &rng);
    // Every paragraph survives verbatim and in order.
    size_t pos = 0;
    for (const std::string& line : SentencesOf(Text())) {
      const size_t at = copy.find(line, pos);
      ASSERT_NE(at, std::string::npos) << copy;
      pos = at;
    }
    const size_t lines = static_cast<size_t>(std::count(copy.begin(), copy.end(), '\n')) + 1;
    EXPECT_GE(lines, 7u + 3u) << copy;  // header, caption, footer at least
  }
}

TEST(EditsTest, ExcerptIsAContiguousRunWithinTheBounds) {
  const uint64_t total = SentenceBytes(Text());
  for (uint64_t seed = 0; seed < 50; ++seed) {
    Rng rng(seed);
    const std::string cut = CutExcerpt(Text(), ExcerptOptions{}, &rng);
    ASSERT_FALSE(cut.empty());
    EXPECT_TRUE(absl::StrContains(Text(), cut)) << cut;
    const double f = static_cast<double>(SentenceBytes(cut)) / static_cast<double>(total);
    EXPECT_GE(f, 0.3) << cut;
    EXPECT_LE(f, 0.7) << cut;
  }
  Rng rng(1);
  EXPECT_EQ(CutExcerpt("One short sentence only.", ExcerptOptions{}, &rng), "");
}

TEST(EditsTest, ReplaceWordsUsesSynonymsAndLeavesNames) {
  SynonymTable t;
  t.Set("profit", {"earnings"});
  t.Set("company", {"firm"});
  Rng rng(3);
  t.Set("will", {"volition"});
  const std::string out = ReplaceWords("Company profit will and company PROFIT.", t, 10, &rng);
  EXPECT_EQ(out, "Company earnings will and firm PROFIT.");  // capitalised words are names
}

TEST(EditsTest, ReformatDetails) {
  struct Case {
    std::string in;
    std::vector<std::string> any_of;
  };
  const std::vector<Case> cases = {
      {"It sold 1,500 tonnes.", {"It sold 1500 tonnes.", "It sold 1.5 thousand tonnes."}},
      {"It sold 155,221 bags.", {"It sold 155221 bags."}},
      {"It rose 5.93 mln dlrs.", {"It rose 5.93 million dollars."}},
      {"Mr. Smith said so.", {"Smith said so."}},
      {"It ends February 22 or March 1987.", {"It ends Feb 22 or March 1987.", "It ends 22 February or March 1987."}},
      {"A 2,000,000 total.", {"A 2000000 total.", "A 2 million total."}},
      {"Version 1,5 stays, 12,3456 too.", {"Version 1,5 stays, 12,3456 too."}},
  };
  for (const Case& c : cases) {
    for (uint64_t seed = 0; seed < 8; ++seed) {
      Rng rng(seed);
      EXPECT_THAT(c.any_of, ::testing::Contains(ReformatDetails(c.in, &rng))) << c.in;
    }
  }
}

TEST(EditsTest, LightEditChangesLittle) {
  const SynonymTable t = SynonymTable::Builtin();
  for (uint64_t seed = 0; seed < 10; ++seed) {
    Rng rng(seed);
    const std::string out = LightEdit(Text(), t, &rng);
    EXPECT_NE(out, Text());
    const size_t original_sentences = SplitSentences(Text()).size();
    EXPECT_EQ(SplitSentences(out).size(), original_sentences - 1) << out;  // seven: one dropped
    // Most sentences are untouched.
    int kept = 0;
    for (const std::string& s : SentencesOf(Text())) kept += absl::StrContains(out, s);
    EXPECT_GE(kept, 2) << out;
  }
}

TEST(EditsTest, RewriteReordersAndChangesSentences) {
  const SynonymTable t = SynonymTable::Builtin();
  const std::vector<std::string> original = SentencesOf(Text());
  for (uint64_t seed = 0; seed < 20; ++seed) {
    Rng rng(seed);
    const std::string out = RewriteSentences(Text(), t, &rng);
    const std::vector<std::string> rewritten = SentencesOf(out);
    EXPECT_NE(rewritten, original);
    int verbatim = 0;
    for (const std::string& s : original) verbatim += absl::StrContains(out, s);
    EXPECT_LE(verbatim, 3) << out;  // most sentences are changed
    EXPECT_THAT(out, Not(HasSubstr("Mr. Smith"))) << out;
    EXPECT_THAT(out, Not(HasSubstr("1,500"))) << out;
  }
}

TEST(EditsTest, CommentsAreNearIdentical) {
  Rng rng(5);
  const std::string out = AppendComments(Text(), &rng);
  ASSERT_TRUE(absl::StartsWith(out, Text()));
  EXPECT_THAT(out, HasSubstr("\nComments ("));
  const std::vector<std::string> lines = absl::StrSplit(out.substr(Text().size()), '\n');
  // "", "Comments (n)", then user and comment lines.
  ASSERT_GE(lines.size(), 2u + 6u);
  const std::string& first = lines[3];
  for (size_t i = 5; i < lines.size(); i += 2) {
    // The same template: share a common run of at least 30 bytes.
    bool shared = false;
    for (size_t k = 0; k + 30 <= first.size() && !shared; ++k) shared = absl::StrContains(lines[i], first.substr(k, 30));
    EXPECT_TRUE(shared) << first << " / " << lines[i];
  }
}

TEST(EditsTest, TitleCase) {
  EXPECT_EQ(TitleCase("BAHIA COCOA REVIEW"), "Bahia Cocoa Review");
  EXPECT_EQ(TitleCase("Already mixed Case"), "Already mixed Case");
}

TEST(EditsTest, SameSeedSameEdit) {
  const SynonymTable t = SynonymTable::Builtin();
  Rng a(9);
  Rng b(9);
  EXPECT_EQ(RewriteSentences(Text(), t, &a), RewriteSentences(Text(), t, &b));
}

}  // namespace
}  // namespace neardup
