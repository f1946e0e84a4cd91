#include "neardup/gen/source_article.h"

#include <simdjson.h>

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "neardup/base/document.h"
#include "neardup/base/strings.h"
#include "neardup/base/status_macros.h"
#include "neardup/hash/hash.h"
#include "neardup/io/byte_stream.h"
#include "neardup/pipeline/analyzer.h"
#include "neardup/text/sentence.h"

namespace neardup {
namespace {

constexpr uint64_t kMaxInputBytes = uint64_t{8} << 30;
constexpr int kRepeatWords = 40;

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\f\v") == std::string_view::npos; }

// Appends `s` to `out`, decoding &lt; &gt; &amp; and dropping numeric entities (&#3;).
void AppendDecoded(std::string_view s, std::string* out) {
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '&') {
      const std::string_view rest = s.substr(i);
      if (rest.starts_with("&lt;")) { out->push_back('<'); i += 4; continue; }
      if (rest.starts_with("&gt;")) { out->push_back('>'); i += 4; continue; }
      if (rest.starts_with("&amp;")) { out->push_back('&'); i += 5; continue; }
      if (rest.starts_with("&#")) {
        size_t j = 2;
        while (j < rest.size() && j < 8 && rest[j] >= '0' && rest[j] <= '9') ++j;
        if (j > 2 && j < rest.size() && rest[j] == ';') { i += j + 1; continue; }
      }
    }
    out->push_back(s[i]);
    ++i;
  }
}

// Returns a hash of the first kRepeatWords words (letters and digits, lower case).
uint64_t LeadKey(std::string_view text, uint32_t* words) {
  std::string key;
  int n = 0;
  bool in_word = false;
  *words = 0;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool word_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (word_char) {
      if (!in_word) {
        ++*words;
        ++n;
        if (n <= kRepeatWords) key.push_back(' ');
      }
      if (n <= kRepeatWords) key.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
    in_word = word_char;
  }
  return Hash64(key, 0);
}

// Returns field `name` of `obj` as a string, or "" when absent or not a string.
std::string StringField(simdjson::dom::object obj, const std::string& name) {
  std::string_view s;
  if (obj[name].get_string().get(s) != simdjson::SUCCESS) return "";
  return std::string(s);
}

}  // namespace

absl::Status SourceOptions::Validate() const {
  if (id_field.empty() || text_field.empty()) return absl::InvalidArgumentError("id and text field names must not be empty");
  NEARDUP_RETURN_IF_ERROR(shingle.Validate());
  return copy.Validate();
}

uint64_t DropNearDuplicateArticles(const ShingleOptions& shingle, const VerifyOptions& copy,
                                   std::vector<SourceArticle>* articles) {
  const size_t n = articles->size();
  AnalyzerOptions analyzer_options;
  analyzer_options.shingle = shingle;
  // Only the shingle set and the fingerprint are used: one MinHash value is cheapest.
  analyzer_options.minhash.num_hashes = 1;
  Analyzer analyzer(analyzer_options);
  std::vector<std::vector<ShingleKey>> sets(n);
  std::vector<uint64_t> fingerprints(n);
  std::vector<size_t> tokens(n);
  AnalyzedText a;
  size_t total = 0;
  for (size_t i = 0; i < n; ++i) {
    analyzer.Analyze((*articles)[i].text, &a);
    sets[i] = a.shingle_set;
    fingerprints[i] = a.fingerprint;
    tokens[i] = a.tokens.size();
    total += sets[i].size();
  }
  // The inverted index, built at once: every (shingle, article), sorted, so that each
  // shingle's articles form one run in input order.
  std::vector<std::pair<ShingleKey, uint32_t>> postings;
  postings.reserve(total);
  for (size_t i = 0; i < n; ++i) {
    for (const ShingleKey h : sets[i]) postings.emplace_back(h, static_cast<uint32_t>(i));
  }
  std::sort(postings.begin(), postings.end());
  // For each posting, the start of its shingle's run: the postings before it in the run
  // are the earlier articles that share the shingle. by_article lists the postings of
  // article i at [first[i], first[i + 1]).
  std::vector<uint32_t> run_begin(postings.size());
  std::vector<uint32_t> first(n + 1, 0);
  for (size_t p = 0; p < postings.size(); ++p) {
    run_begin[p] = p > 0 && postings[p - 1].first == postings[p].first ? run_begin[p - 1] : static_cast<uint32_t>(p);
    ++first[postings[p].second + 1];
  }
  for (size_t i = 0; i < n; ++i) first[i + 1] += first[i];
  std::vector<uint32_t> by_article(postings.size());
  {
    std::vector<uint32_t> fill(first.begin(), first.end() - 1);
    for (size_t p = 0; p < postings.size(); ++p) by_article[fill[postings[p].second]++] = static_cast<uint32_t>(p);
  }
  // In input order, count the shingles each article shares with every earlier article
  // that stays (exactly |A ∩ B|: the sets are unique); those whose counts could reach a
  // threshold are scored and classified as dedup does.
  std::vector<bool> kept(n, false);
  std::vector<uint32_t> shared(n, 0);
  std::vector<uint32_t> touched;
  for (size_t i = 0; i < n; ++i) {
    touched.clear();
    for (uint32_t k = first[i]; k < first[i + 1]; ++k) {
      for (uint32_t p = run_begin[by_article[k]]; p < by_article[k]; ++p) {
        const uint32_t j = postings[p].second;
        if (kept[j] && shared[j]++ == 0) touched.push_back(j);
      }
    }
    bool is_copy = false;
    const double na = static_cast<double>(sets[i].size());
    for (const uint32_t j : touched) {
      const double c = shared[j];
      shared[j] = 0;
      if (is_copy) continue;
      const double nb = static_cast<double>(sets[j].size());
      // The same arithmetic as ScoreShingleSets, so that a pair at a threshold passes.
      const bool may_be_copy = c / (na + nb - c) >= copy.jaccard_threshold ||
                               (copy.containment_threshold > 0 && c / std::min(na, nb) >= copy.containment_threshold);
      if (!may_be_copy) continue;
      const bool same_text = fingerprints[i] == fingerprints[j] && tokens[i] == tokens[j] && tokens[i] > 0;
      is_copy = ClassifyPair(ScoreShingleSets(sets[j], sets[i]), same_text, copy) != Relation::kNone;
    }
    kept[i] = !is_copy;
  }
  size_t out = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!kept[i]) continue;
    if (out != i) (*articles)[out] = std::move((*articles)[i]);
    ++out;
  }
  articles->resize(out);
  return n - out;
}

