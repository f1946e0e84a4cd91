#include "neardup/text/tokenizer.h"

#include <utf8proc.h>

#include <array>
#include <bit>
#include <cstring>
#include <limits>

#include "absl/base/attributes.h"
#include "neardup/hash/hash.h"
#include "neardup/text/ascii_masks.h"

namespace neardup {
namespace {

enum class CharClass : uint8_t {
  kSeparator,
  kWord,          // letters, marks, digits
  kDigit,         // ASCII digits (a kWord that also allows number joiners)
  kIsolated,      // a character of a script written without spaces
  kApostrophe,    // joins two word characters, dropped from the normalised form
  kDecimalPoint,  // '.' between digits: kept
  kGroupSep,      // ',' between digits: dropped
  kIgnorable,     // soft hyphen and zero-width joiners: invisible inside a word
};

constexpr std::array<CharClass, 128> MakeAsciiTable() {
  std::array<CharClass, 128> t{};
  for (auto& c : t) c = CharClass::kSeparator;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = CharClass::kWord;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = CharClass::kWord;
  for (int c = '0'; c <= '9'; ++c) t[c] = CharClass::kDigit;
  t['\''] = CharClass::kApostrophe;
  t['.'] = CharClass::kDecimalPoint;
  t[','] = CharClass::kGroupSep;
  return t;
}
constexpr std::array<CharClass, 128> kAsciiClass = MakeAsciiTable();

// Classes of the fast path, for every byte of the lower-cased text: ASCII letters and
// digits, ASCII separators, the ASCII joiners ('\'', '.', ','), and bytes of non-ASCII
// characters (which need the general path).
enum class FastClass : uint8_t { kOther, kWord, kSeparator, kJoiner };

constexpr std::array<FastClass, 256> MakeFastTable() {
  std::array<FastClass, 256> t{};
  for (int c = 0; c < 128; ++c) {
    switch (kAsciiClass[c]) {
      case CharClass::kWord: case CharClass::kDigit: t[c] = FastClass::kWord; break;
      case CharClass::kSeparator: t[c] = FastClass::kSeparator; break;
      default: t[c] = FastClass::kJoiner; break;
    }
  }
  for (int c = 128; c < 256; ++c) t[c] = FastClass::kOther;
  return t;
}
constexpr std::array<FastClass, 256> kFastClass = MakeFastTable();

bool IsNoSpaceScript(int32_t cp) {
  return (cp >= 0x0E00 && cp <= 0x0EFF) ||    // Thai, Lao
         (cp >= 0x0F00 && cp <= 0x0FFF) ||    // Tibetan
         (cp >= 0x1000 && cp <= 0x109F) ||    // Myanmar
         (cp >= 0x1780 && cp <= 0x17FF) ||    // Khmer
         (cp >= 0x3040 && cp <= 0x30FF) ||    // Hiragana, Katakana
         (cp >= 0x31F0 && cp <= 0x31FF) ||    // Katakana extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F) ||    // half-width Katakana
         (cp >= 0x20000 && cp <= 0x3134F);    // CJK extensions B-G
}

CharClass ClassifyNonAscii(int32_t cp) {
  if (cp == 0x2019 || cp == 0x02BC || cp == 0x2018) return CharClass::kApostrophe;
  if (cp == 0x00AD || cp == 0x200C || cp == 0x200D || cp == 0x2060) return CharClass::kIgnorable;
  if (IsNoSpaceScript(cp)) {
    // Thai/Lao/Myanmar/Khmer/Tibetan combining marks stay with their base character.
    const auto cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC) return CharClass::kIgnorable;
    return CharClass::kIsolated;
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return CharClass::kWord;
    default:
      return CharClass::kSeparator;
  }
}

// Decodes the code point at s[i] (valid UTF-8 assumed; an invalid lead byte decodes as
// U+FFFD of length 1). Stores its length in *len.
inline int32_t Decode(std::string_view s, size_t i, size_t* len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) { *len = 1; return b0; }
  utf8proc_int32_t cp;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) { *len = 1; return 0xFFFD; }
  *len = static_cast<size_t>(n);
  return cp;
}

inline CharClass Classify(int32_t cp) {
  return cp < 0x80 ? kAsciiClass[cp] : ClassifyNonAscii(cp);
}

inline bool IsWordLike(CharClass c) { return c == CharClass::kWord || c == CharClass::kDigit; }

// Bytes after the lower-cased text, all 0x80 (kOther): a word's hash reads
// kTokenBlockBytes from its start, and the test of the byte after a joiner may read one
// past the end.
constexpr size_t kPadding = kTokenBlockBytes;

