// Real text for the micro benchmarks: the corpus named by NEARDUP_BENCH_CORPUS (default
// ../shared/data/reuters21578.jsonl beside the source tree), loaded once per process, and
// what each stage needs from it (tokens, shingle sets, signatures, candidate pairs),
// computed once and shared. Every benchmark reports text bytes/s and documents/s, so the
// stages compare with each other and with the end-to-end driver (bench/e2e.sh).
//
//   const BenchCorpus& corpus = LoadBenchCorpus();   // exits with a message if missing
//   for (auto _ : state) Work(corpus.texts[i]);
//   SetRates(state, bytes, docs);
//
// Benchmarks are programs, not library code: a missing corpus ends the process with a
// message naming the variable to set (tests never read this corpus).
#ifndef NEARDUP_BENCH_BENCH_CORPUS_H_
#define NEARDUP_BENCH_BENCH_CORPUS_H_

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "neardup/hash/hash.h"
#include "neardup/index/exact_index.h"
#include "neardup/index/lsh_index.h"
#include "neardup/io/document_reader.h"
#include "neardup/pipeline/analyzer.h"
#include "neardup/verify/similarity.h"

#ifndef NEARDUP_SOURCE_DIR
#define NEARDUP_SOURCE_DIR "."
#endif

namespace neardup::bench {

struct BenchCorpus {
  std::string path;
  std::vector<std::string> ids;
  std::vector<std::string> texts;
  uint64_t text_bytes = 0;  // sum of texts[i].size()
  uint64_t file_bytes = 0;  // size of the JSON Lines file
  size_t size() const { return texts.size(); }
};

// Returns the corpus path: $NEARDUP_BENCH_CORPUS, else the shared Reuters file.
inline std::string BenchCorpusPath() {
  if (const char* env = std::getenv("NEARDUP_BENCH_CORPUS"); env != nullptr && *env != '\0') {
    return env;
  }
  return std::string(NEARDUP_SOURCE_DIR) + "/../shared/data/reuters21578.jsonl";
}

[[noreturn]] inline void DieWithCorpusError(const std::string& path, const std::string& why) {
  std::fprintf(stderr,
               "neardup benchmarks: cannot read the benchmark corpus %s: %s\n"
               "Set NEARDUP_BENCH_CORPUS to a JSON Lines file of real articles "
               "({\"id\", \"text\"} per line), e.g.\n"
               "  NEARDUP_BENCH_CORPUS=/path/to/reuters21578.jsonl %s\n",
               path.c_str(), why.c_str(), "build/bench/<name>_benchmark");
  std::exit(2);
}

// Returns the corpus, read on first use. $NEARDUP_BENCH_MAX_DOCS, when set, keeps only
// the first that many documents (for quick runs on large corpora).
inline const BenchCorpus& LoadBenchCorpus() {
  static const BenchCorpus* corpus = [] {
    auto* c = new BenchCorpus;
    c->path = BenchCorpusPath();
    std::error_code ec;
    c->file_bytes = std::filesystem::file_size(c->path, ec);
    if (ec) DieWithCorpusError(c->path, ec.message());
    size_t max_docs = SIZE_MAX;
    if (const char* env = std::getenv("NEARDUP_BENCH_MAX_DOCS"); env != nullptr && *env != '\0') {
      max_docs = std::strtoull(env, nullptr, 10);
    }
    auto reader = OpenDocuments({c->path}, ReaderOptions{});
    if (!reader.ok()) DieWithCorpusError(c->path, std::string(reader.status().message()));
    Document doc;
    while (c->texts.size() < max_docs) {
      absl::StatusOr<bool> more = (*reader)->Next(&doc);
      if (!more.ok()) DieWithCorpusError(c->path, std::string(more.status().message()));
      if (!*more) break;
      c->text_bytes += doc.text.size();
      c->ids.push_back(std::move(doc.id));
      c->texts.push_back(std::move(doc.text));
    }
    if (c->texts.empty()) DieWithCorpusError(c->path, "no documents");
    return c;
  }();
  return *corpus;
}

// What the stages after tokenisation consume, for every document of the corpus, computed
// with the default AnalyzerOptions (5-word shingles, 128 hashes, seed 0).
struct CorpusFeatures {
  std::vector<std::vector<uint64_t>> token_hashes;
  std::vector<std::vector<uint64_t>> shingles;       // hashes in text order, repeats kept
  std::vector<std::vector<ShingleKey>> shingle_sets; // their keys, sorted, unique
  std::vector<uint32_t> signatures;                // num_hashes values per document
  int num_hashes = 0;

