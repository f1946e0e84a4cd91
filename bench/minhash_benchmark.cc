// Sketching (MinHasher::Compute) on the shingle hashes of real articles (in text order,
// as the pipeline sketches them), at K = 64, 128
// (the default) and 256, next to two floors: XXH3 over the articles' text and XXH3 over
// the shingle hashes the sketcher reads. The quality counter is the mean absolute error
// of the signature estimate against the exact Jaccard over the corpus's true pairs.
//
//   build/bench/minhash_benchmark --benchmark_min_time=0.5
#include <cmath>

#include "bench_corpus.h"
#include "neardup/sketch/minhash.h"

namespace neardup::bench {
namespace {

// Mean |estimate - exact| over the true pairs (exact Jaccard >= 0.5) of the corpus.
double MeanEstimateError(const MinHasher& hasher) {
  const CorpusFeatures& f = LoadCorpusFeatures();
  const std::vector<DocPair>& pairs = ExactPairs();
  if (pairs.empty()) return 0.0;
  std::vector<uint32_t> a(hasher.num_hashes()), b(hasher.num_hashes());
  double sum = 0.0;
  for (const auto& [x, y] : pairs) {
    hasher.Compute(f.shingles[x], a.data());
    hasher.Compute(f.shingles[y], b.data());
    sum += std::abs(EstimateJaccard(a, b) -
                    ScoreShingleSets(f.shingle_sets[x], f.shingle_sets[y]).jaccard);
  }
  return sum / static_cast<double>(pairs.size());
}

void BM_MinHashCompute(benchmark::State& state) {
  const CorpusFeatures& f = LoadCorpusFeatures();
  const MinHasher hasher(MinHashOptions{.num_hashes = static_cast<int>(state.range(0))});
  std::vector<uint32_t> signature(hasher.num_hashes());
  uint64_t shingle_count = 0;
  CycleDocuments(state, [&](size_t i) {
    hasher.Compute(f.shingles[i], signature.data());
    benchmark::DoNotOptimize(signature.data());
    shingle_count += f.shingles[i].size();
  });
  state.counters["shingles"] = benchmark::Counter(static_cast<double>(shingle_count),
                                                  benchmark::Counter::kIsRate);
  state.counters["mean_abs_error"] = MeanEstimateError(hasher);
  state.counters["true_pairs"] = static_cast<double>(ExactPairs().size());
}
BENCHMARK(BM_MinHashCompute)->Arg(64)->Arg(128)->Arg(256);

// XXH3 over the shingle hashes themselves (8 bytes each): the least any pass over the
// sketcher's input can cost.
void BM_Xxh3OverShingles(benchmark::State& state) {
  const CorpusFeatures& f = LoadCorpusFeatures();
  CycleDocuments(state, [&](size_t i) {
    const std::vector<uint64_t>& s = f.shingles[i];
    benchmark::DoNotOptimize(HashWords(s.data(), s.size(), 0));
  });
}
BENCHMARK(BM_Xxh3OverShingles);

NEARDUP_BENCHMARK_XXH3_FLOOR();

}  // namespace
}  // namespace neardup::bench
