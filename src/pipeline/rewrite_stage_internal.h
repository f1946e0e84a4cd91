// The rewrite-detection stage of the batch driver (private to pipeline/). Phase 1 runs
// with the streaming near-duplicate pass: features of every document are extracted on
// worker threads with the background IDF table; in input order, each document is counted
// into the crawl's term and sentence statistics, its boilerplate dropped and its rare-term
// keys chosen with the statistics so far (CountDocument). Phase 2 runs after the last
// document: candidates are found in input order and scored in parallel.
#ifndef NEARDUP_PIPELINE_REWRITE_STAGE_INTERNAL_H_
#define NEARDUP_PIPELINE_REWRITE_STAGE_INTERNAL_H_

#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "neardup/cluster/clustering.h"
#include "neardup/pipeline/dedup.h"
#include "neardup/text/term_stats.h"

namespace neardup::internal {

// Relation of a candidate pair from its exact shingle scores and, when given, its
// rewrite scores: exact, near-duplicate, contained (at `containment`, 0 = off), rewrite.
Relation DecideRelation(const PairScores& shingles, bool same_text, const RewriteScores* rewrite,
                        double jaccard_threshold, double containment, const RewriteOptions& options);

// The containment threshold in force for `options` (see DedupOptions).
double EffectiveContainment(const DedupOptions& options);

// Counts one document, in input order, into the crawl's term and sentence statistics,
// then turns off its boilerplate sentences and picks its rare-term keys with the
// statistics as they stand: every document before it, and itself. Batch runs and the
// live index both do this, so that a document gets the same keys and features however
// the documents after it arrive. When given, `*terms` and `*sentence_hashes` receive what
// was counted: DocumentTerms (before boilerplate is dropped) and SentenceHashes.
void CountDocument(const DedupOptions& options, TermStats* crawl, TermStats* sentence_df,
                   RewriteFeatures* features, std::vector<uint64_t>* keys,
                   std::vector<uint64_t>* terms = nullptr,
                   std::vector<uint64_t>* sentence_hashes = nullptr);

// Returns true when both times are known and further apart than the rewrite window.
bool OutsideRewriteWindow(const std::optional<absl::Time>& a, const std::optional<absl::Time>& b,
                          const DedupOptions& options);
// A document's time for RareTermIndex (whole seconds, rounded down), or kNoTime.
int64_t IndexTime(const std::optional<absl::Time>& t);
// The window a RareTermIndex query for a document published at `t` may skip by: every
// document OutsideRewriteWindow keeps for it lies within it (a second more each way for
// the rounding of IndexTime). No window without a time or without --rewrite-days.
TimeWindow RewriteTimeWindow(const std::optional<absl::Time>& t, const DedupOptions& options);

// Verifies a rewrite candidate pair (a earlier than b): their sorted shingle sets, their
// features (postings cached), whether their normalised texts are equal. Returns the edge
// with its relation and scores, or nullopt when they are not copies. `scratch` is the
// calling thread's.
std::optional<ScoredEdge> VerifyRewriteCandidate(uint32_t a, uint32_t b,
                                                 absl::Span<const ShingleKey> set_a,
                                                 absl::Span<const ShingleKey> set_b,
                                                 const RewriteFeatures& features_a,
                                                 const RewriteFeatures& features_b, bool same_text,
                                                 const DedupOptions& options, RewriteScratch* scratch);

class RewriteStage {
 public:
  // Loads the background table and makes one stemmer per thread.
  static absl::StatusOr<std::unique_ptr<RewriteStage>> Create(const DedupOptions& options);

  // Phase 1, before extracting: makes room for documents up to `count` (input positions).
  void Resize(size_t count) { features_.resize(count); }
  // Phase 1, on worker `worker`: extracts the features of document `doc` (its position in
  // the input) from its text and tokens (made with keep_words).
  void Extract(uint32_t doc, std::string_view text, const TokenizedText& tokens, int worker);
  // Phase 1, in input order after Extract: CountDocument.
  void Count(uint32_t doc);

  // Phase 2: returns the verified pairs the rare-term index finds that `known` (pairs
  // already verified, as a << 32 | b) does not hold. `shingle_set(d, scratch)` returns
  // document d's sorted unique shingles (possibly in *scratch); `prepare_sets(docs)` is
  // called once before scoring starts, with every document in a candidate pair (in no
  // particular order, repeats included; it may reorder them); `same_text(a, b)` whether
  // their normalised texts are equal; `published(d)` its time, if known.
  std::vector<ScoredEdge> FindPairs(
      const absl::flat_hash_set<uint64_t>& known,
      const std::function<absl::Span<const ShingleKey>(uint32_t, std::vector<ShingleKey>*)>& shingle_set,
      const std::function<void(std::vector<uint32_t>*)>& prepare_sets,
      const std::function<bool(uint32_t, uint32_t)>& same_text,
      const std::function<std::optional<absl::Time>(uint32_t)>& published, DedupStats* stats);

 private:
  explicit RewriteStage(const DedupOptions& options, TermStats background);

  const DedupOptions& options_;
  TermStats background_;  // read-only during phase 1 (shared by the workers)
  TermStats crawl_;       // background + every document, for phase 2
  TermStats sentence_df_;
  std::vector<Stemmer> stemmers_;
  std::vector<TermWeightCache> weight_caches_;  // one per thread, for background_
  std::vector<RewriteFeatures> scratch_features_;  // one per thread
  std::vector<RewriteFeatures> features_;
  std::vector<std::vector<uint64_t>> keys_;  // rare-term keys, chosen by Count
};

}  // namespace neardup::internal

#endif  // NEARDUP_PIPELINE_REWRITE_STAGE_INTERNAL_H_
