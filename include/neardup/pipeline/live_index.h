// The live index: a persistent, incremental deduplication index for a news feed. Each
// document added gets its verdict at once (new, or exact / near-duplicate / contained /
// rewrite copy of an indexed document, with its cluster and scores) against everything
// indexed before it. The index lives in a RocksDB database in one directory, which records
// its format version and every parameter that makes signatures and scores comparable;
// opening it with other parameters is an error. Each document is written atomically (one
// RocksDB write batch with its record, index entries and edges), so a crash never leaves
// a half-added document.
//
// Verdicts are batch mode's: adding the documents of a corpus one at a time, in the order
// `neardup dedup` reads them, gives the same pairs and the same clusters (docs/live.md
// says why and where order matters).
//
//   LiveIndexOptions options;
//   NEARDUP_ASSIGN_OR_RETURN(auto index, LiveIndex::Open("news.db", options));
//   NEARDUP_ASSIGN_OR_RETURN(LiveVerdict v, index->Add(std::move(doc)));
//   JsonWriter w; WriteLiveVerdict(v, &w);
//
// Thread-safety: every method may be called from any thread. Adds, deletes and expiry are
// serialised; queries and lookups run concurrently with each other and with them.
#ifndef NEARDUP_PIPELINE_LIVE_INDEX_H_
#define NEARDUP_PIPELINE_LIVE_INDEX_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "neardup/base/document.h"
#include "neardup/base/json_writer.h"
#include "neardup/cluster/clustering.h"
#include "neardup/pipeline/dedup.h"

namespace neardup {

struct LiveIndexOptions {
  // What to detect and with which parameters: mode, analyzer, lsh, verify, rewrite,
  // rare_terms, stemmer, df_table, containment, rewrite window, cluster. Reader, thread,
  // batch and memory fields are not used. The parameters that make signatures comparable
  // are stored in a new database and checked against every later Open.
  DedupOptions dedup;
  // Create the database when `dir` holds none. Default true; false makes Open fail with
  // NotFound instead (query, stats).
  bool create_if_missing = true;
  // Take the detection settings stored in an existing database instead of `dedup`'s
  // (commands that do not choose them: delete, expire, stats). Default false: the
  // settings must match.
  bool use_stored_settings = false;
  // Sync the write-ahead log before Add returns: survives power loss, not only a crash of
  // the process (which unsynced writes survive too). Default false.
  bool sync = false;
  // Memory for the candidate records of the most recent documents, kept decoded
  // (LiveStoreOptions::hot_bytes): each add reads those of its candidates, and from memory
  // that costs a fraction of a RocksDB read. Default 0: none.
  uint64_t memory_budget_bytes = 0;
  // Read those records in on opening (newest first), not only as documents are added and
  // read: a server does, so that its first requests find them. Default false.
  bool preload_memory = false;
};

// The verdict on one document: where it stands against the index. Same content as a
// batch verdict record (pipeline/report.h).
struct LiveVerdict {
  std::string id;
  // Whether the document is in the index (Add, Get) or was only compared (Query).
  bool indexed = false;
  // Its cluster: a number that stays with the cluster while its first member (in order of
  // addition) is indexed. The representative is chosen as in batch mode.
  uint64_t cluster = 0;
  std::string representative;
  // The edge that ties it into its cluster (nullopt: the document is the representative or
  // alone, that is "new" when it has just been added). `link.a`/`link.b` are not
  // meaningful here; `self_is_a` says which side the document is on.
  std::optional<ScoredEdge> link;
  std::string link_id;  // the other document of `link`
  bool self_is_a = false;
  uint32_t cluster_size = 1;
  // Whether the document had no verified pair with any document indexed before it: a
  // new story (it may since have been copied, and may even be its cluster's
  // representative while not new, when it was published before what it copies).
  bool is_new = true;
  // Its place in the order of addition, from 0 (not written by WriteLiveVerdict; 0 for
  // a query).
  uint64_t sequence = 0;
};

// A cluster as GetCluster returns it: members in order of addition.
struct LiveCluster {
  uint64_t cluster = 0;
  std::string representative;
  std::vector<std::string> members;
};

struct LiveIndexStats {
  uint64_t documents = 0;        // documents indexed now
  uint64_t added = 0;            // documents ever added (sequence numbers used)
  uint64_t deleted = 0;          // documents deleted or expired
  uint64_t clusters_with_copies = 0;
  uint64_t edges = 0;            // verified pairs between indexed documents
  uint64_t disk_bytes = 0;       // size of the database files
  uint64_t memory_records = 0;   // candidate records kept in memory (memory_budget_bytes)
  uint64_t memory_bytes = 0;     // and their bytes
  std::string mode;              // "rewrite" or "near-duplicate"
  std::optional<absl::Time> oldest_published;
  std::optional<absl::Time> newest_published;
};

class LiveIndex {
 public:
  // Opens (or creates, see LiveIndexOptions) the index in `dir` and loads its in-memory
  // part. Fails with FailedPrecondition when the database was made with other parameters
  // or another format version, naming the parameter.
  static absl::StatusOr<std::unique_ptr<LiveIndex>> Open(const std::string& dir,
                                                         const LiveIndexOptions& options);
  ~LiveIndex();
  LiveIndex(const LiveIndex&) = delete;
  LiveIndex& operator=(const LiveIndex&) = delete;

  // Adds `doc` and returns its verdict. AlreadyExists when its id is indexed;
  // InvalidArgument when its id is empty. Nothing is written on error.
  absl::StatusOr<LiveVerdict> Add(Document doc);
  // Returns the verdict `doc` would get, without adding it (an id already indexed is
  // compared like any other text).
  absl::StatusOr<LiveVerdict> Query(const Document& doc) const;
  // Returns the current verdict of an indexed document (its cluster may have grown since
  // it was added). NotFound when it is not indexed.
  absl::StatusOr<LiveVerdict> Get(std::string_view id) const;
  // Returns the members of cluster `cluster`. NotFound when no indexed document is in it.
  absl::StatusOr<LiveCluster> GetCluster(uint64_t cluster) const;
  // Returns every cluster of the index (documents alone included), in order of their
  // first member.
  std::vector<LiveCluster> Clusters() const;
  // Removes a document, its index entries and its edges; the clusters it was in are
  // recomputed. NotFound when it is not indexed.
  absl::Status Delete(std::string_view id);
  // Removes every document published before `cutoff` (documents without a published time:
  // added before it). Returns how many.
  absl::StatusOr<uint64_t> Expire(absl::Time cutoff);
  LiveIndexStats Stats() const;

 private:
  struct State;
  explicit LiveIndex(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Writes `verdict` as one JSON object in the batch verdict shape (WriteVerdicts):
//   {"id": "b", "cluster": 3, "representative": "a", "indexed": true, "new": false, "cluster_size": 2,
//    "duplicate_of": {"id": "a", "relation": "near_duplicate", "jaccard": 0.8, ...}}
void WriteLiveVerdict(const LiveVerdict& verdict, JsonWriter* w);
// Writes `cluster` as {"cluster": 3, "size": 2, "representative": "a", "members": [...]}.
void WriteLiveCluster(const LiveCluster& cluster, JsonWriter* w);
// Writes `stats` as one JSON object.
void WriteLiveStats(const LiveIndexStats& stats, JsonWriter* w);

}  // namespace neardup

#endif  // NEARDUP_PIPELINE_LIVE_INDEX_H_
