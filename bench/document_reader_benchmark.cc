// JSON Lines reading (OpenDocuments + Next, simdjson) of the whole corpus file per
// iteration (from the page cache after the first pass). bytes/s counts the file's bytes
// (JSON syntax and every field), docs/s its records; text_bytes the article text among
// them. The floors hash the same file bytes, and the text, with XXH3.
//
//   build/bench/document_reader_benchmark --benchmark_min_time=0.5
#include <fstream>
#include <sstream>

#include "bench_corpus.h"
#include "neardup/io/document_reader.h"

namespace neardup::bench {
namespace {

void BM_ReadJsonLines(benchmark::State& state) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  const size_t limit = corpus.size();  // honours NEARDUP_BENCH_MAX_DOCS
  uint64_t file_bytes = 0, text_bytes = 0, docs = 0;
  Document doc;
  for (auto _ : state) {
    auto reader = OpenDocuments({corpus.path}, ReaderOptions{});
    if (!reader.ok()) {
      state.SkipWithError(std::string(reader.status().message()).c_str());
      return;
    }
    for (size_t n = 0; n < limit; ++n) {
      absl::StatusOr<bool> more = (*reader)->Next(&doc);
      if (!more.ok() || !*more) break;
      text_bytes += doc.text.size();
      ++docs;
    }
    file_bytes += (*reader)->bytes_read();
  }
  SetRates(state, file_bytes, docs);
  state.counters["text_bytes"] = benchmark::Counter(static_cast<double>(text_bytes),
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadJsonLines)->Unit(benchmark::kMillisecond);

// XXH3 over the file's bytes, read into memory once: the floor for a pass over the input.
void BM_Xxh3OverFile(benchmark::State& state) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  std::ifstream in(corpus.path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string file = buffer.str();
  for (auto _ : state) benchmark::DoNotOptimize(Hash64(file, 0));
  SetRates(state, file.size() * state.iterations(), corpus.size() * state.iterations());
}
BENCHMARK(BM_Xxh3OverFile)->Unit(benchmark::kMillisecond);

NEARDUP_BENCHMARK_XXH3_FLOOR();

}  // namespace
}  // namespace neardup::bench
