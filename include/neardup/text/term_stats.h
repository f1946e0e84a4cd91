// Document frequencies of stemmed content terms: how many of N documents contain each
// term, and the inverse document frequency (IDF) that weights a term by its rarity.
// A background table built from public news text ships as data/df_table_v1.tsv (see
// docs/rewrite.md for the command that makes it); the table can then be updated with the
// documents being processed, so that words and lines that repeat across a crawl (page
// furniture, boilerplate) lose weight.
//
//   NEARDUP_ASSIGN_OR_RETURN(TermStats stats, TermStats::Load("data/df_table_v1.tsv", stemmer.Identity()));
//   stats.Add(unique_terms_of_doc);          // one call per document
//   float w = stats.Idf(TermHash("gaza"));
//
// File format (text, UTF-8): a header line
//   neardup-df<TAB>1<TAB>tokenizer=<id><TAB>stemmer=<id><TAB>N=<documents>
// then one line per term, "<stem><TAB><df>", in any order. Loading checks the format
// version and the tokenizer and stemmer identities: frequencies of other terms would
// silently weight the wrong words.
#ifndef NEARDUP_TEXT_TERM_STATS_H_
#define NEARDUP_TEXT_TERM_STATS_H_

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace neardup {

// Identity of the tokenizer whose normalised words the terms are made of; bump it when
// Tokenizer's normalisation changes.
inline constexpr std::string_view kTermTokenizerIdentity = "nfkc-casefold-v1";
// Version of the file format written by TermStats::Save.
inline constexpr int kTermStatsFormatVersion = 1;

// Not thread-safe for writing: Add from one thread; Idf and Df are safe to call from many
// threads while nobody writes.
class TermStats {
 public:
  // An empty table (N = 0) for terms made by a stemmer of identity `stemmer_identity`.
  explicit TermStats(std::string stemmer_identity);

  // Reads a table written by Save. Fails with InvalidArgument (naming the file and line)
  // on a malformed file, a format version other than kTermStatsFormatVersion, or a
  // tokenizer or stemmer identity other than kTermTokenizerIdentity / `stemmer_identity`.
  static absl::StatusOr<TermStats> Load(const std::string& path, std::string_view stemmer_identity);
  static absl::StatusOr<TermStats> Read(std::istream& in, std::string_view name,
                                        std::string_view stemmer_identity);

  // Writes the table, terms sorted by falling df then by stem, keeping only terms whose
  // df is at least `min_df` and whose text is known (terms added by hash only are
  // counted but cannot be written).
  absl::Status Save(const std::string& path, uint32_t min_df) const;
  absl::Status Write(std::ostream& out, uint32_t min_df) const;

  // Counts one more document containing `terms` (term hashes, see TermHash; repeats
  // within the span are counted once).
  void Add(absl::Span<const uint64_t> terms);
  // Same, for sorted unique `terms`, and replaces `*dfs` with each term's document
  // frequency after counting (one lookup per term for both).
  void AddSorted(absl::Span<const uint64_t> terms, std::vector<uint32_t>* dfs);
  // Takes back one Add of the same `terms` (a document deleted, or only queried).
  void Remove(absl::Span<const uint64_t> terms);
  // Same, for stems given as text (kept for Save).
  void AddStems(absl::Span<const std::string> stems);

  // Returns the number of documents containing the term (0 when unseen).
  uint32_t Df(uint64_t term) const;
  // Returns ln((N + 1) / (df + 0.5)), at least 0: about ln(N) for an unseen term, near
  // 0 for a term in every document.
  float Idf(uint64_t term) const;
  // The Idf of a term in `df` documents.
  float IdfOfDf(uint32_t df) const;
  // Returns the largest document frequency whose Idf is at least `idf` (Idf falls as df
  // grows), or -1 when there is none: Idf(t) >= idf exactly when Df(t) <= the result,
  // so a caller testing many terms needs no logarithm per term.
  int64_t MaxDfWithIdfAtLeast(double idf) const;

  uint64_t documents() const { return documents_; }
  size_t terms() const { return df_.size(); }
  const std::string& stemmer_identity() const { return stemmer_identity_; }

 private:
  std::string stemmer_identity_;
  uint64_t documents_ = 0;
  absl::flat_hash_map<uint64_t, uint32_t> df_;
  absl::flat_hash_map<uint64_t, std::string> text_;  // stems known as text, for Save
};

}  // namespace neardup

#endif  // NEARDUP_TEXT_TERM_STATS_H_
