#include <algorithm>
#include <cmath>

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
  stage->weight_caches_.assign(stage->stemmers_.size(), TermWeightCache(&stage->background_));
  stage->scratch_features_.resize(stage->stemmers_.size());
  return stage;
}

RewriteStage::RewriteStage(const DedupOptions& options, TermStats background)
    : options_(options),
      background_(std::move(background)),
      crawl_(background_),
      sentence_df_(background_.stemmer_identity()) {}

void RewriteStage::Extract(uint32_t doc, std::string_view text, const TokenizedText& tokens,
                           int worker) {
  // Extracted into the worker's scratch, whose arrays keep their capacity from document to
  // document, then copied (a copy into empty arrays allocates each at its size): the
  // features are kept until the end of the run.
  RewriteFeatures& scratch = scratch_features_[static_cast<size_t>(worker)];
  ExtractRewriteFeatures(text, tokens, background_, options_.rewrite,
                         &stemmers_[static_cast<size_t>(worker)], &scratch,
                         &weight_caches_[static_cast<size_t>(worker)]);
  features_[doc] = scratch;
}

void CountDocument(const DedupOptions& options, TermStats* crawl, TermStats* sentence_df,
                   RewriteFeatures* features, std::vector<uint64_t>* keys,
                   std::vector<uint64_t>* terms, std::vector<uint64_t>* sentence_hashes) {
  std::vector<uint64_t> own_terms, own_hashes;
  if (terms == nullptr) terms = &own_terms;
  if (sentence_hashes == nullptr) sentence_hashes = &own_hashes;
  *terms = features->DocumentTerms();
  std::vector<uint32_t> dfs;
  crawl->AddSorted(*terms, &dfs);
  *sentence_hashes = SentenceHashes(*features);
  sentence_df->Add(*sentence_hashes);
  auto active = [&] {
    size_t n = 0;
    for (size_t s = 0; s < features->sentences.size(); ++s) n += features->active(s);
    return n;
  };
  // DropBoilerplate only turns sentences off: the same count means the same terms.
  const size_t active_before = active();
  DropBoilerplate(*sentence_df, options.rewrite, features);
  if (active() == active_before) {
    SelectRareKeys(*terms, dfs, *crawl, options.rare_terms, keys);
  } else {
    SelectRareKeys(features->DocumentTerms(), *crawl, options.rare_terms, keys);
  }
}

bool OutsideRewriteWindow(const std::optional<absl::Time>& a, const std::optional<absl::Time>& b,
                          const DedupOptions& options) {
  if (options.rewrite_max_days <= 0 || !a || !b) return false;
  return absl::AbsDuration(*a - *b) > absl::Hours(24) * options.rewrite_max_days;
}

int64_t IndexTime(const std::optional<absl::Time>& t) { return t ? absl::ToUnixSeconds(*t) : kNoTime; }

TimeWindow RewriteTimeWindow(const std::optional<absl::Time>& t, const DedupOptions& options) {
  if (options.rewrite_max_days <= 0 || !t) return {};
  const double seconds = std::ceil(options.rewrite_max_days * 86400.0) + 2.0;
  return {IndexTime(t), seconds >= 9e18 ? 0 : static_cast<int64_t>(seconds)};
}

std::optional<ScoredEdge> VerifyRewriteCandidate(uint32_t a, uint32_t b,
                                                 absl::Span<const ShingleKey> set_a,
                                                 absl::Span<const ShingleKey> set_b,
                                                 const RewriteFeatures& features_a,
                                                 const RewriteFeatures& features_b, bool same_text,
                                                 const DedupOptions& options, RewriteScratch* scratch) {
  // Most candidates are neither copies nor rewrites. Their shingle merge stops once too
  // few shingles are left to reach any relation, and their sentence matching is skipped
  // when IsRewrite provably fails; such a pair then counts as having no rewrite scores.
  const VerifyOptions verify{options.verify.jaccard_threshold, EffectiveContainment(options)};
  std::optional<PairScores> shingles = ScoreShingleSetsIfShared(
      set_a, set_b, MinSharedForRelation(set_a.size(), set_b.size(), same_text, verify));
  RewriteScores rs;
  const bool possible = ScoreRewriteIfPossible(features_a, features_b, options.rewrite, scratch, &rs);
  if (!shingles && !possible) return std::nullopt;
  const PairScores s = shingles ? *shingles : ScoreShingleSets(set_a, set_b);
  const Relation r = DecideRelation(s, same_text, possible ? &rs : nullptr, options.verify.jaccard_threshold,
                                    EffectiveContainment(options), options.rewrite);
  if (r == Relation::kNone) return std::nullopt;
  ScoredEdge e{a, b, r, s};
  if (r == Relation::kRewrite) {
    e.strength = std::max(rs.coverage_a, rs.coverage_b);
    e.coverage_a = rs.coverage_a;
    e.coverage_b = rs.coverage_b;
    e.order = rs.order;
    e.aligned_sentences = std::max(rs.aligned_a, rs.aligned_b);
  }
  return e;
}

