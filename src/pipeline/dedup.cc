#include "neardup/pipeline/dedup.h"

#include <memory>
#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>  // malloc_trim
#endif

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "neardup/base/parallel.h"
#include "neardup/base/status_macros.h"
#include "neardup/index/exact_index.h"
#include "neardup/index/lsh_index.h"
#include "neardup/sketch/nibble_sketch.h"
#include "neardup/text/shingle.h"
#include "pipeline/rewrite_stage_internal.h"
#include "pipeline/shingle_store_internal.h"

namespace neardup {
namespace {

// What the run keeps of each document besides its shingles (in the ShingleStore).
struct StoredDoc {
  uint64_t fingerprint = 0;
  uint32_t tokens = 0;
  bool screenable = false;  // its nibble sketch may screen candidates (few densified bins)
};

// True when two documents have the same normalised token sequence (and some tokens).
bool SameText(const StoredDoc& a, const StoredDoc& b) {
  return a.fingerprint == b.fingerprint && a.tokens == b.tokens && b.tokens > 0;
}

std::unique_ptr<CandidateIndex> MakeIndex(const DedupOptions& options) {
  if (options.exact) {
    ExactIndexOptions exact;
    exact.min_jaccard = options.verify.jaccard_threshold;
    exact.min_containment =
        options.verify.containment_threshold > 0 ? options.verify.containment_threshold : 2.0;
    return std::make_unique<ExactIndex>(exact);
  }
  return std::make_unique<LshIndex>(options.lsh, options.analyzer.minhash.num_hashes);
}

}  // namespace

std::string_view DetectionModeName(DetectionMode mode) {
  return mode == DetectionMode::kRewrite ? "rewrite" : "near-duplicate";
}

absl::Status DedupOptions::Validate() const {
  NEARDUP_RETURN_IF_ERROR(reader.Validate());
  NEARDUP_RETURN_IF_ERROR(analyzer.Validate());
  NEARDUP_RETURN_IF_ERROR(lsh.Validate(analyzer.minhash.num_hashes));
  NEARDUP_RETURN_IF_ERROR(verify.Validate());
  if (threads < 1 || threads > 1024) {
    return absl::InvalidArgumentError(absl::StrCat("threads must be 1 to 1024, got ", threads));
  }
  if (batch_documents < 1) return absl::InvalidArgumentError("batch size must be positive");
  if (!(screen_sigmas >= 0 && screen_sigmas <= 100)) {
    return absl::InvalidArgumentError(
        absl::StrCat("screen sigmas must be in [0, 100] (0 turns the screen off), got ", screen_sigmas));
  }
  NEARDUP_RETURN_IF_ERROR(cluster.Validate());
  if (mode == DetectionMode::kRewrite) {
    NEARDUP_RETURN_IF_ERROR(rewrite.Validate());
    NEARDUP_RETURN_IF_ERROR(rare_terms.Validate());
    if (!(rewrite_mode_containment >= 0 && rewrite_mode_containment <= 1)) {
      return absl::InvalidArgumentError("rewrite-mode containment must be in [0, 1]");
    }
    if (rewrite_max_days < 0) return absl::InvalidArgumentError("the rewrite window must be >= 0 days");
  }
  return absl::OkStatus();
}

// One batch of input as the reader hands it over: the valid documents, the messages of
// records skipped before and among them (ErrorPolicy::kSkip), and a fatal error, if
// reading stopped on one.
struct ReadBatch {
  std::vector<Document> docs;
  std::vector<std::string> skipped;
  absl::Status status;
  bool end = false;             // no input after this batch
  uint64_t bytes_read = 0;      // input consumed when the batch was complete
};

// Reads batches in input order, applying the error policy and the duplicate-id check, so
// that batches are the same however they are read. With more than one thread the driver
// has the next batch read ahead (ReadAhead) by one of its workers, as one item of the
// parallel phase that analyses the batch before it, so that reading, decompression and
// JSON parsing overlap with analysis without a thread of their own. (A reading thread
// made three busy threads on two cores: it took 10% more CPU time in all than reading on
// a worker, on the 100k corpus.) Not thread-safe: ReadAhead and Next never run at once.
class BatchReader {
 public:
  BatchReader(DocumentReader& reader, const DedupOptions& options)
      : reader_(reader), options_(options) {}

