#include "neardup/pipeline/live_index.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <type_traits>

#include "absl/cleanup/cleanup.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "neardup/base/status_macros.h"
#include "neardup/base/strings.h"
#include "neardup/index/lsh_index.h"
#include "neardup/index/rare_term_index.h"
#include "neardup/pipeline/analyzer.h"
#include "neardup/pipeline/report.h"
#include "neardup/store/live_store.h"
#include "neardup/text/background_df.h"
#include "neardup/text/shingle.h"
#include "pipeline/rewrite_stage_internal.h"

namespace neardup {
namespace {

constexpr uint32_t kUnclustered = UINT32_MAX;

// Everything the index keeps in memory about one document.
struct DocState : DocumentFacts {
  bool alive = false;
  std::vector<uint32_t> edges;  // indices into State::edges of its live edges
  uint32_t cluster = kUnclustered;  // seq of its cluster's first member
  int64_t link = -1;            // index into State::edges of the edge tying it in, or -1
};

struct ClusterState {
  uint32_t representative = 0;
  uint32_t size = 0;
};

// What analysis makes of one text, outside any lock. Step 1 of an add completes it (drops
// boilerplate, caches postings); from then on it is read-only and shared with the adds
// that pair with the document before it is written.
struct Analysis {
  uint64_t fingerprint = 0;
  uint32_t tokens = 0;
  std::vector<uint32_t> signature;
  std::vector<ShingleKey> shingle_set;
  RewriteFeatures features;
};

// A rewrite candidate as step 2 of an add sees it (without the lock).
struct Candidate {
  uint32_t seq = 0;
  uint64_t fingerprint = 0;
  uint32_t tokens = 0;
  std::shared_ptr<const Analysis> pending;  // set while the candidate is itself being added
};

// One thread's analysers (neither is thread-safe) and buffers, reused from add to add.
struct Worker {
  explicit Worker(Analyzer a) : analyzer(std::move(a)) {}
  Analyzer analyzer;
  std::optional<Stemmer> stemmer;
  std::optional<TermWeightCache> weights;  // for the state's background table
  AnalyzedText scratch;
  // Features are extracted here, where the arrays keep their capacity, then copied (a copy
  // allocates each array once, at its size, where extracting into empty arrays grows them
  // step by step: about 50 allocations a document).
  RewriteFeatures features;
  // VerifyRewrites': stored candidates and what is read of them.
  std::vector<uint32_t> stored_seqs;
  std::vector<std::shared_ptr<const CandidateRecord>> stored;
  RewriteFeatures whole;  // a stored candidate's outline made whole
  std::vector<absl::Status> status;
  RewriteScratch rewrite_scratch;
};

// One stored setting: how to write it from the options and read it back into them.
struct Setting {
  std::string_view name;
  std::function<std::string(const DedupOptions&)> get;
  std::function<bool(std::string_view, DedupOptions*)> set;  // false: not a valid value
};

// A numeric setting at `field(options)`.
template <typename Field>
Setting NumberSetting(std::string_view name, Field field) {
  return {name, [field](const DedupOptions& o) { return absl::StrCat(field(const_cast<DedupOptions&>(o))); },
          [field](std::string_view v, DedupOptions* o) {
            auto& f = field(*o);
            using T = std::remove_reference_t<decltype(f)>;
            if constexpr (std::is_floating_point_v<T>) {
              double d = 0;
              if (!absl::SimpleAtod(AsAbsl(v), &d)) return false;
              f = static_cast<T>(d);
            } else {
              int64_t i = 0;
              if (!absl::SimpleAtoi(AsAbsl(v), &i)) return false;
              f = static_cast<T>(i);
            }
            return true;
          }};
}

// Everything that changes signatures, scores or verdicts. The stemmer and the background
// table are added by identity (see Parameters).
const std::vector<Setting>& Settings() {
  static const auto* settings = new std::vector<Setting>{
      {"mode", [](const DedupOptions& o) { return std::string(DetectionModeName(o.mode)); },
       [](std::string_view v, DedupOptions* o) {
         if (v != "rewrite" && v != "near-duplicate") return false;
         o->mode = v == "rewrite" ? DetectionMode::kRewrite : DetectionMode::kNearDuplicate;
         return true;
       }},
      NumberSetting("tokenizer_seed", [](DedupOptions& o) -> auto& { return o.analyzer.tokenizer.seed; }),
      NumberSetting("shingle_size", [](DedupOptions& o) -> auto& { return o.analyzer.shingle.size; }),
      NumberSetting("num_hashes", [](DedupOptions& o) -> auto& { return o.analyzer.minhash.num_hashes; }),
      NumberSetting("minhash_seed", [](DedupOptions& o) -> auto& { return o.analyzer.minhash.seed; }),
      NumberSetting("lsh_threshold", [](DedupOptions& o) -> auto& { return o.lsh.threshold; }),
      NumberSetting("lsh_bands", [](DedupOptions& o) -> auto& { return o.lsh.bands; }),
      NumberSetting("lsh_rows", [](DedupOptions& o) -> auto& { return o.lsh.rows; }),
      NumberSetting("jaccard_threshold", [](DedupOptions& o) -> auto& { return o.verify.jaccard_threshold; }),
      NumberSetting("containment_threshold", [](DedupOptions& o) -> auto& { return o.verify.containment_threshold; }),
      NumberSetting("rewrite_mode_containment", [](DedupOptions& o) -> auto& { return o.rewrite_mode_containment; }),
      NumberSetting("rewrite_days", [](DedupOptions& o) -> auto& { return o.rewrite_max_days; }),
      NumberSetting("min_rewrite_support", [](DedupOptions& o) -> auto& { return o.cluster.min_rewrite_support; }),
      NumberSetting("min_rewrite_support_larger", [](DedupOptions& o) -> auto& { return o.cluster.min_rewrite_support_larger; }),
      NumberSetting("sentence_threshold", [](DedupOptions& o) -> auto& { return o.rewrite.sentence_threshold; }),
      NumberSetting("sentence_idf_threshold", [](DedupOptions& o) -> auto& { return o.rewrite.sentence_idf_threshold; }),
      NumberSetting("rare_term_idf", [](DedupOptions& o) -> auto& { return o.rewrite.rare_term_idf; }),
      NumberSetting("min_sentence_terms", [](DedupOptions& o) -> auto& { return o.rewrite.min_sentence_terms; }),
      NumberSetting("collapse_threshold", [](DedupOptions& o) -> auto& { return o.rewrite.collapse_threshold; }),
      NumberSetting("boilerplate_min_docs", [](DedupOptions& o) -> auto& { return o.rewrite.boilerplate_min_docs; }),
      NumberSetting("template_min_docs", [](DedupOptions& o) -> auto& { return o.rewrite.template_min_docs; }),
      NumberSetting("skeleton_max_idf", [](DedupOptions& o) -> auto& { return o.rewrite.skeleton_max_idf; }),
      NumberSetting("min_coverage", [](DedupOptions& o) -> auto& { return o.rewrite.min_coverage; }),
      NumberSetting("min_coverage_other", [](DedupOptions& o) -> auto& { return o.rewrite.min_coverage_other; }),
      NumberSetting("min_aligned_sentences", [](DedupOptions& o) -> auto& { return o.rewrite.min_aligned_sentences; }),
      NumberSetting("min_order", [](DedupOptions& o) -> auto& { return o.rewrite.min_order; }),
      NumberSetting("min_lede", [](DedupOptions& o) -> auto& { return o.rewrite.min_lede; }),
      NumberSetting("min_aligned_short", [](DedupOptions& o) -> auto& { return o.rewrite.min_aligned_short; }),
      NumberSetting("conflict_idf", [](DedupOptions& o) -> auto& { return o.rewrite.conflict_idf; }),
      NumberSetting("template_conflict", [](DedupOptions& o) -> auto& { return o.rewrite.template_conflict; }),
      NumberSetting("template_rare_containment", [](DedupOptions& o) -> auto& { return o.rewrite.template_rare_containment; }),
      NumberSetting("rare_keys_per_doc", [](DedupOptions& o) -> auto& { return o.rare_terms.keys_per_doc; }),
      NumberSetting("rare_min_idf", [](DedupOptions& o) -> auto& { return o.rare_terms.min_idf; }),
      NumberSetting("rare_min_shared", [](DedupOptions& o) -> auto& { return o.rare_terms.min_shared; }),
      NumberSetting("rare_min_key_containment", [](DedupOptions& o) -> auto& { return o.rare_terms.min_key_containment; }),
      NumberSetting("rare_max_postings", [](DedupOptions& o) -> auto& { return o.rare_terms.max_postings; }),
      NumberSetting("rare_max_candidates", [](DedupOptions& o) -> auto& { return o.rare_terms.max_candidates; }),
      {"df_table", [](const DedupOptions& o) { return o.df_table; },
       [](std::string_view v, DedupOptions* o) {
         o->df_table = std::string(v);
         return true;
       }},
  };
  return *settings;
}

// The stored settings of `o`, one "name=value" per line: the options, then identities that
// are not options (the tokenizer's normalisation, the stemmer, the background table).
std::string Parameters(const DedupOptions& o, const TermStats& background) {
  std::string p;
  for (const Setting& s : Settings()) absl::StrAppend(&p, AsAbsl(s.name), "=", s.get(o), "\n");
  absl::StrAppend(&p, "tokenizer=", AsAbsl(kTermTokenizerIdentity));
  if (o.mode == DetectionMode::kRewrite) {
    absl::StrAppend(&p, "\nstemmer=", background.stemmer_identity(), "\nbackground_df=",
                    background.documents(), " documents, ", background.terms(), " terms");
  }
  return p;
}

// Reads the options stored in `parameters` into `*o` (the settings of Settings()).
absl::Status AdoptParameters(std::string_view parameters, DedupOptions* o) {
  for (const absl::string_view line : absl::StrSplit(AsAbsl(parameters), '\n')) {
    const size_t eq = line.find('=');
    if (eq == absl::string_view::npos) continue;
    const std::string_view name = AsStd(line.substr(0, eq));
    for (const Setting& s : Settings()) {
      if (s.name != name) continue;
      if (!s.set(AsStd(line.substr(eq + 1)), o)) {
        return absl::DataLossError(absl::StrCat("stored setting ", line, " is not valid"));
      }
    }
  }
  return o->Validate();
}

}  // namespace

struct LiveIndex::State {
  State(const LiveIndexOptions& o, TermStats bg, LshParams params)
      : options(o),
        verify{o.dedup.verify.jaccard_threshold, internal::EffectiveContainment(o.dedup)},
        rewrites(o.dedup.mode == DetectionMode::kRewrite),
        background(std::move(bg)),
        crawl(background),
        sentence_df(background.stemmer_identity()),
        lsh(LshOptions{.bands = params.bands, .rows = params.rows}, o.dedup.analyzer.minhash.num_hashes),
        rare(o.dedup.rare_terms) {}

