// The background document-frequency table shipped with neardup (data/df_table_v1.tsv,
// built by tools/build_df_table.sh from Reuters-21578 and BBC News), compiled into the
// library so that the tool works wherever it is installed.
//
//   std::istringstream in{std::string(BackgroundDfTable())};
//   auto stats = TermStats::Read(in, "built-in df table", stemmer.Identity());
#ifndef NEARDUP_TEXT_BACKGROUND_DF_H_
#define NEARDUP_TEXT_BACKGROUND_DF_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "neardup/text/term_stats.h"

namespace neardup {

// Returns the text of data/df_table_v1.tsv as it was at build time.
std::string_view BackgroundDfTable();

// Loads `path` when it is not empty, else the built-in table; checks the stemmer identity.
absl::StatusOr<TermStats> LoadTermStats(const std::string& path, std::string_view stemmer_identity);

}  // namespace neardup

#endif  // NEARDUP_TEXT_BACKGROUND_DF_H_
