#include "neardup/text/term_stats.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "neardup/base/strings.h"
#include "neardup/text/stemmer.h"

namespace neardup {
namespace {

constexpr std::string_view kMagic = "neardup-df";

absl::Status FileError(std::string_view name, int64_t line, std::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(AsAbsl(name), ":", line, ": ", AsAbsl(message)));
}

// Returns the value of "key=value" in `field`, or an error.
absl::StatusOr<std::string_view> KeyValue(std::string_view field, std::string_view key,
                                          std::string_view name) {
  if (field.size() <= key.size() || field.substr(0, key.size()) != key || field[key.size()] != '=') {
    return FileError(name, 1, absl::StrCat("header field \"", AsAbsl(field), "\" should be ",
                                           AsAbsl(key), "=..."));
  }
  return field.substr(key.size() + 1);
}

}  // namespace

TermStats::TermStats(std::string stemmer_identity) : stemmer_identity_(std::move(stemmer_identity)) {}

absl::StatusOr<TermStats> TermStats::Load(const std::string& path, std::string_view stemmer_identity) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open term statistics file ", path));
  return Read(in, path, stemmer_identity);
}

absl::StatusOr<TermStats> TermStats::Read(std::istream& in, std::string_view name,
                                          std::string_view stemmer_identity) {
  std::string line;
  if (!std::getline(in, line)) return FileError(name, 1, "empty file, expected a neardup-df header");
  std::vector<std::string_view> header;
  for (absl::string_view field : absl::StrSplit(AsAbsl(line), '\t')) header.push_back(AsStd(field));
  if (header.size() != 5 || header[0] != kMagic) {
    return FileError(name, 1, "not a neardup-df table (expected neardup-df<TAB>version<TAB>tokenizer=...<TAB>stemmer=...<TAB>N=...)");
  }
  int version = 0;
  if (!absl::SimpleAtoi(AsAbsl(header[1]), &version) || version != kTermStatsFormatVersion) {
    return FileError(name, 1, absl::StrCat("format version \"", AsAbsl(header[1]),
                                           "\" is not supported (this build reads version ",
                                           kTermStatsFormatVersion, ")"));
  }
  auto tokenizer = KeyValue(header[2], "tokenizer", name);
  if (!tokenizer.ok()) return tokenizer.status();
  if (*tokenizer != kTermTokenizerIdentity) {
    return FileError(name, 1, absl::StrCat("made with tokenizer ", AsAbsl(*tokenizer), ", this build uses ",
                                           AsAbsl(kTermTokenizerIdentity)));
  }
  auto stemmer = KeyValue(header[3], "stemmer", name);
  if (!stemmer.ok()) return stemmer.status();
  if (*stemmer != stemmer_identity) {
    return FileError(name, 1, absl::StrCat("made with stemmer ", AsAbsl(*stemmer), ", expected ",
                                           AsAbsl(stemmer_identity)));
  }
  auto n_text = KeyValue(header[4], "N", name);
  if (!n_text.ok()) return n_text.status();
  TermStats stats{std::string(stemmer_identity)};
  if (!absl::SimpleAtoi(AsAbsl(*n_text), &stats.documents_)) {
    return FileError(name, 1, absl::StrCat("N=\"", AsAbsl(*n_text), "\" is not a number"));
  }
  int64_t line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    const size_t tab = line.rfind('\t');
    uint32_t df = 0;
    if (tab == std::string::npos || tab == 0 || !absl::SimpleAtoi(absl::string_view(line).substr(tab + 1), &df)) {
      return FileError(name, line_number, "expected <stem><TAB><df>");
    }
    if (df > stats.documents_) {
      return FileError(name, line_number, absl::StrCat("df ", df, " exceeds N=", stats.documents_));
    }
    std::string stem = line.substr(0, tab);
    const uint64_t term = TermHash(stem);
    stats.df_[term] = df;
    stats.text_[term] = std::move(stem);
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat("read error in ", AsAbsl(name)));
  return stats;
}