  const LiveIndexOptions options;
  const VerifyOptions verify;
  const bool rewrites;
  const TermStats background;  // read-only: feature extraction outside the lock
  std::unique_ptr<LiveStore> store;

  mutable absl::Mutex workers_mu;
  mutable std::vector<std::unique_ptr<Worker>> idle_workers ABSL_GUARDED_BY(workers_mu);

  // Everything below: guarded by `mu` (exclusive for adds, deletes, queries; shared for
  // lookups).
  mutable absl::Mutex mu;
  TermStats crawl;        // background + every indexed document (rewrite mode)
  TermStats sentence_df;  // sentence and skeleton counts of every indexed document
  LshIndex lsh;
  RareTermIndex rare;
  RareTermIndex::Scratch rare_scratch;
  std::vector<DocState> docs;  // by seq
  absl::flat_hash_map<std::string, uint32_t> seq_of;
  std::vector<ScoredEdge> edges;  // a < b, by seq; dead edges have relation kNone
  absl::flat_hash_map<uint32_t, ClusterState> clusters;
  uint64_t deleted = 0;
  uint64_t live_edges = 0;
  // Documents past their first step of Add (in the indexes, counted in the statistics)
  // but not yet written: what later documents need to verify pairs with them.
  absl::flat_hash_map<uint32_t, std::shared_ptr<const Analysis>> pending;
  uint32_t next_commit = 0;  // the seq whose Add publishes next: in seq order

