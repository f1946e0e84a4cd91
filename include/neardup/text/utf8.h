// UTF-8 validation with repair. Input text from crawls is often mis-encoded; neardup
// never drops or crashes on such a document: each invalid byte becomes U+FFFD.
//
//   std::string fixed;
//   size_t bad = neardup::RepairUtf8(raw, &fixed);   // fixed is valid UTF-8
#ifndef NEARDUP_TEXT_UTF8_H_
#define NEARDUP_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace neardup {

// Returns true when `s` is well-formed UTF-8 (no overlongs, surrogates or values above
// U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Writes `in` to `*out` with every byte that does not start a well-formed sequence
// replaced by U+FFFD (EF BF BD). Returns the number of bytes replaced (0 when `in` was
// valid, in which case `*out == in`).
size_t RepairUtf8(std::string_view in, std::string* out);

// Repairs `*text` in place; returns the number of bytes replaced.
size_t RepairUtf8InPlace(std::string* text);

}  // namespace neardup

#endif  // NEARDUP_TEXT_UTF8_H_
