#include "cli/common.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace neardup::cli {
void AddAnalyzerFlags(CLI::App* app, AnalyzerOptions* options, uint64_t* seed) {
  app->add_option("--shingle", options->shingle.size,
                  "Words per shingle: pairs are compared on their sets of word k-grams")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  app->add_option("--num-hashes", options->minhash.num_hashes,
                  "MinHash signature length: more values, better estimates, more memory")
      ->capture_default_str()
      ->check(CLI::Range(1, 4096));
  app->add_option("--seed", *seed,
                  "Seed of every hash; results are reproducible for a given seed")
      ->capture_default_str();
}

void AddVerifyFlags(CLI::App* app, VerifyOptions* options) {
  app->add_option("--threshold", options->jaccard_threshold,
                  "Jaccard similarity of shingle sets at which two documents are "
                  "near-duplicates (checked exactly for every candidate)")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1.0));
  app->add_option("--containment", options->containment_threshold,
                  "Report a document as 'contained' when at least this fraction of its "
                  "shingles lies in another (excerpts, cut-down copies); 0: the mode's default "
                  "(0.8 in rewrite mode, off in near-duplicate mode)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
}

void AddReaderFlags(CLI::App* app, ReaderOptions* options) {
  JsonFields& f = options->fields;
  app->add_option("--id-field", f.id, "JSON field holding the document id")->capture_default_str();
  app->add_option("--text-field", f.text, "JSON field holding the text")->capture_default_str();
  app->add_option("--title-field", f.title, "JSON field holding the title")->capture_default_str();
  app->add_option("--url-field", f.url, "JSON field holding the URL")->capture_default_str();
  app->add_option("--source-field", f.source, "JSON field holding the source")
      ->capture_default_str();
  app->add_option("--published-field", f.published,
                  "JSON field holding the publication time (picks each cluster's "
                  "representative: the earliest)")
      ->capture_default_str();
}

void AddDetectionFlags(CLI::App* app, DetectionFlags* flags, DedupOptions* options) {
  const size_t before = app->get_options().size();
  app->add_option("--mode", flags->mode,
                  "rewrite: find exact, near-duplicate, contained and rewritten copies; "
                  "near-duplicate: only the first three, by word-shingle similarity (faster)")
      ->capture_default_str()
      ->check(CLI::IsMember({"rewrite", "near-duplicate"}));
  AddVerifyFlags(app, &options->verify);
  app->add_option("--rewrite-days", options->rewrite_max_days,
                  "Rewrite mode: documents published more than this many days apart are never "
                  "rewrites of each other (0: no window)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  app->add_option("--rewrite-candidates", options->rare_terms.max_candidates,
                  "Rewrite mode: candidates aligned per document, at most (those sharing the most "
                  "rare terms); 0: no limit")
      ->capture_default_str();
  app->add_option("--df-table", options->df_table,
                  "Rewrite mode: background document frequencies (a neardup-df file); default: "
                  "the built-in table from Reuters-21578 and BBC News");
  AddAnalyzerFlags(app, &options->analyzer, &flags->seed);
  app->add_option("--bands", options->lsh.bands,
                  "LSH bands (with --rows); by default chosen from the threshold");
  app->add_option("--rows", options->lsh.rows, "LSH rows per band (with --bands)");
  const std::vector<CLI::Option*> all = app->get_options();
  flags->registered.assign(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
}

void ApplyDetectionFlags(const DetectionFlags& flags, DedupOptions* options) {
  ApplySeed(flags.seed, &options->analyzer);
  options->mode = flags.mode == "near-duplicate" ? DetectionMode::kNearDuplicate : DetectionMode::kRewrite;
  options->lsh.threshold = std::min(0.99, options->verify.jaccard_threshold);
}

bool AnyDetectionFlagGiven(const DetectionFlags& flags) {
  for (const CLI::Option* o : flags.registered) {
    if (o->count() > 0) return true;
  }
  return false;
}

void KeepFreedMemoryForReuse(size_t largest_block) {
#if defined(__GLIBC__)
  // Setting the mmap threshold also turns off glibc's adaptive trim threshold, which would
  // then stay at 128 KiB: the heap's free top would be given back after nearly every
  // batch and faulted in again. So the trim threshold goes up with it.
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(largest_block));
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#else
  (void)largest_block;
#endif
}

void AddLiveMemoryFlag(CLI::App* cmd, uint64_t* memory_mb, bool preload) {
  cmd->add_option("--memory-budget", *memory_mb,
                  absl::StrCat("MB of memory for the most recent documents' candidate records (shingle "
                               "set and feature outline, read for every candidate pair), kept decoded",
                               preload ? " and read in on starting, newest first" : "",
                               "; older ones are read from the index (about 20 KB a document in "
                               "rewrite mode). 0: none"))
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{0}, uint64_t{1} << 30));
}

void ApplyLiveDetectionFlags(const DetectionFlags& flags, LiveIndexOptions* options) {
  ApplyDetectionFlags(flags, &options->dedup);
  options->use_stored_settings = !AnyDetectionFlagGiven(flags);
}

void ApplySeed(uint64_t seed, AnalyzerOptions* options) {
  options->tokenizer.seed = seed;
  options->minhash.seed = seed;
}

int Fail(const absl::Status& status) {
  std::cerr << "neardup: " << status.message() << std::endl;
  return 1;
}

TerminalProgress::TerminalProgress() : enabled_(isatty(STDERR_FILENO) != 0) {}

ProgressCallback TerminalProgress::callback() {
  if (!enabled_) return nullptr;
  return [this](const DedupProgress& p) {
    const double secs = absl::ToDoubleSeconds(p.elapsed);
    const double mb = static_cast<double>(p.bytes_read) / 1e6;
    std::string line = absl::StrFormat("\r%d documents, %.1f MB, %.1f MB/s", p.documents, mb,
                                       secs > 0 ? mb / secs : 0.0);
    if (p.total_bytes > 0 && p.bytes_read > 0) {
      const double frac = static_cast<double>(p.bytes_read) / static_cast<double>(p.total_bytes);
      absl::StrAppendFormat(&line, ", %.0f%%", 100 * frac);
      if (frac > 0 && frac < 1) absl::StrAppendFormat(&line, ", ETA %.0f s", secs / frac - secs);
    }
    line += "\033[K";
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    drawn_ = true;
  };
}

void TerminalProgress::Clear() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace neardup::cli
