// Bridges std::string_view (neardup's interfaces, C++20) and absl::string_view. Debian's
// Abseil is built with its own string_view type, so the two do not convert implicitly.
//
//   absl::StrCat("field ", AsAbsl(name));
#ifndef NEARDUP_BASE_STRINGS_H_
#define NEARDUP_BASE_STRINGS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace neardup {

inline absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view AsStd(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace neardup

#endif  // NEARDUP_BASE_STRINGS_H_
