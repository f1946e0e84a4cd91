#include "neardup/verify/passages.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"

namespace neardup {

std::vector<SharedPassage> FindSharedPassages(
    absl::Span<const uint32_t> a_begin, absl::Span<const uint32_t> a_end,
    absl::Span<const uint64_t> a_shingles, absl::Span<const uint32_t> b_begin,
    absl::Span<const uint32_t> b_end, absl::Span<const uint64_t> b_shingles, int shingle_size) {
  std::vector<SharedPassage> out;
  if (a_shingles.empty() || b_shingles.empty()) return out;
  // Every position of each shingle in B, so that repeated passages pair up in order.
  absl::flat_hash_map<uint64_t, std::vector<uint32_t>> positions;
  for (uint32_t j = 0; j < b_shingles.size(); ++j) positions[b_shingles[j]].push_back(j);

  const auto k = static_cast<size_t>(shingle_size);
  // A window covers min(k, tokens) tokens (texts shorter than k have one shingle).
  const size_t a_window = std::min(k, a_begin.size());
  const size_t b_window = std::min(k, b_begin.size());
  std::vector<bool> used_b(b_shingles.size(), false);
  size_t i = 0;
  while (i < a_shingles.size()) {
    const auto it = positions.find(a_shingles[i]);
    if (it == positions.end()) {
      ++i;
      continue;
    }
    // Of B's occurrences not yet used, take the one giving the longest run.
    size_t best_j = 0;
    size_t best_len = 0;
    for (const uint32_t j : it->second) {
      if (used_b[j]) continue;
      size_t len = 1;
      while (i + len < a_shingles.size() && j + len < b_shingles.size() &&
             a_shingles[i + len] == b_shingles[j + len] && !used_b[j + len]) {
        ++len;
      }
      if (len > best_len) {
        best_len = len;
        best_j = j;
      }
    }
    if (best_len == 0) {
      ++i;
      continue;
    }
    for (size_t t = 0; t < best_len; ++t) used_b[best_j + t] = true;
    const size_t a_last = i + best_len - 1 + a_window - 1;  // last token of the run
    const size_t b_last = best_j + best_len - 1 + b_window - 1;
    out.push_back({a_begin[i], a_end[a_last], b_begin[best_j], b_end[b_last],
                   static_cast<uint32_t>(best_len - 1 + a_window)});
    i += best_len;
  }
  std::stable_sort(out.begin(), out.end(), [](const SharedPassage& x, const SharedPassage& y) {
    return x.tokens > y.tokens;
  });
  return out;
}

}  // namespace neardup
