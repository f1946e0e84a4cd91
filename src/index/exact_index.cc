#include "neardup/index/exact_index.h"

#include <algorithm>

namespace neardup {

void ExactIndex::Insert(DocId id, const IndexKey& key) {
  if (set_size_.size() <= id) set_size_.resize(static_cast<size_t>(id) + 1, 0);
  set_size_[id] = static_cast<uint32_t>(key.shingles.size());
  for (const ShingleKey s : key.shingles) postings_[s].push_back(id);
}

void ExactIndex::Query(const IndexKey& key, std::vector<DocId>* out) const {
  out->clear();
  absl::flat_hash_map<DocId, uint32_t> overlap;
  for (const ShingleKey s : key.shingles) {
    const auto it = postings_.find(s);
    if (it == postings_.end()) continue;
    for (const DocId d : it->second) ++overlap[d];
  }
  const double a = static_cast<double>(key.shingles.size());
  for (const auto& [doc, shared] : overlap) {
    const double b = static_cast<double>(set_size_[doc]);
    const double c = static_cast<double>(shared);
    const double jaccard = c / (a + b - c);
    const double containment = std::max(c / a, c / b);
    if (jaccard >= options_.min_jaccard || containment >= options_.min_containment) {
      out->push_back(doc);
    }
  }
  std::sort(out->begin(), out->end());
}

size_t ExactIndex::MemoryBytes() const {
  size_t bytes = set_size_.capacity() * sizeof(uint32_t) +
                 postings_.capacity() * (sizeof(ShingleKey) + sizeof(std::vector<DocId>) + 1);
  for (const auto& [s, list] : postings_) bytes += list.capacity() * sizeof(DocId);
  return bytes;
}

}  // namespace neardup
