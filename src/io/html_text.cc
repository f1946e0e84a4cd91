#include "neardup/io/html_text.h"

#include <gumbo.h>

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "neardup/base/strings.h"

namespace neardup {
namespace {

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_HEAD: case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER: case GUMBO_TAG_FIELDSET:
      return true;
    default:
      return false;
  }
}

// Elements that ARIA roles or the hidden attribute mark as page furniture.
bool IsHiddenOrFurniture(const GumboElement& element) {
  if (gumbo_get_attribute(&element.attributes, "hidden") != nullptr) return true;
  if (const GumboAttribute* aria = gumbo_get_attribute(&element.attributes, "aria-hidden")) {
    if (absl::EqualsIgnoreCase(aria->value, "true")) return true;
  }
  if (const GumboAttribute* role = gumbo_get_attribute(&element.attributes, "role")) {
    for (const char* furniture : {"navigation", "banner", "contentinfo", "complementary"}) {
      if (absl::EqualsIgnoreCase(role->value, furniture)) return true;
    }
  }
  return false;
}

// Appends text with white space collapsed, and paragraph/line breaks on request.
class TextBuilder {
 public:
  void Text(std::string_view s) {
    for (const char c : s) {
      if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
        space_ = true;
        continue;
      }
      if (!out_.empty()) {
        if (pending_break_ > 0) {
          out_.append(pending_break_ >= 2 ? "\n\n" : "\n");
        } else if (space_) {
          out_.push_back(' ');
        }
      }
      pending_break_ = 0;
      space_ = false;
      out_.push_back(c);
    }
  }
  void Break(int newlines) {
    pending_break_ = std::max(pending_break_, newlines);
    space_ = false;
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  int pending_break_ = 0;
  bool space_ = false;
};

std::string CollapsedText(const GumboNode* node) {
  TextBuilder text;
  std::vector<const GumboNode*> stack = {node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      text.Text(n->v.text.text);
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& children = n->v.element.children;
      for (unsigned i = children.length; i-- > 0;) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i]));
      }
    }
  }
  return text.Take();
}

// Elements that never hold children or that the parser closes by itself when a sibling
// opens: they do not deepen the tree.
bool DoesNotNest(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
      "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "!doctype"};
  for (const std::string_view n : kNames) {
    if (absl::EqualsIgnoreCase(AsAbsl(name), AsAbsl(n))) return true;
  }
  return false;
}

}  // namespace

int EstimateHtmlDepth(std::string_view html) {
  int depth = 0;
  int deepest = 0;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    ++i;
    if (i >= html.size()) break;
    const bool closing = html[i] == '/';
    if (closing) ++i;
    size_t end = i;
    while (end < html.size() && absl::ascii_isalnum(static_cast<unsigned char>(html[end]))) ++end;
    if (end == i) continue;  // "<!--", "< ", "<?": no element
    const std::string_view name = html.substr(i, end - i);
    if (closing) {
      if (!DoesNotNest(name) && depth > 0) --depth;
      continue;
    }
    const size_t close = html.find('>', end);
    const bool self_closing = close != std::string_view::npos && close > 0 && html[close - 1] == '/';
    if (!self_closing && !DoesNotNest(name)) deepest = std::max(deepest, ++depth);
  }
  return deepest;
}

absl::StatusOr<HtmlText> ExtractHtmlText(std::string_view html) {
  if (const int depth = EstimateHtmlDepth(html); depth > kMaxHtmlDepth) {
    return absl::InvalidArgumentError(absl::StrCat("the HTML page nests elements ", depth,
                                                   " deep; the limit is ", kMaxHtmlDepth));
  }
  HtmlText result;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not needed: keep no list of them
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  TextBuilder text;
  // An explicit stack: pages nest deeply, and recursion would overflow on hostile input.
  // An entry with `close` set ends a block element after its children.
  struct Item {
    const GumboNode* node;
    bool close;
  };
  std::vector<Item> stack = {{output->root, false}};
  while (!stack.empty()) {
    const Item item = stack.back();
    stack.pop_back();
    const GumboNode* node = item.node;
    if (item.close) {
      text.Break(2);
      continue;
    }
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        text.Text(node->v.text.text);
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& element = node->v.element;
        if (element.tag == GUMBO_TAG_TITLE) {
          if (result.title.empty()) result.title = CollapsedText(node);
          break;
        }
        if (element.tag == GUMBO_TAG_BR) {
          text.Break(1);
          break;
        }
        if (IsSkipped(element.tag) || IsHiddenOrFurniture(element)) {
          // <head> holds the title: look inside it for that alone.
          if (element.tag == GUMBO_TAG_HEAD) {
            for (unsigned i = 0; i < element.children.length; ++i) {
              const auto* child = static_cast<const GumboNode*>(element.children.data[i]);
              if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_TITLE &&
                  result.title.empty()) {
                result.title = CollapsedText(child);
              }
            }
          }
          break;
        }
        const bool block = IsBlock(element.tag);
        if (block) {
          text.Break(2);
          stack.push_back({node, true});
        }
        for (unsigned i = element.children.length; i-- > 0;) {
          stack.push_back({static_cast<const GumboNode*>(element.children.data[i]), false});
        }
        break;
      }
      case GUMBO_NODE_DOCUMENT: {
        const GumboVector& children = node->v.document.children;
        for (unsigned i = children.length; i-- > 0;) {
          stack.push_back({static_cast<const GumboNode*>(children.data[i]), false});
        }
        break;
      }
      case GUMBO_NODE_COMMENT:
        break;
    }
  }
  result.text = text.Take();
  gumbo_destroy_output(&options, output);
  return result;
}

}  // namespace neardup