// Returns the first k >= from whose bit is clear in `bits`; such a bit must exist.
inline size_t NextClear(const uint64_t* bits, size_t from) {
  size_t w = from / 64;
  uint64_t m = ~bits[w] >> (from % 64);
  if (m != 0) return from + static_cast<size_t>(std::countr_zero(m));
  do {
    m = ~bits[++w];
  } while (m == 0);
  return w * 64 + static_cast<size_t>(std::countr_zero(m));
}

}  // namespace

void TokenizedText::clear() {
  hashes.clear();
  begin.clear();
  end.clear();
  word_bytes.clear();
  word_end.clear();
}

Tokenizer::Tokenizer(const TokenizerOptions& options) : options_(options) {}

// Inlined: it runs once per token, and the fast path is little more than this.
// `readable16`: kTokenBlockBytes bytes can be read from norm.data() (the padded text).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline void Tokenizer::Push(uint32_t begin, uint32_t end, std::string_view norm,
                                                         bool readable16, TokenizedText* out) {
  out->hashes.push_back(readable16 && norm.size() <= kTokenBlockBytes
                            ? TokenHashOfBlock(norm.data(), norm.size(), options_.seed)
                            : TokenHash(norm, options_.seed));
  if (options_.keep_offsets) {
    out->begin.push_back(begin);
    out->end.push_back(end);
  }
  if (options_.keep_words) {
    out->word_bytes.append(norm);
    out->word_end.push_back(static_cast<uint32_t>(out->word_bytes.size()));
  }
}

