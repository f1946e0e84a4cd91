// Turns one text into everything the detectors compare: tokens with offsets, the shingle
// sequence and set, the MinHash signature and a fingerprint of the normalised text.
//
//   Analyzer analyzer(AnalyzerOptions{});
//   AnalyzedText a;
//   analyzer.Analyze(doc.text, &a);   // a.shingle_set, a.signature, ...
#ifndef NEARDUP_PIPELINE_ANALYZER_H_
#define NEARDUP_PIPELINE_ANALYZER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "neardup/sketch/minhash.h"
#include "neardup/text/shingle.h"
#include "neardup/text/tokenizer.h"

namespace neardup {

struct AnalyzerOptions {
  TokenizerOptions tokenizer;
  ShingleOptions shingle;
  MinHashOptions minhash;
  // Also build the sorted, unique shingle set. Default on; the batch driver turns it off
  // and sorts only the documents that take part in a candidate pair.
  bool build_shingle_set = true;

  absl::Status Validate() const;
};

struct AnalyzedText {
  TokenizedText tokens;
  std::vector<uint64_t> shingles;       // hashes in text order, repeats kept
  std::vector<ShingleKey> shingle_set;  // their keys, sorted, unique (empty without build_shingle_set)
  std::vector<uint32_t> signature;    // MinHash, num_hashes values
  int filled_bins = 0;                // of the signature's bins, those not densified
  uint64_t fingerprint = 0;           // hash of the whole normalised token sequence
};

// Not thread-safe (it reuses buffers): one Analyzer per thread.
class Analyzer {
 public:
  explicit Analyzer(const AnalyzerOptions& options);

  // Fills `*out` from `text` (valid UTF-8), reusing its buffers.
  void Analyze(std::string_view text, AnalyzedText* out);

  const AnalyzerOptions& options() const { return options_; }

 private:
  AnalyzerOptions options_;
  Tokenizer tokenizer_;
  MinHasher minhasher_;
};

}  // namespace neardup

#endif  // NEARDUP_PIPELINE_ANALYZER_H_
