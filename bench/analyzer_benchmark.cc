// The whole per-document analysis (Analyzer::Analyze: tokenise, shingle, set, sketch,
// fingerprint) on real articles, one document per iteration, next to the XXH3 floor.
//
//   build/bench/analyzer_benchmark --benchmark_min_time=0.5
#include "bench_corpus.h"
#include "neardup/pipeline/analyzer.h"

namespace neardup::bench {
namespace {

void BM_Analyze(benchmark::State& state) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  Analyzer analyzer{AnalyzerOptions{}};
  AnalyzedText analyzed;
  CycleDocuments(state, [&](size_t i) {
    analyzer.Analyze(corpus.texts[i], &analyzed);
    benchmark::DoNotOptimize(analyzed.signature.data());
  });
}
BENCHMARK(BM_Analyze);

NEARDUP_BENCHMARK_XXH3_FLOOR();

}  // namespace
}  // namespace neardup::bench
