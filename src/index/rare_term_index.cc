#include "neardup/index/rare_term_index.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "neardup/hash/hash.h"

namespace neardup {

absl::Status RareTermIndexOptions::Validate() const {
  if (keys_per_doc < 1 || keys_per_doc > kMaxKeysPerDoc) {
    return absl::InvalidArgumentError(absl::StrCat("keys_per_doc must be in [1, ", kMaxKeysPerDoc, "]"));
  }
  if (min_shared < 1 || min_shared > keys_per_doc) {
    return absl::InvalidArgumentError("min_shared must be in [1, keys_per_doc]");
  }
  if (!(min_key_containment >= 0.0 && min_key_containment <= 1.0)) {
    return absl::InvalidArgumentError("min_key_containment must be in [0, 1]");
  }
  if (!(min_idf >= 0.0)) return absl::InvalidArgumentError("min_idf must be non-negative");
  if (max_postings == 0) return absl::InvalidArgumentError("max_postings must be positive");
  return absl::OkStatus();
}

void SelectRareKeys(absl::Span<const uint64_t> terms, const TermStats& stats,
                    const RareTermIndexOptions& options, std::vector<uint64_t>* keys) {
  std::vector<uint32_t> dfs(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) dfs[i] = stats.Df(terms[i]);
  SelectRareKeys(terms, dfs, stats, options, keys);
}

void SelectRareKeys(absl::Span<const uint64_t> terms, absl::Span<const uint32_t> dfs,
                    const TermStats& stats, const RareTermIndexOptions& options,
                    std::vector<uint64_t>* keys) {
  assert(dfs.size() == terms.size());
  std::vector<std::pair<uint64_t, uint64_t>> rare;  // (mixed hash, term)
  // Idf(term) >= min_idf, without a logarithm per term.
  const int64_t max_df = stats.MaxDfWithIdfAtLeast(options.min_idf);
  for (size_t i = 0; i < terms.size(); ++i) {
    if (int64_t{dfs[i]} <= max_df) rare.emplace_back(Mix64(terms[i]), terms[i]);
  }
  const auto k = std::min(rare.size(), static_cast<size_t>(options.keys_per_doc));
  std::partial_sort(rare.begin(), rare.begin() + static_cast<ptrdiff_t>(k), rare.end());
  keys->clear();
  for (size_t i = 0; i < k; ++i) keys->push_back(rare[i].second);
  std::sort(keys->begin(), keys->end());
}

namespace {

// The upper end of a document's sampled hash range as a share of the whole range: the
// largest key's mixed hash when the sample is full, 1 when every rare term is a key.
double SampleBound(absl::Span<const uint64_t> keys, int keys_per_doc) {
  if (keys.size() < static_cast<size_t>(keys_per_doc)) return 1.0;
  uint64_t largest = 0;
  for (const uint64_t key : keys) largest = std::max(largest, Mix64(key));
  return std::ldexp(static_cast<double>(largest), -64);
}

double EstimatedContainment(size_t shared, size_t keys_a, double tau_a, size_t keys_b, double tau_b) {
  const double lesser = std::min(tau_a, tau_b);
  const double in_range = std::min(static_cast<double>(keys_a) * (lesser / tau_a),
                                   static_cast<double>(keys_b) * (lesser / tau_b));
  return in_range <= 0.0 ? 0.0 : static_cast<double>(shared) / in_range;
}

}  // namespace

double KeyContainment(size_t shared, absl::Span<const uint64_t> keys_a, absl::Span<const uint64_t> keys_b,
                      int keys_per_doc) {
  return EstimatedContainment(shared, keys_a.size(), SampleBound(keys_a, keys_per_doc), keys_b.size(),
                              SampleBound(keys_b, keys_per_doc));
}

namespace {

// The minute of a time in seconds, rounded down (toward the past).
int64_t FloorMinute(int64_t seconds) { return seconds >= 0 ? seconds / 60 : -((-(seconds + 1)) / 60) - 1; }

// The minute of a document's time, or nullopt without a time or past the range of int32
// minutes (some 4,000 years either way of 1970; such a document counts as untimed, which
// only keeps it in every window).
std::optional<int32_t> Minute(int64_t seconds) {
  if (seconds == kNoTime) return std::nullopt;
  const int64_t minute = FloorMinute(seconds);
  if (minute < std::numeric_limits<int32_t>::min() || minute > std::numeric_limits<int32_t>::max()) {
    return std::nullopt;
  }
  return static_cast<int32_t>(minute);
}

// FloorMinute clamped to the range of int32.
int32_t ClampedMinute(int64_t seconds) {
  return static_cast<int32_t>(std::clamp<int64_t>(FloorMinute(seconds), std::numeric_limits<int32_t>::min(),
                                                  std::numeric_limits<int32_t>::max()));
}

}  // namespace

void RareTermIndex::Insert(DocId id, absl::Span<const uint64_t> keys, int64_t time) {
  const std::optional<int32_t> minute = Minute(time);
  assert(keys.size() <= kMaxKeysPerDoc);
  for (const uint64_t key : keys) {
    Postings& p = postings_[key];
    p.ids.push_back(id);
    if (!minute) {
      p.untimed.push_back(id);
      continue;
    }
    p.recent.emplace_back(*minute, id);
    // Merged in once they are an eighth of the sorted ones (and at least 16): each entry
    // is moved a bounded number of times on average, and a query scans few unsorted.
    if (p.recent.size() >= std::max<size_t>(16, p.timed.size() / 8)) {
      std::sort(p.recent.begin(), p.recent.end());
      const size_t middle = p.timed.size();
      p.timed.insert(p.timed.end(), p.recent.begin(), p.recent.end());
      std::inplace_merge(p.timed.begin(), p.timed.begin() + static_cast<ptrdiff_t>(middle), p.timed.end());
      p.recent.clear();
    }
  }
  if (samples_.size() <= id) samples_.resize(static_cast<size_t>(id) + 1);
  samples_[id] = {SampleBound(keys, options_.keys_per_doc), static_cast<uint32_t>(keys.size())};
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

std::vector<DocId> StrongestCandidates(absl::Span<const std::pair<DocId, uint32_t>> candidates,
                                       size_t max_candidates, absl::FunctionRef<bool(DocId)> keep) {
  std::vector<DocId> ids;
  if (max_candidates == 0 || candidates.size() <= max_candidates) {
    for (const auto& [id, shared] : candidates) {
      if (keep(id)) ids.push_back(id);
    }
    return ids;
  }
  // Strength order (most shared keys first, then the later id) by a counting sort on the
  // shared counts, walking the ids from the last.
  uint32_t most = 0;
  for (const auto& c : candidates) most = std::max(most, c.second);
  std::vector<uint32_t> start(size_t{most} + 2, 0);  // start[most - shared]: first slot
  for (const auto& c : candidates) ++start[most - c.second + 1];
  for (size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
  std::vector<DocId> order(candidates.size());
  for (size_t i = candidates.size(); i-- > 0;) order[start[most - candidates[i].second]++] = candidates[i].first;
  for (const DocId id : order) {
    if (!keep(id)) continue;
    ids.push_back(id);
    if (ids.size() == max_candidates) break;
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

void RareTermIndex::Query(absl::Span<const uint64_t> keys,
                          std::vector<std::pair<DocId, uint32_t>>* out, Scratch* scratch,
                          TimeWindow window) const {
  QueryBefore(keys, std::numeric_limits<DocId>::max(), out, scratch, window);
}

void RareTermIndex::QueryBefore(absl::Span<const uint64_t> keys, DocId limit,
                                std::vector<std::pair<DocId, uint32_t>>* out, Scratch* scratch,
                                TimeWindow window) const {
  out->clear();
  if (documents_ == 0) return;
  // A document is counted once per key, so a byte holds its count.
  assert(keys.size() <= kMaxKeysPerDoc && "at most kMaxKeysPerDoc keys: a query's count is a byte");
  std::vector<uint8_t>& count = scratch->count_;
  std::vector<DocId>& touched = scratch->touched_;
  if (count.size() <= max_id_) count.resize(static_cast<size_t>(max_id_) + 1, 0);
  // A list's ids below `limit` (ids were inserted in increasing order).
  auto below_limit = [&](absl::Span<const DocId> list) {
    if (limit > max_id_) return list;
    return list.subspan(0, static_cast<size_t>(std::lower_bound(list.begin(), list.end(), limit) - list.begin()));
  };
  const bool windowed = window.seconds > 0 && window.time != kNoTime;
  const int64_t from = window.time > std::numeric_limits<int64_t>::min() + window.seconds
                           ? window.time - window.seconds
                           : std::numeric_limits<int64_t>::min();
  const int64_t to = window.time < std::numeric_limits<int64_t>::max() - window.seconds
                         ? window.time + window.seconds
                         : std::numeric_limits<int64_t>::max();
  const int32_t from_minute = ClampedMinute(from), to_minute = ClampedMinute(to);
  // With a window, a key's ids below `limit` that are untimed or in the window, gathered
  // into in_window_ (spans into it are taken once it is complete: it may grow).
  std::vector<DocId>& in_window = scratch->in_window_;
  in_window.clear();
  std::vector<std::pair<size_t, size_t>>& ranges = scratch->ranges_;
  ranges.clear();
  std::vector<absl::Span<const DocId>>& lists = scratch->lists_;
  lists.clear();
  size_t total = 0;
  for (const uint64_t key : keys) {
    const auto it = postings_.find(key);
    if (it == postings_.end()) continue;
    const Postings& p = it->second;
    // A key in more than max_postings documents (below `limit`) is skipped.
    const absl::Span<const DocId> list = below_limit(p.ids);
    if (list.empty() || list.size() > options_.max_postings) continue;
    if (!windowed) {
      lists.push_back(list);
      total += list.size();
      continue;
    }
    const size_t begin = in_window.size();
    const absl::Span<const DocId> untimed = below_limit(p.untimed);
    in_window.insert(in_window.end(), untimed.begin(), untimed.end());
    // Every time in [from, to] has its minute in [from_minute, to_minute].
    for (auto e = std::lower_bound(p.timed.begin(), p.timed.end(), std::pair<int32_t, DocId>{from_minute, 0});
         e != p.timed.end() && e->first <= to_minute; ++e) {
      if (e->second < limit) in_window.push_back(e->second);
    }
    for (const auto& [minute, id] : p.recent) {
      if (minute >= from_minute && minute <= to_minute && id < limit) in_window.push_back(id);
    }
    if (in_window.size() > begin) ranges.emplace_back(begin, in_window.size());
  }
  for (const auto& [begin, end] : ranges) {
    lists.push_back(absl::MakeConstSpan(in_window).subspan(begin, end - begin));
    total += end - begin;
  }
  // Room for every id of the lists walked, so that ids are appended without a branch
  // (each written, kept when first seen).
  if (touched.size() < total) touched.resize(total);
  DocId* const touched_ids = touched.data();
  size_t num_touched = 0;
  for (const absl::Span<const DocId> list : lists) {
    for (const DocId id : list) {
      touched_ids[num_touched] = id;
      num_touched += count[id]++ == 0;
    }
  }
  const double tau = SampleBound(keys, options_.keys_per_doc);
  const double min_containment = options_.min_key_containment;
  for (size_t t = 0; t < num_touched; ++t) {
    const DocId id = touched[t];
    const uint32_t shared = count[id];
    count[id] = 0;
    if (shared < static_cast<uint32_t>(options_.min_shared)) continue;
    if (min_containment > 0.0 &&
        EstimatedContainment(shared, keys.size(), tau, samples_[id].keys, samples_[id].tau) < min_containment) {
      continue;
    }
    out->emplace_back(id, shared);
  }
  std::sort(out->begin(), out->end());
}

size_t RareTermIndex::MemoryBytes() const {
  size_t bytes = postings_.capacity() * (sizeof(uint64_t) + sizeof(Postings));
  for (const auto& [key, p] : postings_) {
    bytes += (p.ids.capacity() + p.untimed.capacity()) * sizeof(DocId) +
             (p.timed.capacity() + p.recent.capacity()) * sizeof(std::pair<int32_t, DocId>);
  }
  bytes += samples_.capacity() * sizeof(Sample);
  return bytes;
}

}  // namespace neardup
