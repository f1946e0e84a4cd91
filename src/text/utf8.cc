#include "neardup/text/utf8.h"

#include "neardup/base/utf8_sequence.h"

#include <cstdint>
#include <cstring>

namespace neardup {
namespace {

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
    const size_t len = Utf8SequenceLength(p + i, n - i);
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
    const size_t len = Utf8SequenceLength(p + i, in.size() - i);
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
