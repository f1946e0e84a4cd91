#include "neardup/text/utf8.h"

#include <cstdint>
#include <cstring>

namespace neardup {
namespace {

// Returns the length of the well-formed sequence starting at p[0], or 0.
inline size_t SequenceLength(const unsigned char* p, size_t avail) {
  const unsigned char b0 = p[0];
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    return (avail >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
    if (b0 == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (b0 == 0xED && p[1] >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (avail < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) {
      return 0;
    }
    if (b0 == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && p[1] >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Returns the offset of the first invalid byte, or s.size() when all is valid.
size_t FirstInvalid(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Skip ASCII eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const size_t len = SequenceLength(p + i, n - i);
    if (len == 0) return i;
    i += len;
  }
  return n;
}

}  // namespace

bool IsValidUtf8(std::string_view s) { return FirstInvalid(s) == s.size(); }

size_t RepairUtf8(std::string_view in, std::string* out) {
  size_t i = FirstInvalid(in);
  if (i == in.size()) {
    out->assign(in);
    return 0;
  }
  out->clear();
  out->reserve(in.size() + 16);
  out->append(in.data(), i);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  size_t replaced = 0;
  while (i < in.size()) {
    const size_t len = SequenceLength(p + i, in.size() - i);
    if (len == 0) {
      out->append("\xEF\xBF\xBD");
      ++replaced;
      ++i;
    } else {
      out->append(in.data() + i, len);
      i += len;
    }
  }
  return replaced;
}

size_t RepairUtf8InPlace(std::string* text) {
  if (FirstInvalid(*text) == text->size()) return 0;
  std::string fixed;
  const size_t replaced = RepairUtf8(*text, &fixed);
  text->swap(fixed);
  return replaced;
}

}  // namespace neardup
