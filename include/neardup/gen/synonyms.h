// Single-word synonyms for rewriting copies: a built-in list of newswire verbs and
// nouns (inflected forms included, which WordNet lacks), optionally extended from a
// WordNet 3.0 database (Debian's wordnet-base, /usr/share/wordnet): for each lemma,
// the other single-word, lower-case lemmas of its most frequent sense. Words that are
// inflected forms of another word ("rose" of "rise", per the *.exc files) are left out,
// so "prices rose" never becomes "prices rosebush".
//
//   NEARDUP_ASSIGN_OR_RETURN(SynonymTable t, SynonymTable::LoadWordNet("/usr/share/wordnet"));
//   absl::Span<const std::string> s = t.Lookup("purchase");   // e.g. {"buy"}
#ifndef NEARDUP_GEN_SYNONYMS_H_
#define NEARDUP_GEN_SYNONYMS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace neardup {

// Immutable after loading; safe for concurrent Lookup calls.
class SynonymTable {
 public:
  // Returns the built-in list only.
  static SynonymTable Builtin();
  // Returns the built-in list plus WordNet's synonyms from `dir` (index.{noun,verb,adj,adv}
  // and data.* are required, *.exc optional). Errors name the missing or malformed file.
  static absl::StatusOr<SynonymTable> LoadWordNet(const std::string& dir);

  // Returns the synonyms of `word` (lower case), empty when none are known.
  absl::Span<const std::string> Lookup(std::string_view word) const;
  // Number of words with synonyms.
  size_t size() const { return map_.size(); }

  // Sets the synonyms of `word` (replacing any it had).
  void Set(std::string word, std::vector<std::string> synonyms);

 private:
  absl::flat_hash_map<std::string, std::vector<std::string>> map_;
};

}  // namespace neardup

#endif  // NEARDUP_GEN_SYNONYMS_H_
