// Exact set similarity of two shingle sets (sorted unique ShingleKeys, text/shingle.h),
// and the relation a verified pair is given.
// Every candidate an index proposes is checked here; nothing below the thresholds is
// ever reported.
//
//   PairScores s = ScoreShingleSets(set_a, set_b);   // both sorted and unique
//   Relation r = ClassifyPair(s, same_text, VerifyOptions{});
#ifndef NEARDUP_VERIFY_SIMILARITY_H_
#define NEARDUP_VERIFY_SIMILARITY_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "neardup/text/shingle.h"

namespace neardup {

struct PairScores {
  uint32_t intersection = 0;
  double jaccard = 0.0;             // |A ∩ B| / |A ∪ B|
  double containment_a_in_b = 0.0;  // |A ∩ B| / |A|: how much of A is inside B
  double containment_b_in_a = 0.0;  // |A ∩ B| / |B|
};

// Returns the exact scores of two sorted, unique shingle sets. Two empty sets score 0:
// a document with no words is nobody's duplicate.
PairScores ScoreShingleSets(absl::Span<const ShingleKey> a, absl::Span<const ShingleKey> b);

// Returns the scores of a set of `size_a` and a set of `size_b` elements that share
// `shared` (what ScoreShingleSets returns once it has counted them).
PairScores ScoresFromCounts(size_t shared, size_t size_a, size_t size_b);

// Returns what ScoreShingleSets returns, or nullopt as soon as the sets provably share
// fewer than `min_shared` shingles (the shingles left in either set cannot make up the
// difference): most candidate pairs that are not copies stop early.
std::optional<PairScores> ScoreShingleSetsIfShared(absl::Span<const ShingleKey> a,
                                                   absl::Span<const ShingleKey> b, size_t min_shared);

enum class Relation : uint8_t {
  kNone,
  kExact,          // the same normalised text
  kNearDuplicate,  // Jaccard at or above the threshold: a syndicated copy
  kContained,      // one is (mostly) inside the other: an excerpt or cut-down copy
  kRewrite,        // a rewritten copy of the same story
};

// Returns "exact", "near_duplicate", "contained", "rewrite" or "none".
std::string_view RelationName(Relation relation);

struct VerifyOptions {
  // Pairs whose Jaccard is at least this are near-duplicates. Default 0.5.
  double jaccard_threshold = 0.5;
  // Pairs where the smaller set lies at least this much inside the larger are
  // "contained". Default 0: off, so only Jaccard decides.
  double containment_threshold = 0.0;

  absl::Status Validate() const;
};

// Returns the relation of a scored pair; `same_text` says whether the two normalised
// token sequences are identical.
Relation ClassifyPair(const PairScores& scores, bool same_text, const VerifyOptions& options);

// Returns the fewest shared shingles with which sets of `size_a` and `size_b` shingles
// get a relation from ClassifyPair (which only grows with the shared count), or
// min(size_a, size_b) + 1 when none does: the `min_shared` of ScoreShingleSetsIfShared.
size_t MinSharedForRelation(size_t size_a, size_t size_b, bool same_text, const VerifyOptions& options);

// Returns ClassifyPair(ScoreShingleSets(a, b), same_text, options) and, when it is not
// kNone, sets `*scores`; the merge stops as soon as no relation can be reached (most
// candidate pairs of a crawl are not copies).
Relation ClassifyShingleSets(absl::Span<const ShingleKey> a, absl::Span<const ShingleKey> b, bool same_text,
                             const VerifyOptions& options, PairScores* scores);

}  // namespace neardup

#endif  // NEARDUP_VERIFY_SIMILARITY_H_
