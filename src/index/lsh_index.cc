#include "neardup/index/lsh_index.h"

#include <algorithm>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "neardup/hash/hash.h"
#include "neardup/sketch/minhash.h"

namespace neardup {

absl::Status LshOptions::Validate(int num_hashes) const {
  if (!(threshold > 0.0 && threshold < 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("LSH threshold must be in (0, 1), got ", threshold));
  }
  if (false_positive_weight < 0 || false_negative_weight < 0 ||
      false_positive_weight + false_negative_weight <= 0) {
    return absl::InvalidArgumentError("LSH weights must be non-negative and not both zero");
  }
  if ((bands == 0) != (rows == 0)) {
    return absl::InvalidArgumentError("give both LSH bands and rows, or neither");
  }
  if (bands < 0 || rows < 0 || bands * rows > num_hashes) {
    return absl::InvalidArgumentError(absl::StrCat("LSH bands x rows (", bands, " x ", rows,
                                                   ") must be at most the number of hashes (",
                                                   num_hashes, ")"));
  }
  return absl::OkStatus();
}

LshParams LshOptions::Resolve(int num_hashes) const {
  if (bands > 0) return {bands, rows};
  // The defaults' banding, precomputed: the search integrates ~500 bandings (5 ms, about 3%
  // of a whole run on Reuters). LshIndexTest.DefaultBandingIsTheOptimalOne checks it.
  const LshOptions defaults;
  if (num_hashes == 128 && threshold == defaults.threshold &&
      false_positive_weight == defaults.false_positive_weight &&
      false_negative_weight == defaults.false_negative_weight) {
    return {39, 3};
  }
  return OptimalLshParams(threshold, num_hashes, false_positive_weight, false_negative_weight);
}

LshIndex::LshIndex(const LshOptions& options, int num_hashes)
    : params_(options.Resolve(num_hashes)), heads_(static_cast<size_t>(params_.bands)) {}

uint32_t LshIndex::BandKey(const uint32_t* signature, int band) const {
  const auto* bytes = reinterpret_cast<const char*>(signature + band * params_.rows);
  return static_cast<uint32_t>(Hash64(std::string_view(bytes, params_.rows * sizeof(uint32_t)),
                static_cast<uint64_t>(band)));
}

void LshIndex::Grow(DocId id) {
  const auto bands = static_cast<size_t>(params_.bands);
  if (next_.size() < (static_cast<size_t>(id) + 1) * bands) {
    next_.resize((static_cast<size_t>(id) + 1) * bands, kNone);
  }
  ++size_;
}

void LshIndex::Reserve(size_t docs) {
  if (docs <= size_) return;
  next_.reserve(docs * static_cast<size_t>(params_.bands));
  for (auto& m : heads_) {
    // With nothing seen yet, every document may open a new bucket in every band.
    m.reserve(size_ == 0 ? docs
                         : static_cast<size_t>(static_cast<double>(m.size()) * static_cast<double>(docs) /
                                               static_cast<double>(size_)));
  }
}

void LshIndex::BandKeys(absl::Span<const uint32_t> signature, std::vector<uint32_t>* keys) const {
  keys->clear();
  // The signature of an empty set would collide with every other empty set.
  if (signature.empty() || IsEmptySignature(signature)) return;
  keys->resize(static_cast<size_t>(params_.bands));
  for (int band = 0; band < params_.bands; ++band) {
    (*keys)[static_cast<size_t>(band)] = BandKey(signature.data(), band);
  }
}

void LshIndex::Insert(DocId id, const IndexKey& key) {
  Grow(id);
  if (key.signature.empty() || IsEmptySignature(key.signature)) return;
  const auto bands = static_cast<size_t>(params_.bands);
  for (int band = 0; band < params_.bands; ++band) {
    auto [it, inserted] = heads_[band].try_emplace(BandKey(key.signature.data(), band), id);
    if (!inserted) {
      next_[id * bands + band] = it->second;
      it->second = id;
    }
  }
}

void LshIndex::QueryInsert(DocId id, absl::Span<const uint32_t> keys, std::vector<DocId>* out,
                           absl::Span<const uint32_t> next_keys) {
  out->clear();
  Grow(id);
  const auto bands = static_cast<size_t>(params_.bands);
  // Large indexes miss the cache on every band. Without the next document's keys, start
  // all of this one's loads before the first probe; with them, this document's were
  // started during the last one's probes, and the next one's start during these, one per
  // probe (a burst of 2 x 39 prefetches would fill the core's line-fill buffers and stall).
  if (next_keys.empty()) {
    for (size_t band = 0; band < keys.size(); ++band) heads_[band].prefetch(keys[band]);
  }
  for (size_t band = 0; band < keys.size(); ++band) {
    if (band < next_keys.size()) heads_[band].prefetch(next_keys[band]);
    auto [it, inserted] = heads_[band].try_emplace(keys[band], id);
    if (inserted) continue;
    for (DocId d = it->second; d != kNone; d = next_[d * bands + band]) out->push_back(d);
    next_[id * bands + band] = it->second;
    it->second = id;
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

void LshIndex::Query(const IndexKey& key, std::vector<DocId>* out) const {
  out->clear();
  if (key.signature.empty() || IsEmptySignature(key.signature)) return;
  const auto bands = static_cast<size_t>(params_.bands);
  for (int band = 0; band < params_.bands; ++band) {
    const auto it = heads_[band].find(BandKey(key.signature.data(), band));
    if (it == heads_[band].end()) continue;
    for (DocId d = it->second; d != kNone; d = next_[d * bands + band]) out->push_back(d);
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

size_t LshIndex::MemoryBytes() const {
  size_t bytes = next_.capacity() * sizeof(DocId);
  for (const auto& m : heads_) bytes += m.capacity() * (sizeof(uint32_t) + sizeof(DocId) + 1);
  return bytes;
}

}  // namespace neardup
