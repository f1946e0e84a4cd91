#include "neardup/pipeline/compare.h"

namespace neardup {

Comparison CompareTexts(std::string_view a, std::string_view b, const AnalyzerOptions& analyzer,
                        const VerifyOptions& verify) {
  Analyzer an(analyzer);
  AnalyzedText x;
  AnalyzedText y;
  an.Analyze(a, &x);
  an.Analyze(b, &y);
  Comparison c;
  c.scores = ScoreShingleSets(x.shingle_set, y.shingle_set);
  const bool same_text = x.fingerprint == y.fingerprint && x.tokens.size() == y.tokens.size() &&
                         !x.tokens.hashes.empty();
  c.relation = ClassifyPair(c.scores, same_text, verify);
  c.a_tokens = x.tokens.size();
  c.b_tokens = y.tokens.size();
  c.a_shingles = x.shingle_set.size();
  c.b_shingles = y.shingle_set.size();
  c.passages = FindSharedPassages(x.tokens.begin, x.tokens.end, x.shingles, y.tokens.begin,
                                  y.tokens.end, y.shingles, analyzer.shingle.size);
  return c;
}

}  // namespace neardup
