// Small inline articles for the gen tests (tests must not read the shared data folder).
#ifndef NEARDUP_TESTS_GEN_TEST_ARTICLES_H_
#define NEARDUP_TESTS_GEN_TEST_ARTICLES_H_

#include <string>
#include <vector>

#include "neardup/gen/source_article.h"

namespace neardup::testing {

inline SourceArticle Article(std::string id, std::string topic, std::string day, int variant) {
  SourceArticle a;
  a.id = std::move(id);
  a.title = "STORY " + a.id;
  a.topics = {std::move(topic)};
  a.day = day;
  a.published = day + "T10:00:00Z";
  const std::string n = std::to_string(variant);
  a.text =
      "The company " + n + " said on Monday that quarterly profit rose sharply to 1,500 dlrs.\n"
      "Mr. Smith, the chief executive, expected strong demand in February " + n + " and beyond.\n"
      "Analysts said the increase in output was larger than the market had estimated.\n"
      "Shares of the company " + n + " fell slightly in early trading on the exchange.\n"
      "The board will begin talks on a new agreement with officials next week.\n"
      "A statement from the company said the previous plan was ended in March.\n"
      "Output of plant " + n + " reached 2,000 tonnes, a total that surprised traders.";
  a.sentences = 7;
  return a;
}

// Twelve articles on three topics over two days.
inline std::vector<SourceArticle> Articles() {
  std::vector<SourceArticle> out;
  const char* topics[] = {"grain", "oil", "earn"};
  for (int i = 0; i < 12; ++i) {
    out.push_back(Article("a" + std::to_string(i), topics[i % 3], i < 6 ? "1987-03-01" : "1987-03-02", i));
  }
  return out;
}

}  // namespace neardup::testing

#endif  // NEARDUP_TESTS_GEN_TEST_ARTICLES_H_
