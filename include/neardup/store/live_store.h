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
// The candidate records of the most recent documents (shingle set and feature outline,
// what every add reads of up to 16 candidates) can also be kept in memory, decoded, up to
// a budget (LiveStoreOptions::hot_bytes): reading one there costs a lookup instead of a
// RocksDB read and a decoding. The database stays the only copy that counts.
//
// Thread-safe: RocksDB serialises writes itself; callers keep their own order of writes.
#ifndef NEARDUP_STORE_LIVE_STORE_H_
#define NEARDUP_STORE_LIVE_STORE_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "neardup/cluster/clustering.h"
#include "neardup/text/shingle.h"
#include "neardup/verify/rewrite.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class PinnableSlice;
}

namespace neardup {

// Version of the database layout; bump it when a record's encoding changes.
inline constexpr int kLiveStoreFormatVersion = 7;

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
  // Memory for the candidate records of the most recent documents, kept decoded: Put
  // keeps each new one, a read from RocksDB keeps what it read, and the oldest kept goes
  // when the budget is exceeded. Default 0: none, every read goes to RocksDB.
  uint64_t hot_bytes = 0;
  // Open reads the newest records in, until hot_bytes are spent (a server does, before
  // its first request). Default false.
  bool load_hot = false;
};

// What a later document reads of an indexed one to verify a pair with it: its sorted
// unique shingle set and, in rewrite mode, the outline of its features (sentences and
// cached postings, what RewriteMayHold reads; the other arrays empty).
struct CandidateRecord {
  std::vector<ShingleKey> shingles;
  RewriteFeatures outline;
  uint64_t memory_bytes() const;
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
  absl::Status Put(const StoredDocument& doc, absl::Span<const ShingleKey> shingle_set,
                   const RewriteFeatures* features);
  // Deletes the documents `seqs` (their records, shingles and features), atomically.
  absl::Status Delete(absl::Span<const uint32_t> seqs);

  // Reads a document's record into `*out`.
  absl::Status GetDocument(uint32_t seq, StoredDocument* out) const;
  // Reads a document's shingle set into `*out`.
  absl::Status GetShingles(uint32_t seq, std::vector<ShingleKey>* out) const;
  // Reads a document's rewrite features into `*out`, with their postings cached.
  absl::Status GetFeatures(uint32_t seq, RewriteFeatures* out) const;
  // Reads the candidate records of the documents `seqs`: from memory those kept there, the
  // others at once (one RocksDB MultiGet). (*records)[i] and (*status)[i] (NotFound for a
  // deleted document, and then a null record) belong to seqs[i].
  void GetCandidates(absl::Span<const uint32_t> seqs,
                     std::vector<std::shared_ptr<const CandidateRecord>>* records,
                     std::vector<absl::Status>* status) const;
  // Reads the rest of a document's features into an outline of them, making them whole.
  absl::Status GetFeatureDetails(uint32_t seq, RewriteFeatures* out) const;
  // Calls `fn` on every stored document in order of seq; stops at the first error.
  absl::Status ForEachDocument(const std::function<absl::Status(StoredDocument)>& fn) const;

  // Returns the seq after the last document ever written (deleted ones included) when the
  // database was opened: seqs are never reused.
  uint32_t next_seq() const { return next_seq_; }
  // Returns the bytes of the database's files on disk.
  uint64_t DiskBytes() const;
  // Returns how many candidate records are kept in memory, and their bytes.
  std::pair<size_t, uint64_t> HotRecords() const;
  const std::string& dir() const { return dir_; }

 private:
  LiveStore(std::string dir, std::unique_ptr<rocksdb::DB> db,
            std::vector<rocksdb::ColumnFamilyHandle*> families, const LiveStoreOptions& options);
  // The column family of a kind of record.
  rocksdb::ColumnFamilyHandle* Family(char kind) const;
  // A document's candidate record (shingle set and feature outline), and its parts:
  // the outline only when `outline` is not null.
  absl::Status ReadCandidate(uint32_t seq, rocksdb::PinnableSlice* value) const;
  absl::Status DecodeCandidate(uint32_t seq, std::string_view value, std::vector<ShingleKey>* shingles,
                               RewriteFeatures* outline) const;
  // The memory's slot for `seq` (holding its record or null), or null when `seq` is
  // outside the range it spans. hot_mu_ must be held.
  std::shared_ptr<const CandidateRecord>* HotSlot(uint32_t seq) const ABSL_SHARED_LOCKS_REQUIRED(hot_mu_);
  // The record of `seq` if kept in memory, else null.
  std::shared_ptr<const CandidateRecord> FindHot(uint32_t seq) const;
  // Keeps the record of `seq` in memory unless it would be the oldest kept past the budget;
  // drops the oldest while over it. Returns false when it was not kept. (The memory is a
  // cache of the database: reads fill it too, hence const.)
  bool KeepHot(uint32_t seq, std::shared_ptr<const CandidateRecord> record) const;
  // Reads the newest documents' records into memory until the budget is spent.
  absl::Status LoadHot();
  std::string dir_;
  std::optional<std::string> parameters_;
  uint32_t next_seq_ = 0;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> families_;  // kFamilies' handles, owned
  bool sync_;
  const uint64_t hot_budget_;
  const bool load_hot_;
  mutable absl::Mutex hot_mu_;
  // The records of seqs hot_first_, hot_first_ + 1, ... (null: not kept, or deleted).
  mutable std::deque<std::shared_ptr<const CandidateRecord>> hot_ ABSL_GUARDED_BY(hot_mu_);
  mutable uint32_t hot_first_ ABSL_GUARDED_BY(hot_mu_) = 0;
  mutable size_t hot_kept_ ABSL_GUARDED_BY(hot_mu_) = 0;
  mutable uint64_t hot_used_ ABSL_GUARDED_BY(hot_mu_) = 0;
};

}  // namespace neardup

#endif  // NEARDUP_STORE_LIVE_STORE_H_
