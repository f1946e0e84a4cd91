#include "neardup/text/ascii_masks.h"

#include <cstring>

// Compiled once per instruction set Highway targets (foreach_target.h re-includes this
// file); LowerAndMask dispatches to the best one the CPU supports.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "text/ascii_masks.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace neardup {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Bytes per bitmap word.
constexpr size_t kBlock = 64;

void LowerAndMaskSimd(const char* text, size_t n, unsigned char* low, uint64_t* word, uint64_t* high) {
  const hn::CappedTag<uint8_t, kBlock> d;
  const size_t lanes = hn::Lanes(d);
  if (lanes < 8 || kBlock % lanes != 0) {  // no whole bytes of mask bits per vector
    LowerAndMaskScalar(text, n, low, word, high);
    return;
  }
  const auto k_upper_a = hn::Set(d, 'A');
  const auto k_lower_a = hn::Set(d, 'a');
  const auto k_zero = hn::Set(d, '0');
  const auto k_letters = hn::Set(d, 26);
  const auto k_digits = hn::Set(d, 10);
  const auto k_case = hn::Set(d, 'a' - 'A');
  const auto k_ascii_max = hn::Set(d, 0x7F);
  // One block of 64 bytes from `in` to `out`, and its two bitmap words.
  auto block = [&](const uint8_t* in, uint8_t* out, uint64_t* word_bits, uint64_t* high_bits) {
    uint8_t word_bytes[kBlock / 8];
    uint8_t high_bytes[kBlock / 8];
    for (size_t v = 0; v < kBlock; v += lanes) {
      const auto c = hn::LoadU(d, in + v);
      // Unsigned compares: c - 'A' < 26 only for 'A'-'Z' (anything below 'A' wraps).
      const auto lower = hn::IfThenElse(hn::Lt(hn::Sub(c, k_upper_a), k_letters), hn::Add(c, k_case), c);
      hn::StoreU(lower, d, out + v);
      const auto is_word = hn::Or(hn::Lt(hn::Sub(lower, k_zero), k_digits), hn::Lt(hn::Sub(lower, k_lower_a), k_letters));
      hn::StoreMaskBits(d, is_word, word_bytes + v / 8);
      hn::StoreMaskBits(d, hn::Gt(c, k_ascii_max), high_bytes + v / 8);
    }
    std::memcpy(word_bits, word_bytes, sizeof(word_bytes));
    std::memcpy(high_bits, high_bytes, sizeof(high_bytes));
  };
  const auto* in = reinterpret_cast<const uint8_t*>(text);
  size_t k = 0;
  size_t w = 0;
  for (; k + kBlock <= n; k += kBlock, ++w) block(in + k, low + k, word + w, high + w);
  // The last block (the one holding bit n): the bytes left, then 0x80 padding, which gives
  // the bits past the end their values.
  uint8_t tail_in[kBlock];
  uint8_t tail_out[kBlock];
  std::memset(tail_in, 0x80, kBlock);
  if (n > k) std::memcpy(tail_in, in + k, n - k);  // (an empty text's data may be null)
  block(tail_in, tail_out, word + w, high + w);
  if (n > k) std::memcpy(low + k, tail_out, n - k);
}

}  // namespace HWY_NAMESPACE
}  // namespace neardup
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace neardup {

HWY_EXPORT(LowerAndMaskSimd);

void LowerAndMask(const char* text, size_t n, unsigned char* low, uint64_t* word, uint64_t* high) {
  HWY_DYNAMIC_DISPATCH(LowerAndMaskSimd)(text, n, low, word, high);
}

void LowerAndMaskScalar(const char* text, size_t n, unsigned char* low, uint64_t* word, uint64_t* high) {
  const size_t words = AsciiMaskWords(n);
  for (size_t w = 0; w < words; ++w) {
    word[w] = 0;
    high[w] = ~uint64_t{0};
  }
  for (size_t k = 0; k < n; ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    const unsigned char lower = c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c;
    low[k] = lower;
    const bool is_word = (lower >= '0' && lower <= '9') || (lower >= 'a' && lower <= 'z');
    const uint64_t bit = uint64_t{1} << (k % 64);
    if (is_word) word[k / 64] |= bit;
    if (c < 0x80) high[k / 64] &= ~bit;
  }
}

}  // namespace neardup
#endif  // HWY_ONCE
