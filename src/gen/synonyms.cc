#include "neardup/gen/synonyms.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "neardup/base/strings.h"
#include "neardup/io/byte_stream.h"

namespace neardup {
namespace {

constexpr uint64_t kMaxWordNetFile = uint64_t{64} << 20;

// Newswire words, inflected as they appear in text (WordNet lists base forms only).
struct BuiltinEntry {
  const char* word;
  const char* synonyms;  // space-separated
};
constexpr std::array<BuiltinEntry, 44> kBuiltin = {{
    {"said", "stated noted added"},      {"says", "states notes"},
    {"rose", "climbed increased gained"}, {"risen", "climbed increased"},
    {"fell", "dropped declined slipped"}, {"fallen", "dropped declined"},
    {"increase", "rise gain"},           {"increased", "raised lifted"},
    {"decrease", "decline reduction"},   {"decreased", "reduced lowered"},
    {"company", "firm"},                 {"companies", "firms"},
    {"shares", "stocks"},                {"expected", "anticipated forecast"},
    {"announced", "disclosed unveiled"}, {"reported", "posted"},
    {"bought", "acquired purchased"},    {"buy", "purchase acquire"},
    {"agreement", "deal accord"},        {"talks", "negotiations"},
    {"officials", "authorities"},        {"plan", "proposal"},
    {"began", "started"},                {"begin", "start"},
    {"ended", "finished"},               {"profit", "earnings"},
    {"profits", "earnings"},             {"strong", "robust solid"},
    {"weak", "soft sluggish"},           {"large", "big sizeable"},
    {"major", "leading"},                {"help", "aid"},
    {"rapid", "quick swift"},            {"sharply", "steeply"},
    {"slightly", "marginally"},          {"previous", "prior earlier"},
    {"current", "present"},              {"total", "overall"},
    {"output", "production"},            {"prices", "rates"},
    {"reduce", "cut lower"},             {"estimated", "projected"},
    {"statement", "release"},            {"however", "nevertheless"},
}};

bool IsPlainLowerWord(std::string_view w) {
  if (w.size() < 3) return false;
  return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

absl::StatusOr<std::string> ReadWordNetFile(const std::string& dir, const std::string& name) {
  return ReadWholeFile(absl::StrCat(dir, "/", name), kMaxWordNetFile);
}

// Calls fn(line) for every line that is not part of the license header (which starts
// with two spaces).
template <typename Fn>
void ForEachEntry(const std::string& text, Fn fn) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (line.empty() || line.front() == ' ') continue;
    fn(line);
  }
}

}  // namespace

SynonymTable SynonymTable::Builtin() {
  SynonymTable t;
  for (const BuiltinEntry& e : kBuiltin) {
    t.Set(e.word, absl::StrSplit(e.synonyms, ' '));
  }
  return t;
}

absl::StatusOr<SynonymTable> SynonymTable::LoadWordNet(const std::string& dir) {
  // Inflected forms (first column of the exception lists) are not lemmas to replace.
  absl::flat_hash_set<std::string> inflected;
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    absl::StatusOr<std::string> exc = ReadWordNetFile(dir, absl::StrCat(pos, ".exc"));
    if (!exc.ok()) continue;
    ForEachEntry(*exc, [&](absl::string_view line) {
      inflected.insert(std::string(line.substr(0, line.find(' '))));
    });
  }
  // word -> (tagged senses of its best part of speech, synonyms of its first sense)
  absl::flat_hash_map<std::string, std::pair<int, std::vector<std::string>>> best;
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    const std::string data_name = absl::StrCat("data.", pos);
    absl::StatusOr<std::string> data = ReadWordNetFile(dir, data_name);
    if (!data.ok()) return data.status();
    absl::StatusOr<std::string> index = ReadWordNetFile(dir, absl::StrCat("index.", pos));
    if (!index.ok()) return index.status();
    // synset offset -> its single-word lemmas
    absl::flat_hash_map<std::string, std::vector<std::string>> synsets;
    bool malformed = false;
    ForEachEntry(*data, [&](absl::string_view line) {
      std::vector<absl::string_view> f = absl::StrSplit(line, ' ');
      if (f.size() < 4) { malformed = true; return; }
      const long count = std::strtol(std::string(f[3]).c_str(), nullptr, 16);
      std::vector<std::string> lemmas;
      for (long i = 0; i < count && 4 + 2 * static_cast<size_t>(i) < f.size(); ++i) {
        absl::string_view w = f[4 + 2 * static_cast<size_t>(i)];
        w = w.substr(0, w.find('('));  // adjective markers: "galore(ip)"
        if (IsPlainLowerWord(AsStd(w))) lemmas.emplace_back(w);
      }
      if (lemmas.size() >= 2) synsets.emplace(std::string(f[0]), std::move(lemmas));
    });
    if (malformed) return absl::InvalidArgumentError(absl::StrCat(dir, "/", data_name, ": malformed synset line"));
    ForEachEntry(*index, [&](absl::string_view line) {
      std::vector<absl::string_view> f = absl::StrSplit(line, ' ', absl::SkipEmpty());
      int synset_count = 0;
      int pointer_count = 0;
      if (f.size() < 4 || !absl::SimpleAtoi(f[2], &synset_count) || !absl::SimpleAtoi(f[3], &pointer_count)) return;
      const size_t tagged_at = 4 + static_cast<size_t>(pointer_count) + 1;
      int tagged = 0;
      if (tagged_at + 1 >= f.size() || !absl::SimpleAtoi(f[tagged_at], &tagged) || tagged == 0) return;
      const std::string word(f[0]);
      if (!IsPlainLowerWord(word) || inflected.contains(word)) return;
      // The most frequent sense; with no single-word synonyms it still claims the word,
      // so that "sugar" (noun) does not become "saccharify" (its verb sense).
      std::vector<std::string> others;
      if (const auto it = synsets.find(std::string(f[tagged_at + 1])); it != synsets.end()) {
        for (const std::string& s : it->second) {
          if (s != word) others.push_back(s);
        }
      }
      auto& slot = best[word];
      if (tagged > slot.first) slot = {tagged, std::move(others)};
    });
  }
  SynonymTable t;
  for (auto& [word, entry] : best) {
    if (!entry.second.empty()) t.Set(word, std::move(entry.second));
  }
  for (const BuiltinEntry& e : kBuiltin) t.Set(e.word, absl::StrSplit(e.synonyms, ' '));
  return t;
}

absl::Span<const std::string> SynonymTable::Lookup(std::string_view word) const {
  const auto it = map_.find(AsAbsl(word));
  if (it == map_.end()) return {};
  return it->second;
}

void SynonymTable::Set(std::string word, std::vector<std::string> synonyms) {
  map_[std::move(word)] = std::move(synonyms);
}

}  // namespace neardup
