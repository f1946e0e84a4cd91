// Evaluates the sentence matcher (SentenceSimilarity, IDF-weighted Dice of stemmed
// content terms) against the baseline (plain Jaccard of the same term sets) on the
// Microsoft Research Paraphrase Corpus. Each measure's threshold is chosen on the
// training pairs only (best accuracy), then applied to the test pairs.
//
//   build/bench/msrp_eval msr_paraphrase_train.txt msr_paraphrase_test.txt [df_table.tsv]
//
// The IDF weights come from data/df_table_v1.tsv (or the table given).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "neardup/text/stemmer.h"
#include "neardup/text/term_stats.h"
#include "neardup/text/tokenizer.h"
#include "neardup/verify/rewrite.h"

#ifndef NEARDUP_SOURCE_DIR
#define NEARDUP_SOURCE_DIR "."
#endif

namespace {

// One MSRP string as a single sentence.
struct Side {
  neardup::RewriteFeatures f;
  neardup::SentenceView view() const { return f.sentence(0); }
};

struct Pair {
  bool paraphrase = false;
  Side a, b;
};

struct Context {
  neardup::Tokenizer tokenizer{neardup::TokenizerOptions{.keep_words = true}};
  neardup::Stemmer* stemmer;
  const neardup::TermStats* stats;
  neardup::TokenizedText tokens;

  Side Make(std::string_view text) {
    Side s;
    tokenizer.Tokenize(text, &tokens);
    neardup::AppendSentence(tokens, 0, tokens.size(), 0, static_cast<uint32_t>(text.size()), *stats,
                            neardup::RewriteOptions{}, stemmer, &s.f);
    return s;
  }
};

bool ReadPairs(const std::string& path, Context* ctx, std::vector<Pair>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot open " << path << "\n";
    return false;
  }
  std::string line;
  std::getline(in, line);  // header (with a UTF-8 byte order mark)
  int line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() != 5 || (f[0] != "0" && f[0] != "1")) {
      std::cerr << path << ":" << line_number << ": expected 5 tab-separated fields\n";
      return false;
    }
    out->push_back({f[0] == "1", ctx->Make(f[3]), ctx->Make(f[4])});
  }
  return true;
}

struct Result {
  double accuracy = 0, precision = 0, recall = 0, f1 = 0;
};

Result Evaluate(const std::vector<double>& score, const std::vector<Pair>& pairs, double threshold) {
  size_t tp = 0, fp = 0, fn = 0, tn = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const bool yes = score[i] >= threshold;
    if (yes && pairs[i].paraphrase) ++tp;
    else if (yes) ++fp;
    else if (pairs[i].paraphrase) ++fn;
    else ++tn;
  }
  Result r;
  r.accuracy = static_cast<double>(tp + tn) / static_cast<double>(pairs.size());
  r.precision = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0;
  r.recall = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0;
  r.f1 = r.precision + r.recall > 0 ? 2 * r.precision * r.recall / (r.precision + r.recall) : 0;
  return r;
}

// Returns the threshold (a midpoint between consecutive scores) with the best accuracy.
double ChooseThreshold(const std::vector<double>& score, const std::vector<Pair>& pairs) {
  std::vector<double> sorted = score;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  double best = 0.0, best_acc = -1.0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const double t = i == 0 ? sorted[0] : 0.5 * (sorted[i - 1] + sorted[i]);
    const double acc = Evaluate(score, pairs, t).accuracy;
    if (acc > best_acc) best_acc = acc, best = t;
  }
  return best;
}

void Report(const char* name, const std::function<double(const Pair&)>& measure,
            const std::vector<Pair>& train, const std::vector<Pair>& test) {
  std::vector<double> s_train, s_test;
  for (const Pair& p : train) s_train.push_back(measure(p));
  for (const Pair& p : test) s_test.push_back(measure(p));
  const double t = ChooseThreshold(s_train, train);
  const Result tr = Evaluate(s_train, train, t), te = Evaluate(s_test, test, t);
  std::printf("%-28s threshold %.4f  train acc %.4f  test acc %.4f  P %.4f  R %.4f  F1 %.4f\n", name,
              t, tr.accuracy, te.accuracy, te.precision, te.recall, te.f1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: msrp_eval TRAIN.txt TEST.txt [DF_TABLE.tsv]\n";
    return 2;
  }
  auto stemmer = neardup::Stemmer::Create(neardup::StemmerOptions{});
  if (!stemmer.ok()) {
    std::cerr << stemmer.status() << "\n";
    return 1;
  }
  const std::string table = argc > 3 ? argv[3] : NEARDUP_SOURCE_DIR "/data/df_table_v1.tsv";
  auto stats = neardup::TermStats::Load(table, stemmer->Identity());
  if (!stats.ok()) {
    std::cerr << stats.status() << "\n";
    return 1;
  }
  Context ctx;
  ctx.stemmer = &*stemmer;
  ctx.stats = &*stats;
  std::vector<Pair> train, test;
  if (!ReadPairs(argv[1], &ctx, &train) || !ReadPairs(argv[2], &ctx, &test)) return 1;
  std::printf("pairs: train %zu, test %zu\n", train.size(), test.size());
  Report("baseline: term Jaccard", [](const Pair& p) { return neardup::TermJaccard(p.a.view().terms, p.b.view().terms); },
         train, test);
  Report("matcher: SentenceSimilarity",
         [](const Pair& p) { return neardup::SentenceSimilarity(p.a.view(), p.b.view()); }, train, test);
  // Ablations: each part of the matcher alone, and IDF-weighted Dice of the terms.
  auto dice = [](absl::Span<const uint32_t> x, absl::Span<const uint32_t> y) {
    size_t i = 0, j = 0, both = 0;
    while (i < x.size() && j < y.size()) {
      if (x[i] < y[j]) ++i;
      else if (y[j] < x[i]) ++j;
      else ++both, ++i, ++j;
    }
    return x.size() + y.size() ? 2.0 * both / static_cast<double>(x.size() + y.size()) : 0.0;
  };
  Report("ablation: word Dice", [&](const Pair& p) { return dice(p.a.view().words, p.b.view().words); }, train, test);
  Report("ablation: 4-gram Dice", [&](const Pair& p) { return dice(p.a.view().grams, p.b.view().grams); }, train, test);
  Report("ablation: IDF term Dice", [](const Pair& p) {
    const auto a = p.a.view(), b = p.b.view();
    double o = 0, wa = 0, wb = 0;
    size_t i = 0, j = 0;
    for (float w : a.weights) wa += w;
    for (float w : b.weights) wb += w;
    while (i < a.terms.size() && j < b.terms.size()) {
      if (a.terms[i] < b.terms[j]) ++i;
      else if (b.terms[j] < a.terms[i]) ++j;
      else o += 0.5 * (a.weights[i] + b.weights[j]), ++i, ++j;
    }
    return wa + wb > 0 ? 2 * o / (wa + wb) : 0.0;
  }, train, test);
  return 0;
}
