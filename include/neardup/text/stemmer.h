// Snowball stemming (libstemmer) and the English stop-word list: what turns normalised
// tokens into the content terms that rewrite detection compares. A content term is a
// normalised token (see Tokenizer) that is not a stop word and contains a letter or a
// digit; words are stemmed ("negotiations" -> "negoti"), numbers are kept as written
// ("2023", "1.5"), because a changed figure is strong evidence of a different story.
//
//   NEARDUP_ASSIGN_OR_RETURN(Stemmer stemmer, Stemmer::Create(StemmerOptions{}));
//   std::string_view stem = stemmer.Stem("talks");            // "talk"
//   uint64_t term = stemmer.ContentTerm("talks");             // TermHash("talk"); 0 for "the"
#ifndef NEARDUP_TEXT_STEMMER_H_
#define NEARDUP_TEXT_STEMMER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "neardup/text/tokenizer.h"

namespace neardup {

struct StemmerOptions {
  // Snowball algorithm name as libstemmer knows it ("english", "german", "porter", ...).
  // Default "english".
  std::string language = "english";
  // Drop the English stop words of IsStopWord. Default true; turn off for other
  // languages (their stop words then count as content, weighted down only by IDF).
  bool english_stop_words = true;
  // Stems remembered per Stemmer (a cache; news vocabulary repeats). When full, the cache
  // is cleared. Default 1 << 20 words.
  size_t cache_words = size_t{1} << 20;

  absl::Status Validate() const;
};

// Returns the 64-bit hash under which a stemmed term is counted and compared.
uint64_t TermHash(std::string_view stem);

// Returns true when `word` (normalised: NFKC, case-folded, apostrophes dropped, as
// Tokenizer emits it) is an English stop word.
bool IsStopWord(std::string_view word);

// Returns true when `word` contains an ASCII letter or digit or any non-ASCII byte.
bool HasLetterOrDigit(std::string_view word);

// A libstemmer stemmer with a cache. Thread-compatible: one Stemmer per thread (Stem and
// ContentTerm reuse internal buffers); creation is cheap. Movable, not copyable.
class Stemmer {
 public:
  // Returns a stemmer for options.language, or InvalidArgument naming the languages
  // libstemmer knows.
  static absl::StatusOr<Stemmer> Create(const StemmerOptions& options);

  Stemmer(Stemmer&& other) noexcept;
  Stemmer& operator=(Stemmer&& other) noexcept;
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  ~Stemmer();

  // Returns the stem of a normalised word (UTF-8). The view is valid until the next call.
  std::string_view Stem(std::string_view word);

  // Returns the content term of a normalised word as text: its stem, or the word itself
  // for a number (a word starting with a digit); empty for a stop word or a word without
  // letters or digits. The view is valid until the next call.
  std::string_view ContentStem(std::string_view word);

  // Returns TermHash of the content term of a normalised word: its stem, or the word
  // itself for a number; 0 when the word is a stop word or has no letter or digit.
  uint64_t ContentTerm(std::string_view word);

  // Appends the content term of every token of `tokens` (which must have been made with
  // TokenizerOptions::keep_words) to `*terms` and its token index to `*token_index`
  // (either may be null). Non-content tokens are skipped.
  void ContentTerms(const TokenizedText& tokens, std::vector<uint64_t>* terms,
                    std::vector<uint32_t>* token_index);

  // Returns a string naming everything that decides the terms ("snowball-english+stop-en1"),
  // stored with any persisted term statistics.
  std::string Identity() const;

  const StemmerOptions& options() const { return options_; }

 private:
  struct Impl;
  explicit Stemmer(const StemmerOptions& options, std::unique_ptr<Impl> impl);

  StemmerOptions options_;
  std::unique_ptr<Impl> impl_;
  absl::flat_hash_map<std::string, uint64_t> cache_;
};

}  // namespace neardup

#endif  // NEARDUP_TEXT_STEMMER_H_
