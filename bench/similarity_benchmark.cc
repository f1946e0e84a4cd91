// Verification (ScoreShingleSets, with SIMD and scalar intersections) of the real candidate pairs the default LshIndex
// proposes on the corpus. One iteration scores every candidate pair once, i.e. does the
// verification work of one pass over the corpus, so bytes/s and docs/s are the corpus's
// text bytes and documents per second of verification and compare with the other stages.
//
//   build/bench/similarity_benchmark --benchmark_min_time=0.5
//
// Counters: pairs = candidate pairs scored per second; candidates = pairs per pass;
// verified = pairs at Jaccard >= 0.5 (what dedup reports).
#include "bench_corpus.h"
#include "neardup/base/intersect.h"
#include "neardup/verify/similarity.h"

namespace neardup::bench {
namespace {

// Scores every candidate pair with `count` (CountShared: SIMD, or CountSharedScalar).
template <size_t (*count)(absl::Span<const ShingleKey>, absl::Span<const ShingleKey>, size_t)>
void ScorePairs(benchmark::State& state) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  const CorpusFeatures& f = LoadCorpusFeatures();
  const std::vector<DocPair>& pairs = LshCandidatePairs();
  uint64_t verified = 0;
  for (auto _ : state) {
    verified = 0;
    for (const auto& [a, b] : pairs) {
      const absl::Span<const ShingleKey> x = f.shingle_sets[a], y = f.shingle_sets[b];
      const PairScores s = ScoresFromCounts(count(x, y, 0), x.size(), y.size());
      verified += s.jaccard >= 0.5;
    }
    benchmark::DoNotOptimize(verified);
  }
  SetCorpusPassRates(state, corpus);
  state.counters["pairs"] = benchmark::Counter(static_cast<double>(pairs.size() * state.iterations()),
                                               benchmark::Counter::kIsRate);
  state.counters["candidates"] = static_cast<double>(pairs.size());
  state.counters["verified"] = static_cast<double>(verified);
}

// What ScoreShingleSets does: the intersection by SIMD block compares (base/intersect.h).
void BM_ScoreCandidatePairs(benchmark::State& state) { ScorePairs<CountShared>(state); }
BENCHMARK(BM_ScoreCandidatePairs)->Unit(benchmark::kMillisecond);

// The branch-free scalar merge it replaced, for comparison.
void BM_ScoreCandidatePairsScalar(benchmark::State& state) { ScorePairs<CountSharedScalar>(state); }
BENCHMARK(BM_ScoreCandidatePairsScalar)->Unit(benchmark::kMillisecond);

NEARDUP_BENCHMARK_XXH3_FLOOR();

}  // namespace
}  // namespace neardup::bench
