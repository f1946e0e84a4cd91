#include "neardup/verify/similarity.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "neardup/base/intersect.h"

namespace neardup {

PairScores ScoreShingleSets(absl::Span<const ShingleKey> a, absl::Span<const ShingleKey> b) {
  if (a.empty() || b.empty()) return PairScores{};
  return ScoresFromCounts(CountShared(a, b, 0), a.size(), b.size());
}

PairScores ScoresFromCounts(size_t shared, size_t size_a, size_t size_b) {
  PairScores s;
  if (size_a == 0 || size_b == 0) return s;
  s.intersection = static_cast<uint32_t>(shared);
  const double c = static_cast<double>(shared);
  const double na = static_cast<double>(size_a);
  const double nb = static_cast<double>(size_b);
  s.jaccard = c / (na + nb - c);
  s.containment_a_in_b = c / na;
  s.containment_b_in_a = c / nb;
  return s;
}

std::optional<PairScores> ScoreShingleSetsIfShared(absl::Span<const ShingleKey> a,
                                                   absl::Span<const ShingleKey> b, size_t min_shared) {
  if (a.empty() || b.empty()) {
    if (min_shared > 0) return std::nullopt;
    return PairScores{};
  }
  const size_t shared = CountShared(a, b, min_shared);
  if (shared < min_shared) return std::nullopt;
  return ScoresFromCounts(shared, a.size(), b.size());
}

size_t MinSharedForRelation(size_t size_a, size_t size_b, bool same_text, const VerifyOptions& options) {
  auto related = [&](size_t shared) {
    return ClassifyPair(ScoresFromCounts(shared, size_a, size_b), same_text, options) != Relation::kNone;
  };
  size_t lo = 1, hi = std::min(size_a, size_b) + 1;  // the answer is in [lo, hi]
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (related(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

std::string_view RelationName(Relation relation) {
  switch (relation) {
    case Relation::kExact: return "exact";
    case Relation::kNearDuplicate: return "near_duplicate";
    case Relation::kContained: return "contained";
    case Relation::kRewrite: return "rewrite";
    case Relation::kNone: break;
  }
  return "none";
}

absl::Status VerifyOptions::Validate() const {
  if (!(jaccard_threshold > 0.0 && jaccard_threshold <= 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("Jaccard threshold must be in (0, 1], got ", jaccard_threshold));
  }
  if (!(containment_threshold >= 0.0 && containment_threshold <= 1.0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "containment threshold must be in [0, 1] (0 turns it off), got ", containment_threshold));
  }
  return absl::OkStatus();
}

Relation ClassifyShingleSets(absl::Span<const ShingleKey> a, absl::Span<const ShingleKey> b, bool same_text,
                             const VerifyOptions& options, PairScores* scores) {
  const std::optional<PairScores> s =
      ScoreShingleSetsIfShared(a, b, MinSharedForRelation(a.size(), b.size(), same_text, options));
  if (!s) return Relation::kNone;
  const Relation relation = ClassifyPair(*s, same_text, options);
  if (relation != Relation::kNone) *scores = *s;
  return relation;
}

Relation ClassifyPair(const PairScores& scores, bool same_text, const VerifyOptions& options) {
  if (scores.intersection == 0) return Relation::kNone;
  if (same_text) return Relation::kExact;
  if (scores.jaccard >= options.jaccard_threshold) return Relation::kNearDuplicate;
  if (options.containment_threshold > 0.0 &&
      std::max(scores.containment_a_in_b, scores.containment_b_in_a) >=
          options.containment_threshold) {
    return Relation::kContained;
  }
  return Relation::kNone;
}

}  // namespace neardup
