// The edits that turn a real article into a planted copy, one function per kind of copy
// the generator makes (see docs/generator.md). Each takes the article text (one paragraph
// per line), draws its choices from `rng` and returns the copy's text; the same text and
// Rng state give the same copy.
//
//   Rng rng(7);
//   std::string copy = AddPageFurniture(text, {.title = "Cocoa review", .outlet = "Daily Ledger"}, &rng);
//   std::string cut = CutExcerpt(text, ExcerptOptions{}, &rng);
#ifndef NEARDUP_GEN_EDITS_H_
#define NEARDUP_GEN_EDITS_H_

#include <string>
#include <string_view>
#include <vector>

#include "neardup/gen/random.h"
#include "neardup/gen/synonyms.h"

namespace neardup {

// What page furniture may mention.
struct FurnitureContext {
  std::string_view title;
  std::string_view outlet;
  std::string_view published;  // RFC 3339, may be empty
  std::vector<std::string> topics;
};

// Returns `text` verbatim with page furniture around and inside it: one to three header
// lines (share bars, "Listen to the article", bylines), a photo caption and possibly a
// newsletter or "Read more" prompt between paragraphs, and one or two footer lines
// (copyright, tags). Every piece is drawn from several variants.
std::string AddPageFurniture(std::string_view text, const FurnitureContext& context, Rng* rng);

// Returns `text` with `count` words (lower case, 4+ letters, found in `synonyms`, not a
// modal verb or number word) replaced by a synonym; capitalised words (names, acronyms)
// are never replaced. Fewer when fewer words qualify.
std::string ReplaceWords(std::string_view text, const SynonymTable& synonyms, int count, Rng* rng);

// Returns a light edit of `text`: two to five word substitutions, typographic changes
// (straight quotes to curly ones, "--" to a dash, Reuters abbreviations such as "pct",
// "mln" and "dlrs" spelled out) and, for articles of six sentences or more, one
// sentence dropped.
std::string LightEdit(std::string_view text, const SynonymTable& synonyms, Rng* rng);

struct ExcerptOptions {
  // Bounds on the excerpt's share of the article's sentence bytes. Defaults 0.3 and 0.7.
  double min_fraction = 0.3;
  double max_fraction = 0.7;
};

// Returns a contiguous run of whole sentences of `text` (from the start half the time,
// else from anywhere) whose bytes are within the bounds of the article's, or an empty
// string when no run of sentences fits them.
std::string CutExcerpt(std::string_view text, const ExcerptOptions& options, Rng* rng);

// Rewrites numbers, dates and names: "1,500" -> "1500" or "1.5 thousand", "mln" ->
// "million", "February 22" -> "Feb 22" or "22 February", "Mr. Smith" -> "Smith".
std::string ReformatDetails(std::string_view text, Rng* rng);

// Returns a sentence-level rewrite of `text`: sentences reordered (the lead kept or
// swapped with the second), about a sixth dropped, some neighbours merged into one,
// two in five of the eligible words replaced by synonyms, numbers, dates and names
// reformatted, and the result laid out in new paragraphs of two or three sentences.
std::string RewriteSentences(std::string_view text, const SynonymTable& synonyms, Rng* rng);

// Returns `text` followed by a comment section: a "Comments (N)" line and three to six
// near-identical short comments (one template with small variations, different users).
std::string AppendComments(std::string_view text, Rng* rng);

// Returns `title` in title case ("BAHIA COCOA REVIEW" -> "Bahia Cocoa Review") when it
// is all upper case, else unchanged.
std::string TitleCase(std::string_view title);

// Returns the sentences of `text` as strings, in order (SplitSentences).
std::vector<std::string> SentencesOf(std::string_view text);

}  // namespace neardup

#endif  // NEARDUP_GEN_EDITS_H_