  // Moves the next batch into `*out`: the one read ahead, or one read now.
  void Next(ReadBatch* out) {
    if (ahead_) {
      *out = std::move(ready_);
      ready_ = ReadBatch();
      ahead_ = false;
      return;
    }
    *out = ReadBatch();
    ReadOne(out);
  }

  // Reads the next batch now, for Next to hand over; does nothing once a batch ended the
  // input or failed, or while one is read ahead already.
  void ReadAhead() {
    if (ahead_ || done_) return;
    ReadOne(&ready_);
    ahead_ = true;
  }

 private:
  void ReadOne(ReadBatch* batch) {
    const size_t size = next_size_;
    next_size_ = std::min(2 * next_size_, options_.batch_documents);
    batch->docs.reserve(size);
    while (batch->docs.size() < size) {
      Document doc;
      absl::StatusOr<bool> got = reader_.Next(&doc);
      if (got.ok() && *got) {
        const auto [it, inserted] = first_seen_.try_emplace(doc.id, doc.location.line, 0);
        if (inserted) {
          it->second.second = InternFile(doc.location.file);
        } else {
          const int64_t line = it->second.first;
          got = RecordError(doc.location,
                            absl::StrCat("duplicate id \"", doc.id, "\" (first seen at ",
                                         files_[it->second.second],
                                         line > 0 ? absl::StrCat(":", line) : "", ")"));
        }
      }
      if (!got.ok()) {
        if (!IsRecordError(got.status()) || options_.on_error == ErrorPolicy::kFail) {
          batch->status = got.status();
          break;
        }
        batch->skipped.emplace_back(got.status().message());
        continue;
      }
      if (!*got) {
        batch->end = true;
        break;
      }
      batch->docs.push_back(std::move(doc));
    }
    batch->bytes_read = reader_.bytes_read();
    done_ = batch->end || !batch->status.ok();
  }

  uint32_t InternFile(const std::string& file) {
    if (files_.empty() || files_.back() != file) files_.push_back(file);
    return static_cast<uint32_t>(files_.size() - 1);
  }

