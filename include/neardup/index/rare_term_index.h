// Candidate generation for rewrite detection: an inverted index over a small sample of
// each document's rare stemmed terms (names, places, figures survive paraphrase; common
// words do not tell stories apart). A document's keys are the `keys_per_doc` rare terms
// (IDF at least `min_idf`) with the smallest mixed hashes, a bottom-k sketch of its rare
// vocabulary, so two documents sharing most rare terms share most keys. Candidates are
// the earlier documents sharing at least `min_shared` keys and, as estimated from the
// samples, at least `min_key_containment` of the rare terms of one of the two
// (KeyContainment); ScoreRewrite then verifies them. Cost per query: the posting lists
// of its keys, each capped at `max_postings`.
//
//   RareTermIndex index(RareTermIndexOptions{});
//   std::vector<uint64_t> keys;
//   SelectRareKeys(features.DocumentTerms(), stats, index.options(), &keys);
//   index.Query(keys, &candidates);   // earlier ids, ascending
//   index.Insert(id, keys);
#ifndef NEARDUP_INDEX_RARE_TERM_INDEX_H_
#define NEARDUP_INDEX_RARE_TERM_INDEX_H_

#include <cstdint>
#include <limits>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/types/span.h"
#include "neardup/index/candidate_index.h"
#include "neardup/text/term_stats.h"

namespace neardup {

// The most keys a document may have (a query counts shared keys in a byte).
inline constexpr int kMaxKeysPerDoc = 255;

// A document's time in whole seconds (for instance absl::ToUnixSeconds of its publication
// time), or kNoTime when it has none.
inline constexpr int64_t kNoTime = std::numeric_limits<int64_t>::min();

// Lets a query skip documents further in time from it than `seconds` (when both have a
// time; 0: no window). News rewrites appear within days of each other, so a caller that
// drops such pairs anyway spares the index walking them: in a crawl of months most
// documents sharing rare terms with one are from other weeks. The index keeps times to
// the minute, so documents up to a minute further away may be kept too.
struct TimeWindow {
  int64_t time = kNoTime;  // the query's
  int64_t seconds = 0;
};

struct RareTermIndexOptions {
  // Keys sampled per document, at most kMaxKeysPerDoc. Default 32.
  int keys_per_doc = 32;
  // Terms with a lower IDF are never keys. Default 4.0 (a term in under 2% of documents).
  double min_idf = 4.0;
  // Keys two documents must share to be candidates. Default 3.
  int min_shared = 3;
  // Estimated share of the rare terms of one of two documents that the other has
  // (KeyContainment), at least, for them to be candidates. Pairs sharing a few names
  // among many are not copies: 0.15 drops 18-71% of the candidates on six corpora
  // without losing a verified pair (docs/rewrite.md). 0: off. Default 0.15.
  double min_key_containment = 0.15;
  // Posting lists longer than this are skipped at query time (the key has become too
  // common in this crawl to be evidence). Default 10000.
  size_t max_postings = 10000;
  // Candidates verified per document, at most: those sharing the most keys (then the most
  // recent). A story copied many times, or a corpus tiled from the same articles, would
  // otherwise have every document aligned with dozens of others; the few that share the
  // most rare terms are the ones that can be its copies. 0: no limit. Default 16.
  size_t max_candidates = 16;

