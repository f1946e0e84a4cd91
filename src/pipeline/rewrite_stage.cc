#include <algorithm>

#include "absl/strings/str_cat.h"
#include "neardup/base/parallel.h"
#include "neardup/base/status_macros.h"
#include "neardup/text/background_df.h"
#include "pipeline/rewrite_stage_internal.h"

namespace neardup::internal {

Relation DecideRelation(const PairScores& shingles, bool same_text, const RewriteScores* rewrite,
                        double jaccard_threshold, double containment, const RewriteOptions& options) {
  const VerifyOptions verify{jaccard_threshold, containment};
  const Relation r = ClassifyPair(shingles, same_text, verify);
  if (r != Relation::kNone) return r;
  if (rewrite != nullptr && IsRewrite(*rewrite, options)) return Relation::kRewrite;
  return Relation::kNone;
}

double EffectiveContainment(const DedupOptions& options) {
  if (options.verify.containment_threshold > 0) return options.verify.containment_threshold;
  return options.mode == DetectionMode::kRewrite ? options.rewrite_mode_containment : 0.0;
}

absl::StatusOr<std::unique_ptr<RewriteStage>> RewriteStage::Create(const DedupOptions& options) {
  NEARDUP_ASSIGN_OR_RETURN(Stemmer probe, Stemmer::Create(options.stemmer));
  NEARDUP_ASSIGN_OR_RETURN(TermStats background, LoadTermStats(options.df_table, probe.Identity()));
  std::unique_ptr<RewriteStage> stage(new RewriteStage(options, std::move(background)));
  stage->stemmers_.push_back(std::move(probe));
  for (int t = 1; t < options.threads; ++t) {
    NEARDUP_ASSIGN_OR_RETURN(Stemmer s, Stemmer::Create(options.stemmer));
    stage->stemmers_.push_back(std::move(s));
  }
  return stage;
}

RewriteStage::RewriteStage(const DedupOptions& options, TermStats background)
    : options_(options),
      background_(std::move(background)),
      crawl_(background_),
      sentence_df_(background_.stemmer_identity()) {}

void RewriteStage::Extract(uint32_t doc, std::string_view text, const TokenizedText& tokens,
                           int worker) {
  ExtractRewriteFeatures(text, tokens, background_, options_.rewrite,
                         &stemmers_[static_cast<size_t>(worker)], &features_[doc]);
}

void RewriteStage::Count(uint32_t doc) {
  crawl_.Add(features_[doc].DocumentTerms());
  sentence_df_.Add(SentenceHashes(features_[doc]));
}

std::vector<ScoredEdge> RewriteStage::FindPairs(
    const absl::flat_hash_set<uint64_t>& known,
    const std::function<absl::Span<const uint64_t>(uint32_t, std::vector<uint64_t>*)>& shingle_set,
    const std::function<void(uint32_t)>& prepare_set,
    const std::function<bool(uint32_t, uint32_t)>& same_text,
    const std::function<std::optional<absl::Time>(uint32_t)>& published, DedupStats* stats) {
  const auto n = static_cast<uint32_t>(features_.size());
  const int threads = options_.threads;
  // Boilerplate needs the whole crawl's sentence counts; keys the updated IDF.
  std::vector<std::vector<uint64_t>> keys(n);
  ParallelFor(threads, n, [&](size_t d, int) {
    DropBoilerplate(sentence_df_, options_.rewrite, &features_[d]);
    features_[d].CachePostings();
    SelectRareKeys(features_[d].DocumentTerms(), crawl_, options_.rare_terms, &keys[d]);
  });
  // News rewrites appear within days of each other; when both dates are known, a pair
  // further apart is a follow-up or a template, not a copy (near-duplicates further apart
  // are still found by the shingle index).
  const absl::Duration window = absl::Hours(24) * options_.rewrite_max_days;
  auto outside_window = [&](uint32_t a, uint32_t b) {
    if (options_.rewrite_max_days <= 0) return false;
    const auto ta = published(a);
    const auto tb = published(b);
    return ta && tb && absl::AbsDuration(*ta - *tb) > window;
  };
  RareTermIndex index(options_.rare_terms);
  std::vector<std::vector<DocId>> candidates(n);
  for (uint32_t d = 0; d < n; ++d) {
    index.Query(keys[d], &candidates[d]);
    index.Insert(d, keys[d]);
    auto& c = candidates[d];
    c.erase(std::remove_if(c.begin(), c.end(),
                           [&](DocId a) {
                             return known.contains(uint64_t{a} << 32 | d) || outside_window(a, d);
                           }),
            c.end());
    stats->rewrite_candidates += c.size();
    if (!c.empty()) {
      prepare_set(d);
      for (const DocId a : c) prepare_set(a);
    }
  }
  const double containment = EffectiveContainment(options_);
  std::vector<std::vector<ScoredEdge>> found(n);
  ParallelFor(threads, n, [&](size_t i, int) {
    const auto d = static_cast<uint32_t>(i);
    std::vector<uint64_t> scratch_a;
    std::vector<uint64_t> scratch_d;
    const absl::Span<const uint64_t> set_d =
        candidates[d].empty() ? absl::Span<const uint64_t>() : shingle_set(d, &scratch_d);
    for (const DocId a : candidates[d]) {
      const PairScores s = ScoreShingleSets(shingle_set(a, &scratch_a), set_d);
      const RewriteScores rs = ScoreRewrite(features_[a], features_[d], options_.rewrite);
      const Relation r = DecideRelation(s, same_text(a, d), &rs, options_.verify.jaccard_threshold,
                                        containment, options_.rewrite);
      if (r == Relation::kNone) continue;
      ScoredEdge e{a, d, r, s};
      if (r == Relation::kRewrite) {
        e.strength = std::max(rs.coverage_a, rs.coverage_b);
        e.coverage_a = rs.coverage_a;
        e.coverage_b = rs.coverage_b;
        e.order = rs.order;
        e.aligned_sentences = std::max(rs.aligned_a, rs.aligned_b);
      }
      found[d].push_back(e);
    }
  });
  std::vector<ScoredEdge> out;
  for (auto& f : found) out.insert(out.end(), f.begin(), f.end());
  for (const RewriteFeatures& f : features_) stats->rewrite_feature_bytes += f.memory_bytes();
  return out;
}

}  // namespace neardup::internal