absl::Status TermStats::Save(const std::string& path, uint32_t min_df) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::PermissionDeniedError(absl::StrCat("cannot write ", path));
  if (absl::Status s = Write(out, min_df); !s.ok()) return s;
  out.close();
  if (!out) return absl::DataLossError(absl::StrCat("write error in ", path));
  return absl::OkStatus();
}

absl::Status TermStats::Write(std::ostream& out, uint32_t min_df) const {
  std::vector<std::pair<uint32_t, const std::string*>> rows;
  for (const auto& [term, text] : text_) {
    const uint32_t df = Df(term);
    if (df >= min_df && df > 0) rows.emplace_back(df, &text);
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : *a.second < *b.second;
  });
  out << kMagic << '\t' << kTermStatsFormatVersion << "\ttokenizer=" << kTermTokenizerIdentity
      << "\tstemmer=" << stemmer_identity_ << "\tN=" << documents_ << '\n';
  for (const auto& [df, text] : rows) out << *text << '\t' << df << '\n';
  if (!out) return absl::DataLossError("write error");
  return absl::OkStatus();
}

void TermStats::Add(absl::Span<const uint64_t> terms) {
  ++documents_;
  // Callers mostly pass sorted unique sets (DocumentTerms): count them without a set.
  if (std::adjacent_find(terms.begin(), terms.end(), std::greater_equal<uint64_t>()) == terms.end()) {
    for (const uint64_t term : terms) ++df_[term];
    return;
  }
  absl::flat_hash_set<uint64_t> seen;
  seen.reserve(terms.size());
  for (const uint64_t term : terms) {
    if (seen.insert(term).second) ++df_[term];
  }
}

void TermStats::AddSorted(absl::Span<const uint64_t> terms, std::vector<uint32_t>* dfs) {
  assert(std::adjacent_find(terms.begin(), terms.end(), std::greater_equal<uint64_t>()) == terms.end());
  ++documents_;
  dfs->resize(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) (*dfs)[i] = ++df_[terms[i]];
}

void TermStats::Remove(absl::Span<const uint64_t> terms) {
  if (documents_ > 0) --documents_;
  absl::flat_hash_set<uint64_t> seen;
  seen.reserve(terms.size());
  for (const uint64_t term : terms) {
    if (!seen.insert(term).second) continue;
    const auto it = df_.find(term);
    if (it == df_.end()) continue;
    if (--it->second == 0) df_.erase(it);
  }
}

void TermStats::AddStems(absl::Span<const std::string> stems) {
  std::vector<uint64_t> terms;
  terms.reserve(stems.size());
  for (const std::string& stem : stems) {
    const uint64_t term = TermHash(stem);
    terms.push_back(term);
    if (!text_.contains(term)) text_.emplace(term, stem);
  }
  Add(terms);
}

uint32_t TermStats::Df(uint64_t term) const {
  const auto it = df_.find(term);
  return it == df_.end() ? 0 : it->second;
}

float TermStats::Idf(uint64_t term) const { return IdfOfDf(Df(term)); }

float TermStats::IdfOfDf(uint32_t df) const {
  const double idf = std::log((static_cast<double>(documents_) + 1.0) / (df + 0.5));
  return idf > 0 ? static_cast<float>(idf) : 0.0f;
}

int64_t TermStats::MaxDfWithIdfAtLeast(double idf) const {
  if (!(static_cast<double>(IdfOfDf(0)) >= idf)) return -1;
  // Binary search on [lo, hi): IdfOfDf(lo) >= idf, and hi is past the last df that is.
  int64_t lo = 0, hi = int64_t{std::numeric_limits<uint32_t>::max()} + 1;
  while (hi - lo > 1) {
    const int64_t mid = lo + (hi - lo) / 2;
    if (static_cast<double>(IdfOfDf(static_cast<uint32_t>(mid))) >= idf) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace neardup