  // Documents in the next batch. The first batch is short and the next ones double up to
  // DedupOptions::batch_documents: with more than one thread the workers wait for the
  // first batch to be read in full (about 45 ms for 4096 articles of 4 KB), and from then
  // on each batch is read while the one before it is analysed. (Growing by half instead
  // moved the point where the LSH maps are sized, to fewer documents and a worse
  // estimate: Reuters' index grew from 14.7 to 17.3 MB.)
  static constexpr size_t kFirstBatch = 256;
  DocumentReader& reader_;
  const DedupOptions& options_;
  size_t next_size_ = std::min(kFirstBatch, options_.batch_documents);
  // Where each id was first seen (line, index in files_).
  absl::flat_hash_map<std::string, std::pair<int64_t, uint32_t>> first_seen_;
  std::vector<std::string> files_;
  ReadBatch ready_;     // the batch read ahead, while ahead_
  bool ahead_ = false;
  bool done_ = false;   // a batch ended the input or failed: nothing more to read
};

absl::StatusOr<DedupResult> RunDedup(DocumentReader& reader, const DedupOptions& options,
                                     const ProgressCallback& progress) {
  NEARDUP_RETURN_IF_ERROR(options.Validate());
  const absl::Time start = absl::Now();
  DedupResult result;
  std::unique_ptr<CandidateIndex> index = MakeIndex(options);
  std::vector<StoredDoc> stored;
  const int threads = options.threads;
  // With one thread, reading and freeing run on it too; only the spill file, past the
  // memory budget, is written by the store's own thread (the page cache's work).
  auto shingles = std::make_unique<internal::ShingleStore>(options.shingle_memory_bytes);
  std::vector<std::unique_ptr<Analyzer>> analyzers;
  AnalyzerOptions analyzer_options = options.analyzer;
  analyzer_options.build_shingle_set = options.exact;  // the exact index needs sets
  const bool rewrites = options.mode == DetectionMode::kRewrite;
  std::unique_ptr<internal::RewriteStage> rewrite_stage;
  // Sentences need the tokens' offsets; shingles and signatures only their hashes.
  analyzer_options.tokenizer.keep_offsets = rewrites;
  if (rewrites) {
    analyzer_options.tokenizer.keep_words = true;  // the stemmer needs the words
    NEARDUP_ASSIGN_OR_RETURN(rewrite_stage, internal::RewriteStage::Create(options));
  }
  VerifyOptions verify = options.verify;
  verify.containment_threshold = internal::EffectiveContainment(options);
  for (int t = 0; t < threads; ++t) analyzers.push_back(std::make_unique<Analyzer>(analyzer_options));
  // The LSH index takes its bucket keys hashed on the workers (null for the exact index).
  auto* const lsh = dynamic_cast<LshIndex*>(index.get());
  // The nibble sketch of every indexed document (sketch_bytes each), which screens LSH
  // candidates before verification (DedupOptions::screen_sigmas). Only signatures with at
  // most an eighth of their bins densified screen: their positions are close to
  // independent, as the bound assumes. A pair at the Jaccard threshold shows min_equal
  // agreeing nibbles or more but for a 1e-5 chance; with a containment threshold the
  // least Jaccard similarity a kept pair has depends on its set sizes (see may_relate).
  const int num_hashes = options.analyzer.minhash.num_hashes;
  const bool screen = lsh != nullptr && options.screen_sigmas > 0;
  const size_t sketch_bytes = screen ? NibbleSketchBytes(num_hashes) : 0;
  const int min_filled_bins = num_hashes - num_hashes / 8;
  const int min_equal = MinEqualNibbles(num_hashes, verify.jaccard_threshold, options.screen_sigmas);
  std::vector<uint8_t> sketches;

  // Two batches are in flight: while one is indexed, serially and in input order (in
  // rewrite mode with its statistics counted: RewriteStage::Count touches only the
  // indexed batch's features and the crawl tables, Extract only the next batch's and
  // the read-only background table), the workers analyse the next, and with more than
  // one thread the one after it is read. Then the indexed batch is verified in parallel.
  // What indexing needs of a document's analysis; the rest (tokens and their offsets)
  // stays in the worker's scratch, so two batches in flight cost little memory.
  struct Analysis {
    std::vector<ShingleKey> shingles;   // shingle keys (the set, for the exact index)
    std::vector<uint32_t> signature;    // exact index only (LSH takes band keys)
    std::vector<uint32_t> band_keys;
    std::vector<uint8_t> sketch;        // nibble sketch (when screening)
    uint64_t fingerprint = 0;
    uint32_t tokens = 0;
    bool screenable = false;
  };
  struct Slot {
    ReadBatch read;
    std::vector<Analysis> analyzed;
    std::vector<std::vector<DocId>> candidates;
    std::vector<std::vector<ScoredEdge>> edges;
    std::vector<uint32_t> screened;  // candidates of each document dropped by the screen
    DocId first = 0;    // id of the batch's first document
    bool sets = false;  // shingle keys made into sets on the workers (or by the analyzer)
  };
  Slot slots[2];
  for (Slot& s : slots) {
    s.analyzed.resize(options.batch_documents);
    s.candidates.resize(options.batch_documents);
    s.edges.resize(options.batch_documents);
    s.screened.resize(options.batch_documents);
  }
  BatchReader batch_reader(reader, options);
  DocId taken = 0;  // documents in the batches taken so far
  bool more = true;

  // Once a full batch's worth of documents is read, size the LSH maps for the whole input
  // as estimated from their bytes, instead of rehashing each of them as it doubles (6% of
  // a Reuters run). An estimate too high costs address space more than memory, and is
  // capped. The bytes read run up to a MiB ahead of the documents parsed (the reader's
  // block), so the estimate runs low; 10% more covers that (the maps' capacities are
  // powers of two, so a higher estimate mostly costs nothing). Called by `take`, between
  // batches, when no worker touches the index.
  bool reserved = lsh == nullptr || reader.total_bytes() == 0;
  auto reserve = [&](const Slot& s) {
    if (reserved || (taken < options.batch_documents && more) || s.read.bytes_read == 0) return;
    reserved = true;
    const double docs = static_cast<double>(taken);
    const double estimate = static_cast<double>(reader.total_bytes()) / static_cast<double>(s.read.bytes_read) * docs;
    const auto capacity = static_cast<size_t>(std::min(1.1 * estimate, 64 * docs));
    lsh->Reserve(capacity);
    sketches.reserve(capacity * sketch_bytes);  // one allocation, not copies as it doubles
  };
  // Takes the next batch from the reader into `s` and readies it for analysis.
  auto take = [&](Slot& s) {
    batch_reader.Next(&s.read);
    for (std::string& message : s.read.skipped) {
      ++result.stats.skipped;
      result.errors.push_back(std::move(message));
    }
    more = !s.read.end && s.read.status.ok();
    s.first = taken;
    taken += static_cast<DocId>(s.read.docs.size());
    if (rewrites) rewrite_stage->Resize(taken);
    // Once the shingle budget is spent, documents go to the temporary file: make their
    // sets on the workers, so that reading them back needs no sort (the exact index's
    // analysis makes them anyway).
    s.sets = shingles->full() || options.exact;
    reserve(s);
    return s.read.status;
  };
  std::vector<AnalyzedText> scratch(static_cast<size_t>(threads));
  auto analyze = [&](Slot& s, size_t i, int worker) {
    AnalyzedText& a = scratch[static_cast<size_t>(worker)];
    const std::string& text = s.read.docs[i].text;
    analyzers[static_cast<size_t>(worker)]->Analyze(text, &a);
    Analysis& out = s.analyzed[i];
    out.fingerprint = a.fingerprint;
    out.tokens = static_cast<uint32_t>(a.tokens.size());
    if (options.exact) {
      out.shingles = std::move(a.shingle_set);
    } else if (s.sets) {
      ToShingleSet(a.shingles, &out.shingles);
    } else {
      ToShingleKeys(a.shingles, &out.shingles);
    }
    if (screen) {
      // Only screenable documents' sketches are read: short texts (most of Reuters) skip
      // the packing, and keep whatever bytes the buffer holds.
      out.screenable = a.filled_bins >= min_filled_bins;
      out.sketch.resize(sketch_bytes);
      if (out.screenable) PackNibbles(a.signature, out.sketch.data());
    }
    if (lsh != nullptr) {
      lsh->BandKeys(a.signature, &out.band_keys);
    } else {
      out.signature = a.signature;
    }
    if (rewrites) rewrite_stage->Extract(s.first + static_cast<DocId>(i), text, a.tokens, worker);
  };
  // Queries and inserts in input order: each document sees every earlier one.
  auto index_batch = [&](Slot& s) -> absl::Status {
    for (size_t i = 0; i < s.read.docs.size(); ++i) {
      Analysis& a = s.analyzed[i];
      const DocId id = s.first + static_cast<DocId>(i);
      if (lsh != nullptr) {
        const size_t next = i + 1;  // its buckets are fetched while this one is indexed
        lsh->QueryInsert(id, a.band_keys, &s.candidates[i],
                         next < s.read.docs.size() ? absl::Span<const uint32_t>(s.analyzed[next].band_keys)
                                                   : absl::Span<const uint32_t>());
      } else {
        const IndexKey key{a.signature, a.shingles};
        index->Query(key, &s.candidates[i]);
        index->Insert(id, key);
      }
      result.stats.candidates += s.candidates[i].size();
      const uint32_t tokens = a.tokens;
      stored.push_back({a.fingerprint, tokens, a.screenable});
      sketches.insert(sketches.end(), a.sketch.begin(), a.sketch.end());
      // A spilled document's keys stay in the slot too, for verifying this batch.
      NEARDUP_RETURN_IF_ERROR(shingles->Add(&a.shingles, s.sets));
      if (rewrites) rewrite_stage->Count(id);
      // The batch's documents are done with once indexed (verification needs only their
      // count): their id and location move to the result, uncopied.
      Document& doc = s.read.docs[i];
      result.docs.push_back({std::move(doc.id), std::move(doc.location), doc.text.size(), tokens, doc.published_time});
      result.stats.bytes += doc.text.size();
      result.stats.repaired_documents += doc.repaired_bytes > 0;
    }
    return absl::OkStatus();
  };
  // Verifies every candidate of `s` exactly, in parallel.
  std::vector<uint32_t> to_prepare;
  auto verify_batch = [&](Slot& s) -> absl::Status {
    const size_t n = s.read.docs.size();
    // Verification needs sets: sort, once, only the documents in a candidate pair. Most
    // candidates are sets already (spilled past the budget, or prepared before): listing
    // only the others keeps this serial step short (a 1M corpus has 4.5 candidates a
    // document).
    to_prepare.clear();
    for (size_t i = 0; i < n; ++i) {
      if (s.candidates[i].empty()) continue;
      const DocId self = s.first + static_cast<DocId>(i);
      if (shingles->NeedsPrepare(self)) to_prepare.push_back(self);
      for (const DocId d : s.candidates[i]) {
        if (shingles->NeedsPrepare(d)) to_prepare.push_back(d);
      }
    }
    shingles->Prepare(&to_prepare, threads);
    NEARDUP_RETURN_IF_ERROR(shingles->Flush());
    // A document of this batch whose set was spilled still has it in the slot: no read.
    auto set_of = [&](DocId d, std::vector<ShingleKey>* scratch) -> absl::Span<const ShingleKey> {
      if (s.sets && d >= s.first) {
        const std::vector<ShingleKey>& kept = s.analyzed[d - s.first].shingles;
        if (!kept.empty()) return kept;
      }
      return shingles->Get(d, scratch);
    };
    // False when the sketches of two screenable documents (other than the same text) agree
    // too little for the pair to pass verification.
    auto may_relate = [&](DocId x, DocId y) {
      const int equal = CountEqualNibbles(&sketches[x * sketch_bytes], &sketches[y * sketch_bytes], num_hashes);
      if (equal >= min_equal) return true;
      if (verify.containment_threshold <= 0) return false;
      // A pair kept for containment shares at least `least` shingles, so its Jaccard
      // similarity is at least least / (na + nb - least); that needs both set sizes.
      const std::optional<size_t> na = shingles->SetSize(x);
      const std::optional<size_t> nb = shingles->SetSize(y);
      if (!na || !nb) return true;
      const size_t least = MinSharedForRelation(*na, *nb, false, verify);
      const double jaccard = static_cast<double>(least) / static_cast<double>(*na + *nb - least);
      return equal >= MinEqualNibbles(num_hashes, jaccard, options.screen_sigmas);
    };
    ParallelFor(threads, n, [&](size_t i, int) {
      const DocId self = s.first + static_cast<DocId>(i);
      const StoredDoc& b = stored[self];
      std::vector<ShingleKey> scratch_a;
      std::vector<ShingleKey> scratch_b;
      absl::Span<const ShingleKey> set_b;
      bool have_b = false;
      auto& edges = s.edges[i];
      edges.clear();
      uint32_t screened = 0;
      for (const DocId other : s.candidates[i]) {
        const StoredDoc& a = stored[other];
        const bool same_text = SameText(a, b);
        if (screen && !same_text && a.screenable && b.screenable && !may_relate(other, self)) {
          ++screened;
          continue;
        }
        if (!have_b) {
          set_b = set_of(self, &scratch_b);
          have_b = true;
        }
        PairScores scores;
        const Relation relation =
            ClassifyShingleSets(set_of(other, &scratch_a), set_b, same_text, verify, &scores);
        if (relation != Relation::kNone) edges.push_back({other, self, relation, scores});
      }
      s.screened[i] = screened;
    });
    for (size_t i = 0; i < n; ++i) {
      result.stats.screened_pairs += s.screened[i];
      result.stats.verified_pairs += s.edges[i].size();
      result.edges.insert(result.edges.end(), s.edges[i].begin(), s.edges[i].end());
    }
    return absl::OkStatus();
  };

  Slot* cur = &slots[0];
  Slot* next = &slots[1];
  // With more than one thread, item 0 of each parallel phase reads the batch after the
  // one the phase analyses (one thread takes it, while the others analyse).
  const bool read_ahead = threads > 1;
  NEARDUP_RETURN_IF_ERROR(take(*cur));
  ParallelFor(threads, cur->read.docs.size() + 1, [&](size_t i, int w) {
    if (i == 0) {
      if (read_ahead && more) batch_reader.ReadAhead();
    } else {
      analyze(*cur, i - 1, w);
    }
  });
  absl::Time last_progress = start;
  // The documents of the batch verified last, freed while the workers analyse: a batch's
  // worth of strings, 60 ms of the 100k corpus on two threads when they were freed here,
  // between the parallel phases, with a core idle. One thread frees them before reading
  // on, so as not to hold two batches at once.
  std::vector<Document> retired;
  while (!cur->read.docs.empty()) {
    retired.swap(next->read.docs);
    if (threads == 1) retired.clear();
    if (more) NEARDUP_RETURN_IF_ERROR(take(*next));
    const size_t n_next = next->read.docs.size();
    absl::Status indexed;
    // Item 0 indexes this batch and reads the batch after the next; the others analyse
    // the next one. The two serial tasks take about a quarter of a phase's work.
    ParallelFor(threads, n_next + 1, [&](size_t i, int w) {
      if (i == 0) {
        indexed = index_batch(*cur);
        retired.clear();
        if (read_ahead && more) batch_reader.ReadAhead();
      } else {
        analyze(*next, i - 1, w);
      }
    });
    NEARDUP_RETURN_IF_ERROR(indexed);
    NEARDUP_RETURN_IF_ERROR(verify_batch(*cur));

    if (progress) {
      const absl::Time now = absl::Now();
      if (now - last_progress >= absl::Milliseconds(200) || n_next == 0) {
        last_progress = now;
        progress({static_cast<uint64_t>(result.docs.size()), cur->read.bytes_read,
                  reader.total_bytes(), now - start});
      }
    }
    std::swap(cur, next);
  }

  const absl::Time streamed = absl::Now();
  result.stats.stream_seconds = absl::ToDoubleSeconds(streamed - start);
  if (rewrites) {
    absl::flat_hash_set<uint64_t> known;
    for (const ScoredEdge& e : result.edges) known.insert(uint64_t{e.a} << 32 | e.b);
    std::vector<ScoredEdge> more_edges = rewrite_stage->FindPairs(
        known,
        [&](uint32_t d, std::vector<ShingleKey>* scratch) { return shingles->Get(d, scratch); },
        [&](std::vector<uint32_t>* docs) { shingles->Prepare(docs, threads); },
        [&](uint32_t a, uint32_t b) {
          return SameText(stored[a], stored[b]);
        },
        [&](uint32_t d) { return result.docs[d].published; }, &result.stats);
    result.stats.verified_pairs += more_edges.size();
    result.edges.insert(result.edges.end(), more_edges.begin(), more_edges.end());
    std::sort(result.edges.begin(), result.edges.end(), [](const ScoredEdge& x, const ScoredEdge& y) {
      return std::make_pair(x.b, x.a) < std::make_pair(y.b, y.a);
    });
  }

  if (rewrites) result.stats.rewrite_seconds = absl::ToDoubleSeconds(absl::Now() - streamed);
  NEARDUP_RETURN_IF_ERROR(shingles->read_error());
  result.stats.spilled_bytes = shingles->spilled_bytes();
  result.stats.index_bytes = index->MemoryBytes();
  // Freeing the index, the shingles and the rewrite features (hundreds of MB, many
  // blocks) takes a while: with more than one thread, do it while the edges are clustered.
  // That thread also gives the freed pages back to the system, which the process's exit
  // would otherwise do after the outputs are written, on one core: on the 100k corpus
  // with two threads, 36 ms less after RunDedup returns and 29 ms less in all (eight
  // alternating runs). One thread would only move that work, not overlap it.
  auto free_index = [index = std::move(index), shingles = std::move(shingles),
                     rewrite_stage = std::move(rewrite_stage)](bool give_back) mutable {
    index.reset();
    shingles.reset();
    rewrite_stage.reset();
#if defined(__GLIBC__)
    if (give_back) malloc_trim(0);
#else
    (void)give_back;
#endif
  };
  std::thread release;
  if (threads > 1) {
    release = std::thread(std::move(free_index), true);
  } else {
    free_index(false);
  }

  std::vector<ClusterDocInfo> infos;
  infos.reserve(result.docs.size());
  for (const DocumentRecord& d : result.docs) infos.push_back({d.id, d.text_bytes, d.published});
  result.clustering = ClusterEdges(infos, result.edges, options.cluster);
  for (const uint32_t k : result.clustering.oversized) {
    result.warnings.push_back(absl::StrCat(
        "cluster ", k, " has ", result.clustering.size[k], " documents (more than ",
        options.cluster.warn_size, "): check for boilerplate shared by unrelated documents"));
  }
  result.stats.documents = result.docs.size();
  if (release.joinable()) release.join();
  result.stats.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return result;
}

}  // namespace neardup
