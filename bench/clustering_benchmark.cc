// Clustering (ClusterEdges) of the verified pairs of the corpus: the true pairs at
// Jaccard >= 0.5, scored exactly. One iteration clusters the whole corpus, so bytes/s and
// docs/s are its text bytes and documents per second of clustering.
//
//   build/bench/clustering_benchmark --benchmark_min_time=0.5
//
// Counters: edges = verified pairs clustered; clusters_with_copies = clusters of two or
// more documents.
#include "bench_corpus.h"
#include "neardup/cluster/clustering.h"

namespace neardup::bench {
namespace {

void BM_ClusterEdges(benchmark::State& state) {
  const BenchCorpus& corpus = LoadBenchCorpus();
  const CorpusFeatures& f = LoadCorpusFeatures();
  std::vector<ClusterDocInfo> docs(corpus.size());
  for (size_t i = 0; i < corpus.size(); ++i) {
    docs[i] = {.id = corpus.ids[i], .text_bytes = corpus.texts[i].size(), .published = std::nullopt};
  }
  std::vector<ScoredEdge> edges;
  for (const auto& [a, b] : ExactPairs()) {
    edges.push_back({.a = a, .b = b, .relation = Relation::kNearDuplicate,
                     .scores = ScoreShingleSets(f.shingle_sets[a], f.shingle_sets[b])});
  }
  Clustering clustering;
  for (auto _ : state) {
    clustering = ClusterEdges(docs, edges);
    benchmark::DoNotOptimize(clustering.cluster_of.data());
  }
  SetCorpusPassRates(state, corpus);
  size_t with_copies = 0;
  for (const uint32_t size : clustering.size) with_copies += size > 1;
  state.counters["edges"] = static_cast<double>(edges.size());
  state.counters["clusters_with_copies"] = static_cast<double>(with_copies);
}
BENCHMARK(BM_ClusterEdges)->Unit(benchmark::kMillisecond);

NEARDUP_BENCHMARK_XXH3_FLOOR();

}  // namespace
}  // namespace neardup::bench