  // The seq whose Add writes its records next: records go in seq order.
  absl::Mutex write_mu;
  uint32_t next_write ABSL_GUARDED_BY(write_mu) = 0;

  std::unique_ptr<Worker> TakeWorker() const;
  void ReturnWorker(std::unique_ptr<Worker> w) const;
  absl::Status Analyze(const Document& doc, Analysis* out);

  // Finds and verifies the pairs of a document about to get `seq` with the indexed ones
  // (counting it into the crawl statistics in rewrite mode; the caller takes that back
  // for a query). Fills the record's keys, terms and edges.
  // Step 1 of an add or a query (mu held): finds and verifies the shingle candidates of a
  // document about to get `seq`, counts it into the crawl statistics (rewrite mode; a
  // query takes that back) and picks its rewrite candidates. Fills the record's keys,
  // terms and shingle edges.
  absl::Status FindCandidates(uint32_t seq, Analysis& a, StoredDocument* record,
                              std::vector<Candidate>* rewrite_candidates);
  // Step 2 (no lock needed): verifies the rewrite candidates; appends to record->edges.
  absl::Status VerifyRewrites(uint32_t seq, const Analysis& a, absl::Span<const Candidate> candidates,
                              StoredDocument* record) const;
  // A candidate's shingle set: a pending document's own, or read from the store into
  // `*scratch`.
  absl::StatusOr<absl::Span<const ShingleKey>> ShinglesOf(uint32_t seq, const Analysis* pending,
                                                        std::vector<ShingleKey>* scratch) const;
  // Clusters again the connected components of `seeds` (indexed documents).
  void Recluster(absl::Span<const uint32_t> seeds);
  // Clusters `component` (indexed documents, ascending) plus, when `extra` is set, a
  // document not indexed with its edges; returns the clustering over the local positions
  // (extra last) and the global edge index of each local edge (-1: one of `extra`'s).
  Clustering ClusterComponent(const std::vector<uint32_t>& component, const DocState* extra,
                              absl::Span<const ScoredEdge> extra_edges,
                              std::vector<int64_t>* edge_index) const;
  std::vector<uint32_t> Component(absl::Span<const uint32_t> seeds,
                                  absl::Span<const ScoredEdge> extra_edges) const;
  LiveVerdict VerdictOf(uint32_t seq) const;
  void AddEdge(const ScoredEdge& e);
  absl::Status Remove(absl::Span<const uint32_t> seqs);
};

std::unique_ptr<Worker> LiveIndex::State::TakeWorker() const {
  {
    absl::MutexLock lock(&workers_mu);
    if (!idle_workers.empty()) {
      std::unique_ptr<Worker> w = std::move(idle_workers.back());
      idle_workers.pop_back();
      return w;
    }
  }
  AnalyzerOptions ao = options.dedup.analyzer;
  ao.build_shingle_set = false;
  if (rewrites) ao.tokenizer.keep_words = true;
  return std::make_unique<Worker>(Analyzer(ao));
}

void LiveIndex::State::ReturnWorker(std::unique_ptr<Worker> w) const {
  absl::MutexLock lock(&workers_mu);
  idle_workers.push_back(std::move(w));
}

absl::Status LiveIndex::State::Analyze(const Document& doc, Analysis* out) {
  std::unique_ptr<Worker> w = TakeWorker();
  if (rewrites && !w->stemmer) {
    absl::StatusOr<Stemmer> s = Stemmer::Create(options.dedup.stemmer);
    if (!s.ok()) {
      ReturnWorker(std::move(w));
      return s.status();
    }
    w->stemmer.emplace(std::move(*s));
  }
  if (rewrites && !w->weights) w->weights.emplace(&background);
  AnalyzedText& t = w->scratch;
  w->analyzer.Analyze(doc.text, &t);
  out->fingerprint = t.fingerprint;
  out->tokens = static_cast<uint32_t>(t.tokens.size());
  out->signature = t.signature;
  ToShingleSet(t.shingles, &out->shingle_set);
  if (rewrites) {
    ExtractRewriteFeatures(doc.text, t.tokens, background, options.dedup.rewrite, &*w->stemmer,
                           &w->features, &*w->weights);
    out->features = w->features;
  }
  ReturnWorker(std::move(w));
  return absl::OkStatus();
}

absl::StatusOr<absl::Span<const ShingleKey>> LiveIndex::State::ShinglesOf(
    uint32_t seq, const Analysis* pending, std::vector<ShingleKey>* scratch) const {
  if (pending != nullptr) return absl::MakeConstSpan(pending->shingle_set);
  NEARDUP_RETURN_IF_ERROR(store->GetShingles(seq, scratch));
  return absl::MakeConstSpan(*scratch);
}

absl::Status LiveIndex::State::FindCandidates(uint32_t seq, Analysis& a, StoredDocument* record,
                                              std::vector<Candidate>* rewrite_candidates) {
  record->edges.clear();
  rewrite_candidates->clear();
  auto usable = [&](DocId c) { return docs[c].alive || pending.contains(c); };
  auto pending_of = [&](DocId c) -> std::shared_ptr<const Analysis> {
    const auto it = pending.find(c);
    return it == pending.end() ? nullptr : it->second;
  };
  std::vector<DocId> candidates;
  lsh.Query(IndexKey{a.signature, a.shingle_set}, &candidates);
  std::vector<ShingleKey> other_set;
  absl::flat_hash_set<uint32_t> known;
  for (const DocId c : candidates) {
    if (c >= seq || !usable(c)) continue;
    NEARDUP_ASSIGN_OR_RETURN(const absl::Span<const ShingleKey> other,
                             ShinglesOf(c, pending_of(c).get(), &other_set));
    const DocState& o = docs[c];
    const bool same = o.fingerprint == a.fingerprint && o.tokens == a.tokens && a.tokens > 0;
    PairScores scores;
    const Relation relation = ClassifyShingleSets(other, a.shingle_set, same, verify, &scores);
    if (relation == Relation::kNone) continue;
    record->edges.push_back({c, seq, relation, scores});
    known.insert(c);
  }
  if (!rewrites) return absl::OkStatus();
  internal::CountDocument(options.dedup, &crawl, &sentence_df, &a.features, &record->rare_keys,
                          &record->terms, &record->sentence_hashes);
  a.features.CachePostings();
  std::vector<std::pair<DocId, uint32_t>> counted;
  // The window only spares walking documents `keep` drops.
  rare.Query(record->rare_keys, &counted, &rare_scratch,
             internal::RewriteTimeWindow(record->published, options.dedup));
  // The batch driver's filters and cap (rewrite_stage.cc).
  const auto keep = [&](DocId c) {
    return c < seq && usable(c) && !known.contains(c) &&
           !internal::OutsideRewriteWindow(docs[c].published, record->published, options.dedup);
  };
  for (const DocId c : StrongestCandidates(counted, options.dedup.rare_terms.max_candidates, keep)) {
    rewrite_candidates->push_back({c, docs[c].fingerprint, docs[c].tokens, pending_of(c)});
  }
  return absl::OkStatus();
}

absl::Status LiveIndex::State::VerifyRewrites(uint32_t seq, const Analysis& a,
                                              absl::Span<const Candidate> candidates,
                                              StoredDocument* record) const {
  // Stored candidates' shingles and feature outlines are read first, all at once: most
  // candidates are neither copies nor rewrites, and the shingle merge and RewriteMayHold
  // prove it before the rest of their features is read (VerifyRewriteCandidate would
  // reject them too, so verdicts are the batch driver's). A candidate deleted since step
  // 1 is no longer one (NotFound).
  std::unique_ptr<Worker> w = TakeWorker();
  absl::Cleanup give_back = [&] { ReturnWorker(std::move(w)); };
  std::vector<uint32_t>& stored_seqs = w->stored_seqs;
  stored_seqs.clear();
  for (const Candidate& c : candidates) {
    if (c.pending == nullptr) stored_seqs.push_back(c.seq);
  }
  std::vector<absl::Status>& status = w->status;
  store->GetCandidates(stored_seqs, &w->stored, &status);
  absl::Cleanup drop_records = [&] { w->stored.clear(); };  // memory may let them go
  RewriteScratch& scratch = w->rewrite_scratch;
  size_t k = 0;  // index of the next stored candidate
  for (const Candidate& c : candidates) {
    const bool same = c.fingerprint == a.fingerprint && c.tokens == a.tokens && a.tokens > 0;
    absl::Span<const ShingleKey> set;
    const RewriteFeatures* other = nullptr;
    if (c.pending != nullptr) {
      set = c.pending->shingle_set;
      other = &c.pending->features;
    } else {
      const size_t i = k++;
      // Load the next stored candidate's outline while this one is scored.
      if (k < w->stored.size() && status[k].ok() && w->stored[k] != nullptr) w->stored[k]->outline.Prefetch();
      if (absl::IsNotFound(status[i])) continue;
      NEARDUP_RETURN_IF_ERROR(status[i]);
      const CandidateRecord& stored = *w->stored[i];
      set = stored.shingles;
      if (!ScoreShingleSetsIfShared(set, a.shingle_set,
                                    MinSharedForRelation(set.size(), a.shingle_set.size(), same, verify)) &&
          !RewriteMayHold(stored.outline, a.features, options.dedup.rewrite, &scratch)) {
        continue;
      }
      w->whole = stored.outline;
      absl::Status details = store->GetFeatureDetails(c.seq, &w->whole);
      if (absl::IsNotFound(details)) continue;
      NEARDUP_RETURN_IF_ERROR(details);
      other = &w->whole;
    }
    if (auto e = internal::VerifyRewriteCandidate(c.seq, seq, set, a.shingle_set, *other, a.features, same,
                                                  options.dedup, &scratch)) {
      record->edges.push_back(*e);
    }
  }
  return absl::OkStatus();
}

std::vector<uint32_t> LiveIndex::State::Component(absl::Span<const uint32_t> seeds,
                                                  absl::Span<const ScoredEdge> extra_edges) const {
  absl::flat_hash_set<uint32_t> seen;
  std::deque<uint32_t> todo;
  auto visit = [&](uint32_t d) {
    if (docs[d].alive && seen.insert(d).second) todo.push_back(d);
  };
  for (const uint32_t s : seeds) visit(s);
  for (const ScoredEdge& e : extra_edges) visit(e.a);
  while (!todo.empty()) {
    const uint32_t d = todo.front();
    todo.pop_front();
    for (const uint32_t i : docs[d].edges) {
      const ScoredEdge& e = edges[i];
      visit(e.a == d ? e.b : e.a);
    }
  }
  std::vector<uint32_t> out(seen.begin(), seen.end());
  std::sort(out.begin(), out.end());
  return out;
}

Clustering LiveIndex::State::ClusterComponent(const std::vector<uint32_t>& component,
                                              const DocState* extra,
                                              absl::Span<const ScoredEdge> extra_edges,
                                              std::vector<int64_t>* edge_index) const {
  absl::flat_hash_map<uint32_t, uint32_t> local;
  std::vector<ClusterDocInfo> infos;
  for (const uint32_t d : component) {
    local.emplace(d, static_cast<uint32_t>(infos.size()));
    infos.push_back({docs[d].id, docs[d].text_bytes, docs[d].published});
  }
  std::vector<ScoredEdge> local_edges;
  edge_index->clear();
  for (const uint32_t d : component) {
    for (const uint32_t i : docs[d].edges) {
      ScoredEdge e = edges[i];
      if (e.b != d) continue;  // each edge once, from its later end
      e.a = local.at(e.a);
      e.b = local.at(e.b);
      local_edges.push_back(e);
      edge_index->push_back(i);
    }
  }
  if (extra != nullptr) {
    const auto self = static_cast<uint32_t>(infos.size());
    infos.push_back({extra->id, extra->text_bytes, extra->published});
    for (ScoredEdge e : extra_edges) {
      e.a = local.at(e.a);
      e.b = self;
      local_edges.push_back(e);
      edge_index->push_back(-1);
    }
  }
  return ClusterEdges(infos, local_edges, options.dedup.cluster);
}

void LiveIndex::State::Recluster(absl::Span<const uint32_t> seeds) {
  // All components first, and all their old cluster numbers dropped, before any is
  // numbered again: a split cluster may give its number to either part.
  absl::flat_hash_set<uint32_t> done;
  std::vector<std::vector<uint32_t>> components;
  for (const uint32_t seed : seeds) {
    if (!docs[seed].alive || done.contains(seed)) continue;
    components.push_back(Component({seed}, {}));
    for (const uint32_t d : components.back()) {
      done.insert(d);
      if (docs[d].cluster != kUnclustered) clusters.erase(docs[d].cluster);
    }
  }
  for (const std::vector<uint32_t>& component : components) {
    std::vector<int64_t> edge_index;
    const Clustering c = ClusterComponent(component, nullptr, {}, &edge_index);
    // Clusters are numbered by their first member: the smallest seq among its members.
    std::vector<uint32_t> first(c.representative.size(), UINT32_MAX);
    for (size_t i = 0; i < component.size(); ++i) {
      first[c.cluster_of[i]] = std::min(first[c.cluster_of[i]], component[i]);
    }
    for (size_t i = 0; i < component.size(); ++i) {
      DocState& doc = docs[component[i]];
      doc.cluster = first[c.cluster_of[i]];
      doc.link = c.link[i] < 0 ? -1 : edge_index[static_cast<size_t>(c.link[i])];
    }
    for (size_t k = 0; k < c.representative.size(); ++k) {
      clusters[first[k]] = {component[c.representative[k]], c.size[k]};
    }
  }
}

void LiveIndex::State::AddEdge(const ScoredEdge& e) {
  const auto i = static_cast<uint32_t>(edges.size());
  edges.push_back(e);
  docs[e.a].edges.push_back(i);
  docs[e.b].edges.push_back(i);
  ++live_edges;
}

LiveVerdict LiveIndex::State::VerdictOf(uint32_t seq) const {
  const DocState& d = docs[seq];
  LiveVerdict v;
  v.id = d.id;
  v.indexed = true;
  v.sequence = seq;
  v.cluster = d.cluster;
  const auto it = clusters.find(d.cluster);
  if (it != clusters.end()) {
    v.representative = docs[it->second.representative].id;
    v.cluster_size = it->second.size;
  } else {
    v.representative = d.id;
  }
  for (const uint32_t i : d.edges) {
    if (edges[i].b == seq) v.is_new = false;
  }
  if (d.link >= 0) {
    const ScoredEdge& e = edges[static_cast<size_t>(d.link)];
    v.link = e;
    v.self_is_a = e.a == seq;
    v.link_id = docs[v.self_is_a ? e.b : e.a].id;
  }
  return v;
}

absl::Status LiveIndex::State::Remove(absl::Span<const uint32_t> seqs) {
  // Read what the documents added to the statistics before they are gone.
  std::vector<StoredDocument> records(seqs.size());
  if (rewrites) {
    for (size_t i = 0; i < seqs.size(); ++i) {
      NEARDUP_RETURN_IF_ERROR(store->GetDocument(seqs[i], &records[i]));
    }
  }
  NEARDUP_RETURN_IF_ERROR(store->Delete(seqs));
  std::vector<uint32_t> neighbours;
  for (size_t i = 0; i < seqs.size(); ++i) {
    DocState& d = docs[seqs[i]];
    d.alive = false;
    ++deleted;
    seq_of.erase(d.id);
    clusters.erase(d.cluster);
    for (const uint32_t e : d.edges) {
      ScoredEdge& edge = edges[e];
      const uint32_t other = edge.a == seqs[i] ? edge.b : edge.a;
      auto& list = docs[other].edges;
      list.erase(std::remove(list.begin(), list.end(), e), list.end());
      edge.relation = Relation::kNone;
      --live_edges;
      neighbours.push_back(other);
    }
    d.edges.clear();
    if (rewrites) {
      crawl.Remove(records[i].terms);
      sentence_df.Remove(records[i].sentence_hashes);
    }
  }
  Recluster(neighbours);
  return absl::OkStatus();
}

LiveIndex::LiveIndex(std::unique_ptr<State> state) : state_(std::move(state)) {}
LiveIndex::~LiveIndex() = default;

absl::StatusOr<std::unique_ptr<LiveIndex>> LiveIndex::Open(const std::string& dir,
                                                           const LiveIndexOptions& options) {
  NEARDUP_ASSIGN_OR_RETURN(
      std::unique_ptr<LiveStore> store,
      LiveStore::Open(dir, {.create_if_missing = options.create_if_missing,
                            .sync = options.sync,
                            .hot_bytes = options.memory_budget_bytes,
                            .load_hot = options.preload_memory}));
  LiveIndexOptions opened = options;
  DedupOptions& o = opened.dedup;
  if (options.use_stored_settings && store->parameters()) {
    NEARDUP_RETURN_IF_ERROR(AdoptParameters(*store->parameters(), &o));
  }
  NEARDUP_RETURN_IF_ERROR(o.Validate());
  if (o.exact) return absl::InvalidArgumentError("the live index has no exact (--exact) mode");
  TermStats background(std::string{});
  if (o.mode == DetectionMode::kRewrite) {
    NEARDUP_ASSIGN_OR_RETURN(Stemmer probe, Stemmer::Create(o.stemmer));
    NEARDUP_ASSIGN_OR_RETURN(background, LoadTermStats(o.df_table, probe.Identity()));
  }
  NEARDUP_RETURN_IF_ERROR(store->MatchParameters(Parameters(o, background)));
  const LshParams params = o.lsh.Resolve(o.analyzer.minhash.num_hashes);
  auto state = std::make_unique<State>(opened, std::move(background), params);
  state->store = std::move(store);
  State& s = *state;
  // Replay the documents in order of addition: the same index and statistics as when
  // they were added (less any deleted).
  NEARDUP_RETURN_IF_ERROR(s.store->ForEachDocument([&](StoredDocument d) -> absl::Status {
    if (d.seq >= s.docs.size()) s.docs.resize(d.seq + 1);
    DocState& doc = s.docs[d.seq];
    static_cast<DocumentFacts&>(doc) = d;
    doc.alive = true;
    s.seq_of[d.id] = d.seq;
    s.lsh.Insert(d.seq, IndexKey{d.signature, {}});
    if (s.rewrites) {
      s.crawl.Add(d.terms);
      s.sentence_df.Add(d.sentence_hashes);
      s.rare.Insert(d.seq, d.rare_keys, internal::IndexTime(d.published));
    }
    for (const ScoredEdge& e : d.edges) {
      if (e.a < d.seq && s.docs[e.a].alive) s.AddEdge(e);
    }
    return absl::OkStatus();
  }));
  if (s.docs.size() < s.store->next_seq()) s.docs.resize(s.store->next_seq());
  s.next_commit = static_cast<uint32_t>(s.docs.size());
  {
    absl::MutexLock lock(&s.write_mu);
    s.next_write = s.next_commit;
  }
  for (const DocState& d : s.docs) s.deleted += !d.alive;
  std::vector<uint32_t> all;
  for (uint32_t d = 0; d < s.docs.size(); ++d) {
    if (s.docs[d].alive) all.push_back(d);
  }
  s.Recluster(all);
  return std::unique_ptr<LiveIndex>(new LiveIndex(std::move(state)));
}

absl::StatusOr<LiveVerdict> LiveIndex::Add(Document doc) {
  if (doc.id.empty()) return absl::InvalidArgumentError("a document needs a non-empty id");
  State& s = *state_;
  auto a = std::make_shared<Analysis>();
  NEARDUP_RETURN_IF_ERROR(s.Analyze(doc, a.get()));
  StoredDocument record;
  std::vector<Candidate> candidates;
  uint32_t seq = 0;
  absl::Status status;
  {
    // Step 1, under the lock: everything that depends on the documents before this one.
    absl::MutexLock lock(&s.mu);
    if (s.seq_of.contains(doc.id)) {
      return absl::AlreadyExistsError(absl::StrCat("document \"", doc.id, "\" is already indexed"));
    }
    seq = static_cast<uint32_t>(s.docs.size());
    record.seq = seq;
    record.id = doc.id;
    record.published = doc.published_time;
    record.added = absl::Now();
    record.text_bytes = doc.text.size();
    record.tokens = a->tokens;
    record.fingerprint = a->fingerprint;
    record.signature = a->signature;
    status = s.FindCandidates(seq, *a, &record, &candidates);
    s.docs.push_back({record, false, {}, kUnclustered, -1});
    s.seq_of[record.id] = seq;
    if (status.ok()) {
      // Later documents may pair with this one before it is written.
      s.lsh.Insert(seq, IndexKey{a->signature, a->shingle_set});
      if (s.rewrites) s.rare.Insert(seq, record.rare_keys, internal::IndexTime(record.published));
      s.pending[seq] = a;
    }
  }
  // Step 2, without the lock: aligning sentences with the rewrite candidates, the costly
  // part, runs for several documents at once.
  if (status.ok()) status = s.VerifyRewrites(seq, *a, candidates, &record);

  // Step 3, in seq order but without the lock: write. Deletes touch only visible
  // documents, and this one is not visible yet. The record may keep a pair with a
  // document deleted since step 1: opening skips pairs with deleted documents.
  std::pair<State*, uint32_t> turn(&s, seq);
  {
    absl::MutexLock lock(&s.write_mu);
    s.write_mu.Await(absl::Condition(
        +[](std::pair<State*, uint32_t>* x) { return x->first->next_write == x->second; }, &turn));
    if (status.ok()) status = s.store->Put(record, a->shingle_set, s.rewrites ? &a->features : nullptr);
    ++s.next_write;
  }
  // Step 4, under the lock and in seq order: publish.
  absl::MutexLock lock(&s.mu);
  s.mu.Await(absl::Condition(
      +[](std::pair<State*, uint32_t>* x) { return x->first->next_commit == x->second; }, &turn));
  // Pairs with documents deleted (or failed) since step 1 are dropped.
  std::erase_if(record.edges, [&](const ScoredEdge& e) { return !s.docs[e.a].alive; });
  s.pending.erase(seq);
  ++s.next_commit;
  if (!status.ok()) {
    s.seq_of.erase(record.id);
    ++s.deleted;
    if (s.rewrites && !record.terms.empty()) {
      s.crawl.Remove(record.terms);
      s.sentence_df.Remove(record.sentence_hashes);
    }
    return status;
  }
  s.docs[seq].alive = true;
  for (const ScoredEdge& e : record.edges) s.AddEdge(e);
  s.Recluster({seq});
  return s.VerdictOf(seq);
}

absl::StatusOr<LiveVerdict> LiveIndex::Query(const Document& doc) const {
  State& s = *state_;
  Analysis a;
  NEARDUP_RETURN_IF_ERROR(s.Analyze(doc, &a));
  absl::MutexLock lock(&s.mu);
  const auto seq = static_cast<uint32_t>(s.docs.size());
  StoredDocument record;
  record.published = doc.published_time;
  std::vector<Candidate> candidates;
  absl::Status found = s.FindCandidates(seq, a, &record, &candidates);
  if (found.ok()) found = s.VerifyRewrites(seq, a, candidates, &record);
  // A query leaves the statistics as they were.
  if (s.rewrites && !record.terms.empty()) {
    s.crawl.Remove(record.terms);
    s.sentence_df.Remove(record.sentence_hashes);
  }
  NEARDUP_RETURN_IF_ERROR(found);
  DocState self{{doc.id, doc.published_time, absl::Now(), doc.text.size(), a.tokens, a.fingerprint},
                false, {}, seq, -1};
  const std::vector<uint32_t> component = s.Component({}, record.edges);
  std::vector<int64_t> edge_index;
  const Clustering c = s.ClusterComponent(component, &self, record.edges, &edge_index);
  const size_t me = component.size();
  LiveVerdict v;
  v.id = doc.id;
  v.indexed = false;
  const uint32_t k = c.cluster_of[me];
  uint32_t first = seq;
  for (size_t i = 0; i < me; ++i) {
    if (c.cluster_of[i] == k) first = std::min(first, component[i]);
  }
  v.cluster = first;
  v.cluster_size = c.size[k];
  v.is_new = record.edges.empty();
  const uint32_t rep = c.representative[k];
  v.representative = rep == me ? doc.id : s.docs[component[rep]].id;
  if (c.link[me] >= 0) {
    const auto li = static_cast<size_t>(c.link[me]);
    const int64_t global = edge_index[li];
    // The link of the queried document is one of its own edges.
    const ScoredEdge& e = global < 0 ? record.edges[li - (edge_index.size() - record.edges.size())]
                                     : s.edges[static_cast<size_t>(global)];
    v.link = e;
    v.self_is_a = false;
    v.link_id = s.docs[e.a].id;
  }
  return v;
}

absl::StatusOr<LiveVerdict> LiveIndex::Get(std::string_view id) const {
  const State& s = *state_;
  absl::ReaderMutexLock lock(&s.mu);
  const auto it = s.seq_of.find(AsAbsl(id));
  if (it == s.seq_of.end() || !s.docs[it->second].alive) {
    return absl::NotFoundError(absl::StrCat("document \"", AsAbsl(id), "\" is not indexed"));
  }
  return s.VerdictOf(it->second);
}

absl::StatusOr<LiveCluster> LiveIndex::GetCluster(uint64_t cluster) const {
  const State& s = *state_;
  absl::ReaderMutexLock lock(&s.mu);
  const auto it = cluster <= UINT32_MAX ? s.clusters.find(static_cast<uint32_t>(cluster)) : s.clusters.end();
  if (it == s.clusters.end()) {
    return absl::NotFoundError(absl::StrCat("no cluster ", cluster, " in the index"));
  }
  LiveCluster out;
  out.cluster = cluster;
  out.representative = s.docs[it->second.representative].id;
  for (const uint32_t d : s.Component({static_cast<uint32_t>(cluster)}, {})) {
    if (s.docs[d].cluster == cluster) out.members.push_back(s.docs[d].id);
  }
  return out;
}

std::vector<LiveCluster> LiveIndex::Clusters() const {
  const State& s = *state_;
  absl::ReaderMutexLock lock(&s.mu);
  absl::flat_hash_map<uint32_t, size_t> position;
  std::vector<LiveCluster> out;
  for (uint32_t d = 0; d < s.docs.size(); ++d) {
    const DocState& doc = s.docs[d];
    if (!doc.alive) continue;
    auto [it, inserted] = position.try_emplace(doc.cluster, out.size());
    if (inserted) {
      LiveCluster c;
      c.cluster = doc.cluster;
      c.representative = s.docs[s.clusters.at(doc.cluster).representative].id;
      out.push_back(std::move(c));
    }
    out[it->second].members.push_back(doc.id);
  }
  return out;
}

absl::Status LiveIndex::Delete(std::string_view id) {
  State& s = *state_;
  absl::MutexLock lock(&s.mu);
  const auto it = s.seq_of.find(AsAbsl(id));
  if (it == s.seq_of.end() || !s.docs[it->second].alive) {
    return absl::NotFoundError(absl::StrCat("document \"", AsAbsl(id), "\" is not indexed"));
  }
  const uint32_t seq = it->second;
  return s.Remove({seq});
}

absl::StatusOr<uint64_t> LiveIndex::Expire(absl::Time cutoff) {
  State& s = *state_;
  absl::MutexLock lock(&s.mu);
  std::vector<uint32_t> old;
  for (uint32_t d = 0; d < s.docs.size(); ++d) {
    const DocState& doc = s.docs[d];
    if (doc.alive && doc.published.value_or(doc.added) < cutoff) old.push_back(d);
  }
  NEARDUP_RETURN_IF_ERROR(s.Remove(old));
  return old.size();
}

LiveIndexStats LiveIndex::Stats() const {
  const State& s = *state_;
  absl::ReaderMutexLock lock(&s.mu);
  LiveIndexStats out;
  out.added = s.docs.size();
  out.deleted = s.deleted;
  for (const DocState& d : s.docs) out.documents += d.alive;
  out.edges = s.live_edges;
  for (const auto& [k, c] : s.clusters) out.clusters_with_copies += c.size > 1;
  out.disk_bytes = s.store->DiskBytes();
  std::tie(out.memory_records, out.memory_bytes) = s.store->HotRecords();
  out.mode = std::string(DetectionModeName(s.options.dedup.mode));
  for (const DocState& d : s.docs) {
    if (!d.alive || !d.published) continue;
    if (!out.oldest_published || *d.published < *out.oldest_published) out.oldest_published = d.published;
    if (!out.newest_published || *d.published > *out.newest_published) out.newest_published = d.published;
  }
  return out;
}

void WriteLiveVerdict(const LiveVerdict& v, JsonWriter* w) {
  VerdictFields f;
  f.id = v.id;
  f.cluster = v.cluster;
  f.representative = v.representative;
  f.link = v.link ? &*v.link : nullptr;
  f.link_id = v.link_id;
  f.self_is_a = v.self_is_a;
  WriteVerdictObject(f, w, [&] {
    w->Key("indexed");
    w->Bool(v.indexed);
    w->Key("new");
    w->Bool(v.is_new);
    w->Key("cluster_size");
    w->Int(v.cluster_size);
  });
}

void WriteLiveCluster(const LiveCluster& c, JsonWriter* w) {
  w->BeginObject();
  w->Key("cluster");
  w->Int(static_cast<int64_t>(c.cluster));
  w->Key("size");
  w->Int(static_cast<int64_t>(c.members.size()));
  w->Key("representative");
  w->String(c.representative);
  w->Key("members");
  w->BeginArray();
  for (const std::string& m : c.members) w->String(m);
  w->EndArray();
  w->EndObject();
}

void WriteLiveStats(const LiveIndexStats& s, JsonWriter* w) {
  w->BeginObject();
  w->Key("documents");
  w->Int(static_cast<int64_t>(s.documents));
  w->Key("added");
  w->Int(static_cast<int64_t>(s.added));
  w->Key("deleted");
  w->Int(static_cast<int64_t>(s.deleted));
  w->Key("clusters_with_copies");
  w->Int(static_cast<int64_t>(s.clusters_with_copies));
  w->Key("pairs");
  w->Int(static_cast<int64_t>(s.edges));
  w->Key("disk_bytes");
  w->Int(static_cast<int64_t>(s.disk_bytes));
  w->Key("memory_records");
  w->Int(static_cast<int64_t>(s.memory_records));
  w->Key("memory_bytes");
  w->Int(static_cast<int64_t>(s.memory_bytes));
  w->Key("mode");
  w->String(s.mode);
  for (const auto& [key, time] : {std::pair{"oldest_published", s.oldest_published},
                                  std::pair{"newest_published", s.newest_published}}) {
    w->Key(key);
    if (time) {
      w->String(absl::FormatTime(absl::RFC3339_sec, *time, absl::UTCTimeZone()));
    } else {
      w->Null();
    }
  }
  w->EndObject();
}

}  // namespace neardup
