// Compares two texts directly: their exact scores, relation and shared passages, the
// evidence behind a verdict.
//
//   Comparison c = CompareTexts(text_a, text_b, AnalyzerOptions{}, VerifyOptions{});
//   c.scores.jaccard; c.relation; c.passages[0].a_begin;
#ifndef NEARDUP_PIPELINE_COMPARE_H_
#define NEARDUP_PIPELINE_COMPARE_H_

#include <string_view>
#include <vector>

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
};

// Compares two valid UTF-8 texts.
Comparison CompareTexts(std::string_view a, std::string_view b, const AnalyzerOptions& analyzer,
                        const VerifyOptions& verify);

}  // namespace neardup

#endif  // NEARDUP_PIPELINE_COMPARE_H_
