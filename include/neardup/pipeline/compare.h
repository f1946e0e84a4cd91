// Compares two texts directly: their exact scores, relation and shared passages, the
// evidence behind a verdict.
//
//   NEARDUP_ASSIGN_OR_RETURN(Comparison c, CompareTexts(text_a, text_b, DedupOptions{}));
//   c.scores.jaccard; c.relation; c.passages[0].a_begin; c.rewrite->pairs;
#ifndef NEARDUP_PIPELINE_COMPARE_H_
#define NEARDUP_PIPELINE_COMPARE_H_

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "neardup/pipeline/dedup.h"

#include "neardup/pipeline/analyzer.h"
#include "neardup/verify/passages.h"
#include "neardup/verify/similarity.h"

namespace neardup {

struct Comparison {
  PairScores scores;
  Relation relation = Relation::kNone;
  size_t a_tokens = 0;
  size_t b_tokens = 0;
  size_t a_shingles = 0;  // distinct shingles
  size_t b_shingles = 0;
  std::vector<SharedPassage> passages;  // longest first
  // Rewrite mode: the sentence alignment (aligned sentence pairs with byte offsets,
  // coverage both ways, order), scored with the background term statistics.
  std::optional<RewriteScores> rewrite;
};

// Compares two valid UTF-8 texts with the settings `dedup` would use, and decides their
// relation the same way (without crawl-level statistics: boilerplate and term
// frequencies of a collection need the collection).
absl::StatusOr<Comparison> CompareTexts(std::string_view a, std::string_view b,
                                        const DedupOptions& options);

}  // namespace neardup

#endif  // NEARDUP_PIPELINE_COMPARE_H_
