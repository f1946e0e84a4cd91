// Real articles that the corpus generator copies from, read from JSON Lines with
// simdjson: id, text, title, topics (a string or an array of strings) and a date.
// Texts are reflowed (hard-wrapped lines joined, one paragraph per line) and the
// HTML entities of the Reuters collection decoded; articles too short to cut into
// excerpts and repeats of an earlier article (same first 40 words) are dropped, so
// that the input's own duplicates do not blur the gold labels.
//
//   NEARDUP_ASSIGN_OR_RETURN(SourceSet set, ReadSourceArticles("reuters.jsonl", SourceOptions{}));
//   for (const SourceArticle& a : set.articles) Use(a.text, a.topics, a.day);
#ifndef NEARDUP_GEN_SOURCE_ARTICLE_H_
#define NEARDUP_GEN_SOURCE_ARTICLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace neardup {

struct SourceArticle {
  std::string id;
  std::string title;
  std::string text;       // reflowed: one paragraph per line
  std::string published;  // RFC 3339 UTC ("1987-02-26T15:01:01Z"), or empty
  std::string day;        // "1987-02-26", or empty
  std::vector<std::string> topics;
  uint32_t sentences = 0;  // SplitSentences(text).size()
};

struct SourceOptions {
  std::string id_field = "id";
  std::string text_field = "text";
  std::string title_field = "title";
  std::string topics_field = "topics";  // string or array of strings; optional
  std::string date_field = "date";      // any format ParsePublished reads; "published" is tried too
  // Articles with fewer words or sentences are dropped. Defaults 40 and 3.
  uint32_t min_words = 40;
  uint32_t min_sentences = 3;

  absl::Status Validate() const;
};

struct SourceSet {
  std::vector<SourceArticle> articles;  // in input order
  uint64_t records = 0;                 // records read
  uint64_t too_short = 0;               // dropped: below min_words / min_sentences
  uint64_t repeats = 0;                 // dropped: same first 40 words as an earlier one
};

// Reads every record of `path` (JSON Lines; .gz/.zst as ByteStream allows). A malformed
// record or one without text is an error naming the file and line.
absl::StatusOr<SourceSet> ReadSourceArticles(const std::string& path, const SourceOptions& options);

// Returns `text` with hard-wrapped lines joined by spaces: a line break starts a new
// paragraph only before an indented line or after a blank line. Paragraphs come out one
// per line, trimmed; the entities &lt; &gt; &amp; are decoded, &#N; removed, and a
// last paragraph that is only the wire's sign-off "Reuter" dropped.
std::string ReflowText(std::string_view text);

}  // namespace neardup

#endif  // NEARDUP_GEN_SOURCE_ARTICLE_H_
