#include "neardup/gen/edits.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "neardup/base/strings.h"
#include "neardup/text/sentence.h"

namespace neardup {
namespace {

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
char Lower(char c) { return IsUpper(c) ? static_cast<char>(c + 32) : c; }

struct WordSpan {
  size_t begin;
  size_t end;
};

// Returns the runs of ASCII letters in `text`.
std::vector<WordSpan> Words(std::string_view text) {
  std::vector<WordSpan> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsLetter(text[i])) { ++i; continue; }
    size_t j = i;
    while (j < text.size() && IsLetter(text[j])) ++j;
    out.push_back({i, j});
    i = j;
  }
  return out;
}

std::string LowerCopy(std::string_view w) {
  std::string s(w);
  for (char& c : s) c = Lower(c);
  return s;
}

// Words never replaced: modal verbs and number words, whose first WordNet senses are
// nouns ("will" -> "volition", "five" -> "fin").
constexpr std::array<std::string_view, 24> kKeep = {
    "will", "would", "could", "should", "shall", "might", "must", "also", "four", "five",
    "nine", "eight", "seven", "three", "zero", "hundred", "thousand", "million", "billion",
    "time", "last", "next", "year", "week"};

// Replaces `count` randomly chosen eligible words (count < 0: a `fraction` of them).
std::string ReplaceSome(std::string_view text, const SynonymTable& synonyms, int count, double fraction, Rng* rng) {
  std::vector<std::pair<WordSpan, absl::Span<const std::string>>> eligible;
  for (const WordSpan& w : Words(text)) {
    const std::string_view word = text.substr(w.begin, w.end - w.begin);
    // Capitalised words are names, acronyms or headlines: leave them.
    if (word.size() < 4 || IsUpper(word[0])) continue;
    if (std::find(kKeep.begin(), kKeep.end(), word) != kKeep.end()) continue;
    const auto syn = synonyms.Lookup(LowerCopy(word));
    if (!syn.empty()) eligible.push_back({w, syn});
  }
  if (count < 0) count = static_cast<int>(fraction * static_cast<double>(eligible.size()) + rng->Uniform());
  count = std::min<int>(count, static_cast<int>(eligible.size()));
  // Choose `count` of them (a partial shuffle), then apply in text order.
  for (int i = 0; i < count; ++i) {
    std::swap(eligible[static_cast<size_t>(i)], eligible[static_cast<size_t>(i) + rng->Below(eligible.size() - i)]);
  }
  eligible.resize(static_cast<size_t>(count));
  std::sort(eligible.begin(), eligible.end(), [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
  std::string out;
  out.reserve(text.size() + 16 * eligible.size());
  size_t pos = 0;
  for (const auto& [w, syn] : eligible) {
    out.append(text.substr(pos, w.begin - pos));
    out += rng->Pick(syn);
    pos = w.end;
  }
  out.append(text.substr(pos));
  return out;
}

std::string JoinParagraphs(const std::vector<std::string>& sentences, Rng* rng) {
  std::string out;
  size_t in_paragraph = 0;
  size_t paragraph_size = static_cast<size_t>(rng->Range(2, 3));
  for (const std::string& s : sentences) {
    if (!out.empty()) out.push_back(in_paragraph == 0 ? '\n' : ' ');
    out += s;
    if (++in_paragraph == paragraph_size) {
      in_paragraph = 0;
      paragraph_size = static_cast<size_t>(rng->Range(2, 3));
    }
  }
  return out;
}

// Words that may be lower-cased when a merged sentence no longer starts with them.
constexpr std::array<std::string_view, 20> kLowerable = {
    "The", "A", "An", "It", "This", "That", "These", "Those", "He", "She",
    "They", "We", "In", "On", "At", "But", "Its", "Their", "There", "Some"};

std::string Merge(std::string_view first, std::string_view second, Rng* rng) {
  std::string out(first.substr(0, first.size() - 1));  // without the period
  static constexpr std::array<std::string_view, 3> kJoins = {", and ", "; ", ", while "};
  out += rng->Pick(kJoins);
  const size_t sp = second.find(' ');
  const std::string_view head = second.substr(0, sp);
  if (std::find(kLowerable.begin(), kLowerable.end(), head) != kLowerable.end()) {
    out.push_back(Lower(second[0]));
    out.append(second.substr(1));
  } else {
    out.append(second);
  }
  return out;
}

constexpr std::array<std::string_view, 12> kMonths = {"January", "February", "March",     "April",
                                                      "May",     "June",     "July",      "August",
                                                      "September", "October", "November", "December"};

std::string_view Abbreviation(std::string_view word) {
  if (word == "mln") return "million";
  if (word == "bln") return "billion";
  if (word == "pct") return "percent";
  if (word == "dlrs") return "dollars";
  if (word == "cts") return "cents";
  return {};
}

// Rewrites digit groups "1,500" as "1500" or "1.5 thousand".
std::string ReformatNumbers(std::string_view text, Rng* rng) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const bool starts = IsDigit(text[i]) && (i == 0 || (!IsDigit(text[i - 1]) && text[i - 1] != ',' && text[i - 1] != '.'));
    if (!starts) { out.push_back(text[i++]); continue; }
    size_t j = i;
    while (j < text.size() && IsDigit(text[j])) ++j;
    const size_t lead = j - i;
    size_t groups = 0;
    while (j + 3 < text.size() && text[j] == ',' && IsDigit(text[j + 1]) && IsDigit(text[j + 2]) &&
           IsDigit(text[j + 3]) && (j + 4 >= text.size() || !IsDigit(text[j + 4]))) {
      j += 4;
      ++groups;
    }
    const bool decimal_follows = j + 1 < text.size() && text[j] == '.' && IsDigit(text[j + 1]);
    if (groups == 0 || lead > 3 || decimal_follows) {
      out.append(text.substr(i, j - i));
      i = j;
      continue;
    }
    std::string digits;
    for (size_t k = i; k < j; ++k) if (text[k] != ',') digits.push_back(text[k]);
    // "1,500" -> "1.5 thousand" when one decimal says it exactly.
    const std::string_view scale = groups == 1 ? "thousand" : groups == 2 ? "million" : "billion";
    const std::string_view tail = std::string_view(digits).substr(lead);
    const bool one_decimal = tail.size() >= 3 && tail.substr(1).find_first_not_of('0') == std::string_view::npos;
    if (one_decimal && rng->Chance(0.6)) {
      absl::StrAppend(&out, AsAbsl(std::string_view(digits).substr(0, lead)));
      if (tail[0] != '0') absl::StrAppend(&out, ".", AsAbsl(tail.substr(0, 1)));
      absl::StrAppend(&out, " ", AsAbsl(scale));
    } else {
      out += digits;
    }
    i = j;
  }
  return out;
}

