// Real articles that the corpus generator copies from, read from JSON Lines with
// simdjson: id, text, title, topics (a string or an array of strings) and a date.
// Texts are reflowed (hard-wrapped lines joined, one paragraph per line) and the
// HTML entities of the Reuters collection decoded; articles too short to cut into
// excerpts, repeats of an earlier article (same first 40 words) and, by default, every
// exact, near-duplicate or contained copy of an earlier kept article (exact word
// 5-shingle Jaccard >= 0.5 or containment >= 0.8, as `neardup dedup` measures them) are
// dropped, so that the input's own duplicates do not blur the gold labels: the gold is
// then the exact answer for near-duplicates.
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
#include "neardup/text/shingle.h"
#include "neardup/verify/similarity.h"

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
  // Drop every article that is an exact, near-duplicate or contained copy of an earlier
  // kept article (see DropNearDuplicateArticles). Default on.
  bool drop_near_duplicates = true;
  // What counts as a copy there: word shingles of `shingle` (default 5 words), pairs
  // with Jaccard >= 0.5 or containment >= 0.8, the thresholds `neardup dedup` reports.
  ShingleOptions shingle;
  VerifyOptions copy = {.jaccard_threshold = 0.5, .containment_threshold = 0.8};

  absl::Status Validate() const;
};

struct SourceSet {
  std::vector<SourceArticle> articles;  // in input order
  uint64_t records = 0;                 // records read
  uint64_t too_short = 0;               // dropped: below min_words / min_sentences
  uint64_t repeats = 0;                 // dropped: same first 40 words as an earlier one
  uint64_t near_duplicates = 0;         // dropped: exact, near-duplicate or contained copy
};

// Reads every record of `path` (JSON Lines; .gz/.zst as ByteStream allows). A malformed
// record or one without text is an error naming the file and line.
absl::StatusOr<SourceSet> ReadSourceArticles(const std::string& path, const SourceOptions& options);

// Removes from `*articles` every article whose text is an exact, near-duplicate or
// contained copy (ClassifyPair with `copy`, on the shingle sets the pipeline's Analyzer
// makes) of an earlier article that stays; the others keep their order. Returns how
// many were removed. Exact, not sampled: an inverted index from shingle to article
// gives the exact intersection of every pair that shares a shingle, and every pair that
// could reach a threshold is scored with ScoreShingleSets; so the earliest article of
// each group of copies is kept and no copy of it is. About 0.4 s and 70 MB for the
// 14,700 usable articles of Reuters-21578; time grows with the square of the number of
// articles that share a shingle, so inputs with boilerplate in every article are slow.
uint64_t DropNearDuplicateArticles(const ShingleOptions& shingle, const VerifyOptions& copy,
                                   std::vector<SourceArticle>* articles);

// Returns `text` with hard-wrapped lines joined by spaces: a line break starts a new
// paragraph only before an indented line or after a blank line. Paragraphs come out one
// per line, trimmed; the entities &lt; &gt; &amp; are decoded, &#N; removed, and a
// last paragraph that is only the wire's sign-off "Reuter" dropped.
std::string ReflowText(std::string_view text);

}  // namespace neardup

#endif  // NEARDUP_GEN_SOURCE_ARTICLE_H_
