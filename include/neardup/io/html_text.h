// Turns an HTML page into the text of its article, with a real HTML5 parser (gumbo):
// script, style, navigation, header, footer, aside, forms and hidden elements are
// dropped; block elements (paragraphs, headings, list items, ...) become paragraph
// breaks ("\n\n"), <br> a line break; runs of white space inside a paragraph become one
// space.
//
//   absl::StatusOr<HtmlText> page =
//       ExtractHtmlText("<html><title>T</title><p>One</p><p>Two</p></html>");
//   // page->title == "T", page->text == "One\n\nTwo"
#ifndef NEARDUP_IO_HTML_TEXT_H_
#define NEARDUP_IO_HTML_TEXT_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace neardup {

struct HtmlText {
  std::string title;  // the <title>, white space collapsed; "" when absent
  std::string text;
};

// Elements nested deeper than this make a page an error: gumbo's time grows faster than
// quadratically with depth (20,000 nested elements take a minute), and real pages stay
// far below it.
inline constexpr int kMaxHtmlDepth = 2000;

// Extracts the text of `html`, which must be valid UTF-8 (gumbo's input encoding).
// Fails (InvalidArgument) on pages nested deeper than kMaxHtmlDepth. Thread-safe.
absl::StatusOr<HtmlText> ExtractHtmlText(std::string_view html);

// Returns an estimate of the deepest element nesting of `html` from its tags alone
// (void and self-closing elements, and elements the parser closes implicitly, do not
// nest), in one pass without parsing.
int EstimateHtmlDepth(std::string_view html);

}  // namespace neardup

#endif  // NEARDUP_IO_HTML_TEXT_H_
