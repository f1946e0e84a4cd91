// The one definition of a well-formed UTF-8 sequence (no overlongs, no surrogates, nothing
// above U+10FFFF), shared by UTF-8 repair (text/utf8.h) and JSON writing (base/json_writer.h).
//
//   size_t len = Utf8SequenceLength(p, avail);   // 0: p[0] does not start a valid sequence
#ifndef NEARDUP_BASE_UTF8_SEQUENCE_H_
#define NEARDUP_BASE_UTF8_SEQUENCE_H_

#include <cstddef>

namespace neardup {

// Returns the length (1 to 4) of the well-formed sequence starting at p[0], given `avail`
// bytes from p on (at least 1), or 0 when there is none.
inline size_t Utf8SequenceLength(const unsigned char* p, size_t avail) {
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

}  // namespace neardup

#endif  // NEARDUP_BASE_UTF8_SEQUENCE_H_