std::string ReflowText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool paragraph_open = false;  // `out` holds text of the current paragraph
  bool new_paragraph = true;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (IsBlank(line)) {
      new_paragraph = true;
    } else {
      const bool indented = line.front() == ' ' || line.front() == '\t';
      const size_t b = line.find_first_not_of(" \t");
      const size_t e = line.find_last_not_of(" \t\r");
      line = line.substr(b, e - b + 1);
      if (paragraph_open && (new_paragraph || indented)) {
        out.push_back('\n');
      } else if (paragraph_open) {
        out.push_back(' ');
      }
      AppendDecoded(line, &out);
      paragraph_open = true;
      new_paragraph = false;
    }
    if (end == text.size()) break;
  }
  // Decoding can leave a paragraph blank (a line of only "&#3;"): trim line ends.
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  // The wire's sign-off line ("Reuter") is not part of the story.
  const size_t last = out.rfind('\n');
  if (last != std::string::npos) {
    std::string tail = out.substr(last + 1);
    for (char& c : tail) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (tail == "reuter" || tail == "reuters") out.resize(last);
  }
  return out;
}

absl::StatusOr<SourceSet> ReadSourceArticles(const std::string& path, const SourceOptions& options) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  absl::StatusOr<std::string> data = ReadWholeFile(path, kMaxInputBytes);
  if (!data.ok()) return data.status();
  SourceSet set;
  absl::flat_hash_set<uint64_t> seen;
  simdjson::dom::parser parser;
  size_t pos = 0;
  int64_t line_no = 0;
  while (pos < data->size()) {
    size_t end = data->find('\n', pos);
    if (end == std::string::npos) end = data->size();
    const std::string_view line(data->data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (IsBlank(line)) continue;
    auto error = [&](std::string_view message) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", line_no, ": ", AsAbsl(message)));
    };
    simdjson::dom::object obj;
    if (parser.parse(simdjson::padded_string(line)).get_object().get(obj) != simdjson::SUCCESS) {
      return error("malformed JSON record");
    }
    ++set.records;
    SourceArticle a;
    std::string_view raw_text;
    if (obj[options.text_field].get_string().get(raw_text) != simdjson::SUCCESS) {
      return error(absl::StrCat("no string field \"", options.text_field, "\""));
    }
    simdjson::dom::element id;
    if (obj[options.id_field].get(id) == simdjson::SUCCESS) {
      std::string_view s;
      a.id = id.get_string().get(s) == simdjson::SUCCESS ? std::string(s) : simdjson::minify(id);
    } else {
      a.id = absl::StrCat("line-", line_no);
    }
    a.title = ReflowText(StringField(obj, options.title_field));
    simdjson::dom::element topics;
    if (obj[options.topics_field].get(topics) == simdjson::SUCCESS) {
      std::string_view s;
      if (topics.get_string().get(s) == simdjson::SUCCESS) {
        if (!s.empty()) a.topics.emplace_back(s);
      } else if (topics.is_array()) {
        for (simdjson::dom::element t : topics.get_array()) {
          if (t.get_string().get(s) == simdjson::SUCCESS && !s.empty()) a.topics.emplace_back(s);
        }
      }
    }
    std::string date = StringField(obj, options.date_field);
    if (date.empty()) date = StringField(obj, "published");
    if (const std::optional<absl::Time> t = ParsePublished(date)) {
      a.published = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", *t, absl::UTCTimeZone());
      a.day = a.published.substr(0, 10);
    }
    a.text = ReflowText(raw_text);
    uint32_t words = 0;
    const uint64_t key = LeadKey(a.text, &words);
    a.sentences = static_cast<uint32_t>(SplitSentences(a.text).size());
    if (words < options.min_words || a.sentences < options.min_sentences) {
      ++set.too_short;
      continue;
    }
    if (!seen.insert(key).second) {
      ++set.repeats;
      continue;
    }
    set.articles.push_back(std::move(a));
  }
  if (options.drop_near_duplicates) {
    set.near_duplicates = DropNearDuplicateArticles(options.shingle, options.copy, &set.articles);
  }
  return set;
}

}  // namespace neardup
