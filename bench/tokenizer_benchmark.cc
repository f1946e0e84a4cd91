// Normalisation + tokenisation (Tokenizer::Tokenize) on real articles, one document per
// iteration, next to the XXH3 floor over the same bytes.
//
//   build/bench/tokenizer_benchmark --benchmark_min_time=0.5
#include "bench_corpus.h"
#include "neardup/text/tokenizer.h"

namespace neardup::bench {
namespace {

void BM_Tokenize(benchmark::State& state) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  Tokenizer tokenizer{TokenizerOptions{}};
  TokenizedText tokens;
  uint64_t token_count = 0;
  CycleDocuments(state, [&](size_t i) {
    tokenizer.Tokenize(corpus.texts[i], &tokens);
    token_count += tokens.size();
  });
  state.counters["tokens"] = benchmark::Counter(static_cast<double>(token_count),
                                                benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Tokenize);

NEARDUP_BENCHMARK_XXH3_FLOOR();

}  // namespace
}  // namespace neardup::bench