  absl::Span<const uint32_t> signature(size_t doc) const {
    return absl::MakeConstSpan(signatures).subspan(doc * num_hashes, num_hashes);
  }
  IndexKey key(size_t doc) const { return {.signature = signature(doc), .shingles = shingle_sets[doc]}; }
};

inline const CorpusFeatures& LoadCorpusFeatures() {
  static const CorpusFeatures* features = [] {
    const BenchCorpus& corpus = LoadBenchCorpus();
    auto* f = new CorpusFeatures;
    Analyzer analyzer{AnalyzerOptions{}};
    f->num_hashes = analyzer.options().minhash.num_hashes;
    f->signatures.reserve(corpus.size() * f->num_hashes);
    AnalyzedText a;
    for (const std::string& text : corpus.texts) {
      analyzer.Analyze(text, &a);
      f->token_hashes.push_back(a.tokens.hashes);
      f->shingles.push_back(a.shingles);
      f->shingle_sets.push_back(a.shingle_set);
      f->signatures.insert(f->signatures.end(), a.signature.begin(), a.signature.end());
    }
    return f;
  }();
  return *features;
}

using DocPair = std::pair<DocId, DocId>;  // (earlier, later) document numbers

// Runs the pipeline's query-then-insert loop over the whole corpus and returns every
// candidate pair the index proposes, in (later, earlier) order of discovery.
inline std::vector<DocPair> CandidatePairs(CandidateIndex& index, const CorpusFeatures& f) {
  std::vector<DocPair> pairs;
  std::vector<DocId> found;
  const size_t n = f.shingle_sets.size();
  for (DocId d = 0; d < n; ++d) {
    index.Query(f.key(d), &found);
    for (DocId e : found) pairs.emplace_back(e, d);
    index.Insert(d, f.key(d));
  }
  return pairs;
}

// Returns the candidate pairs of the default LshIndex (threshold 0.5) on the corpus.
inline const std::vector<DocPair>& LshCandidatePairs() {
  static const std::vector<DocPair>* pairs = [] {
    const CorpusFeatures& f = LoadCorpusFeatures();
    LshIndex index(LshOptions{}, f.num_hashes);
    return new std::vector<DocPair>(CandidatePairs(index, f));
  }();
  return *pairs;
}

// Returns the true pairs of the corpus, Jaccard >= 0.5 exactly (ExactIndex, the oracle).
inline const std::vector<DocPair>& ExactPairs() {
  static const std::vector<DocPair>* pairs = [] {
    const CorpusFeatures& f = LoadCorpusFeatures();
    ExactIndex index(ExactIndexOptions{.min_jaccard = 0.5});
    auto* p = new std::vector<DocPair>(CandidatePairs(index, f));
    std::sort(p->begin(), p->end());
    return p;
  }();
  return *pairs;
}

// Reports `bytes` (text bytes) and `docs` processed over the whole run as rates.
inline void SetRates(benchmark::State& state, uint64_t bytes, uint64_t docs) {
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["docs"] = benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
}

// Reports one whole pass over the corpus per iteration as rates (for stages that work
// on the whole corpus at once: index, verification, clustering).
inline void SetCorpusPassRates(benchmark::State& state, const BenchCorpus& corpus) {
  SetRates(state, corpus.text_bytes * state.iterations(), corpus.size() * state.iterations());
}

// Runs `work(i)` for one document i per benchmark iteration, cycling through the corpus,
// and reports the text bytes and documents of the documents it visited as rates.
template <typename Work>
void CycleDocuments(benchmark::State& state, Work&& work) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  size_t i = 0;
  uint64_t bytes = 0, docs = 0;
  for (auto _ : state) {
    work(i);
    bytes += corpus.texts[i].size();
    ++docs;
    if (++i == corpus.size()) i = 0;
  }
  SetRates(state, bytes, docs);
}

// The floor every stage is shown next to: XXH3 (neardup::Hash64) over the text of the
// same documents, one document per iteration.
inline void RunXxh3Floor(benchmark::State& state) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  CycleDocuments(state, [&](size_t i) { benchmark::DoNotOptimize(Hash64(corpus.texts[i], 0)); });
}

}  // namespace neardup::bench

// Registers the XXH3 floor in a benchmark executable, so it prints beside the stage.
#define NEARDUP_BENCHMARK_XXH3_FLOOR() \
  BENCHMARK(::neardup::bench::RunXxh3Floor)->Name("BM_Xxh3Floor")

#endif  // NEARDUP_BENCH_BENCH_CORPUS_H_
