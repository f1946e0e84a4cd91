// `neardup gen`: flags -> SourceOptions + GenOptions -> ReadSourceArticles, GenerateCorpus
// -> the corpus JSON Lines and the gold TSV.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "absl/strings/str_format.h"
#include "cli/common.h"
#include "neardup/gen/generator.h"
#include "neardup/gen/source_article.h"
#include "neardup/gen/synonyms.h"

namespace neardup::cli {
namespace {

struct GenFlags {
  std::string input;
  std::string output;
  std::string gold;
  std::string kinds = "all";
  std::string wordnet = "/usr/share/wordnet";
  bool quiet = false;
  SourceOptions source;
  GenOptions options;
};

// Writes to a file through a large buffer.
class BufferedFile {
 public:
  absl::Status Open(const std::string& path) {
    path_ = path;
    file_.open(path, std::ios::binary | std::ios::trunc);
    if (!file_) return absl::NotFoundError(absl::StrCat(path, ": cannot open for writing"));
    return absl::OkStatus();
  }
  std::string* buffer() { return &buffer_; }
  absl::Status MaybeFlush(bool force) {
    if (!force && buffer_.size() < (1u << 22)) return absl::OkStatus();
    file_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    if (force) file_.flush();
    if (!file_) return absl::DataLossError(absl::StrCat(path_, ": write failed"));
    return absl::OkStatus();
  }

