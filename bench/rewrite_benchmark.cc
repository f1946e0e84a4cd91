// Speed of rewrite-feature extraction (tokenise with words, stem, split sentences,
// collapse repeats) and of pair scoring, on the seed articles (real news text, with a
// comment block). Set NEARDUP_BENCH_JSONL to a JSON Lines file to use other text (the
// first 2,000 documents).
//
//   build/bench/rewrite_benchmark
//   NEARDUP_BENCH_JSONL=../shared/data/bbc-news.jsonl build/bench/rewrite_benchmark
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "neardup/base/document.h"
#include "neardup/io/document_reader.h"
#include "neardup/text/stemmer.h"
#include "neardup/text/term_stats.h"
#include "neardup/text/tokenizer.h"
#include "neardup/verify/rewrite.h"

#ifndef NEARDUP_SOURCE_DIR
#define NEARDUP_SOURCE_DIR "."
#endif

namespace neardup {
namespace {

const std::vector<std::string>& Texts() {
  static const std::vector<std::string>* texts = [] {
    auto* out = new std::vector<std::string>;
    const char* jsonl = std::getenv("NEARDUP_BENCH_JSONL");
    std::vector<std::string> paths = {jsonl != nullptr ? std::string(jsonl)
                                                       : std::string(NEARDUP_SOURCE_DIR "/corpus/seeds")};
    auto reader = OpenDocuments(paths, ReaderOptions{});
    if (!reader.ok()) return out;
    Document doc;
    while (out->size() < 2000) {
      absl::StatusOr<bool> more = (*reader)->Next(&doc);
      if (!more.ok() || !*more) break;
      out->push_back(doc.text);
    }
    return out;
  }();
  return *texts;
}

const TermStats& Stats() {
  static const TermStats* stats = [] {
    auto loaded = TermStats::Load(NEARDUP_SOURCE_DIR "/data/df_table_v1.tsv", "snowball-english+stop-en1");
    return loaded.ok() ? new TermStats(std::move(*loaded)) : new TermStats("snowball-english+stop-en1");
  }();
  return *stats;
}

// Extracts the features of every text, with a TermWeightCache when `cached`.
void ExtractAll(benchmark::State& state, bool cached) {
  const auto& texts = Texts();
  Tokenizer tokenizer(TokenizerOptions{.keep_words = true});
  Stemmer stemmer = *Stemmer::Create(StemmerOptions{});
  TermWeightCache cache(&Stats());
  TokenizedText tokens;
  RewriteFeatures features;
  const RewriteOptions options;
  int64_t bytes = 0, docs = 0;
  for (auto _ : state) {
    for (const std::string& text : texts) {
      tokenizer.Tokenize(text, &tokens);
      ExtractRewriteFeatures(text, tokens, Stats(), options, &stemmer, &features,
                             cached ? &cache : nullptr);
      benchmark::DoNotOptimize(features.sentences.data());
      bytes += static_cast<int64_t>(text.size());
      ++docs;
    }
  }
  state.SetBytesProcessed(bytes);
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
}
void BM_ExtractRewriteFeatures(benchmark::State& state) { ExtractAll(state, false); }
BENCHMARK(BM_ExtractRewriteFeatures)->Unit(benchmark::kMillisecond);

// Likewise with a TermWeightCache, as the batch driver and the live index extract.
void BM_ExtractRewriteFeaturesCached(benchmark::State& state) { ExtractAll(state, true); }
BENCHMARK(BM_ExtractRewriteFeaturesCached)->Unit(benchmark::kMillisecond);

// Tokenising with words kept, alone: the share of extraction that is not rewrite-specific.
void BM_TokenizeWithWords(benchmark::State& state) {
  const auto& texts = Texts();
  Tokenizer tokenizer(TokenizerOptions{.keep_words = true});
  TokenizedText tokens;
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& text : texts) {
      tokenizer.Tokenize(text, &tokens);
      benchmark::DoNotOptimize(tokens.hashes.data());
      bytes += static_cast<int64_t>(text.size());
    }
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_TokenizeWithWords)->Unit(benchmark::kMillisecond);

// Returns the features of the first 50 texts, for scoring all their pairs.
std::vector<RewriteFeatures> PairFeatures(const RewriteOptions& options) {
  const auto& texts = Texts();
  Tokenizer tokenizer(TokenizerOptions{.keep_words = true});
  Stemmer stemmer = *Stemmer::Create(StemmerOptions{});
  TokenizedText tokens;
  std::vector<RewriteFeatures> features(std::min<size_t>(texts.size(), 50));
  for (size_t i = 0; i < features.size(); ++i) {
    tokenizer.Tokenize(texts[i], &tokens);
    ExtractRewriteFeatures(texts[i], tokens, Stats(), options, &stemmer, &features[i]);
  }
  return features;
}

void BM_ScoreRewrite(benchmark::State& state) {
  const RewriteOptions options;
  const std::vector<RewriteFeatures> features = PairFeatures(options);
  int64_t pairs = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < features.size(); ++i) {
      for (size_t j = i + 1; j < features.size(); ++j) {
        benchmark::DoNotOptimize(ScoreRewrite(features[i], features[j], options).coverage_a);
        ++pairs;
      }
    }
  }
  state.counters["pairs/s"] = benchmark::Counter(static_cast<double>(pairs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ScoreRewrite)->Unit(benchmark::kMillisecond);

// The decision path of the batch driver and the live index: postings cached, one scratch,
// most pairs stopped by the coverage bound before sentence matching.
void BM_ScoreRewriteIfPossible(benchmark::State& state) {
  const RewriteOptions options;
  std::vector<RewriteFeatures> features = PairFeatures(options);
  for (RewriteFeatures& f : features) f.CachePostings();
  RewriteScratch scratch;
  RewriteScores scores;
  int64_t pairs = 0, scored = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < features.size(); ++i) {
      for (size_t j = i + 1; j < features.size(); ++j) {
        scored += ScoreRewriteIfPossible(features[i], features[j], options, &scratch, &scores);
        ++pairs;
      }
    }
  }
  state.counters["pairs/s"] = benchmark::Counter(static_cast<double>(pairs), benchmark::Counter::kIsRate);
  state.counters["scored"] = static_cast<double>(scored) / static_cast<double>(std::max<int64_t>(pairs, 1));
}
BENCHMARK(BM_ScoreRewriteIfPossible)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace neardup
