// Helpers for pipeline tests: temporary files and generated news-like corpora with planted
// near-duplicates. Nothing here reads the shared data folder.
#ifndef NEARDUP_TESTS_PIPELINE_TEST_CORPUS_H_
#define NEARDUP_TESTS_PIPELINE_TEST_CORPUS_H_

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "neardup/base/json_writer.h"

namespace neardup::testing {

// A file in a fresh temporary directory, removed with the object.
class TempFile {
 public:
  explicit TempFile(const std::string& name, const std::string& contents = "") {
    std::string tmpl = (std::filesystem::temp_directory_path() / "neardup_test_XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    path_ = dir_ + "/" + name;
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() { std::filesystem::remove_all(dir_); }
  const std::string& path() const { return path_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::string path_;
};

// Returns one JSON Lines record.
inline std::string JsonLine(const std::string& id, const std::string& text) {
  JsonWriter w;
  w.BeginObject();
  w.Key("id");
  w.String(id);
  w.Key("text");
  w.String(text);
  w.EndObject();
  return w.str() + "\n";
}

// Generates `stories` random articles over a Zipf-like vocabulary and, for each, up to
// `copies` edited copies (word substitutions, deletions, insertions at a random rate),
// shuffled. Returns the JSON Lines text.
inline std::string GeneratedCorpus(uint64_t seed, int stories, int copies) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> vocab;
  for (int i = 0; i < 3000; ++i) vocab.push_back("w" + std::to_string(i));
  auto word = [&]() {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return vocab[static_cast<size_t>(std::pow(u, 2.5) * vocab.size()) % vocab.size()];
  };
  std::vector<std::pair<std::string, std::string>> docs;
  for (int s = 0; s < stories; ++s) {
    std::vector<std::string> words;
    const int n = 60 + static_cast<int>(rng() % 400);
    for (int i = 0; i < n; ++i) words.push_back(word());
    auto join = [](const std::vector<std::string>& w) {
      std::string out;
      for (const auto& x : w) out += (out.empty() ? "" : " ") + x;
      return out;
    };
    docs.push_back({"s" + std::to_string(s), join(words)});
    const int c = static_cast<int>(rng() % (copies + 1));
    for (int k = 0; k < c; ++k) {
      const double rate = std::uniform_real_distribution<double>(0.0, 0.12)(rng);
      std::vector<std::string> edited;
      for (const auto& w : words) {
        const double u = std::uniform_real_distribution<double>(0, 1)(rng);
        if (u < rate / 3) continue;                         // delete
        if (u < 2 * rate / 3) { edited.push_back(word()); continue; }  // substitute
        edited.push_back(w);
        if (u < rate) edited.push_back(word());            // insert
      }
      docs.push_back({"s" + std::to_string(s) + "-c" + std::to_string(k), join(edited)});
    }
  }
  std::shuffle(docs.begin(), docs.end(), rng);
  std::string out;
  for (const auto& [id, text] : docs) out += JsonLine(id, text);
  return out;
}

}  // namespace neardup::testing

#endif  // NEARDUP_TESTS_PIPELINE_TEST_CORPUS_H_
