#include "neardup/text/sentence.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace neardup {
namespace {

std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out;
  for (const SentenceSpan& s : SplitSentences(text)) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

using S = std::vector<std::string>;

TEST(SentenceTest, SplitsNewsText) {
  struct Case {
    std::string text;
    S sentences;
  };
  const Case cases[] = {
      {"", {}},
      {"   \n\n  ", {}},
      {"One. Two!  Three? four", {"One.", "Two!", "Three? four"}},
      {"Mr. Witkoff met U.S. officials in Miami. They talked.",
       {"Mr. Witkoff met U.S. officials in Miami.", "They talked."}},
      {"He said \"it works.\" Then left.", {"He said \"it works.\"", "Then left."}},
      {"Line one\nLine two\n\nLine three", {"Line one", "Line two", "Line three"}},
      {"Prices rose 2.5 pct in Jan. 1987 figures.", {"Prices rose 2.5 pct in Jan. 1987 figures."}},
      {"Talks end. 2026 begins.", {"Talks end.", "2026 begins."}},
      {"J. Smith spoke.", {"J. Smith spoke."}},
      {"\xE5\xB8\x82\xE8\xAE\xAE\xE3\x80\x82\xE9\xA2\x84\xE7\xAE\x97\xE3\x80\x82",
       {"\xE5\xB8\x82\xE8\xAE\xAE\xE3\x80\x82", "\xE9\xA2\x84\xE7\xAE\x97\xE3\x80\x82"}},
  };
  for (const Case& c : cases) EXPECT_EQ(Sentences(c.text), c.sentences) << c.text;
}

TEST(SentenceTest, SpansAreOrderedAndTrimmed) {
  const std::string text = "  First one.   Second one.\n";
  const auto spans = SplitSentences(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].begin, 2u);
  EXPECT_LT(spans[0].end, spans[1].begin);
  EXPECT_EQ(text[spans[1].end - 1], '.');
}

}  // namespace
}  // namespace neardup
