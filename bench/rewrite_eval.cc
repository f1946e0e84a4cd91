// Document-level evaluation of the rewrite decision: scores every pair of documents
// (fine up to a few thousand) and compares IsRewrite with gold clusters.
//
//   build/bench/rewrite_eval [--gold GOLD.tsv] [--pairs] [--table DF.tsv]
//                            [--sentence-threshold X] [--min-coverage X]
//                            [--min-coverage-other X] [--min-order X] [--min-aligned N] [--min-lede X]
//                            [--min-sentence-terms N] [--conflict-idf X]
//                            [--keys N] [--min-idf X] [--min-shared N]   (RareTermIndex)
//                            [--candidates-only]   (score only the index's candidates)
//                            [--explain ID_A ID_B]  (print the two documents' sentences and matches)
//                            DOCS...
//
// DOCS are JSON Lines files or directories of .txt files (as `neardup dedup` reads them).
// GOLD.tsv has lines "id<TAB>cluster[<TAB>relation]"; two documents are related when
// their clusters are equal. The IDF table is the background table updated with the
// documents evaluated (as the pipeline does), and boilerplate and template sentences
// are dropped (DropBoilerplate, counted over the documents evaluated). Prints pairwise precision, recall and F1, the
// adjusted Rand index of the clusters that IsRewrite edges make (connected components),
// and, with --pairs, every pair with a coverage above zero.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_split.h"
#include "neardup/base/document.h"
#include "neardup/index/rare_term_index.h"
#include "neardup/io/document_reader.h"
#include "neardup/text/stemmer.h"
#include "neardup/text/term_stats.h"
#include "neardup/text/tokenizer.h"
#include "neardup/verify/rewrite.h"

#ifndef NEARDUP_SOURCE_DIR
#define NEARDUP_SOURCE_DIR "."
#endif

namespace {

int Find(std::vector<int>& parent, int x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

double Choose2(double n) { return n * (n - 1) / 2; }

// Adjusted Rand index of two labelings of the same items.
double AdjustedRand(const std::vector<int>& x, const std::vector<int>& y) {
  std::map<std::pair<int, int>, int> both;
  std::map<int, int> cx, cy;
  for (size_t i = 0; i < x.size(); ++i) ++both[{x[i], y[i]}], ++cx[x[i]], ++cy[y[i]];
  double index = 0, ax = 0, ay = 0;
  for (const auto& [k, n] : both) index += Choose2(n);
  for (const auto& [k, n] : cx) ax += Choose2(n);
  for (const auto& [k, n] : cy) ay += Choose2(n);
  const double expected = ax * ay / Choose2(static_cast<double>(x.size()));
  const double max = 0.5 * (ax + ay);
  return max == expected ? 1.0 : (index - expected) / (max - expected);
}

}  // namespace

int main(int argc, char** argv) {
  neardup::RewriteOptions options;
  neardup::RareTermIndexOptions index_options;
  std::string gold_path, table = NEARDUP_SOURCE_DIR "/data/df_table_v1.tsv";
  bool print_pairs = false, candidates_only = false;
  std::string explain_a, explain_b;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--gold") gold_path = value();
    else if (arg == "--table") table = value();
    else if (arg == "--pairs") print_pairs = true;
    else if (arg == "--candidates-only") candidates_only = true;
    else if (arg == "--explain") explain_a = value(), explain_b = value();
    else if (arg == "--sentence-threshold") options.sentence_threshold = std::atof(value().c_str());
    else if (arg == "--min-coverage") options.min_coverage = std::atof(value().c_str());
    else if (arg == "--min-coverage-other") options.min_coverage_other = std::atof(value().c_str());
    else if (arg == "--min-lede") options.min_lede = std::atof(value().c_str());
    else if (arg == "--min-order") options.min_order = std::atof(value().c_str());
    else if (arg == "--min-aligned") options.min_aligned_sentences = std::atoi(value().c_str());
    else if (arg == "--min-sentence-terms") options.min_sentence_terms = std::atoi(value().c_str());
    else if (arg == "--conflict-idf") options.conflict_idf = std::atof(value().c_str());
    else if (arg == "--rare-term-idf") options.rare_term_idf = std::atof(value().c_str());
    else if (arg == "--idf-threshold") options.sentence_idf_threshold = std::atof(value().c_str());
    else if (arg == "--keys") index_options.keys_per_doc = std::atoi(value().c_str());
    else if (arg == "--min-idf") index_options.min_idf = std::atof(value().c_str());
    else if (arg == "--min-shared") index_options.min_shared = std::atoi(value().c_str());
    else inputs.push_back(arg);
  }
  if (absl::Status s = options.Validate(); !s.ok() || inputs.empty()) {
    std::cerr << (s.ok() ? "no documents given" : s.ToString()) << "\n";
    return 2;
  }
  auto stemmer = neardup::Stemmer::Create(neardup::StemmerOptions{});
  auto stats = neardup::TermStats::Load(table, stemmer->Identity());
  if (!stats.ok()) {
    std::cerr << stats.status() << "\n";
    return 1;
  }
  auto reader = neardup::OpenDocuments(inputs, neardup::ReaderOptions{});
  if (!reader.ok()) {
    std::cerr << reader.status() << "\n";
    return 1;
  }
  std::vector<neardup::Document> docs;
  for (neardup::Document doc;;) {
    absl::StatusOr<bool> more = (*reader)->Next(&doc);
    if (!more.ok()) {
      std::cerr << more.status() << "\n";
      return 1;
    }
    if (!*more) break;
    docs.push_back(doc);
  }
  const size_t n = docs.size();

