// The whole batch pipeline in process (OpenDocuments + RunDedup: read, analyse, LSH,
// verify, cluster; no output written), once per iteration, on 1 and 2 threads. Rates are
// the corpus's text bytes and documents per second. bench/e2e.sh measures the same work
// through the CLI, with output, peak memory and recall against --exact.
//
//   build/bench/dedup_benchmark --benchmark_min_time=0.5
//
// Counters (from DedupStats): candidates, verified_pairs, index_bytes_per_doc.
#include "bench_corpus.h"
#include "neardup/pipeline/dedup.h"

namespace neardup::bench {
namespace {

// Reads the corpus file itself (not LoadBenchCorpus, which would hold every text in
// memory; NEARDUP_BENCH_MAX_DOCS does not apply here).
void BM_RunDedup(benchmark::State& state) {
  const std::string path = BenchCorpusPath();
  DedupOptions options;
  options.threads = static_cast<int>(state.range(0));
  DedupStats stats;
  for (auto _ : state) {
    auto reader = OpenDocuments({path}, options.reader);
    if (!reader.ok()) {
      state.SkipWithError(std::string(reader.status().message()).c_str());
      return;
    }
    absl::StatusOr<DedupResult> result = RunDedup(**reader, options);
    if (!result.ok()) {
      state.SkipWithError(std::string(result.status().message()).c_str());
      return;
    }
    stats = result->stats;
  }
  SetRates(state, stats.bytes * state.iterations(), stats.documents * state.iterations());
  state.counters["candidates"] = static_cast<double>(stats.candidates);
  state.counters["verified_pairs"] = static_cast<double>(stats.verified_pairs);
  state.counters["index_bytes_per_doc"] =
      stats.documents == 0 ? 0.0 : static_cast<double>(stats.index_bytes) / stats.documents;
}
BENCHMARK(BM_RunDedup)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

NEARDUP_BENCHMARK_XXH3_FLOOR();

}  // namespace
}  // namespace neardup::bench
