// An exhaustive candidate index: an inverted list from each shingle to the documents that
// contain it. Query counts, for every earlier document sharing at least one shingle, the
// exact size of the intersection, and returns those whose exact Jaccard or containment
// reaches the options' bounds. Every other pair shares no shingle, so this is a
// brute-force answer, used as the oracle for LshIndex and for `neardup dedup --exact`.
//
//   ExactIndex index(ExactIndexOptions{.min_jaccard = 0.5});
//   index.Query({.shingles = set}, &candidates);
//   index.Insert(doc, {.shingles = set});
#ifndef NEARDUP_INDEX_EXACT_INDEX_H_
#define NEARDUP_INDEX_EXACT_INDEX_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "neardup/index/candidate_index.h"

namespace neardup {

struct ExactIndexOptions {
  // A document is returned when its exact Jaccard with the query is at least this...
  double min_jaccard = 0.5;
  // ...or when either set's containment in the other is at least this (above 1: off).
  double min_containment = 2.0;
};

// Not thread-safe for Insert; Query is safe concurrently with other Queries.
class ExactIndex final : public CandidateIndex {
 public:
  explicit ExactIndex(const ExactIndexOptions& options) : options_(options) {}

  void Insert(DocId id, const IndexKey& key) override;
  void Query(const IndexKey& key, std::vector<DocId>* out) const override;
  size_t size() const override { return set_size_.size(); }
  size_t MemoryBytes() const override;

 private:
  ExactIndexOptions options_;
  absl::flat_hash_map<ShingleKey, std::vector<DocId>> postings_;
  std::vector<uint32_t> set_size_;  // by DocId
};

}  // namespace neardup

#endif  // NEARDUP_INDEX_EXACT_INDEX_H_
