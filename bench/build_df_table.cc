// Builds the background document-frequency table of stemmed content terms from JSON
// Lines files (the `text` field of each record):
//
//   build/bench/build_df_table OUT.tsv MIN_DF FILE.jsonl...
//
// data/df_table_v1.tsv is made by tools/build_df_table.sh with this program.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "neardup/base/document.h"
#include "neardup/io/document_reader.h"
#include "neardup/text/stemmer.h"
#include "neardup/text/term_stats.h"
#include "neardup/text/tokenizer.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: build_df_table OUT.tsv MIN_DF FILE.jsonl...\n";
    return 2;
  }
  const std::string out_path = argv[1];
  const int min_df = std::atoi(argv[2]);
  std::vector<std::string> inputs(argv + 3, argv + argc);
  auto reader = neardup::OpenDocuments(inputs, neardup::ReaderOptions{});
  if (!reader.ok()) {
    std::cerr << reader.status() << "\n";
    return 1;
  }
  auto stemmer = neardup::Stemmer::Create(neardup::StemmerOptions{});
  if (!stemmer.ok()) {
    std::cerr << stemmer.status() << "\n";
    return 1;
  }
  neardup::Tokenizer tokenizer(neardup::TokenizerOptions{.keep_words = true});
  neardup::TermStats stats(stemmer->Identity());
  neardup::Document doc;
  neardup::TokenizedText tokens;
  std::vector<std::string> stems;
  for (;;) {
    absl::StatusOr<bool> more = (*reader)->Next(&doc);
    if (!more.ok()) {
      std::cerr << more.status() << "\n";
      return 1;
    }
    if (!*more) break;
    tokenizer.Tokenize(doc.text, &tokens);
    stems.clear();
    for (size_t i = 0; i < tokens.size(); ++i) {
      const std::string_view stem = stemmer->ContentStem(tokens.word(i));
      if (!stem.empty()) stems.emplace_back(stem);
    }
    stats.AddStems(stems);
  }
  if (absl::Status s = stats.Save(out_path, static_cast<uint32_t>(min_df)); !s.ok()) {
    std::cerr << s << "\n";
    return 1;
  }
  std::cerr << "documents " << stats.documents() << ", distinct terms " << stats.terms() << "\n";
  return 0;
}
