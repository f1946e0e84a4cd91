#include "neardup/base/document.h"

#include <cctype>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace neardup {
namespace {

// Reuters writes "26-FEB-1987 15:01:01.79": absl's parser wants "Feb", so the month is
// re-cased before parsing.
std::string RecaseMonth(const std::string& text) {
  std::string out = text;
  if (out.size() >= 6 && out[2] == '-' && std::isalpha(static_cast<unsigned char>(out[3]))) {
    out[4] = absl::ascii_tolower(out[4]);
    out[5] = absl::ascii_tolower(out[5]);
  }
  return out;
}

}  // namespace

std::optional<absl::Time> ParsePublished(const std::string& raw) {
  const std::string text(absl::StripAsciiWhitespace(raw));
  if (text.empty()) return std::nullopt;
  static constexpr const char* kFormats[] = {
      "%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M:%E*SZ", "%Y-%m-%dT%H:%M:%E*S",
      "%Y-%m-%d %H:%M:%E*S%Ez", "%Y-%m-%d %H:%M:%E*S",  "%Y-%m-%dT%H:%M%Ez",
      "%Y-%m-%dT%H:%M",         "%Y-%m-%d",             "%a, %d %b %Y %H:%M:%S %Z",
      "%a, %d %b %Y %H:%M:%S %z", "%d-%b-%Y %H:%M:%E*S", "%d-%b-%Y",
  };
  const std::string recased = RecaseMonth(text);
  for (const char* format : kFormats) {
    absl::Time t;
    std::string err;
    if (absl::ParseTime(format, text, absl::UTCTimeZone(), &t, &err)) return t;
    if (recased != text && absl::ParseTime(format, recased, absl::UTCTimeZone(), &t, &err)) {
      return t;
    }
  }
  return std::nullopt;
}

}  // namespace neardup