void RewriteStage::Count(uint32_t doc) {
  if (keys_.size() < features_.size()) keys_.resize(features_.size());
  CountDocument(options_, &crawl_, &sentence_df_, &features_[doc], &keys_[doc]);
}

std::vector<ScoredEdge> RewriteStage::FindPairs(
    const absl::flat_hash_set<uint64_t>& known,
    const std::function<absl::Span<const ShingleKey>(uint32_t, std::vector<ShingleKey>*)>& shingle_set,
    const std::function<void(std::vector<uint32_t>*)>& prepare_sets,
    const std::function<bool(uint32_t, uint32_t)>& same_text,
    const std::function<std::optional<absl::Time>(uint32_t)>& published, DedupStats* stats) {
  const auto n = static_cast<uint32_t>(features_.size());
  const int threads = options_.threads;
  // Boilerplate was dropped and keys chosen as each document was counted (CountDocument).
  // Each document's candidates are the earlier documents as the index held them when it
  // came (QueryBefore), so all are inserted first and queried in parallel. News rewrites
  // appear within days of each other; when both dates are known, a pair further apart is
  // a follow-up or a template, not a copy (near-duplicates further apart are still found
  // by the shingle index).
  RareTermIndex index(options_.rare_terms);
  for (uint32_t d = 0; d < n; ++d) index.Insert(d, keys_[d], IndexTime(published(d)));
  std::vector<std::vector<DocId>> candidates(n);
  std::vector<RareTermIndex::Scratch> scratch(static_cast<size_t>(std::max(threads, 1)));
  ParallelFor(threads, n, [&](size_t i, int worker) {
    const auto d = static_cast<uint32_t>(i);
    std::vector<std::pair<DocId, uint32_t>> counted;
    // The window only spares walking documents the filter below drops.
    index.QueryBefore(keys_[d], d, &counted, &scratch[static_cast<size_t>(worker)],
                      RewriteTimeWindow(published(d), options_));
    candidates[d] = StrongestCandidates(counted, options_.rare_terms.max_candidates, [&](DocId a) {
      return !known.contains(uint64_t{a} << 32 | d) && !OutsideRewriteWindow(published(a), published(d), options_);
    });
  });
  std::vector<uint32_t> in_pairs;
  std::vector<uint8_t> paired(n, 0);
  for (uint32_t d = 0; d < n; ++d) {
    auto& c = candidates[d];
    stats->rewrite_candidates += c.size();
    if (!c.empty()) {
      in_pairs.push_back(d);
      in_pairs.insert(in_pairs.end(), c.begin(), c.end());
      paired[d] = 1;
      for (const DocId a : c) paired[a] = 1;
    }
  }
  // Postings are what alignment reads: only the documents in a pair need them (a quarter
  // of Reuters' articles are in none).
  ParallelFor(threads, n, [&](size_t d, int) {
    if (paired[d]) features_[d].CachePostings();
  });
  prepare_sets(&in_pairs);
  std::vector<std::vector<ScoredEdge>> found(n);
  std::vector<RewriteScratch> scratch_per_worker(static_cast<size_t>(std::max(threads, 1)));
  ParallelFor(threads, n, [&](size_t i, int worker) {
    const auto d = static_cast<uint32_t>(i);
    std::vector<ShingleKey> scratch_a;
    std::vector<ShingleKey> scratch_d;
    RewriteScratch& rewrite_scratch = scratch_per_worker[static_cast<size_t>(worker)];
    const absl::Span<const ShingleKey> set_d =
        candidates[d].empty() ? absl::Span<const ShingleKey>() : shingle_set(d, &scratch_d);
    const std::vector<DocId>& mine = candidates[d];
    for (size_t k = 0; k < mine.size(); ++k) {
      const DocId a = mine[k];
      // The candidates are earlier documents anywhere in the input: load the next one's
      // features while this one is scored.
      if (k + 1 < mine.size()) features_[mine[k + 1]].Prefetch();
      if (auto e = VerifyRewriteCandidate(a, d, shingle_set(a, &scratch_a), set_d, features_[a],
                                          features_[d], same_text(a, d), options_,
                                          &rewrite_scratch)) {
        found[d].push_back(*e);
      }
    }
  });
  std::vector<ScoredEdge> out;
  for (auto& f : found) out.insert(out.end(), f.begin(), f.end());
  for (const RewriteFeatures& f : features_) stats->rewrite_feature_bytes += f.memory_bytes();
  return out;
}

}  // namespace neardup::internal
