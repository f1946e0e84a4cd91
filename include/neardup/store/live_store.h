// The persistent half of the live index: documents, their exact shingle sets and rewrite
// features, and the verified pairs, in a RocksDB database. The database records its
// format version and the parameters that make its contents comparable; opening it with
// other parameters fails and names the first that differs. Each document is written with
// one atomic write batch, so a crash (even SIGKILL) never leaves half of one.
//
//   NEARDUP_ASSIGN_OR_RETURN(auto store, LiveStore::Open("news.db", params, {}));
//   NEARDUP_RETURN_IF_ERROR(store->Put(doc, shingle_set, &features));
//   NEARDUP_RETURN_IF_ERROR(store->ForEachDocument([](StoredDocument d) { ...; return absl::OkStatus(); }));
//
// Thread-safe: RocksDB serialises writes itself; callers keep their own order of writes.
#ifndef NEARDUP_STORE_LIVE_STORE_H_
#define NEARDUP_STORE_LIVE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "neardup/cluster/clustering.h"
#include "neardup/verify/rewrite.h"

namespace rocksdb {
class DB;
class PinnableSlice;
}

namespace neardup {

// Version of the database layout; bump it when a record's encoding changes.
inline constexpr int kLiveStoreFormatVersion = 3;

// What is known of a document apart from its contents (the part of its record that the
// live index keeps in memory).
struct DocumentFacts {
  std::string id;
  std::optional<absl::Time> published;
  absl::Time added;
  uint64_t text_bytes = 0;
  uint32_t tokens = 0;
  uint64_t fingerprint = 0;  // of its normalised token sequence (equal texts)
};

// One document's record. `seq` numbers documents in order of addition, from 0, and is
// never reused. `edges` are its verified pairs with earlier documents (edge.a earlier,
// edge.b == seq).
struct StoredDocument : DocumentFacts {
  uint32_t seq = 0;
  std::vector<uint32_t> signature;
  // Rewrite mode: its rare-term keys, the content terms and sentence hashes it added to
  // the crawl's statistics (so they can be counted again on opening and taken back on
  // deletion).
  std::vector<uint64_t> rare_keys;
  std::vector<uint64_t> terms;
  std::vector<uint64_t> sentence_hashes;
  std::vector<ScoredEdge> edges;
};

struct LiveStoreOptions {
  bool create_if_missing = true;
  bool sync = false;  // fsync the write-ahead log on every write
  size_t cache_bytes = size_t{256} << 20;  // RocksDB block cache. Default 256 MiB.
};

class LiveStore {
 public:
  // Opens or creates the database in `dir`. NotFound when there is no database and
  // create_if_missing is false; FailedPrecondition when it has another format version.
  static absl::StatusOr<std::unique_ptr<LiveStore>> Open(const std::string& dir,
                                                         const LiveStoreOptions& options);

  // Returns the parameters stored with the database, or nullopt before the first
  // MatchParameters.
  const std::optional<std::string>& parameters() const { return parameters_; }
  // `parameters` is a list of "name=value" lines describing everything that makes stored
  // signatures and scores comparable. A new database stores it; an existing one must
  // hold the same list (FailedPrecondition naming the first parameter that differs).
  absl::Status MatchParameters(const std::string& parameters);
  ~LiveStore();

  // Writes a document with its sorted unique shingle set and, in rewrite mode, its
  // features (nullptr otherwise), atomically.
  absl::Status Put(const StoredDocument& doc, absl::Span<const uint64_t> shingle_set,
                   const RewriteFeatures* features);
  // Deletes the documents `seqs` (their records, shingles and features), atomically.
  absl::Status Delete(absl::Span<const uint32_t> seqs);

  // Reads a document's record into `*out`.
  absl::Status GetDocument(uint32_t seq, StoredDocument* out) const;
  // Reads a document's shingle set into `*out`.
  absl::Status GetShingles(uint32_t seq, std::vector<uint64_t>* out) const;
  // Reads a document's rewrite features into `*out`, with their postings cached.
  absl::Status GetFeatures(uint32_t seq, RewriteFeatures* out) const;
  // Reads the shingle sets and feature outlines of the documents `seqs` at once (one
  // record each, in one RocksDB MultiGet): (*shingles)[i], (*outlines)[i] and (*status)[i]
  // (NotFound for a deleted document) belong to seqs[i]. An outline holds a document's
  // sentences and cached postings (what RewriteMayHold reads), its other arrays empty.
  void GetCandidates(absl::Span<const uint32_t> seqs, std::vector<std::vector<uint64_t>>* shingles,
                     std::vector<RewriteFeatures>* outlines, std::vector<absl::Status>* status) const;
  // Reads the rest of a document's features into an outline of them, making them whole.
  absl::Status GetFeatureDetails(uint32_t seq, RewriteFeatures* out) const;
  // Calls `fn` on every stored document in order of seq; stops at the first error.
  absl::Status ForEachDocument(const std::function<absl::Status(StoredDocument)>& fn) const;

  // Returns the seq after the last document ever written (deleted ones included) when the
  // database was opened: seqs are never reused.
  uint32_t next_seq() const { return next_seq_; }
  // Returns the bytes of the database's files on disk.
  uint64_t DiskBytes() const;
  const std::string& dir() const { return dir_; }

 private:
  LiveStore(std::string dir, std::unique_ptr<rocksdb::DB> db, bool sync);
  // A document's candidate record (shingle set and feature outline), and its parts:
  // the outline only when `outline` is not null.
  absl::Status ReadCandidate(uint32_t seq, rocksdb::PinnableSlice* value) const;
  absl::Status DecodeCandidate(uint32_t seq, std::string_view value, std::vector<uint64_t>* shingles,
                               RewriteFeatures* outline) const;
  std::string dir_;
  std::optional<std::string> parameters_;
  uint32_t next_seq_ = 0;
  std::unique_ptr<rocksdb::DB> db_;
  bool sync_;
};

}  // namespace neardup

#endif  // NEARDUP_STORE_LIVE_STORE_H_
