// Turns an HTML page into the text of its article, with a real HTML5 parser (gumbo):
// script, style, navigation, header, footer, aside, forms and hidden elements are
// dropped; block elements (paragraphs, headings, list items, ...) become paragraph
// breaks ("\n\n"), <br> a line break; runs of white space inside a paragraph become one
// space.
//
//   HtmlText page = ExtractHtmlText("<html><title>T</title><p>One</p><p>Two</p></html>");
//   // page.title == "T", page.text == "One\n\nTwo"
#ifndef NEARDUP_IO_HTML_TEXT_H_
#define NEARDUP_IO_HTML_TEXT_H_

#include <string>
#include <string_view>

namespace neardup {

struct HtmlText {
  std::string title;  // the <title>, white space collapsed; "" when absent
  std::string text;
};

// Extracts the text of `html`, which must be valid UTF-8 (gumbo's input encoding).
// Thread-safe.
HtmlText ExtractHtmlText(std::string_view html);

}  // namespace neardup

#endif  // NEARDUP_IO_HTML_TEXT_H_
