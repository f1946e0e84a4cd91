// Shingle hashing (ShingleHashes: 5-word windows of token hashes) and turning the
// sequence into a set (ToShingleSet), on the tokens of real articles. Rates are in text
// bytes and documents of the articles, so they compare with the other stages.
//
//   build/bench/shingle_benchmark --benchmark_min_time=0.5
#include "bench_corpus.h"
#include "neardup/text/shingle.h"

namespace neardup::bench {
namespace {

void BM_ShingleHashes(benchmark::State& state) {
  const CorpusFeatures& f = LoadCorpusFeatures();
  std::vector<uint64_t> shingles;
  CycleDocuments(state, [&](size_t i) {
    ShingleHashes(f.token_hashes[i], ShingleOptions{}, /*seed=*/0, &shingles);
    benchmark::DoNotOptimize(shingles.data());
  });
}
BENCHMARK(BM_ShingleHashes);

void BM_ToShingleSet(benchmark::State& state) {
  const CorpusFeatures& f = LoadCorpusFeatures();
  std::vector<ShingleKey> set;
  CycleDocuments(state, [&](size_t i) {
    ToShingleSet(f.shingles[i], &set);
    benchmark::DoNotOptimize(set.data());
  });
}
BENCHMARK(BM_ToShingleSet);

NEARDUP_BENCHMARK_XXH3_FLOOR();

}  // namespace
}  // namespace neardup::bench