std::string ReformatWords(std::string_view text, Rng* rng) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  const std::vector<WordSpan> words = Words(text);
  for (size_t k = 0; k < words.size(); ++k) {
    const WordSpan& w = words[k];
    if (w.begin < pos) continue;
    const std::string_view word = text.substr(w.begin, w.end - w.begin);
    const std::string_view rest = text.substr(w.end);
    // "Mr. Smith" -> "Smith".
    if ((word == "Mr" || word == "Mrs" || word == "Ms" || word == "Dr") && rest.size() > 2 && rest[0] == '.' &&
        rest[1] == ' ' && IsUpper(rest[2])) {
      out.append(text.substr(pos, w.begin - pos));
      pos = w.end + 2;
      continue;
    }
    if (const std::string_view full = Abbreviation(word); !full.empty()) {
      out.append(text.substr(pos, w.begin - pos));
      out.append(full);
      pos = w.end;
      continue;
    }
    if (std::find(kMonths.begin(), kMonths.end(), word) != kMonths.end() && rest.size() >= 2 && rest[0] == ' ' &&
        IsDigit(rest[1])) {
      size_t d = 1;
      while (d < rest.size() && IsDigit(rest[d])) ++d;
      if (d > 3) continue;  // "March 1987": a year, not a day
      const std::string_view day = rest.substr(1, d - 1);
      out.append(text.substr(pos, w.begin - pos));
      if (rng->Chance(0.5)) {
        absl::StrAppend(&out, AsAbsl(word.substr(0, word == "September" ? 4 : 3)), " ", AsAbsl(day));
      } else {
        absl::StrAppend(&out, AsAbsl(day), " ", AsAbsl(word));
      }
      pos = w.end + d;
    }
  }
  out.append(text.substr(pos));
  return out;
}

// Straight quotes to curly ones, "--" to an em dash.
std::string Typography(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  bool open = true;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      out += open ? "\u201c" : "\u201d";
      open = !open;
    } else if (text[i] == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      out += "\u2014";
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string Date(std::string_view published) { return std::string(published.substr(0, 10)); }

}  // namespace

