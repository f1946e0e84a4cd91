#include "neardup/pipeline/compare.h"

#include "neardup/base/status_macros.h"
#include "neardup/text/background_df.h"
#include "pipeline/rewrite_stage_internal.h"

namespace neardup {

absl::StatusOr<Comparison> CompareTexts(std::string_view a, std::string_view b,
                                        const DedupOptions& options) {
  NEARDUP_RETURN_IF_ERROR(options.Validate());
  const bool rewrites = options.mode == DetectionMode::kRewrite;
  AnalyzerOptions analyzer_options = options.analyzer;
  analyzer_options.tokenizer.keep_words = rewrites;
  Analyzer an(analyzer_options);
  AnalyzedText x;
  AnalyzedText y;
  an.Analyze(a, &x);
  an.Analyze(b, &y);
  Comparison c;
  c.scores = ScoreShingleSets(x.shingle_set, y.shingle_set);
  const bool same_text = x.fingerprint == y.fingerprint && x.tokens.size() == y.tokens.size() &&
                         !x.tokens.hashes.empty();
  if (rewrites) {
    NEARDUP_ASSIGN_OR_RETURN(Stemmer stemmer, Stemmer::Create(options.stemmer));
    NEARDUP_ASSIGN_OR_RETURN(TermStats stats, LoadTermStats(options.df_table, stemmer.Identity()));
    RewriteFeatures fa;
    RewriteFeatures fb;
    ExtractRewriteFeatures(a, x.tokens, stats, options.rewrite, &stemmer, &fa);
    ExtractRewriteFeatures(b, y.tokens, stats, options.rewrite, &stemmer, &fb);
    c.rewrite = ScoreRewrite(fa, fb, options.rewrite);
  }
  c.relation = internal::DecideRelation(c.scores, same_text, c.rewrite ? &*c.rewrite : nullptr,
                                        options.verify.jaccard_threshold,
                                        internal::EffectiveContainment(options), options.rewrite);
  c.a_tokens = x.tokens.size();
  c.b_tokens = y.tokens.size();
  c.a_shingles = x.shingle_set.size();
  c.b_shingles = y.shingle_set.size();
  c.passages = FindSharedPassages(x.tokens.begin, x.tokens.end, x.shingles, y.tokens.begin,
                                  y.tokens.end, y.shingles, options.analyzer.shingle.size);
  return c;
}

}  // namespace neardup