  absl::Status Validate() const;
};

// Replaces `*keys` with the sampled rare terms of a document's sorted unique term set.
void SelectRareKeys(absl::Span<const uint64_t> terms, const TermStats& stats,
                    const RareTermIndexOptions& options, std::vector<uint64_t>* keys);
// Same, with the terms' document frequencies in `stats` given (dfs[i] of terms[i]).
void SelectRareKeys(absl::Span<const uint64_t> terms, absl::Span<const uint32_t> dfs,
                    const TermStats& stats, const RareTermIndexOptions& options,
                    std::vector<uint64_t>* keys);

// Returns the estimated containment of the rare terms of one of two documents in the
// other's (the larger of the two directions) from their keys, of which `shared` are
// common. A document's keys are its rare terms whose mixed hash is below a bound tau (the
// largest key's, when it has keys_per_doc of them; else the whole hash range): terms of
// both documents hashed below the lesser bound are keys of both, so `shared` counts the
// common terms in that range, and each document has about keys * (lesser / own tau) of
// its keys there.
double KeyContainment(size_t shared, absl::Span<const uint64_t> keys_a, absl::Span<const uint64_t> keys_b,
                      int keys_per_doc);

// Of `candidates` (by ascending id, with their shared-key counts), returns the ids of the
// `max_candidates` for which `keep` holds that share the most keys, the later of equals
// first (0: every one `keep` holds for), ascending. `keep` is asked in that order and no
// further than needed, so a costly filter runs on few candidates.
std::vector<DocId> StrongestCandidates(absl::Span<const std::pair<DocId, uint32_t>> candidates,
                                       size_t max_candidates, absl::FunctionRef<bool(DocId)> keep);

// Not thread-safe for Insert; Query may run concurrently with other Query calls.
class RareTermIndex {
 public:
  explicit RareTermIndex(const RareTermIndexOptions& options) : options_(options) {}

  // Adds a document with its time (kNoTime: none); ids must increase.
  void Insert(DocId id, absl::Span<const uint64_t> keys, int64_t time = kNoTime);
  // Replaces `*out` with the indexed documents sharing at least min_shared keys and
  // min_key_containment.
  void Query(absl::Span<const uint64_t> keys, std::vector<DocId>* out) const;
  // Reusable counting space for Query, one per thread: a query then costs time linear in
  // the postings it reads (no sort of them).
  class Scratch {
   private:
    friend class RareTermIndex;
    std::vector<uint8_t> count_;  // by DocId, all 0 between queries (small: random access)
    std::vector<DocId> touched_;
    std::vector<absl::Span<const DocId>> lists_;  // the lists of a query's keys
    std::vector<DocId> in_window_;  // their ids in the time window, key after key
    std::vector<std::pair<size_t, size_t>> ranges_;  // each key's [begin, end) in in_window_
  };
  // Same, with the number of keys each shares, by ascending id; with a `window`, leaves
  // out the documents outside it (the others are found and counted as without it).
  void Query(absl::Span<const uint64_t> keys, std::vector<std::pair<DocId, uint32_t>>* out,
             Scratch* scratch, TimeWindow window = {}) const;
  // Same, as the index was before the first document with an id of at least `limit` was
  // inserted (posting lists capped at max_postings as they were then), so that a batch
  // can insert every document first and then query them all concurrently.
  void QueryBefore(absl::Span<const uint64_t> keys, DocId limit,
                   std::vector<std::pair<DocId, uint32_t>>* out, Scratch* scratch,
                   TimeWindow window = {}) const;

  size_t size() const { return documents_; }
  size_t MemoryBytes() const;
  const RareTermIndexOptions& options() const { return options_; }

 private:
  RareTermIndexOptions options_;
  size_t documents_ = 0;
  DocId max_id_ = 0;
  // A key's documents: all of them by id (whose count below a limit decides max_postings),
  // and the same again by time: the timed ones by (time, id) but for the latest few, kept
  // as they came until there are enough to merge in (documents need not come in time
  // order, and inserting each in place would move the list), and the others by id.
  struct Postings {
    std::vector<DocId> ids;
    std::vector<std::pair<int32_t, DocId>> timed;   // (minute, id); see Minute
    std::vector<std::pair<int32_t, DocId>> recent;
    std::vector<DocId> untimed;
  };
  absl::flat_hash_map<uint64_t, Postings> postings_;
  // By id: each document's number of keys and tau (KeyContainment), side by side (a
  // query reads both of each candidate's, at random).
  struct Sample {
    double tau = 1.0;
    uint32_t keys = 0;
  };
  std::vector<Sample> samples_;
};

}  // namespace neardup

#endif  // NEARDUP_INDEX_RARE_TERM_INDEX_H_
