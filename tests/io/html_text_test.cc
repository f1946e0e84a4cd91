#include "neardup/io/html_text.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/io_test_util.h"

namespace neardup {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Case {
  const char* name;
  const char* html;
  const char* text;
};

TEST(ExtractHtmlText, Table) {
  const Case cases[] = {
      {"paragraphs", "<p>One  two\n three.</p><p>Four.</p>", "One two three.\n\nFour."},
      {"inline elements join", "<p>An <b>important</b> <a href=x>link</a>.</p>",
       "An important link."},
      {"br is a line break", "<p>line one<br>line two</p>", "line one\nline two"},
      {"headings and lists", "<h2>Title</h2><ul><li>a</li><li>b</li></ul>", "Title\n\na\n\nb"},
      {"script and style dropped", "<p>x</p><script>var y = 1;</script><style>p{}</style>", "x"},
      {"furniture dropped",
       "<header>H</header><nav>N</nav><main><p>body</p></main><aside>A</aside><footer>F</footer>",
       "body"},
      {"roles and hidden dropped",
       "<div role=navigation>N</div><div hidden>X</div><span aria-hidden=true>Y</span><p>kept</p>",
       "kept"},
      {"entities decoded", "<p>Fish &amp; chips &eacute;t&eacute; &#8212; ok</p>",
       "Fish & chips \xc3\xa9t\xc3\xa9 \xe2\x80\x94 ok"},
      {"unclosed tags", "<p>one<p>two<div>three", "one\n\ntwo\n\nthree"},
      {"empty", "", ""},
      {"text only", "just text", "just text"},
  };
  for (const Case& c : cases) {
    const absl::StatusOr<HtmlText> page = ExtractHtmlText(c.html);
    ASSERT_TRUE(page.ok()) << c.name;
    EXPECT_EQ(page->text, c.text) << c.name;
  }
}

TEST(ExtractHtmlText, Title) {
  EXPECT_EQ(ExtractHtmlText("<html><head><title> A  page </title></head><p>x</p>")->title,
            "A page");
  EXPECT_EQ(ExtractHtmlText("<p>no title</p>")->title, "");
}

TEST(ExtractHtmlText, FixturePageKeepsTheArticleOnly) {
  const HtmlText page =
      ExtractHtmlText(neardup::testing::SourceFile("corpus/fixtures/article.html")).value();
  EXPECT_EQ(EstimateHtmlDepth(neardup::testing::SourceFile("corpus/fixtures/article.html")), 5);
  EXPECT_EQ(page.title, "Lakeview council approves tram extension | Daily Lakeview");
  EXPECT_EQ(page.text,
            "Lakeview council approves tram extension\n\n"
            "The Lakeview city council voted seven to two on Tuesday to extend the tram line to "
            "the northern suburbs, ending a debate that has run for almost three years.\n\n"
            "The extension will add four stops and about six kilometres of track. Construction is "
            "due to start next spring and to take two years.\n\n"
            "Councillors who voted against said they supported better transport but wanted a "
            "clearer plan for paying for it over the next decade.");
  EXPECT_THAT(page.text, Not(HasSubstr("-TEXT")));
}

std::string Nested(int depth, std::string_view open) {
  std::string html;
  for (int i = 0; i < depth; ++i) html += open;
  return html + "deep";
}

// Nesting up to the limit is walked without recursion; deeper pages, which would take
// gumbo minutes, are refused at once.
TEST(ExtractHtmlText, DeepNesting) {
  const absl::StatusOr<HtmlText> ok = ExtractHtmlText(Nested(kMaxHtmlDepth / 2, "<div><span>"));
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->text, "deep");
  const absl::StatusOr<HtmlText> deep = ExtractHtmlText(Nested(100000, "<div><span>"));
  ASSERT_FALSE(deep.ok());
  EXPECT_THAT(deep.status().message(), HasSubstr("nests elements 200000 deep"));
}

TEST(EstimateHtmlDepth, Cases) {
  EXPECT_EQ(EstimateHtmlDepth(""), 0);
  EXPECT_EQ(EstimateHtmlDepth("<div><div></div></div><div></div>"), 2);
  EXPECT_EQ(EstimateHtmlDepth("<p>a<p>b<p>c<br><img src=x><hr/>"), 0);
  EXPECT_EQ(EstimateHtmlDepth("<!-- <div> --><b>x</b>"), 2);  // comments are not parsed
  EXPECT_EQ(EstimateHtmlDepth(Nested(5000, "<b>")), 5000);
}

}  // namespace
}  // namespace neardup