void Tokenizer::Emit(uint32_t begin, uint32_t end, bool ascii, TokenizedText* out) {
  if (ascii) {
    norm_.resize(raw_.size());
    for (size_t i = 0; i < raw_.size(); ++i) {
      const char c = raw_[i];
      norm_[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
  } else {
    constexpr auto kOptions = static_cast<utf8proc_option_t>(
        UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    const auto* src = reinterpret_cast<const utf8proc_uint8_t*>(raw_.data());
    const auto src_len = static_cast<utf8proc_ssize_t>(raw_.size());
    if (codepoints_.size() < raw_.size() + 8) codepoints_.resize(raw_.size() + 8);
    utf8proc_ssize_t n = utf8proc_decompose(src, src_len, codepoints_.data(),
                                            static_cast<utf8proc_ssize_t>(codepoints_.size()),
                                            kOptions);
    if (n > static_cast<utf8proc_ssize_t>(codepoints_.size())) {
      codepoints_.resize(static_cast<size_t>(n) + 8);
      n = utf8proc_decompose(src, src_len, codepoints_.data(),
                             static_cast<utf8proc_ssize_t>(codepoints_.size()), kOptions);
    }
    norm_.clear();
    if (n > 0) {
      n = utf8proc_normalize_utf32(codepoints_.data(), n, kOptions);
      utf8proc_uint8_t buf[4];
      for (utf8proc_ssize_t k = 0; k < n; ++k) {
        const auto len = utf8proc_encode_char(codepoints_[k], buf);
        norm_.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
      }
    } else {
      norm_ = raw_;  // utf8proc refused (cannot happen for valid input): keep the bytes
    }
  }
  Push(begin, end, norm_, /*readable16=*/false, out);
}

void Tokenizer::Tokenize(std::string_view text, TokenizedText* out) {
  out->clear();
  if (text.size() >= std::numeric_limits<uint32_t>::max()) {
    text = text.substr(0, std::numeric_limits<uint32_t>::max() - 1);
  }
  const size_t n = text.size();
  size_t i = 0;
  bool in_word = false;
  bool ascii = true;
  bool last_was_digit = false;
  size_t word_begin = 0;
  size_t word_end = 0;
  raw_.clear();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());

  auto finish = [&]() {
    if (in_word) {
      Emit(static_cast<uint32_t>(word_begin), static_cast<uint32_t>(word_end), ascii, out);
      in_word = false;
    }
    raw_.clear();
    ascii = true;
    last_was_digit = false;
  };

  // The text with ASCII letters lower-cased, then padding; and its bitmaps of word bytes
  // and of non-ASCII bytes (SIMD, in one pass). The fast path below takes the words from
  // the bitmaps, and hashes each straight from the lower-cased copy; the padding (0x80,
  // kOther) stops the byte tests at the end.
  if (lower_.size() < n + kPadding) lower_.resize(n + kPadding);
  const size_t mask_words = AsciiMaskWords(n);
  if (word_mask_.size() < mask_words) {
    word_mask_.resize(mask_words);
    high_mask_.resize(mask_words);
  }
  unsigned char* low = lower_.data();
  const uint64_t* word = word_mask_.data();
  const uint64_t* high = high_mask_.data();
  LowerAndMask(text.data(), n, low, word_mask_.data(), high_mask_.data());
  std::memset(low + n, 0x80, kPadding);
  out->hashes.reserve(n / 5);
  if (options_.keep_offsets) {
    out->begin.reserve(n / 5);
    out->end.reserve(n / 5);
  }
  while (i < n) {
    // Fast path: plain ASCII words, each followed by an ASCII separator, need no joiner
    // logic and no Unicode normalisation. It runs until something else comes (a word
    // going on with a joiner, or a non-ASCII byte), which the general loop takes from
    // there. Joiners between words are separators here, as they are to the general loop
    // outside a word.
    // The bitmaps give each block of 64 bytes its events at once: the words' first bytes
    // and the non-ASCII bytes. Taking them in turn, lowest bit first, chains only the
    // clearing of a bit from one word to the next; finding where a word ends (and hashing
    // it) is off that chain, so the words of a block overlap in the pipeline.
    if (!in_word && options_.ascii_fast_path) {
      // Events of block w: first bytes of words (a word byte after a non-word byte, or
      // after the previous block's last byte when that is none) and non-ASCII bytes.
      auto events = [&](size_t w) {
        const uint64_t carry = w == 0 ? 0 : word[w - 1] >> 63;
        return (word[w] & ~((word[w] << 1) | carry)) | high[w];
      };
      size_t w = i / 64;
      uint64_t pending = events(w) & (~uint64_t{0} << (i % 64));
      for (;;) {
        while (pending == 0) pending = events(++w);  // bits from n on are set in `high`
        const size_t p = w * 64 + static_cast<size_t>(std::countr_zero(pending));
        i = p;
        if (kFastClass[low[p]] != FastClass::kWord) break;  // non-ASCII, or the end
        const size_t j = NextClear(word, p + 1);
        // The word also ends here when a joiner ('.', ',', '\'') follows but no word
        // character comes after it ("said." / "bags," / "Gaza'").
        const FastClass after = kFastClass[low[j]];
        const bool ends =
            j == n || after == FastClass::kSeparator ||
            (after == FastClass::kJoiner &&
             (j + 1 == n || (kFastClass[low[j + 1]] != FastClass::kWord &&
                             kFastClass[low[j + 1]] != FastClass::kOther)));
        if (!ends) break;
        Push(static_cast<uint32_t>(p), static_cast<uint32_t>(j),
             std::string_view(reinterpret_cast<const char*>(low + p), j - p),
             /*readable16=*/true, out);
        pending &= pending - 1;
      }
      if (i >= n) break;
    }
    if (!in_word && bytes[i] < 0x80 && kAsciiClass[bytes[i]] == CharClass::kSeparator) {
      ++i;
      continue;
    }
    size_t len;
    const int32_t cp = Decode(text, i, &len);
    const CharClass cls = Classify(cp);
    switch (cls) {
      case CharClass::kWord:
      case CharClass::kDigit:
        if (!in_word) {
          in_word = true;
          word_begin = i;
        }
        raw_.append(text.data() + i, len);
        ascii = ascii && cp < 0x80;
        last_was_digit = cls == CharClass::kDigit ||
                         (cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ND);
        word_end = i + len;
        break;
      case CharClass::kIgnorable:
        if (in_word) word_end = i + len;
        break;
      case CharClass::kApostrophe:
      case CharClass::kDecimalPoint:
      case CharClass::kGroupSep: {
        // A joiner continues the word only when a word character follows directly (and,
        // for number punctuation, digits stand on both sides).
        bool joins = false;
        if (in_word && i + len < n) {
          size_t next_len;
          const int32_t next = Decode(text, i + len, &next_len);
          const CharClass next_cls = Classify(next);
          if (cls == CharClass::kApostrophe) {
            joins = IsWordLike(next_cls);
          } else {
            joins = last_was_digit && next_cls == CharClass::kDigit;
          }
        }
        if (joins) {
          if (cls == CharClass::kDecimalPoint) raw_.push_back('.');
          word_end = i + len;
        } else {
          finish();
        }
        break;
      }
      case CharClass::kIsolated:
        finish();
        raw_.assign(text.data() + i, len);
        Emit(static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), false, out);
        raw_.clear();
        break;
      case CharClass::kSeparator:
        finish();
        break;
    }
    i += len;
  }
  finish();
}

}  // namespace neardup
