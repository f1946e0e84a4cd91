#include "neardup/verify/similarity.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace neardup {

PairScores ScoreShingleSets(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b) {
  PairScores s;
  if (a.empty() || b.empty()) return s;
  size_t i = 0;
  size_t j = 0;
  uint32_t shared = 0;
  while (i < a.size() && j < b.size()) {
    const uint64_t x = a[i];
    const uint64_t y = b[j];
    shared += x == y;
    i += x <= y;
    j += y <= x;
  }
  s.intersection = shared;
  const double c = shared;
  const double na = static_cast<double>(a.size());
  const double nb = static_cast<double>(b.size());
  s.jaccard = c / (na + nb - c);
  s.containment_a_in_b = c / na;
  s.containment_b_in_a = c / nb;
  return s;
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
