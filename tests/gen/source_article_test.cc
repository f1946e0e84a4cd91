#include "neardup/gen/source_article.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "neardup/pipeline/analyzer.h"
#include "neardup/verify/similarity.h"

namespace neardup {
namespace {

TEST(SourceArticleTest, ReflowJoinsWrappedLinesAndKeepsParagraphs) {
  EXPECT_EQ(ReflowText("Showers continued in\nthe Bahia zone.\n    The dry period &lt;A&gt; &amp; B.\n\nNext.\n&#3;"),
            "Showers continued in the Bahia zone.\nThe dry period <A> & B.\nNext.");
  EXPECT_EQ(ReflowText(""), "");
  EXPECT_EQ(ReflowText("Story.\n    More.\n    REUTER\n&#3;"), "Story.\nMore.");
}

std::string Record(const std::string& id, const std::string& text, const std::string& extra) {
  return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"" + extra + "}\n";
}

TEST(SourceArticleTest, ReadsTopicsDatesAndDropsShortAndRepeatedArticles) {
  std::string body;
  for (int i = 0; i < 15; ++i) body += "Sentence number " + std::to_string(i) + " has five words. ";
  const std::string path = ::testing::TempDir() + "/source_article_test.jsonl";
  std::ofstream(path) << Record("r1", body, ",\"topics\":[\"cocoa\",\"grain\"],\"date\":\"26-FEB-1987 15:01:01.79\"")
                      << Record("r2", "Too short.", "") << Record("r3", body, ",\"topics\":\"oil\"");
  auto set = ReadSourceArticles(path, SourceOptions{});
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->records, 3u);
  EXPECT_EQ(set->too_short, 1u);
  EXPECT_EQ(set->repeats, 1u);
  ASSERT_EQ(set->articles.size(), 1u);
  const SourceArticle& a = set->articles[0];
  EXPECT_EQ(a.id, "r1");
  EXPECT_EQ(a.topics, (std::vector<std::string>{"cocoa", "grain"}));
  EXPECT_EQ(a.published, "1987-02-26T15:01:01Z");
  EXPECT_EQ(a.day, "1987-02-26");
  EXPECT_EQ(a.sentences, 15u);
}

// Returns `n` sentences of eight made-up words each, different for every `seed`, so that
// texts of different seeds share no 5-word shingle.
std::string Sentences(int seed, int n) {
  static constexpr const char* kSyllables[] = {"ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "ve", "zo"};
  uint64_t state = 0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(seed + 1);
  std::string out;
  for (int s = 0; s < n; ++s) {
    for (int w = 0; w < 8; ++w) {
      std::string word;
      for (int k = 0; k < 4; ++k) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        word += kSyllables[(state >> 33) % 10];
      }
      if (w == 0) word[0] = static_cast<char>(word[0] - 32);
      out += word + (w == 7 ? ". " : " ");
    }
  }
  out.pop_back();
  return out;
}

// Returns `text` with its `k`-th word (0-based) replaced.
std::string ReplaceWord(const std::string& text, int k, const std::string& word) {
  size_t b = 0;
  for (int i = 0; i < k; ++i) b = text.find(' ', b) + 1;
  const size_t e = text.find_first_of(" .", b);
  return text.substr(0, b) + word + text.substr(e);
}

// An article that is a near-duplicate of an earlier one (two words changed, one in its
// lead so the first-40-words check misses it) and an excerpt of another are dropped and
// counted; a distinct article sharing a sentence with one of them is kept.
TEST(SourceArticleTest, DropsNearDuplicatesAndContainedCopiesOfEarlierArticles) {
  const std::string a = Sentences(1, 12);
  const std::string b = Sentences(2, 24);
  const std::string c = Sentences(3, 10) + " " + Sentences(1, 12).substr(0, a.find(". ") + 1);
  const std::string near = ReplaceWord(ReplaceWord(a, 3, "changed"), 60, "altered");
  const std::string b5 = Sentences(2, 5);
  const std::string excerpt = Sentences(2, 11).substr(b5.size() + 1);  // sentences 6-11 of b
  ASSERT_NE(b.find(excerpt), std::string::npos);
  const std::string path = ::testing::TempDir() + "/source_article_near.jsonl";
  std::ofstream(path) << Record("a", a, "") << Record("b", b, "") << Record("near", near, "")
                      << Record("c", c, "") << Record("excerpt", excerpt, "");

  auto set = ReadSourceArticles(path, SourceOptions{});
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->records, 5u);
  EXPECT_EQ(set->too_short, 0u);
  EXPECT_EQ(set->repeats, 0u);
  EXPECT_EQ(set->near_duplicates, 2u);
  std::vector<std::string> ids;
  for (const SourceArticle& x : set->articles) ids.push_back(x.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c"}));

  SourceOptions keep;
  keep.drop_near_duplicates = false;
  set = ReadSourceArticles(path, keep);
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->near_duplicates, 0u);
  EXPECT_EQ(set->articles.size(), 5u);
}

SourceArticle Text(const std::string& id, const std::string& text) {
  SourceArticle a;
  a.id = id;
  a.text = text;
  return a;
}