  // Pass 1: update the term statistics with the documents; pass 2: features; then the
  // sentence document frequencies for boilerplate.
  neardup::Tokenizer tokenizer(neardup::TokenizerOptions{.keep_words = true});
  std::vector<neardup::TokenizedText> tokens(n);
  std::vector<uint64_t> terms;
  for (size_t i = 0; i < n; ++i) {
    tokenizer.Tokenize(docs[i].text, &tokens[i]);
    terms.clear();
    stemmer->ContentTerms(tokens[i], &terms, nullptr);
    stats->Add(terms);
  }
  std::vector<neardup::RewriteFeatures> features(n);
  neardup::TermStats sentence_df("sentences");
  for (size_t i = 0; i < n; ++i) {
    neardup::ExtractRewriteFeatures(docs[i].text, tokens[i], *stats, options, &*stemmer, &features[i]);
    sentence_df.Add(neardup::SentenceHashes(features[i]));
  }
  for (auto& f : features) neardup::DropBoilerplate(sentence_df, options, &f);

  if (!explain_a.empty()) {
    size_t x = n, y = n;
    for (size_t i = 0; i < n; ++i) {
      if (docs[i].id == explain_a) x = i;
      if (docs[i].id == explain_b) y = i;
    }
    if (x == n || y == n) {
      std::cerr << "--explain: unknown id\n";
      return 2;
    }
    const neardup::RewriteScores s = neardup::ScoreRewrite(features[x], features[y], options);
    std::vector<int> match_a(features[x].sentences.size(), -1), match_b(features[y].sentences.size(), -1);
    std::vector<float> sim_a(match_a.size(), 0), sim_b(match_b.size(), 0);
    for (const auto& p : s.pairs) {
      if (p.similarity > sim_a[p.a]) match_a[p.a] = static_cast<int>(p.b), sim_a[p.a] = p.similarity;
      if (p.similarity > sim_b[p.b]) match_b[p.b] = static_cast<int>(p.a), sim_b[p.b] = p.similarity;
    }
    for (int side = 0; side < 2; ++side) {
      const auto& f = side == 0 ? features[x] : features[y];
      const std::string& text = side == 0 ? docs[x].text : docs[y].text;
      const auto& match = side == 0 ? match_a : match_b;
      const auto& sim = side == 0 ? sim_a : sim_b;
      std::printf("== %s\n", side == 0 ? explain_a.c_str() : explain_b.c_str());
      for (size_t i = 0; i < f.sentences.size(); ++i) {
        const auto& sent = f.sentences[i];
        const char* state = sent.repeat_of >= 0 ? "repeat" : (sent.weight > 0 ? "active" : "off");
        std::printf("%3zu %-6s w=%5.1f match=%3d sim=%.2f | %.90s\n", i, state, sent.weight, match[i], sim[i],
                    text.substr(sent.begin, sent.end - sent.begin).c_str());
      }
    }
    std::printf("coverage %.3f %.3f order %.3f decision %s\n", s.coverage_a, s.coverage_b, s.order,
                neardup::IsRewrite(s, options) ? "REWRITE" : "-");
    return 0;
  }

