// The tokenizer's first pass over a text, with SIMD where the CPU has it: ASCII letters
// lower-cased into a copy, and two bitmaps of that copy, one bit per byte, from which the
// tokenizer finds where words start and end with a count of trailing zeros instead of a
// test per byte. Highway picks the instruction set at run time (SSSE3, SSE4, AVX2 or
// AVX-512 on x86) and falls back to portable code elsewhere.
//
//   std::vector<uint64_t> word(AsciiMaskWords(n)), high(AsciiMaskWords(n));
//   LowerAndMask(text, n, low, word.data(), high.data());
//   // bit k % 64 of word[k / 64]: low[k] is in [0-9a-z]
#ifndef NEARDUP_TEXT_ASCII_MASKS_H_
#define NEARDUP_TEXT_ASCII_MASKS_H_

#include <cstddef>
#include <cstdint>

namespace neardup {

// The 64-bit words each bitmap of an n-byte text takes: one bit per byte and at least one
// past the end (the one for byte n), so that a scan for a set or a clear bit always stops.
inline size_t AsciiMaskWords(size_t n) { return n / 64 + 1; }

// Writes text[0, n) with 'A'-'Z' lower-cased to low[0, n) (other bytes as they are), and
// for every byte k of that copy bit k % 64 of
//   word[k / 64]: set iff the byte is an ASCII letter or digit, [0-9a-z];
//   high[k / 64]: set iff it is a byte of a non-ASCII character (0x80 and up).
// Bits from n on (to the end of AsciiMaskWords(n) words) are clear in `word` and set in
// `high`, as for bytes 0x80. `word` and `high` hold AsciiMaskWords(n) words; `low` may
// not overlap `text`. Thread-safe.
void LowerAndMask(const char* text, size_t n, unsigned char* low, uint64_t* word, uint64_t* high);

// The same, a byte at a time: the reference LowerAndMask is tested against.
void LowerAndMaskScalar(const char* text, size_t n, unsigned char* low, uint64_t* word, uint64_t* high);

}  // namespace neardup

#endif  // NEARDUP_TEXT_ASCII_MASKS_H_
