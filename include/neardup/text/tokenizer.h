// Word tokenisation with Unicode normalisation. A token is a maximal run of letters,
// marks and digits of any script; each gets a byte range in the original text and a
// seeded 64-bit hash of its normalised form (NFKC, case-folded by utf8proc). Typographic
// variants fold together: curly and straight apostrophes inside a word are dropped
// ("don’t" == "don't" == "dont"), thousands separators inside numbers are dropped and
// decimal points kept ("155,221" == "155221"), dashes and non-breaking spaces separate.
// Scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar,
// Tibetan) give one token per character, so word k-grams become character k-grams.
//
//   Tokenizer tokenizer(TokenizerOptions{.seed = 1});
//   TokenizedText tokens;
//   tokenizer.Tokenize("Witkoff’s talks", &tokens);  // hashes of "witkoffs", "talks"
#ifndef NEARDUP_TEXT_TOKENIZER_H_
#define NEARDUP_TEXT_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace neardup {

struct TokenizerOptions {
  // Seeds every token hash (and so every shingle and signature). Default 0.
  uint64_t seed = 0;
  // Also keeps each token's normalised text (TokenizedText::word), for stemming and
  // display. Off by default: the hashes suffice for near-duplicate detection.
  bool keep_words = false;
  // Takes plain ASCII words (letters and digits followed by an ASCII separator) through a
  // fast path that skips the per-character Unicode logic. Default on; off, every character
  // takes the general path. The tokens are the same either way (the tests compare them).
  bool ascii_fast_path = true;
  // Keeps each token's byte offsets (TokenizedText::begin/end), for passages and
  // sentences. Default on; near-duplicate detection alone needs only the hashes.
  bool keep_offsets = true;

  absl::Status Validate() const { return absl::OkStatus(); }
};

// The tokens of one text, as parallel arrays. Offsets are bytes into the text given to
// Tokenize; they fit in 32 bits because Tokenize rejects nothing but truncates texts
// longer than 4 GiB - 1 (documents that large are refused earlier, by the readers).
struct TokenizedText {
  std::vector<uint64_t> hashes;  // TokenHash(normalised token, seed)
  std::vector<uint32_t> begin;   // first byte of the token in the original text (keep_offsets)
  std::vector<uint32_t> end;     // one past its last byte (keep_offsets)
  // With keep_words: the normalised tokens, concatenated; word i ends at word_end[i].
  std::string word_bytes;
  std::vector<uint32_t> word_end;

  size_t size() const { return hashes.size(); }
  std::string_view word(size_t i) const {
    const uint32_t b = i == 0 ? 0 : word_end[i - 1];
    return std::string_view(word_bytes).substr(b, word_end[i] - b);
  }
  void clear();
};

// Splits text into normalised, hashed tokens. Reuses internal buffers, so one Tokenizer
// must not be used by two threads at once; create one per thread (construction is cheap).
class Tokenizer {
 public:
  explicit Tokenizer(const TokenizerOptions& options);

  // Replaces `*out` with the tokens of `text`, which must be valid UTF-8 (see
  // RepairUtf8); invalid bytes are treated as separators.
  void Tokenize(std::string_view text, TokenizedText* out);

  const TokenizerOptions& options() const { return options_; }

 private:
  // Normalises raw_ into norm_ and appends the token to out.
  void Emit(uint32_t begin, uint32_t end, bool ascii, TokenizedText* out);
  // Appends the token [begin, end) whose normalised form is `norm`; `readable16` when
  // kTokenBlockBytes bytes can be read from norm.data().
  void Push(uint32_t begin, uint32_t end, std::string_view norm, bool readable16, TokenizedText* out);

  TokenizerOptions options_;
  std::string raw_;          // the current token's bytes, joiners removed
  std::string norm_;         // its normalised form
  std::vector<unsigned char> lower_;  // the text, ASCII lower-cased, then bytes 0x80
  std::vector<uint64_t> word_mask_;   // LowerAndMask's bitmaps of lower_
  std::vector<uint64_t> high_mask_;
  std::vector<int32_t> codepoints_;
};

}  // namespace neardup

#endif  // NEARDUP_TEXT_TOKENIZER_H_
