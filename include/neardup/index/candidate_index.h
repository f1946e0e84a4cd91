// The interface shared by neardup's candidate indexes: given a new document, return the
// earlier documents that might be near-duplicates of it. Two implementations exist:
// LshIndex (banded LSH over MinHash signatures; the fast one) and ExactIndex (every
// document that shares a shingle, filtered by the exact score; the test oracle and the
// --exact mode).
//
//   LshIndex index(LshOptions{.threshold = 0.5}, /*num_hashes=*/128);
//   index.Query(key, &candidates);   // ids inserted earlier, ascending
//   index.Insert(id, key);
#ifndef NEARDUP_INDEX_CANDIDATE_INDEX_H_
#define NEARDUP_INDEX_CANDIDATE_INDEX_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "neardup/text/shingle.h"

namespace neardup {

// Dense document number inside one run (0, 1, 2, ... in input order).
using DocId = uint32_t;

// What an index may look at for one document. The spans must stay valid for the call.
struct IndexKey {
  absl::Span<const uint32_t> signature;  // MinHash signature (LshIndex)
  absl::Span<const ShingleKey> shingles; // the shingle set (ExactIndex)
};

class CandidateIndex {
 public:
  virtual ~CandidateIndex() = default;

  // Adds a document. Ids must be inserted in increasing order. Not thread-safe.
  virtual void Insert(DocId id, const IndexKey& key) = 0;

  // Replaces `*out` with the ids of indexed documents that may be similar to `key`,
  // ascending and unique. Safe to call concurrently with other Query calls (not with
  // Insert).
  virtual void Query(const IndexKey& key, std::vector<DocId>* out) const = 0;

  // Returns the number of documents inserted.
  virtual size_t size() const = 0;

  // Returns an estimate of the heap memory the index holds, in bytes.
  virtual size_t MemoryBytes() const = 0;
};

}  // namespace neardup

#endif  // NEARDUP_INDEX_CANDIDATE_INDEX_H_