// The earliest article of a group stays; a later one is compared with the articles that
// stay, not with those already dropped; the thresholds are inclusive and exact.
TEST(SourceArticleTest, DropNearDuplicateArticlesKeepsEarliestAndUsesExactThresholds) {
  const std::string x = Sentences(7, 10);  // 80 words: 76 shingles
  // Words 0-39 of x then new words: shares 36 of x's shingles, Jaccard 36/(76+76-36) < 0.5.
  const std::string half = Sentences(7, 5) + " " + Sentences(8, 5);
  std::vector<SourceArticle> articles = {Text("x", x), Text("copy", x), Text("half", half),
                                         Text("y", Sentences(9, 6))};
  EXPECT_EQ(DropNearDuplicateArticles(ShingleOptions{}, VerifyOptions{.jaccard_threshold = 0.5,
                                                                      .containment_threshold = 0.8},
                                      &articles),
            1u);
  ASSERT_EQ(articles.size(), 3u);
  EXPECT_EQ(articles[0].id, "x");
  EXPECT_EQ(articles[1].id, "half");
  EXPECT_EQ(articles[2].id, "y");

  // At a lower threshold `half` is a copy of `x` (36/116 = 0.31): exactly at it, dropped.
  articles = {Text("x", x), Text("half", half)};
  EXPECT_EQ(DropNearDuplicateArticles(ShingleOptions{}, VerifyOptions{.jaccard_threshold = 36.0 / 116.0,
                                                                      .containment_threshold = 0},
                                      &articles),
            1u);
  articles = {Text("x", x), Text("half", half)};
  EXPECT_EQ(DropNearDuplicateArticles(ShingleOptions{}, VerifyOptions{.jaccard_threshold = 0.32,
                                                                      .containment_threshold = 0},
                                      &articles),
            0u);

  // Chain: m is a near-duplicate of the dropped k but not of j, the one that stays.
  const std::string j = Sentences(10, 10);
  std::string k = j;
  for (int w = 0; w < 80; w += 16) k = ReplaceWord(k, w, "kk");
  std::string m = k;
  for (int w = 8; w < 80; w += 16) m = ReplaceWord(m, w, "mm");
  articles = {Text("j", j), Text("k", k), Text("m", m)};
  EXPECT_EQ(DropNearDuplicateArticles(ShingleOptions{}, VerifyOptions{.jaccard_threshold = 0.5}, &articles), 1u);
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[1].id, "m");
}

// Differential test against the brute-force answer: every later article compared with
// every earlier one that stays. Articles are runs of sentences from a small pool, many
// derived from earlier ones, so that pairs of every similarity occur.
TEST(SourceArticleTest, DropNearDuplicateArticlesMatchesBruteForce) {
  std::vector<std::string> pool;
  for (int s = 0; s < 40; ++s) pool.push_back(Sentences(100 + s, 1));
  std::mt19937 rng(7);
  std::vector<std::vector<int>> picks;
  std::vector<SourceArticle> articles;
  for (int i = 0; i < 120; ++i) {
    std::vector<int> p;
    if (i > 0 && rng() % 2 == 0) {
      p = picks[rng() % picks.size()];
      const int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && !p.empty(); ++e) {
        const size_t at = rng() % p.size();
        switch (rng() % 3) {
          case 0: p.erase(p.begin() + static_cast<std::ptrdiff_t>(at)); break;
          case 1: p[at] = static_cast<int>(rng() % pool.size()); break;
          default: p.insert(p.begin() + static_cast<std::ptrdiff_t>(at), static_cast<int>(rng() % pool.size()));
        }
      }
    } else {
      const int len = 2 + static_cast<int>(rng() % 8);
      for (int k = 0; k < len; ++k) p.push_back(static_cast<int>(rng() % pool.size()));
    }
    std::string text;
    for (const int k : p) text += pool[static_cast<size_t>(k)] + " ";
    picks.push_back(p);
    articles.push_back(Text("a" + std::to_string(i), text));
  }
  const VerifyOptions copy{.jaccard_threshold = 0.5, .containment_threshold = 0.8};

  Analyzer analyzer(AnalyzerOptions{});
  std::vector<AnalyzedText> analyzed(articles.size());
  for (size_t i = 0; i < articles.size(); ++i) analyzer.Analyze(articles[i].text, &analyzed[i]);
  std::vector<std::string> expected;
  std::vector<size_t> kept;
  int compared_pairs_sharing_a_shingle = 0;
  for (size_t i = 0; i < articles.size(); ++i) {
    bool is_copy = false;
    for (const size_t j : kept) {
      const PairScores scores = ScoreShingleSets(analyzed[j].shingle_set, analyzed[i].shingle_set);
      compared_pairs_sharing_a_shingle += scores.intersection > 0;
      const bool same = analyzed[j].fingerprint == analyzed[i].fingerprint &&
                        analyzed[j].tokens.size() == analyzed[i].tokens.size();
      is_copy = is_copy || ClassifyPair(scores, same, copy) != Relation::kNone;
    }
    if (is_copy) continue;
    kept.push_back(i);
    expected.push_back(articles[i].id);
  }
  ASSERT_GT(expected.size(), 20u);
  ASSERT_LT(expected.size(), 100u);
  ASSERT_GT(compared_pairs_sharing_a_shingle, 500);

  EXPECT_EQ(DropNearDuplicateArticles(ShingleOptions{}, copy, &articles), 120 - expected.size());
  std::vector<std::string> ids;
  for (const SourceArticle& a : articles) ids.push_back(a.id);
  EXPECT_EQ(ids, expected);
}

TEST(SourceArticleTest, MalformedRecordNamesLine) {
  const std::string path = ::testing::TempDir() + "/source_article_bad.jsonl";
  std::ofstream(path) << "{\"id\":\"a\",\"text\":\"x\"}\n{broken\n";
  auto set = ReadSourceArticles(path, SourceOptions{});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(std::string(set.status().message()).find(path + ":2:"), std::string::npos) << set.status();
}

}  // namespace
}  // namespace neardup