std::vector<std::string> SentencesOf(std::string_view text) {
  std::vector<std::string> out;
  for (const SentenceSpan& s : SplitSentences(text)) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

std::string TitleCase(std::string_view title) {
  if (std::any_of(title.begin(), title.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return std::string(title);
  std::string out(title);
  bool start = true;
  for (char& c : out) {
    if (IsLetter(c)) {
      c = start ? c : Lower(c);
      start = false;
    } else {
      start = c == ' ' || c == '-' || c == '(' || c == '"';
    }
  }
  return out;
}

std::string AddPageFurniture(std::string_view text, const FurnitureContext& ctx, Rng* rng) {
  const std::string title = TitleCase(ctx.title);
  const std::string date = Date(ctx.published);
  const std::vector<std::string> headers = {
      "Share this article",
      "Share on Facebook | Share on X | Email | Print",
      absl::StrFormat("Listen to the article (%d min)", rng->Range(2, 9)),
      "Listen to this article",
      "Advertisement",
      absl::StrCat("By ", AsAbsl(ctx.outlet), " staff"),
      date.empty() ? std::string("Updated moments ago") : absl::StrCat("Published ", date, " | Updated ", date),
      absl::StrCat(AsAbsl(ctx.outlet), " | Business | Markets"),
      "Skip to main content",
  };
  const std::vector<std::string> captions = {
      absl::StrCat("FILE PHOTO: ", title, ". ", AsAbsl(ctx.outlet), "/File Photo"),
      absl::StrCat("Photo: ", title, " (Getty Images)"),
      "Image caption: Traders work on the floor of the exchange. (AP Photo)",
      absl::StrCat("[Photo] ", AsAbsl(ctx.outlet), " archive image. Credit: Staff photographer"),
  };
  const std::vector<std::string> prompts = {
      "Sign up for our daily business newsletter",
      "Newsletter: Get the morning briefing in your inbox. Sign up now.",
      absl::StrCat("Read more: ", title),
      "Advertisement",
      "Story continues below advertisement",
  };
  std::string topics = absl::StrJoin(ctx.topics, ", ");
  const std::vector<std::string> footers = {
      absl::StrCat("\u00a9 ", date.empty() ? "2024" : date.substr(0, 4), " ", AsAbsl(ctx.outlet), ". All rights reserved."),
      "Copyright Reuters. This material may not be published, broadcast, rewritten or redistributed.",
      topics.empty() ? std::string("Related topics: Business, Markets") : absl::StrCat("Related topics: ", topics),
      absl::StrCat("Tags: ", topics.empty() ? "economy" : topics, " | Share this story"),
      "Our Standards: The Thomson Reuters Trust Principles.",
      "Follow us on Facebook, X and LinkedIn.",
  };
  std::vector<std::string> lines;
  const int n_headers = rng->Range(1, 3);
  std::vector<size_t> order(headers.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  rng->Shuffle(&order);
  for (int i = 0; i < n_headers; ++i) lines.push_back(headers[order[static_cast<size_t>(i)]]);
  std::vector<std::string> paragraphs;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    paragraphs.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  const size_t caption_at = std::min<size_t>(paragraphs.size(), static_cast<size_t>(rng->Range(0, 2)));
  const size_t prompt_at = rng->Chance(0.6) ? static_cast<size_t>(rng->Range(1, static_cast<int>(paragraphs.size()))) : 0;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (i == caption_at) lines.push_back(rng->Pick(captions));
    if (prompt_at > 0 && i == prompt_at) lines.push_back(rng->Pick(prompts));
    lines.push_back(paragraphs[i]);
  }
  const size_t first_footer = rng->Below(footers.size());
  lines.push_back(footers[first_footer]);
  if (rng->Chance(0.5)) lines.push_back(footers[(first_footer + 1 + rng->Below(footers.size() - 1)) % footers.size()]);
  return absl::StrJoin(lines, "\n");
}

std::string ReplaceWords(std::string_view text, const SynonymTable& synonyms, int count, Rng* rng) {
  return ReplaceSome(text, synonyms, std::max(0, count), 0.0, rng);
}

std::string LightEdit(std::string_view text, const SynonymTable& synonyms, Rng* rng) {
  std::string out = ReplaceWords(text, synonyms, rng->Range(2, 5), rng);
  out = Typography(out);
  if (rng->Chance(0.5)) {
    std::string spelled;
    const std::vector<WordSpan> words = Words(out);
    size_t pos = 0;
    for (const WordSpan& w : words) {
      const std::string_view full = Abbreviation(std::string_view(out).substr(w.begin, w.end - w.begin));
      if (full.empty()) continue;
      spelled.append(out, pos, w.begin - pos);
      spelled.append(full);
      pos = w.end;
    }
    spelled.append(out, pos);
    out = std::move(spelled);
  }
  const std::vector<SentenceSpan> spans = SplitSentences(out);
  if (spans.size() >= 6) {
    const SentenceSpan drop = spans[1 + rng->Below(spans.size() - 1)];
    size_t end = drop.end;
    while (end < out.size() && out[end] == ' ') ++end;
    out.erase(drop.begin, end - drop.begin);
    // A sentence that was a paragraph of its own leaves an empty line: remove it.
    for (size_t at = out.find("\n\n"); at != std::string::npos; at = out.find("\n\n")) out.erase(at, 1);
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
    if (!out.empty() && out.front() == '\n') out.erase(0, 1);
  }
  return out;
}

std::string CutExcerpt(std::string_view text, const ExcerptOptions& options, Rng* rng) {
  const std::vector<SentenceSpan> s = SplitSentences(text);
  std::vector<uint64_t> prefix(s.size() + 1, 0);
  for (size_t i = 0; i < s.size(); ++i) prefix[i + 1] = prefix[i] + (s[i].end - s[i].begin);
  const double total = static_cast<double>(prefix.back());
  std::vector<std::pair<size_t, size_t>> from_start;
  std::vector<std::pair<size_t, size_t>> anywhere;
  for (size_t i = 0; i < s.size(); ++i) {
    for (size_t j = i + 1; j <= s.size(); ++j) {
      const double f = static_cast<double>(prefix[j] - prefix[i]) / total;
      if (f > options.max_fraction) break;
      if (f < options.min_fraction) continue;
      anywhere.emplace_back(i, j);
      if (i == 0) from_start.emplace_back(i, j);
    }
  }
  if (anywhere.empty()) return "";
  const auto [i, j] = !from_start.empty() && rng->Chance(0.5) ? rng->Pick(from_start) : rng->Pick(anywhere);
  return std::string(text.substr(s[i].begin, s[j - 1].end - s[i].begin));
}

std::string ReformatDetails(std::string_view text, Rng* rng) {
  return ReformatWords(ReformatNumbers(text, rng), rng);
}

std::string RewriteSentences(std::string_view text, const SynonymTable& synonyms, Rng* rng) {
  std::vector<std::string> s = SentencesOf(text);
  if (s.size() >= 2 && rng->Chance(0.5)) std::swap(s[0], s[1]);
  if (s.size() >= 3) {
    const size_t swaps = std::max<size_t>(1, s.size() / 3);
    for (size_t k = 0; k < swaps; ++k) {
      const size_t i = 1 + rng->Below(s.size() - 2);
      std::swap(s[i], s[i + 1]);
    }
    // Move one sentence elsewhere (not into the lead).
    const size_t from = 1 + rng->Below(s.size() - 1);
    std::string moved = std::move(s[from]);
    s.erase(s.begin() + static_cast<std::ptrdiff_t>(from));
    s.insert(s.begin() + static_cast<std::ptrdiff_t>(1 + rng->Below(s.size())), std::move(moved));
  }
  size_t drops = s.size() >= 5 ? std::max<size_t>(1, s.size() / 6) : 0;
  while (drops-- > 0 && s.size() > 3) s.erase(s.begin() + static_cast<std::ptrdiff_t>(1 + rng->Below(s.size() - 1)));
  std::vector<std::string> merged;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 1 < s.size() && s[i].size() < 200 && s[i + 1].size() < 200 && !s[i].empty() && s[i].back() == '.' &&
        rng->Chance(0.3)) {
      merged.push_back(Merge(s[i], s[i + 1], rng));
      ++i;
    } else {
      merged.push_back(std::move(s[i]));
    }
  }
  for (std::string& sentence : merged) {
    sentence = ReformatDetails(ReplaceSome(sentence, synonyms, -1, 0.4, rng), rng);
  }
  return JoinParagraphs(merged, rng);
}

std::string AppendComments(std::string_view text, Rng* rng) {
  static constexpr std::array<std::string_view, 6> kTemplates = {
      "This is exactly what I have been saying for months. Great reporting!",
      "Thanks for sharing this, very informative article. Keep up the good work!",
      "I make $90 an hour working from home with my laptop. Find out how at homejobs-today.example!",
      "Who else thinks this will not end well? Share if you agree!",
      "First time commenting here: spot on analysis, thank you!",
      "Nobody is talking about the real story here. Do your own research!",
  };
  static constexpr std::array<std::string_view, 10> kUsers = {
      "mark_t", "JaneDoe", "truthseeker", "investor88", "Pat R.", "econ_watcher", "sally.k", "Bob", "anon", "RK"};
  static constexpr std::array<std::string_view, 4> kPrefixes = {"", "Wow. ", "Agreed! ", "So true. "};
  const std::string_view base = rng->Pick(kTemplates);
  const int n = rng->Range(3, 6);
  std::string out(text);
  absl::StrAppend(&out, "\nComments (", n, ")");
  for (int i = 0; i < n; ++i) {
    std::string comment = absl::StrCat(AsAbsl(rng->Pick(kPrefixes)), AsAbsl(base));
    if (rng->Chance(0.4) && comment.back() == '!') comment.back() = '.';
    if (rng->Chance(0.3)) comment += " :)";
    absl::StrAppend(&out, "\n", AsAbsl(rng->Pick(kUsers)), rng->Range(1, 99), " \u00b7 ", rng->Range(1, 23),
                    "h ago\n", comment);
  }
  return out;
}

}  // namespace neardup
