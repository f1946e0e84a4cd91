// `neardup compare A B`: flags -> CompareTexts -> a terminal or JSON explanation.
#include <iostream>
#include <memory>

#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "cli/common.h"
#include "neardup/base/json_writer.h"
#include "neardup/io/byte_stream.h"
#include "neardup/pipeline/compare.h"
#include "neardup/text/utf8.h"

namespace neardup::cli {
namespace {

struct CompareFlags {
  std::string a;
  std::string b;
  std::string input;
  bool json = false;
  int max_passages = 10;
  uint64_t seed = 0;
  std::string mode = "rewrite";
  DedupOptions options;
};

// Finds the documents with ids `a` and `b` in a JSON Lines file.
absl::Status LoadByIds(const CompareFlags& flags, Document* a, Document* b) {
  auto reader = OpenDocuments({flags.input}, flags.options.reader);
  if (!reader.ok()) return reader.status();
  bool found_a = false;
  bool found_b = false;
  Document doc;
  while (!(found_a && found_b)) {
    auto more = (*reader)->Next(&doc);
    if (!more.ok()) {
      if (IsRecordError(more.status())) continue;
      return more.status();
    }
    if (!*more) break;
    if (!found_a && doc.id == flags.a) { *a = doc; found_a = true; }
    if (!found_b && doc.id == flags.b) { *b = doc; found_b = true; }
  }
  if (!found_a) return absl::NotFoundError(absl::StrCat(flags.input, ": no document with id \"", flags.a, "\""));
  if (!found_b) return absl::NotFoundError(absl::StrCat(flags.input, ": no document with id \"", flags.b, "\""));
  return absl::OkStatus();
}

absl::Status LoadFile(const std::string& path, const ReaderOptions& options, Document* doc) {
  auto text = ReadWholeFile(path, options.max_document_bytes);
  if (!text.ok()) return text.status();
  doc->id = path;
  RepairUtf8(*text, &doc->text);
  return absl::OkStatus();
}

std::string Excerpt(std::string_view text, uint32_t begin, uint32_t end, size_t max_bytes) {
  std::string_view s = text.substr(begin, end - begin);
  std::string out;
  if (s.size() > max_bytes) {
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    out = std::string(s.substr(0, cut)) + "...";
  } else {
    out = std::string(s);
  }
  return absl::StrReplaceAll(out, {{"\n", " "}, {"\r", " "}, {"\t", " "}});
}

void PrintJson(const CompareFlags& flags, const Document& a, const Document& b, const Comparison& c) {
  JsonWriter w;
  w.BeginObject();
  w.Key("a"); w.String(a.id);
  w.Key("b"); w.String(b.id);
  w.Key("relation"); w.String(RelationName(c.relation));
  w.Key("jaccard"); w.Double(c.scores.jaccard);
  w.Key("containment_a_in_b"); w.Double(c.scores.containment_a_in_b);
  w.Key("containment_b_in_a"); w.Double(c.scores.containment_b_in_a);
  w.Key("shared_shingles"); w.Int(c.scores.intersection);
  w.Key("a_shingles"); w.Int(static_cast<int64_t>(c.a_shingles));
  w.Key("b_shingles"); w.Int(static_cast<int64_t>(c.b_shingles));
  if (c.rewrite) {
    const RewriteScores& r = *c.rewrite;
    w.Key("rewrite");
    w.BeginObject();
    w.Key("coverage_a"); w.Double(r.coverage_a);
    w.Key("coverage_b"); w.Double(r.coverage_b);
    w.Key("order"); w.Double(r.order);
    w.Key("aligned_a"); w.Int(r.aligned_a);
    w.Key("aligned_b"); w.Int(r.aligned_b);
    w.Key("sentences_a"); w.Int(r.active_a);
    w.Key("sentences_b"); w.Int(r.active_b);
    w.Key("weighted_jaccard"); w.Double(r.weighted_jaccard);
    w.Key("aligned");
    w.BeginArray();
    for (const AlignedSentences& p : r.pairs) {
      w.BeginObject();
      w.Key("a_begin"); w.Int(p.a_begin);
      w.Key("a_end"); w.Int(p.a_end);
      w.Key("b_begin"); w.Int(p.b_begin);
      w.Key("b_end"); w.Int(p.b_end);
      w.Key("similarity"); w.Double(p.similarity);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.Key("passages");
  w.BeginArray();
  for (size_t i = 0; i < c.passages.size() && static_cast<int>(i) < flags.max_passages; ++i) {
    const SharedPassage& p = c.passages[i];
    w.BeginObject();
    w.Key("a_begin"); w.Int(p.a_begin);
    w.Key("a_end"); w.Int(p.a_end);
    w.Key("b_begin"); w.Int(p.b_begin);
    w.Key("b_end"); w.Int(p.b_end);
    w.Key("words"); w.Int(p.tokens);
    w.Key("text"); w.String(std::string_view(a.text).substr(p.a_begin, p.a_end - p.a_begin));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::cout << w.str() << '\n';
}

void PrintText(const CompareFlags& flags, const Document& a, const Document& b, const Comparison& c) {
  std::cout << absl::StrFormat("A: %s (%d words, %d distinct shingles)\n", a.id, c.a_tokens, c.a_shingles);
  std::cout << absl::StrFormat("B: %s (%d words, %d distinct shingles)\n", b.id, c.b_tokens, c.b_shingles);
  std::cout << absl::StrFormat("relation: %s\n", RelationName(c.relation));
  std::cout << absl::StrFormat(
      "jaccard %s   containment A in B %s   B in A %s   shared shingles %d\n",
      FormatScore(c.scores.jaccard), FormatScore(c.scores.containment_a_in_b),
      FormatScore(c.scores.containment_b_in_a), c.scores.intersection);
  if (c.rewrite) {
    const RewriteScores& r = *c.rewrite;
    std::cout << absl::StrFormat(
        "rewrite evidence: %d of %d sentences of A and %d of %d of B aligned; coverage A %s, "
        "B %s; order %s\n",
        r.aligned_a, r.active_a, r.aligned_b, r.active_b, FormatScore(r.coverage_a),
        FormatScore(r.coverage_b), FormatScore(r.order));
    for (const AlignedSentences& p : r.pairs) {
      std::cout << absl::StrFormat("  A[%d,%d) ~ B[%d,%d) similarity %s\n    A: %s\n    B: %s\n",
                                   p.a_begin, p.a_end, p.b_begin, p.b_end,
                                   FormatScore(p.similarity), Excerpt(a.text, p.a_begin, p.a_end, 100),
                                   Excerpt(b.text, p.b_begin, p.b_end, 100));
    }
  }
  if (c.passages.empty()) {
    std::cout << "no shared passages\n";
    return;
  }
  std::cout << absl::StrFormat("shared passages (%d, longest first; byte offsets):\n", c.passages.size());
  for (size_t i = 0; i < c.passages.size() && static_cast<int>(i) < flags.max_passages; ++i) {
    const SharedPassage& p = c.passages[i];
    std::cout << absl::StrFormat("  A[%d,%d) B[%d,%d) %d words: \"%s\"\n", p.a_begin, p.a_end,
                                 p.b_begin, p.b_end, p.tokens,
                                 Excerpt(a.text, p.a_begin, p.a_end, 120));
  }
  if (static_cast<int>(c.passages.size()) > flags.max_passages) {
    std::cout << absl::StrFormat("  ... %d more (--passages N shows more)\n",
                                 c.passages.size() - static_cast<size_t>(flags.max_passages));
  }
}

int RunCompareCommand(CompareFlags& flags) {
  ApplySeed(flags.seed, &flags.options.analyzer);
  flags.options.mode =
      flags.mode == "near-duplicate" ? DetectionMode::kNearDuplicate : DetectionMode::kRewrite;
  Document a;
  Document b;
  if (!flags.input.empty()) {
    if (auto s = LoadByIds(flags, &a, &b); !s.ok()) return Fail(s);
  } else {
    if (auto s = LoadFile(flags.a, flags.options.reader, &a); !s.ok()) return Fail(s);
    if (auto s = LoadFile(flags.b, flags.options.reader, &b); !s.ok()) return Fail(s);
  }
  const auto c = CompareTexts(a.text, b.text, flags.options);
  if (!c.ok()) return Fail(c.status());
  if (flags.json) {
    PrintJson(flags, a, b, *c);
  } else {
    PrintText(flags, a, b, *c);
  }
  return 0;
}

}  // namespace

void RegisterCompareCommand(CLI::App* app, int* exit_code) {
  auto flags = std::make_shared<CompareFlags>();
  CLI::App* cmd = app->add_subcommand(
      "compare",
      "Explain how two documents relate: their relation, Jaccard similarity, containment\n"
      "both ways, the aligned sentences behind a rewrite verdict and the passages they\n"
      "share, all with byte offsets.\n\n"
      "Examples:\n"
      "  neardup compare a.txt b.txt\n"
      "  neardup compare --in news.jsonl reuters-12 reuters-97 --json");
  cmd->add_option("A", flags->a, "First document: a text file, or an id with --in")->required();
  cmd->add_option("B", flags->b, "Second document: a text file, or an id with --in")->required();
  cmd->add_option("--in", flags->input, "A JSON Lines file; A and B are then ids in it");
  cmd->add_flag("--json", flags->json, "Print one JSON object instead of text");
  cmd->add_option("--passages", flags->max_passages, "Show at most N passages")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--mode", flags->mode,
                  "rewrite: also align sentences to judge rewrites; near-duplicate: shingles only")
      ->capture_default_str()
      ->check(CLI::IsMember({"rewrite", "near-duplicate"}));
  AddVerifyFlags(cmd, &flags->options.verify);
  AddAnalyzerFlags(cmd, &flags->options.analyzer, &flags->seed);
  AddReaderFlags(cmd, &flags->options.reader);
  cmd->callback([flags, exit_code]() { *exit_code = RunCompareCommand(*flags); });
}

}  // namespace neardup::cli
