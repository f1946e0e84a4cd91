#include "neardup/pipeline/analyzer.h"

#include "neardup/base/status_macros.h"
#include "neardup/hash/hash.h"

namespace neardup {

absl::Status AnalyzerOptions::Validate() const {
  NEARDUP_RETURN_IF_ERROR(tokenizer.Validate());
  NEARDUP_RETURN_IF_ERROR(shingle.Validate());
  return minhash.Validate();
}

Analyzer::Analyzer(const AnalyzerOptions& options)
    : options_(options), tokenizer_(options.tokenizer), minhasher_(options.minhash) {}

void Analyzer::Analyze(std::string_view text, AnalyzedText* out) {
  tokenizer_.Tokenize(text, &out->tokens);
  ShingleHashes(out->tokens.hashes, options_.shingle, options_.tokenizer.seed, &out->shingles);
  out->signature.resize(static_cast<size_t>(minhasher_.num_hashes()));
  out->filled_bins = minhasher_.Compute(out->shingles, out->signature.data());  // repeats do not matter
  out->shingle_set.clear();
  if (options_.build_shingle_set) ToShingleSet(out->shingles, &out->shingle_set);
  out->fingerprint = HashWords(out->tokens.hashes.data(), out->tokens.hashes.size(),
                               options_.tokenizer.seed ^ 0x9e3779b97f4a7c15ULL);
}

}  // namespace neardup
