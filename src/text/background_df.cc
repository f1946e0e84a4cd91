#include "neardup/text/background_df.h"

#include <sstream>
#include <string>

namespace neardup {

absl::StatusOr<TermStats> LoadTermStats(const std::string& path, std::string_view stemmer_identity) {
  if (!path.empty()) return TermStats::Load(path, stemmer_identity);
  std::istringstream in{std::string(BackgroundDfTable())};
  return TermStats::Read(in, "built-in df table (data/df_table_v1.tsv)", stemmer_identity);
}

}  // namespace neardup
