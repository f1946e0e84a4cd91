#include "neardup/gen/source_article.h"

#include <gtest/gtest.h>

#include <fstream>

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

TEST(SourceArticleTest, MalformedRecordNamesLine) {
  const std::string path = ::testing::TempDir() + "/source_article_bad.jsonl";
  std::ofstream(path) << "{\"id\":\"a\",\"text\":\"x\"}\n{broken\n";
  auto set = ReadSourceArticles(path, SourceOptions{});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(std::string(set.status().message()).find(path + ":2:"), std::string::npos) << set.status();
}

}  // namespace
}  // namespace neardup
