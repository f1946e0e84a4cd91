#include "neardup/text/stemmer.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "neardup/text/tokenizer.h"

namespace neardup {
namespace {

TEST(StemmerTest, StemsEnglishWords) {
  absl::StatusOr<Stemmer> stemmer = Stemmer::Create(StemmerOptions{});
  ASSERT_TRUE(stemmer.ok()) << stemmer.status();
  const struct {
    const char* word;
    const char* stem;
  } kCases[] = {
      {"talks", "talk"},           {"negotiations", "negoti"}, {"negotiated", "negoti"},
      {"ceasefire", "ceasefir"},   {"hostages", "hostag"},     {"running", "run"},
      {"stabilization", "stabil"}, {"gaza", "gaza"},           {"witkoffs", "witkoff"},
  };
  for (const auto& c : kCases) EXPECT_EQ(stemmer->Stem(c.word), c.stem) << c.word;
}

TEST(StemmerTest, ContentTermsSkipStopWordsAndKeepNumbers) {
  absl::StatusOr<Stemmer> stemmer = Stemmer::Create(StemmerOptions{});
  ASSERT_TRUE(stemmer.ok());
  EXPECT_EQ(stemmer->ContentTerm("the"), 0u);
  EXPECT_EQ(stemmer->ContentTerm("dont"), 0u);
  EXPECT_EQ(stemmer->ContentTerm("talks"), TermHash("talk"));
  EXPECT_EQ(stemmer->ContentTerm("talking"), TermHash("talk"));
  EXPECT_EQ(stemmer->ContentTerm("2023"), TermHash("2023"));
  EXPECT_EQ(stemmer->ContentStem("1.5"), "1.5");
  EXPECT_EQ(stemmer->ContentStem("of"), "");

  Tokenizer tokenizer(TokenizerOptions{.keep_words = true});
  TokenizedText tokens;
  tokenizer.Tokenize("The talks in Miami ended on October 7, 2023.", &tokens);
  std::vector<uint64_t> terms;
  std::vector<uint32_t> index;
  stemmer->ContentTerms(tokens, &terms, &index);
  const std::vector<uint64_t> want = {TermHash("talk"), TermHash("miami"), TermHash("end"),
                                      TermHash("octob"), TermHash("7"), TermHash("2023")};
  EXPECT_EQ(terms, want);
  EXPECT_EQ(index, (std::vector<uint32_t>{1, 3, 4, 6, 7, 8}));
}

TEST(StemmerTest, StopWordList) {
  for (const char* w : {"a", "the", "and", "of", "was", "wasnt", "yourselves"}) EXPECT_TRUE(IsStopWord(w)) << w;
  for (const char* w : {"gaza", "talks", "said", "2023", ""}) EXPECT_FALSE(IsStopWord(w)) << w;
}

TEST(StemmerTest, OtherLanguagesAndErrors) {
  absl::StatusOr<Stemmer> german = Stemmer::Create(StemmerOptions{.language = "german", .english_stop_words = false});
  ASSERT_TRUE(german.ok()) << german.status();
  EXPECT_EQ(german->Stem("verhandlungen"), "verhandl");
  EXPECT_EQ(german->Identity(), "snowball-german+nostop");
  absl::StatusOr<Stemmer> bad = Stemmer::Create(StemmerOptions{.language = "klingon"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("english"), std::string::npos);
  EXPECT_FALSE(StemmerOptions{.language = ""}.Validate().ok());
}

TEST(StemmerTest, CacheDoesNotChangeResults) {
  absl::StatusOr<Stemmer> stemmer = Stemmer::Create(StemmerOptions{.cache_words = 2});
  ASSERT_TRUE(stemmer.ok());
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(stemmer->ContentTerm("talks"), TermHash("talk"));
    EXPECT_EQ(stemmer->ContentTerm("hostages"), TermHash("hostag"));
    EXPECT_EQ(stemmer->ContentTerm("the"), 0u);
  }
}

}  // namespace
}  // namespace neardup
