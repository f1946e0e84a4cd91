#include "neardup/pipeline/dedup.h"

#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "neardup/base/parallel.h"
#include "neardup/base/status_macros.h"
#include "neardup/index/exact_index.h"
#include "neardup/text/shingle.h"
#include "pipeline/rewrite_stage_internal.h"

namespace neardup {
namespace {

// What the run keeps of each document after analysis: enough to verify later pairs.
// `shingles` is the raw shingle sequence until the document first takes part in a
// candidate pair; then it is sorted and made unique in place (most documents never are).
struct StoredDoc {
  std::vector<uint64_t> shingles;
  uint64_t fingerprint = 0;
  uint32_t tokens = 0;
  bool is_set = false;
};

// True when two documents have the same normalised token sequence (and some tokens).
bool SameText(const StoredDoc& a, const StoredDoc& b) {
  return a.fingerprint == b.fingerprint && a.tokens == b.tokens && b.tokens > 0;
}

void MakeSet(StoredDoc* doc) {
  if (doc->is_set) return;
  ToShingleSet(&doc->shingles);
  doc->shingles.shrink_to_fit();
  doc->is_set = true;
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

absl::StatusOr<DedupResult> RunDedup(DocumentReader& reader, const DedupOptions& options,
                                     const ProgressCallback& progress) {
  NEARDUP_RETURN_IF_ERROR(options.Validate());
  const absl::Time start = absl::Now();
  DedupResult result;
  std::unique_ptr<CandidateIndex> index = MakeIndex(options);
  std::vector<StoredDoc> stored;
  absl::flat_hash_map<std::string, uint32_t> position_of_id;

  const int threads = options.threads;
  std::vector<std::unique_ptr<Analyzer>> analyzers;
  std::vector<AnalyzedText> analyzed(options.batch_documents);
  AnalyzerOptions analyzer_options = options.analyzer;
  analyzer_options.build_shingle_set = options.exact;  // the exact index needs sets
  const bool rewrites = options.mode == DetectionMode::kRewrite;
  std::unique_ptr<internal::RewriteStage> rewrite_stage;
  if (rewrites) {
    analyzer_options.tokenizer.keep_words = true;  // the stemmer needs the words
    NEARDUP_ASSIGN_OR_RETURN(rewrite_stage, internal::RewriteStage::Create(options));
  }
  VerifyOptions verify = options.verify;
  verify.containment_threshold = internal::EffectiveContainment(options);
  for (int t = 0; t < threads; ++t) analyzers.push_back(std::make_unique<Analyzer>(analyzer_options));

  std::vector<Document> batch(options.batch_documents);
  std::vector<std::vector<DocId>> candidates(options.batch_documents);
  std::vector<std::vector<ScoredEdge>> batch_edges(options.batch_documents);
  bool more = true;
  absl::Time last_progress = start;

  while (more) {
    // 1. Read a batch, in order, handling record errors by policy.
    size_t n = 0;
    while (n < batch.size()) {
      Document& doc = batch[n];
      absl::StatusOr<bool> got = reader.Next(&doc);
      if (got.ok() && *got) {
        const auto [it, inserted] =
            position_of_id.try_emplace(doc.id, static_cast<uint32_t>(result.docs.size() + n));
        if (!inserted) {
          const SourceLocation& first = it->second < result.docs.size()
                                            ? result.docs[it->second].location
                                            : batch[it->second - result.docs.size()].location;
          got = RecordError(doc.location,
                            absl::StrCat("duplicate id \"", doc.id, "\" (first seen at ",
                                         first.file, first.line > 0 ? absl::StrCat(":", first.line) : "",
                                         ")"));
        }
      }
      if (!got.ok()) {
        if (!IsRecordError(got.status()) || options.on_error == ErrorPolicy::kFail) {
          return got.status();
        }
        ++result.stats.skipped;
        result.errors.emplace_back(got.status().message());
        continue;
      }
      if (!*got) {
        more = false;
        break;
      }
      ++n;
    }
    if (n == 0) break;

    // 2. Analyse in parallel.
    const auto batch_start = static_cast<uint32_t>(stored.size());
    if (rewrites) rewrite_stage->Resize(batch_start + n);
    ParallelFor(threads, n, [&](size_t i, int worker) {
      analyzers[static_cast<size_t>(worker)]->Analyze(batch[i].text, &analyzed[i]);
      if (rewrites) {
        rewrite_stage->Extract(batch_start + static_cast<uint32_t>(i), batch[i].text,
                               analyzed[i].tokens, worker);
      }
    });

    // 3. Query and insert in input order: each document sees every earlier one.
    const auto first_id = static_cast<DocId>(stored.size());
    for (size_t i = 0; i < n; ++i) {
      AnalyzedText& a = analyzed[i];
      const IndexKey key{a.signature, a.shingle_set};
      index->Query(key, &candidates[i]);
      index->Insert(first_id + static_cast<DocId>(i), key);
      result.stats.candidates += candidates[i].size();
      const auto tokens = static_cast<uint32_t>(a.tokens.size());
      if (options.exact) {
        stored.push_back({std::move(a.shingle_set), a.fingerprint, tokens, true});
      } else {
        stored.push_back({a.shingles, a.fingerprint, tokens, false});
      }
      // Verification below runs in parallel and needs sets: sort here, once, only the
      // documents that are in a candidate pair.
      if (!candidates[i].empty()) {
        MakeSet(&stored.back());
        for (const DocId c : candidates[i]) MakeSet(&stored[c]);
      }
      if (rewrites) rewrite_stage->Count(batch_start + static_cast<uint32_t>(i));
      const Document& doc = batch[i];
      result.docs.push_back({doc.id, doc.location, doc.text.size(), tokens, doc.published_time});
      result.stats.bytes += doc.text.size();
      result.stats.repaired_documents += doc.repaired_bytes > 0;
    }

    // 4. Verify every candidate exactly, in parallel.
    ParallelFor(threads, n, [&](size_t i, int) {
      const DocId self = first_id + static_cast<DocId>(i);
      const StoredDoc& b = stored[self];
      auto& edges = batch_edges[i];
      edges.clear();
      for (const DocId other : candidates[i]) {
        const StoredDoc& a = stored[other];
        const PairScores scores = ScoreShingleSets(a.shingles, b.shingles);
        const Relation relation = ClassifyPair(scores, SameText(a, b), verify);
        if (relation != Relation::kNone) edges.push_back({other, self, relation, scores});
      }
    });
    for (size_t i = 0; i < n; ++i) {
      result.stats.verified_pairs += batch_edges[i].size();
      result.edges.insert(result.edges.end(), batch_edges[i].begin(), batch_edges[i].end());
    }

    if (progress) {
      const absl::Time now = absl::Now();
      if (now - last_progress >= absl::Milliseconds(200) || !more) {
        last_progress = now;
        progress({static_cast<uint64_t>(result.docs.size()), reader.bytes_read(),
                  reader.total_bytes(), now - start});
      }
    }
  }

  if (rewrites) {
    absl::flat_hash_set<uint64_t> known;
    for (const ScoredEdge& e : result.edges) known.insert(uint64_t{e.a} << 32 | e.b);
    std::vector<ScoredEdge> more_edges = rewrite_stage->FindPairs(
        known, [&](uint32_t d) { return absl::Span<const uint64_t>(stored[d].shingles); },
        [&](uint32_t d) { MakeSet(&stored[d]); },
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
  result.stats.index_bytes = index->MemoryBytes();
  result.stats.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return result;
}

}  // namespace neardup