  std::vector<int> gold(n, -1);
  if (!gold_path.empty()) {
    absl::flat_hash_map<std::string, size_t> index;
    for (size_t i = 0; i < n; ++i) index[docs[i].id] = i;
    std::ifstream in(gold_path);
    std::map<std::string, int> clusters;
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> f = absl::StrSplit(line, '\t');
      if (f.size() < 2) continue;
      auto it = index.find(f[0]);
      if (it == index.end()) continue;
      gold[it->second] = clusters.emplace(f[1], static_cast<int>(clusters.size())).first->second;
    }
    for (size_t i = 0; i < n; ++i) {
      if (gold[i] < 0) gold[i] = static_cast<int>(clusters.size() + i);  // unlabelled: alone
    }
  }

  // Candidate generation: which pairs would the rare-term index propose?
  neardup::RareTermIndex index{index_options};
  absl::flat_hash_map<uint64_t, bool> candidate;  // i * n + j, i < j
  std::vector<uint64_t> keys;
  std::vector<neardup::DocId> found_ids;
  for (size_t j = 0; j < n; ++j) {
    neardup::SelectRareKeys(features[j].DocumentTerms(), *stats, index.options(), &keys);
    index.Query(keys, &found_ids);
    for (const neardup::DocId i : found_ids) candidate[i * n + j] = true;
    index.Insert(static_cast<neardup::DocId>(j), keys);
  }
  size_t decided_candidates = 0, related_candidates = 0;

  size_t tp = 0, fp = 0, fn = 0;
  std::vector<int> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (candidates_only && !candidate.contains(i * n + j)) {
        fn += !gold_path.empty() && gold[i] == gold[j];
        continue;
      }
      const neardup::RewriteScores s = neardup::ScoreRewrite(features[i], features[j], options);
      const bool yes = neardup::IsRewrite(s, options);
      if (yes) parent[Find(parent, static_cast<int>(i))] = Find(parent, static_cast<int>(j));
      const bool related = !gold_path.empty() && gold[i] == gold[j];
      tp += yes && related, fp += yes && !related, fn += !yes && related;
      const bool is_candidate = candidate.contains(i * n + j);
      decided_candidates += yes && is_candidate;
      related_candidates += related && is_candidate;
      if (print_pairs && (s.coverage_a > 0 || s.coverage_b > 0)) {
        std::printf("%s\t%s\t%s\tcov %.3f %.3f\taligned %u/%u %u/%u\torder %.3f\twjacc %.3f\trare %.3f %.3f\tlede %.2f %.2f\tconflict %.3f %.3f\t%s\n",
                    docs[i].id.c_str(), docs[j].id.c_str(), yes ? "REWRITE" : "-", s.coverage_a,
                    s.coverage_b, s.aligned_a, s.active_a, s.aligned_b, s.active_b, s.order,
                    s.weighted_jaccard, s.rare_containment_a, s.rare_containment_b, s.lede_a, s.lede_b, s.conflict_a, s.conflict_b, gold_path.empty() ? "" : (related ? "gold:related" : "gold:apart"));
      }
    }
  }
  if (!gold_path.empty()) {
    std::vector<int> found(n);
    for (size_t i = 0; i < n; ++i) found[i] = Find(parent, static_cast<int>(i));
    const double p = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0;
    const double r = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0;
    std::printf("docs %zu  related pairs %zu  decided %zu  P %.4f  R %.4f  F1 %.4f  ARI %.4f\n", n, tp + fn,
                tp + fp, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, AdjustedRand(gold, found));
    std::printf("rare-term index: %zu candidates of %zu pairs; recall of related pairs %.4f, of decided pairs %.4f\n",
                candidate.size(), n * (n - 1) / 2,
                tp + fn ? static_cast<double>(related_candidates) / static_cast<double>(tp + fn) : 0,
                tp + fp ? static_cast<double>(decided_candidates) / static_cast<double>(tp + fp) : 0);
  }
  return 0;
}
