#include "neardup/text/sentence.h"

#include <algorithm>
#include <array>
#include <string>

namespace neardup {
namespace {

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Words after which a period does not end a sentence (lower case, without the period).
constexpr std::array<std::string_view, 44> kAbbreviations = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "col",
    "lt", "sgt", "capt", "cmdr", "adm", "rev", "hon", "inc", "corp", "ltd", "co", "vs",
    "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mt", "ft", "approx", "dept", "est"};

// True when the word ending just before the period at `dot` is an abbreviation or an
// initial ("U.S.", "J.").
bool IsAbbreviation(std::string_view text, size_t dot) {
  size_t b = dot;
  while (b > 0) {
    const auto c = static_cast<unsigned char>(text[b - 1]);
    if (IsSpace(c) || c == '(' || c == '"' || c == '\'') break;
    --b;
  }
  std::string_view word = text.substr(b, dot - b);
  if (word.empty()) return false;
  // Initials and dotted acronyms: "J", "U.S", "a.m".
  if (word.size() == 1 && static_cast<unsigned char>(word[0]) < 0x80) return true;
  if (word.find('.') != std::string_view::npos && word.size() <= 6) return true;
  std::string lower;
  for (const char c : word) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

// True when the bytes at `i` start something that can open a sentence.
bool CanStartSentence(std::string_view text, size_t i) {
  if (i >= text.size()) return true;
  const auto c = static_cast<unsigned char>(text[i]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= '0' && c <= '9') return true;
  if (c == '"' || c == '\'' || c == '(' || c == '[') return true;
  return c >= 0x80;  // non-ASCII: capitals of other scripts, curly quotes, CJK
}

// The bytes SplitSentences stops at: line breaks, terminators and the lead byte of U+3002.
constexpr std::array<bool, 256> MakeMayEnd() {
  std::array<bool, 256> t{};
  for (const unsigned char c : {'\n', '.', '!', '?', static_cast<char>(0xE3)}) t[c] = true;
  return t;
}
constexpr std::array<bool, 256> kMayEnd = MakeMayEnd();

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view text) {
  std::vector<SentenceSpan> out;
  const size_t n = text.size();
  size_t start = 0;
  auto emit = [&](size_t begin, size_t end) {
    while (begin < end && IsSpace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && IsSpace(static_cast<unsigned char>(text[end - 1]))) --end;
    if (end > begin) out.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  };
  size_t i = 0;
  while (i < n) {
    // Most bytes end nothing: skip to the next one that may.
    while (i < n && !kMayEnd[static_cast<unsigned char>(text[i])]) ++i;
    if (i == n) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      emit(start, i);
      start = i + 1;
    } else if (c == '.' || c == '!' || c == '?') {
      size_t j = i + 1;
      // Runs of terminators and closing quotes/brackets stay with the sentence.
      while (j < n) {
        const auto d = static_cast<unsigned char>(text[j]);
        if (d == '.' || d == '!' || d == '?' || d == '"' || d == '\'' || d == ')' || d == ']') {
          ++j;
        } else if (d == 0xE2 && j + 2 < n && static_cast<unsigned char>(text[j + 1]) == 0x80 &&
                   (static_cast<unsigned char>(text[j + 2]) == 0x9D ||
                    static_cast<unsigned char>(text[j + 2]) == 0x99)) {
          j += 3;  // closing curly quote
        } else {
          break;
        }
      }
      if (j < n && IsSpace(static_cast<unsigned char>(text[j]))) {
        size_t k = j;
        while (k < n && (text[k] == ' ' || text[k] == '\t')) ++k;
        const bool boundary = (k < n && text[k] == '\n') || CanStartSentence(text, k);
        if (boundary && !(c == '.' && j == i + 1 && IsAbbreviation(text, i))) {
          emit(start, j);
          start = j;
        }
      }
      i = j;
      continue;
    } else if (c == 0xE3 && i + 2 < n && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               static_cast<unsigned char>(text[i + 2]) == 0x82) {
      // U+3002 IDEOGRAPHIC FULL STOP ends a sentence without a following space.
      emit(start, i + 3);
      start = i + 3;
      i += 3;
      continue;
    }
    ++i;
  }
  emit(start, n);
  return out;
}

}  // namespace neardup
