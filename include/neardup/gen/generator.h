// Generates a labelled syndication corpus from real articles: for a sample of articles
// it plants copies of every kind (verbatim with page furniture, light edits, excerpts,
// sentence-level rewrites, copies with comment sections), adds hard negatives (other real
// articles of the same topic and day, each its own gold cluster) and fills the rest with
// untouched articles. With target_bytes set, each base document is tiled from several
// articles (lightly edited) to about that size, so corpora of any size can be made.
// Documents are produced in blocks and handed to a sink one at a time, in a shuffled but
// deterministic order: memory stays bounded for any corpus size.
//
//   GenOptions o; o.docs = 20000; o.seed = 1;
//   NEARDUP_ASSIGN_OR_RETURN(GenStats stats, GenerateCorpus(articles, synonyms, o,
//       [&](const GeneratedDoc& d) { AppendCorpusRecord(d, &out); return absl::OkStatus(); }));
#ifndef NEARDUP_GEN_GENERATOR_H_
#define NEARDUP_GEN_GENERATOR_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "neardup/gen/source_article.h"
#include "neardup/gen/synonyms.h"

namespace neardup {

// The kinds of planted document. Copies share their original's gold cluster.
enum class CopyKind : uint8_t {
  kFurniture,  // verbatim + page furniture          relation near_duplicate
  kLightEdit,  // a few words, punctuation, a sentence  near_duplicate
  kExcerpt,    // 30-70% of the sentences, contiguous   contained
  kRewrite,    // reordered/dropped/merged sentences, synonyms, details   rewrite
  kComments,   // verbatim + a block of near-identical comments          near_duplicate
};
inline constexpr int kNumCopyKinds = 5;

// Returns "furniture", "light_edit", "excerpt", "rewrite" or "comments".
std::string_view CopyKindName(CopyKind kind);
// Returns the gold relation of a copy of this kind to its original.
std::string_view CopyKindRelation(CopyKind kind);
// Parses a comma-separated list of kind names, plus "hard_negative", or "all".
absl::Status ParseKinds(std::string_view list, std::vector<CopyKind>* kinds, bool* hard_negatives);

struct GenOptions {
  uint64_t seed = 0;            // the corpus is a function of the seed and the input
  uint64_t docs = 10000;        // documents to write. Default 10,000.
  double copy_rate = 0.35;      // share of documents that are planted copies. Default 0.35.
  int max_copies = 4;           // copies per original: 1 to this. Default 4.
  std::vector<CopyKind> kinds = {CopyKind::kFurniture, CopyKind::kLightEdit, CopyKind::kExcerpt,
                                 CopyKind::kRewrite, CopyKind::kComments};  // default: all
  bool hard_negatives = true;   // add hard negatives. Default on.
  double hard_negative_rate = 0.5;  // share of originals given one (when one exists). Default 0.5.
  uint64_t target_bytes = 0;    // 0: articles as they are; else tile to about this size
  std::string original_source = "wire";  // `source` of originals and untouched articles
  int threads = 1;              // output is identical for any number

  absl::Status Validate() const;
};

// One generated document with its gold labels.
struct GeneratedDoc {
  std::string id;
  std::string text;
  std::string title;
  std::string published;
  std::string source;
  std::string cluster;   // gold cluster label
  std::string relation;  // original, near_duplicate, contained, rewrite, hard_negative, none
  std::string kind;      // original, a CopyKindName, hard_negative or none
};

struct GenStats {
  uint64_t docs = 0;
  uint64_t bytes = 0;       // of text
  uint64_t clusters = 0;    // gold clusters (of any size)
  uint64_t originals = 0;   // articles with planted copies
  uint64_t copies = 0;
  uint64_t hard_negatives_missing = 0;  // wanted but no article of the same topic and day left
  std::map<std::string, uint64_t> by_kind;
};

// Calls `sink` for each of options.docs documents. Fails when the options are invalid,
// when there are too few articles (each real article is used once unless target_bytes
// is set), or with the first error `sink` returns.
absl::StatusOr<GenStats> GenerateCorpus(const std::vector<SourceArticle>& articles, const SynonymTable& synonyms,
                                        const GenOptions& options,
                                        const std::function<absl::Status(const GeneratedDoc&)>& sink);

// Appends the document as one JSON line: id, text, title, published, source.
void AppendCorpusRecord(const GeneratedDoc& doc, std::string* out);
// The gold TSV header line and one line per document: id, cluster, relation, kind.
inline constexpr std::string_view kGoldHeader = "id\tcluster\trelation\tkind\n";
void AppendGoldRecord(const GeneratedDoc& doc, std::string* out);

}  // namespace neardup

#endif  // NEARDUP_GEN_GENERATOR_H_
