// Sentence splitting for news text: byte ranges of sentences in the original text. A
// sentence ends at a line break (news text puts paragraphs on lines) or at '.', '!' or
// '?' (with any closing quotes or brackets) followed by white space and a capital
// letter, digit or opening quote; common abbreviations ("Mr.", "U.S.", "Jan.") and
// initials do not end a sentence.
//
//   for (const SentenceSpan& s : SplitSentences(text)) Use(text.substr(s.begin, s.end - s.begin));
#ifndef NEARDUP_TEXT_SENTENCE_H_
#define NEARDUP_TEXT_SENTENCE_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace neardup {

struct SentenceSpan {
  uint32_t begin = 0;  // first byte (not white space)
  uint32_t end = 0;    // one past the last byte (trailing white space excluded)
};

// Returns the sentences of `text` (valid UTF-8) in order; empty or white-space-only
// stretches give none.
std::vector<SentenceSpan> SplitSentences(std::string_view text);

}  // namespace neardup

#endif  // NEARDUP_TEXT_SENTENCE_H_
