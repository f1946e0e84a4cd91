#include "neardup/text/stemmer.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "neardup/base/strings.h"
#include "neardup/hash/hash.h"

namespace neardup {
namespace {

// Seed of TermHash: distinct from token hashes (seed 0 by default) so that a term hash
// is never mistaken for a token hash.
constexpr uint64_t kTermSeed = 0x6e647465726d3031ULL;  // "ndterm01"

// The NLTK English stop words, in Tokenizer's normalised form (apostrophes dropped, so
// "don't" is "dont"), sorted for binary search. Version "en1" (see Stemmer::Identity).
constexpr std::string_view kStopWords[] = {
    "a", "about", "above", "after", "again", "against", "ain", "all", "am", "an", "and", "any",
    "are", "aren", "arent", "as", "at", "be", "because", "been", "before", "being", "below",
    "between", "both", "but", "by", "can", "couldn", "couldnt", "d", "did", "didn", "didnt",
    "do", "does", "doesn", "doesnt", "doing", "don", "dont", "down", "during", "each", "few",
    "for", "from", "further", "had", "hadn", "hadnt", "has", "hasn", "hasnt", "have", "haven",
    "havent", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
    "i", "if", "in", "into", "is", "isn", "isnt", "it", "its", "itself", "just", "ll", "m",
    "ma", "me", "mightn", "mightnt", "more", "most", "mustn", "mustnt", "my", "myself", "needn",
    "neednt", "no", "nor", "not", "now", "o", "of", "off", "on", "once", "only", "or", "other",
    "our", "ours", "ourselves", "out", "over", "own", "re", "s", "same", "shan", "shant", "she",
    "shes", "should", "shouldn", "shouldnt", "shouldve", "so", "some", "such", "t", "than",
    "that", "thatll", "thats", "the", "their", "theirs", "them", "themselves", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "ve",
    "very", "was", "wasn", "wasnt", "we", "were", "weren", "werent", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "won", "wont", "wouldn", "wouldnt",
    "y", "you", "youd", "youll", "your", "youre", "yours", "yourself", "yourselves", "youve",
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

absl::Status StemmerOptions::Validate() const {
  if (language.empty()) return absl::InvalidArgumentError("stemmer language is empty");
  if (cache_words == 0) return absl::InvalidArgumentError("stemmer cache_words must be positive");
  return absl::OkStatus();
}

uint64_t TermHash(std::string_view stem) { return Hash64(stem, kTermSeed); }

bool IsStopWord(std::string_view word) {
  return std::binary_search(std::begin(kStopWords), std::end(kStopWords), word);
}

bool HasLetterOrDigit(std::string_view word) {
  for (const char ch : word) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || IsDigit(ch) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

struct Stemmer::Impl {
  sb_stemmer* stemmer = nullptr;
  ~Impl() {
    if (stemmer != nullptr) sb_stemmer_delete(stemmer);
  }
};

absl::StatusOr<Stemmer> Stemmer::Create(const StemmerOptions& options) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  auto impl = std::make_unique<Impl>();
  impl->stemmer = sb_stemmer_new(options.language.c_str(), "UTF_8");
  if (impl->stemmer == nullptr) {
    std::vector<absl::string_view> names;
    for (const char** p = sb_stemmer_list(); *p != nullptr; ++p) names.emplace_back(*p);
    return absl::InvalidArgumentError(absl::StrCat("unknown stemmer language \"",
                                                   AsAbsl(options.language), "\"; libstemmer knows: ",
                                                   absl::StrJoin(names, ", ")));
  }
  return Stemmer(options, std::move(impl));
}

Stemmer::Stemmer(const StemmerOptions& options, std::unique_ptr<Impl> impl)
    : options_(options), impl_(std::move(impl)) {}
Stemmer::Stemmer(Stemmer&& other) noexcept = default;
Stemmer& Stemmer::operator=(Stemmer&& other) noexcept = default;
Stemmer::~Stemmer() = default;

std::string_view Stemmer::Stem(std::string_view word) {
  const sb_symbol* out = sb_stemmer_stem(impl_->stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  if (out == nullptr) return word;  // out of memory inside libstemmer: keep the word
  return std::string_view(reinterpret_cast<const char*>(out),
                          static_cast<size_t>(sb_stemmer_length(impl_->stemmer)));
}

std::string_view Stemmer::ContentStem(std::string_view word) {
  if (word.empty() || !HasLetterOrDigit(word) || (options_.english_stop_words && IsStopWord(word))) {
    return {};
  }
  return IsDigit(word[0]) ? word : Stem(word);
}

uint64_t Stemmer::ContentTerm(std::string_view word) {
  // Heterogeneous lookup is not available for std::string keys in Debian's Abseil with
  // std::string_view, so look up through absl::string_view.
  if (auto it = cache_.find(AsAbsl(word)); it != cache_.end()) return it->second;
  const std::string_view stem = ContentStem(word);
  const uint64_t term = stem.empty() ? 0 : TermHash(stem);
  if (cache_.size() >= options_.cache_words) cache_.clear();
  cache_.emplace(std::string(word), term);
  return term;
}

void Stemmer::ContentTerms(const TokenizedText& tokens, std::vector<uint64_t>* terms,
                           std::vector<uint32_t>* token_index) {
  for (size_t i = 0; i < tokens.word_end.size(); ++i) {
    const uint64_t term = ContentTerm(tokens.word(i));
    if (term == 0) continue;
    if (terms != nullptr) terms->push_back(term);
    if (token_index != nullptr) token_index->push_back(static_cast<uint32_t>(i));
  }
}

std::string Stemmer::Identity() const {
  return absl::StrCat("snowball-", AsAbsl(options_.language),
                      options_.english_stop_words ? "+stop-en1" : "+nostop");
}

}  // namespace neardup
