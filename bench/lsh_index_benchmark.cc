// Banded LSH (LshIndex) on the MinHash signatures of real articles: building the index,
// querying it, and the pipeline's query-then-insert loop over the whole corpus, whose
// quality counters compare its candidates with the true pairs found by ExactIndex (the
// oracle, also timed here). Rates count the corpus's text bytes and documents per pass.
//
//   build/bench/lsh_index_benchmark --benchmark_min_time=0.5
//
// Counters: recall = true pairs (exact Jaccard >= 0.5) the index proposed / true pairs;
// candidates = pairs proposed per pass; candidate_precision = true pairs / candidates
// (the share of verification work that finds something; reported pairs are verified
// exactly, so the final precision is 1 by construction); index_bytes_per_doc =
// MemoryBytes() / documents after the pass.
#include <algorithm>

#include "bench_corpus.h"
#include "neardup/index/exact_index.h"
#include "neardup/index/lsh_index.h"

namespace neardup::bench {
namespace {

LshOptions OptionsFor(const benchmark::State& state) {
  return LshOptions{.bands = static_cast<int>(state.range(0)), .rows = static_cast<int>(state.range(1))};
}

// Sets the quality counters of `candidates` (unsorted) against the true pairs.
void SetQualityCounters(benchmark::State& state, std::vector<DocPair> candidates) {
  const std::vector<DocPair>& truth = ExactPairs();
  std::sort(candidates.begin(), candidates.end());
  std::vector<DocPair> found;
  std::set_intersection(candidates.begin(), candidates.end(), truth.begin(), truth.end(),
                        std::back_inserter(found));
  state.counters["true_pairs"] = static_cast<double>(truth.size());
  state.counters["candidates"] = static_cast<double>(candidates.size());
  state.counters["recall"] =
      truth.empty() ? 1.0 : static_cast<double>(found.size()) / static_cast<double>(truth.size());
  state.counters["candidate_precision"] =
      candidates.empty() ? 1.0
                         : static_cast<double>(found.size()) / static_cast<double>(candidates.size());
}

void SetBandingCounters(benchmark::State& state, const LshIndex& index) {
  state.counters["bands"] = index.params().bands;
  state.counters["rows"] = index.params().rows;
  state.counters["index_bytes_per_doc"] =
      static_cast<double>(index.MemoryBytes()) / static_cast<double>(index.size());
}

// Inserts every document into a fresh index, once per iteration.
void BM_LshInsert(benchmark::State& state) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  const CorpusFeatures& f = LoadCorpusFeatures();
  const LshOptions options = OptionsFor(state);
  for (auto _ : state) {
    LshIndex index(options, f.num_hashes);
    for (DocId d = 0; d < corpus.size(); ++d) index.Insert(d, f.key(d));
    benchmark::DoNotOptimize(index.size());
    state.PauseTiming();
    SetBandingCounters(state, index);
    state.ResumeTiming();
  }
  SetCorpusPassRates(state, corpus);
}
BENCHMARK(BM_LshInsert)->Args({0, 0})->Unit(benchmark::kMillisecond);

// Queries an index holding the whole corpus with one document per iteration.
void BM_LshQuery(benchmark::State& state) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  const CorpusFeatures& f = LoadCorpusFeatures();
  LshIndex index(OptionsFor(state), f.num_hashes);
  for (DocId d = 0; d < corpus.size(); ++d) index.Insert(d, f.key(d));
  std::vector<DocId> found;
  uint64_t candidates = 0;
  CycleDocuments(state, [&](size_t i) {
    index.Query(f.key(i), &found);
    candidates += found.size();
  });
  // Each document finds itself; the rest are candidates.
  state.counters["candidates_per_doc"] =
      static_cast<double>(candidates) / static_cast<double>(state.iterations()) - 1.0;
}
BENCHMARK(BM_LshQuery)->Args({0, 0});

// The pipeline's loop: query each document against the earlier ones, then insert it.
// {0, 0} is the default banding (39 x 3 at threshold 0.5); 25 x 5 is datasketch's choice
// with equal weights, for the recall it gives up.
void BM_LshQueryInsert(benchmark::State& state) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  const CorpusFeatures& f = LoadCorpusFeatures();
  const LshOptions options = OptionsFor(state);
  std::vector<DocPair> candidates;
  for (auto _ : state) {
    LshIndex index(options, f.num_hashes);
    candidates = CandidatePairs(index, f);
    state.PauseTiming();
    SetBandingCounters(state, index);
    state.ResumeTiming();
  }
  SetCorpusPassRates(state, corpus);
  SetQualityCounters(state, std::move(candidates));
}
BENCHMARK(BM_LshQueryInsert)->Args({0, 0})->Args({25, 5})->Unit(benchmark::kMillisecond);

// The oracle's loop, for its cost: recall 1 by definition.
void BM_ExactQueryInsert(benchmark::State& state) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  const CorpusFeatures& f = LoadCorpusFeatures();
  std::vector<DocPair> candidates;
  double bytes_per_doc = 0;
  for (auto _ : state) {
    ExactIndex index(ExactIndexOptions{.min_jaccard = 0.5});
    candidates = CandidatePairs(index, f);
    bytes_per_doc = static_cast<double>(index.MemoryBytes()) / static_cast<double>(index.size());
  }
  SetCorpusPassRates(state, corpus);
  state.counters["index_bytes_per_doc"] = bytes_per_doc;
  SetQualityCounters(state, std::move(candidates));
}
BENCHMARK(BM_ExactQueryInsert)->Unit(benchmark::kMillisecond);

NEARDUP_BENCHMARK_XXH3_FLOOR();

}  // namespace
}  // namespace neardup::bench
