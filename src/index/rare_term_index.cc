#include "neardup/index/rare_term_index.h"

#include <algorithm>
#include <utility>

#include "neardup/hash/hash.h"

namespace neardup {

absl::Status RareTermIndexOptions::Validate() const {
  if (keys_per_doc < 1) return absl::InvalidArgumentError("keys_per_doc must be at least 1");
  if (min_shared < 1 || min_shared > keys_per_doc) {
    return absl::InvalidArgumentError("min_shared must be in [1, keys_per_doc]");
  }
  if (!(min_idf >= 0.0)) return absl::InvalidArgumentError("min_idf must be non-negative");
  if (max_postings == 0) return absl::InvalidArgumentError("max_postings must be positive");
  return absl::OkStatus();
}

void SelectRareKeys(absl::Span<const uint64_t> terms, const TermStats& stats,
                    const RareTermIndexOptions& options, std::vector<uint64_t>* keys) {
  std::vector<std::pair<uint64_t, uint64_t>> rare;  // (mixed hash, term)
  for (const uint64_t term : terms) {
    if (stats.Idf(term) >= options.min_idf) rare.emplace_back(Mix64(term), term);
  }
  const auto k = std::min(rare.size(), static_cast<size_t>(options.keys_per_doc));
  std::partial_sort(rare.begin(), rare.begin() + static_cast<ptrdiff_t>(k), rare.end());
  keys->clear();
  for (size_t i = 0; i < k; ++i) keys->push_back(rare[i].second);
  std::sort(keys->begin(), keys->end());
}

void RareTermIndex::Insert(DocId id, absl::Span<const uint64_t> keys) {
  for (const uint64_t key : keys) postings_[key].push_back(id);
  ++documents_;
  max_id_ = std::max(max_id_, id);
}

void RareTermIndex::Query(absl::Span<const uint64_t> keys, std::vector<DocId>* out) const {
  std::vector<std::pair<DocId, uint32_t>> counted;
  Scratch scratch;
  Query(keys, &counted, &scratch);
  out->clear();
  for (const auto& [id, shared] : counted) out->push_back(id);
}

std::vector<DocId> StrongestCandidates(std::vector<std::pair<DocId, uint32_t>> candidates,
                                       size_t max_candidates) {
  if (max_candidates > 0 && candidates.size() > max_candidates) {
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<ptrdiff_t>(max_candidates),
                      candidates.end(), [](const auto& x, const auto& y) {
                        return x.second > y.second || (x.second == y.second && x.first > y.first);
                      });
    candidates.resize(max_candidates);
    std::sort(candidates.begin(), candidates.end());
  }
  std::vector<DocId> ids;
  ids.reserve(candidates.size());
  for (const auto& [id, shared] : candidates) ids.push_back(id);
  return ids;
}

void RareTermIndex::Query(absl::Span<const uint64_t> keys,
                          std::vector<std::pair<DocId, uint32_t>>* out, Scratch* scratch) const {
  out->clear();
  if (documents_ == 0) return;
  std::vector<uint16_t>& count = scratch->count_;
  std::vector<DocId>& touched = scratch->touched_;
  if (count.size() <= max_id_) count.resize(static_cast<size_t>(max_id_) + 1, 0);
  // Room for every id of the lists walked, so that ids are appended without a branch
  // (each written, kept when first seen).
  auto list_of = [&](uint64_t key) -> const std::vector<DocId>* {
    const auto it = postings_.find(key);
    if (it == postings_.end() || it->second.size() > options_.max_postings) return nullptr;
    return &it->second;
  };
  size_t total = 0;
  for (const uint64_t key : keys) {
    if (const std::vector<DocId>* list = list_of(key)) total += list->size();
  }
  if (touched.size() < total) touched.resize(total);
  DocId* const touched_ids = touched.data();
  size_t num_touched = 0;
  for (const uint64_t key : keys) {
    const std::vector<DocId>* list = list_of(key);
    if (list == nullptr) continue;
    for (const DocId id : *list) {
      touched_ids[num_touched] = id;
      num_touched += count[id]++ == 0;
    }
  }
  for (size_t t = 0; t < num_touched; ++t) {
    const DocId id = touched[t];
    if (count[id] >= options_.min_shared) out->emplace_back(id, count[id]);
    count[id] = 0;
  }
  std::sort(out->begin(), out->end());
}

size_t RareTermIndex::MemoryBytes() const {
  size_t bytes = postings_.capacity() * (sizeof(uint64_t) + sizeof(std::vector<DocId>));
  for (const auto& [key, list] : postings_) bytes += list.capacity() * sizeof(DocId);
  return bytes;
}

}  // namespace neardup