 private:
  std::string path_;
  std::ofstream file_;
  std::string buffer_;
};

int RunGenCommand(GenFlags& flags) {
  if (auto s = ParseKinds(flags.kinds, &flags.options.kinds, &flags.options.hard_negatives); !s.ok()) return Fail(s);
  if (auto s = flags.options.Validate(); !s.ok()) return Fail(s);
  if (flags.options.original_source.empty()) {
    flags.options.original_source = std::filesystem::path(flags.input).stem().string();
  }
  SynonymTable synonyms = SynonymTable::Builtin();
  if (!flags.wordnet.empty()) {
    auto loaded = SynonymTable::LoadWordNet(flags.wordnet);
    if (!loaded.ok()) return Fail(loaded.status());
    synonyms = std::move(*loaded);
  }
  auto set = ReadSourceArticles(flags.input, flags.source);
  if (!set.ok()) return Fail(set.status());

  BufferedFile corpus;
  BufferedFile gold;
  if (auto s = corpus.Open(flags.output); !s.ok()) return Fail(s);
  if (auto s = gold.Open(flags.gold); !s.ok()) return Fail(s);
  gold.buffer()->append(kGoldHeader);
  const absl::Time start = absl::Now();
  // A progress line on a terminal, every 10,000 documents.
  const bool progress = !flags.quiet && isatty(STDERR_FILENO) != 0;
  uint64_t written = 0;
  auto stats = GenerateCorpus(set->articles, synonyms, flags.options, [&](const GeneratedDoc& doc) {
    AppendCorpusRecord(doc, corpus.buffer());
    AppendGoldRecord(doc, gold.buffer());
    if (progress && ++written % 10000 == 0) {
      std::cerr << absl::StrFormat("\r%d of %d documents, %.0f s\033[K", written, flags.options.docs,
                                   absl::ToDoubleSeconds(absl::Now() - start))
                << std::flush;
    }
    if (auto s = corpus.MaybeFlush(false); !s.ok()) return s;
    return gold.MaybeFlush(false);
  });
  if (progress && written >= 10000) std::cerr << "\r\033[K" << std::flush;
  if (!stats.ok()) return Fail(stats.status());
  if (auto s = corpus.MaybeFlush(true); !s.ok()) return Fail(s);
  if (auto s = gold.MaybeFlush(true); !s.ok()) return Fail(s);
  if (!flags.quiet) {
    std::string kinds;
    for (const auto& [kind, n] : stats->by_kind) absl::StrAppendFormat(&kinds, " %s=%d", kind, n);
    std::cerr << absl::StrFormat(
        "neardup: %d input articles (%d used: %d too short, %d repeats, %d near-duplicates dropped), "
        "%d synonyms\n"
        "neardup: wrote %d documents (%.1f MB of text, %.0f%% planted copies) in %d gold clusters, "
        "%.1f s;%s\n",
        set->records, set->articles.size(), set->too_short, set->repeats, set->near_duplicates,
        synonyms.size(), stats->docs,
        static_cast<double>(stats->bytes) / 1e6,
        100.0 * static_cast<double>(stats->copies) / static_cast<double>(std::max<uint64_t>(1, stats->docs)),
        stats->clusters, absl::ToDoubleSeconds(absl::Now() - start), kinds);
    if (stats->hard_negatives_missing > 0) {
      std::cerr << absl::StrFormat("neardup: %d hard negatives wanted but no article of the same topic and day was left\n",
                                   stats->hard_negatives_missing);
    }
  }
  return 0;
}

}  // namespace

void RegisterGenCommand(CLI::App* app, int* exit_code) {
  auto flags = std::make_shared<GenFlags>();
  flags->options.original_source.clear();
  flags->options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App* cmd = app->add_subcommand(
      "gen",
      "Generate a labelled syndication corpus from real articles (JSON Lines with id, text,\n"
      "title, topics, date), to measure detection quality with 'neardup eval'.\n"
      "For a sample of articles it plants copies of every kind, each in its original's gold\n"
      "cluster: furniture (verbatim with share bars, captions, newsletter prompts, footers),\n"
      "light_edit (a few words, quotes, a dropped sentence), excerpt (30-70% of the\n"
      "sentences, contiguous), rewrite (reordered, dropped and merged sentences, WordNet\n"
      "synonyms, reformatted numbers, dates and names) and comments (a block of\n"
      "near-identical reader comments appended); it adds hard negatives (other articles of\n"
      "the same topic and day, each in its own cluster) and fills up with untouched articles.\n"
      "Writes the corpus (id, text, title, published, source) and a gold TSV\n"
      "id<TAB>cluster<TAB>relation<TAB>kind. Output depends only on the input and --seed.\n"
      "See docs/generator.md.\n\n"
      "Examples:\n"
      "  neardup gen reuters.jsonl --docs 20000 --seed 1 -o corpus.jsonl --gold gold.tsv\n"
      "  neardup gen reuters.jsonl --docs 5000 --kinds rewrite,hard_negative -o r.jsonl --gold r.tsv\n"
      "  neardup gen reuters.jsonl --docs 1000000 --target-bytes 4096 -o big.jsonl --gold big.tsv");
  cmd->add_option("input", flags->input, "Real articles, JSON Lines")->required();
  cmd->add_option("-o,--output", flags->output, "Where to write the corpus (JSON Lines)")->required();
  cmd->add_option("--gold", flags->gold, "Where to write the gold labels (TSV)")->required();
  cmd->add_option("--docs", flags->options.docs, "Documents to write")->capture_default_str();
  cmd->add_option("--copy-rate", flags->options.copy_rate, "Share of the documents that are planted copies")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.95));
  cmd->add_option("--max-copies", flags->options.max_copies, "Copies per original: 1 to this many")
      ->capture_default_str()
      ->check(CLI::Range(1, 50));
  cmd->add_option("--kinds", flags->kinds,
                  "Comma-separated kinds to plant: furniture, light_edit, excerpt, rewrite, comments, "
                  "hard_negative, or all")
      ->capture_default_str();
  cmd->add_option("--hard-negative-rate", flags->options.hard_negative_rate,
                  "Share of originals given a hard negative (when one exists)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--target-bytes", flags->options.target_bytes,
                  "Tile several lightly edited articles into each base document of about this many "
                  "bytes, so corpora of any size can be made (0: articles as they are)")
      ->capture_default_str();
  cmd->add_option("--seed", flags->options.seed, "Seed of every random choice")->capture_default_str();
  cmd->add_option("--wordnet", flags->wordnet,
                  "WordNet database folder for synonyms (Debian package wordnet-base); empty: the "
                  "built-in newswire list only")
      ->capture_default_str();
  cmd->add_option("--source-name", flags->options.original_source,
                  "The 'source' of originals and untouched articles (default: input file name)");
  cmd->add_option("--threads", flags->options.threads, "Worker threads (output is identical for any number)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--text-field", flags->source.text_field, "JSON field holding the text")->capture_default_str();
  cmd->add_option("--id-field", flags->source.id_field, "JSON field holding the id")->capture_default_str();
  cmd->add_option("--topics-field", flags->source.topics_field, "JSON field holding the topic or topics")
      ->capture_default_str();
  cmd->add_option("--date-field", flags->source.date_field, "JSON field holding the date")->capture_default_str();
  cmd->add_flag("--keep-near-duplicates{false}", flags->source.drop_near_duplicates,
                "Keep input articles that are exact, near-duplicate (5-shingle Jaccard >= 0.5) or "
                "contained (>= 0.8) copies of an earlier one; by default they are dropped, so that "
                "the gold labels are the exact answer for near-duplicates");
  cmd->add_flag("-q,--quiet", flags->quiet, "Do not print the summary on stderr");
  cmd->callback([flags, exit_code]() { *exit_code = RunGenCommand(*flags); });
}

}  // namespace neardup::cli
