// Banded LSH over MinHash signatures: each of b bands of r signature values is hashed to
// a bucket; documents sharing any bucket are candidates. Buckets are chains threaded
// through a flat array, so an indexed document costs 4 bytes per band plus its share of
// one hash-map slot per distinct bucket.
//
//   LshIndex index(LshOptions{.threshold = 0.5}, 128);
//   index.Query({.signature = sig}, &candidates);
//   index.Insert(doc, {.signature = sig});
#ifndef NEARDUP_INDEX_LSH_INDEX_H_
#define NEARDUP_INDEX_LSH_INDEX_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/types/span.h"
#include "neardup/index/candidate_index.h"
#include "neardup/index/lsh_params.h"

namespace neardup {

struct LshOptions {
  // Jaccard similarity the banding is tuned for. Default 0.5.
  double threshold = 0.5;
  // Weights of the false-positive and false-negative areas when choosing (bands, rows).
  // Defaults 0.01 and 0.99: every candidate is verified exactly, so a false positive
  // costs only a set intersection while a false negative is a missed duplicate. At
  // threshold 0.5 and 128 hashes this gives 39 bands of 3 rows, which catches a pair at
  // exactly the threshold with probability 0.994 (equal weights: 25 x 5, 0.55).
  double false_positive_weight = 0.01;
  double false_negative_weight = 0.99;
  // Explicit banding; both 0 (the default) means "choose by OptimalLshParams".
  int bands = 0;
  int rows = 0;

  absl::Status Validate(int num_hashes) const;
  // Returns the banding these options give for signatures of `num_hashes` values.
  LshParams Resolve(int num_hashes) const;
};

// Not thread-safe for Insert; Query is safe concurrently with other Queries.
class LshIndex final : public CandidateIndex {
 public:
  // `options` must have passed Validate(num_hashes).
  LshIndex(const LshOptions& options, int num_hashes);

  void Insert(DocId id, const IndexKey& key) override;
  void Query(const IndexKey& key, std::vector<DocId>* out) const override;
  size_t size() const override { return size_; }
  size_t MemoryBytes() const override;

  const LshParams& params() const { return params_; }

  // The split form of Query + Insert, for a driver that hashes on worker threads and
  // indexes on one: BandKeys fills `*keys` with the signature's bucket keys (empty for an
  // empty signature); it is const and safe from many threads. QueryInsert then sets `*out`
  // to the sorted documents sharing a bucket with `keys` and inserts `id` under them, as
  // Query followed by Insert would, with one hash-map probe per band instead of two.
  // A driver that knows the next document's keys passes them as `next_keys`: their
  // buckets are prefetched one per band as this document's are probed, so that they are
  // in cache when its turn comes (a large index misses the cache on every band). Without
  // them, this document's buckets are prefetched all at once before the first probe.
  void BandKeys(absl::Span<const uint32_t> signature, std::vector<uint32_t>* keys) const;
  void QueryInsert(DocId id, absl::Span<const uint32_t> keys, std::vector<DocId>* out,
                   absl::Span<const uint32_t> next_keys = {});
  // Makes room for `docs` documents in all, assuming each band keeps the share of new
  // buckets per document seen so far (on an empty index, one per document). Saves
  // rehashing the bucket maps as they grow; a driver calls it once it can estimate the
  // input's size.
  void Reserve(size_t docs);

 private:
  static constexpr DocId kNone = 0xFFFFFFFFu;
  // 32 bits suffice: a collision between two different bands only adds a candidate, which
  // verification rejects, and halves the map's memory (about 1 in 2^32 / n lookups).
  uint32_t BandKey(const uint32_t* signature, int band) const;
  // Makes room for document `id`'s chain links.
  void Grow(DocId id);

  LshParams params_;
  // heads_[band] maps a band's key to the most recently inserted document in it.
  std::vector<absl::flat_hash_map<uint32_t, DocId>> heads_;
  // next_[id * bands + band] is the previous document of the same bucket, or kNone.
  std::vector<DocId> next_;
  size_t size_ = 0;
};

}  // namespace neardup

#endif  // NEARDUP_INDEX_LSH_INDEX_H_
