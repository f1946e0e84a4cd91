#include "neardup/verify/rewrite.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <cassert>
#include <cstring>
#include <string>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "neardup/base/sort.h"
#include "neardup/base/strings.h"
#include "neardup/hash/hash.h"
#include "neardup/text/sentence.h"

namespace neardup {
namespace {

// Seed of the sentence term-set hash.
constexpr uint64_t kSentenceSeed = 0x6e6473656e743031ULL;  // "ndsent01"
// Seed of the skeleton hash.
constexpr uint64_t kSkeletonSeed = 0x6e64736b656c3031ULL;  // "ndskel01"

// Content-term Dice below which two sentences of one document are not compared as
// possible repeats (a speed filter: repeats at collapse_threshold share far more).
constexpr double kRepeatMinTermDice = 0.4;

// Repeats are looked for among this many preceding sentences (comment blocks and repeated
// captions are near each other); bounds the cost on very long documents.
constexpr size_t kRepeatWindow = 256;

// Active sentences that make up a document's lede (RewriteScores::lede_a).
constexpr size_t kLedeSentences = 3;

// Above this many (sentence, sentence) cells the overlap matrix is kept sparse.
constexpr size_t kDenseCells = size_t{1} << 22;

// Returns |A ∩ B| of two sorted unique sets (a merge without branches: which side moves
// depends on the data and would be mispredicted about half the time).
template <typename T>
size_t Intersection(absl::Span<const T> a, absl::Span<const T> b) {
  size_t i = 0, j = 0, both = 0;
  while (i < a.size() && j < b.size()) {
    const T x = a[i], y = b[j];
    both += x == y;
    i += x <= y;
    j += y <= x;
  }
  return both;
}

double SetDice(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b) {
  const size_t n = a.size() + b.size();
  return n == 0 ? 0.0 : 2.0 * static_cast<double>(Intersection(a, b)) / static_cast<double>(n);
}

bool SameSet(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// Appends the sorted unique values of v[from, end) in place.
template <typename T>
uint32_t SortUniqueTail(std::vector<T>* v, size_t from) {
  SortShort(absl::MakeSpan(*v).subspan(from));
  v->erase(std::unique(v->begin() + static_cast<ptrdiff_t>(from), v->end()), v->end());
  return static_cast<uint32_t>(v->size() - from);
}

// Appends the byte 4-grams of " word " packed into 32 bits (exact, no hashing); a word of
// one or two bytes gives one shorter gram.
void AppendGrams(std::string_view word, std::vector<uint32_t>* grams) {
  uint32_t window = static_cast<uint32_t>(' ');
  size_t filled = 1;
  auto push_byte = [&](unsigned char c) {
    window = (window << 8) | c;
    if (++filled >= 4) grams->push_back(window);
  };
  for (const char c : word) push_byte(static_cast<unsigned char>(c));
  push_byte(' ');
  if (filled < 4) grams->push_back(window);
}

// Returns `text` with the line breaks of hard-wrapped paragraphs turned into spaces
// (same length, so byte offsets are unchanged), or `text` itself when it is not
// hard-wrapped. SplitSentences ends a sentence at every line break, which is right for
// one-paragraph-per-line news text but cuts wrapped text (Reuters wraps at about 70
// columns) into line fragments. A text is taken as wrapped when it has at least 4 lines
// and 3 in 4 of its non-empty lines (but the last) are 40 to 90 bytes long; then a break
// followed by a non-blank character joins lines, while an empty or indented line still
// starts a paragraph.
std::string_view UnwrapLines(std::string_view text, std::string* buffer) {
  // Line breaks are found with memchr (vectorised), not byte by byte.
  auto next_break = [](std::string_view s, size_t from) {
    const void* p = from < s.size() ? std::memchr(s.data() + from, '\n', s.size() - from) : nullptr;
    return p == nullptr ? s.size() : static_cast<size_t>(static_cast<const char*>(p) - s.data());
  };
  size_t lines = 0, wrapped = 0, start = 0;
  for (size_t i = next_break(text, 0); i < text.size(); i = next_break(text, i + 1)) {
    const size_t len = i - start;
    if (len > 0) {
      ++lines;
      if (len >= 40 && len <= 90) ++wrapped;
    }
    start = i + 1;
  }
  if (lines < 4 || wrapped * 4 < lines * 3) return text;
  buffer->assign(text.data(), text.size());
  for (size_t i = next_break(*buffer, 0); i + 1 < buffer->size(); i = next_break(*buffer, i + 1)) {
    const char next = (*buffer)[i + 1];
    const bool blank_before = i == 0 || (*buffer)[i - 1] == '\n';
    if (!blank_before && next != '\n' && next != ' ' && next != '\t' && next != '\r') (*buffer)[i] = ' ';
  }
  return *buffer;
}

using Posting = RewriteFeatures::Posting;

// Returns true when both sentences have terms of IDF at least `rare_idf` and share none.
bool RareTermsConflict(const SentenceView& a, const SentenceView& b, double rare_idf) {
  bool a_rare = false, b_rare = false;
  size_t i = 0, j = 0;
  while (i < a.terms.size() || j < b.terms.size()) {
    if (j == b.terms.size() || (i < a.terms.size() && a.terms[i] < b.terms[j])) {
      a_rare = a_rare || a.weights[i] >= rare_idf;
      ++i;
    } else if (i == a.terms.size() || b.terms[j] < a.terms[i]) {
      b_rare = b_rare || b.weights[j] >= rare_idf;
      ++j;
    } else {
      if (a.weights[i] >= rare_idf || b.weights[j] >= rare_idf) return false;  // a shared rare term
      ++i, ++j;
    }
  }
  return a_rare && b_rare;
}

// Fills `*out` with the (term, sentence) postings of the active sentences, sorted by term
// (then sentence: Posting::operator<). They are sorted as 128-bit keys (term; sentence and
// weight) with vqsort, several times faster than std::sort on the 16-byte structs; a
// (term, sentence) pair occurs once, so the order is the same.
void BuildPostings(const RewriteFeatures& f, std::vector<Posting>* out) {
  thread_local std::vector<Key128> keys;
  keys.clear();
  for (size_t s = 0; s < f.sentences.size(); ++s) {
    if (!f.active(s)) continue;
    const auto& sent = f.sentences[s];
    for (uint32_t k = sent.first_term; k < sent.first_term + sent.num_terms; ++k) {
      keys.push_back({uint64_t{s} << 32 | std::bit_cast<uint32_t>(f.weights[k]), f.terms[k]});
    }
  }
  SortKeys128(absl::MakeSpan(keys));
  out->resize(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    (*out)[i] = {keys[i].hi, static_cast<uint32_t>(keys[i].lo >> 32),
                 std::bit_cast<float>(static_cast<uint32_t>(keys[i].lo))};
  }
}

// Fills `*terms` with the distinct terms of `postings` (sorted by term) and `*starts` with
// where each one's postings begin, and then postings.size().
void IndexPostings(const std::vector<Posting>& postings, std::vector<uint64_t>* terms,
                   std::vector<uint32_t>* starts) {
  terms->clear();
  starts->clear();
  for (size_t k = 0; k < postings.size(); ++k) {
    if (k > 0 && postings[k].term == postings[k - 1].term) continue;
    terms->push_back(postings[k].term);
    starts->push_back(static_cast<uint32_t>(k));
  }
  starts->push_back(static_cast<uint32_t>(postings.size()));
}

// Returns the largest total weight of a chain of pairs increasing in both indexes. The
// pairs come sorted by strictly increasing a, so this is a weighted longest increasing
// subsequence over b: O(n log n) with a Fenwick tree of prefix maxima over b.
double LongestIncreasingChain(const std::vector<std::pair<uint32_t, uint32_t>>& ab,
                              const std::vector<double>& weight, std::vector<double>* buffer) {
  uint32_t max_b = 0;
  for (const auto& [x, y] : ab) max_b = std::max(max_b, y);
  std::vector<double>& tree = *buffer;
  tree.assign(size_t{max_b} + 2, 0.0);  // 1-based over b + 1
  double result = 0.0;
  for (size_t i = 0; i < ab.size(); ++i) {
    double prefix = 0.0;  // best chain ending at a b' < b
    for (size_t k = ab[i].second; k > 0; k -= k & (~k + 1)) prefix = std::max(prefix, tree[k]);
    const double best = prefix + weight[i];
    result = std::max(result, best);
    for (size_t k = size_t{ab[i].second} + 1; k < tree.size(); k += k & (~k + 1)) tree[k] = std::max(tree[k], best);
  }
  return result;
}

}  // namespace

absl::Status RewriteOptions::Validate() const {
  auto unit = [](double v, const char* name) -> absl::Status {
    if (!(v >= 0.0 && v <= 1.0)) return absl::InvalidArgumentError(absl::StrCat(name, " must be in [0, 1], got ", v));
    return absl::OkStatus();
  };
  for (auto [v, name] : {std::pair{sentence_threshold, "sentence_threshold"},
                         std::pair{collapse_threshold, "collapse_threshold"},
                         std::pair{sentence_idf_threshold, "sentence_idf_threshold"},
                         std::pair{min_coverage, "min_coverage"},
                         std::pair{min_coverage_other, "min_coverage_other"},
                         std::pair{min_order, "min_order"},
                         std::pair{min_lede, "min_lede"},
                         std::pair{template_conflict, "template_conflict"},
                         std::pair{template_rare_containment, "template_rare_containment"}}) {
    if (absl::Status s = unit(v, name); !s.ok()) return s;
  }
  if (sentence_threshold <= 0.0) return absl::InvalidArgumentError("sentence_threshold must be positive");
  if (!(rare_term_idf >= 0.0)) return absl::InvalidArgumentError("rare_term_idf must be non-negative");
  if (!(conflict_idf >= 0.0)) return absl::InvalidArgumentError("conflict_idf must be non-negative");
  if (!(skeleton_max_idf >= 0.0)) return absl::InvalidArgumentError("skeleton_max_idf must be non-negative");
  if (min_sentence_terms < 1) return absl::InvalidArgumentError("min_sentence_terms must be at least 1");
  if (min_aligned_sentences < 1) return absl::InvalidArgumentError("min_aligned_sentences must be at least 1");
  if (min_aligned_short < 0) return absl::InvalidArgumentError("min_aligned_short must be non-negative");
  return absl::OkStatus();
}

double SentenceSimilarity(const SentenceView& a, const SentenceView& b) {
  const double sim = 0.5 * SetDice(a.words, b.words) + 0.5 * SetDice(a.grams, b.grams);
  return SameSet(a.numbers, b.numbers) ? sim : 0.8 * sim;
}

double TermJaccard(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b) {
  const size_t both = Intersection(a, b);
  const size_t all = a.size() + b.size() - both;
  return all == 0 ? 0.0 : static_cast<double>(both) / static_cast<double>(all);
}

double RewriteFeatures::total_weight() const {
  double total = 0.0;
  for (const Sentence& s : sentences) total += s.weight;
  return total;
}

std::vector<uint64_t> RewriteFeatures::DocumentTerms() const {
  std::vector<uint64_t> out;
  size_t n = 0;
  for (size_t s = 0; s < sentences.size(); ++s) n += active(s) ? sentences[s].num_terms : 0;
  out.reserve(n);
  for (size_t s = 0; s < sentences.size(); ++s) {
    if (!active(s)) continue;
    const SentenceView t = sentence(s);
    out.insert(out.end(), t.terms.begin(), t.terms.end());
  }
  SortKeys(absl::MakeSpan(out));
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

size_t RewriteFeatures::memory_bytes() const {
  return sentences.capacity() * sizeof(Sentence) + terms.capacity() * sizeof(uint64_t) +
         weights.capacity() * sizeof(float) +
         (words.capacity() + grams.capacity() + numbers.capacity()) * sizeof(uint32_t) +
         postings.capacity() * sizeof(Posting) + posting_terms.capacity() * sizeof(uint64_t) +
         posting_starts.capacity() * sizeof(uint32_t);
}

void RewriteFeatures::CachePostings() {
  BuildPostings(*this, &postings);
  IndexCachedPostings();
}

void RewriteFeatures::IndexCachedPostings() {
  IndexPostings(postings, &posting_terms, &posting_starts);
  posting_terms.shrink_to_fit();
  posting_starts.shrink_to_fit();
  postings_cached = true;
}

void RewriteFeatures::Prefetch() const {
  auto prefetch = [](const void* data, size_t bytes) {
    // At most 4 KiB of each array: long documents would evict more than they save.
    const auto* p = static_cast<const char*>(data);
    for (size_t off = 0; off < std::min<size_t>(bytes, 4096); off += 64) __builtin_prefetch(p + off);
  };
  prefetch(sentences.data(), sentences.size() * sizeof(Sentence));
  prefetch(posting_terms.data(), posting_terms.size() * sizeof(uint64_t));
  prefetch(posting_starts.data(), posting_starts.size() * sizeof(uint32_t));
  prefetch(postings.data(), postings.size() * sizeof(Posting));
}

void RewriteFeatures::clear() {
  postings.clear();
  posting_terms.clear();
  posting_starts.clear();
  postings_cached = false;
  sentences.clear();
  terms.clear();
  weights.clear();
  words.clear();
  grams.clear();
  numbers.clear();
}

std::pair<uint64_t, float> TermWeightCache::Get(uint64_t word_hash, std::string_view word, Stemmer* stemmer) {
  if (auto it = words_.find(word_hash); it != words_.end()) return {it->second.term, it->second.idf};
  // What Stemmer::ContentTerm returns, without filling its cache as well.
  const std::string_view stem = stemmer->ContentStem(word);
  const uint64_t term = stem.empty() ? 0 : TermHash(stem);
  const float idf = term == 0 ? 0.0f : stats_->Idf(term);
  if (words_.size() >= max_words_) words_.clear();
  words_.emplace(word_hash, Entry{term, idf});
  return {term, idf};
}

namespace {

// Makes each sentence's words and grams (appended unsorted, sentence after sentence) sorted
// unique sets, as SortUniqueTail would one sentence at a time: one sort of the whole
// document's (sentence, value) keys instead of one short sort per sentence, which cost
// about a third of the extraction.
void SortSentenceSets(std::vector<RewriteFeatures::Sentence>* sentences, std::vector<uint32_t>* values,
                      uint32_t RewriteFeatures::Sentence::*first, uint32_t RewriteFeatures::Sentence::*num,
                      std::vector<uint64_t>* keys) {
  // Every value belongs to exactly one sentence's range, so the keys number as many as
  // the values, and a sentence's keys are the next `num` after sorting. Raw pointers:
  // through the member pointers the compiler would reload sizes at every push_back.
  keys->resize(values->size());
  uint64_t* const key = keys->data();
  const uint32_t* const in = values->data();
  size_t n = 0;
  for (size_t i = 0; i < sentences->size(); ++i) {
    const RewriteFeatures::Sentence& s = (*sentences)[i];
    const uint64_t high = uint64_t{i} << 32;
    for (uint32_t k = s.*first, e = s.*first + s.*num; k < e; ++k) key[n++] = high | in[k];
  }
  assert(n == values->size() && "the sentences' ranges cover the values");
  SortKeys(absl::MakeSpan(key, n));
  // Each sentence's sorted values, repeats dropped, written over the values array (the
  // keys hold them now): sets in sentence order, as before.
  uint32_t* const out = values->data();
  size_t written = 0;
  size_t k = 0;
  for (RewriteFeatures::Sentence& s : *sentences) {
    const size_t begin = written;
    for (const size_t e = k + s.*num; k < e; ++k) {
      const auto v = static_cast<uint32_t>(key[k]);
      if (written == begin || out[written - 1] != v) out[written++] = v;
    }
    s.*first = static_cast<uint32_t>(begin);
    s.*num = static_cast<uint32_t>(written - begin);
  }
  values->resize(written);
}

void SortWordsAndGrams(RewriteFeatures* f) {
  thread_local std::vector<uint64_t> keys;  // keeps its capacity from document to document
  SortSentenceSets(&f->sentences, &f->words, &RewriteFeatures::Sentence::first_word,
                   &RewriteFeatures::Sentence::num_words, &keys);
  SortSentenceSets(&f->sentences, &f->grams, &RewriteFeatures::Sentence::first_gram,
                   &RewriteFeatures::Sentence::num_grams, &keys);
}

struct TermWeight {
  uint64_t term;
  float weight;
};

// Sentences with up to this many content tokens keep them on the stack.
constexpr size_t kInlineSentenceTerms = 64;

// Sorts a sentence's terms (with their weights) by term: insertion sort for the usual
// few, std::sort for long ones.
void SortByTerm(absl::Span<TermWeight> v) {
  if (v.size() > 40) {
    std::sort(v.begin(), v.end(), [](const TermWeight& x, const TermWeight& y) { return x.term < y.term; });
    return;
  }
  for (size_t i = 1; i < v.size(); ++i) {
    const TermWeight x = v[i];
    size_t j = i;
    for (; j > 0 && x.term < v[j - 1].term; --j) v[j] = v[j - 1];
    v[j] = x;
  }
}

// How many words ahead AppendSentenceWith prefetches the word cache's entries.
constexpr size_t kPrefetchWords = 8;

// AppendSentence, with the weights from `cache` when given, but with the sentence's words
// and grams left as they come (num_words and num_grams count them all): a whole document's
// are sorted at once (SortWordsAndGrams).
void AppendSentenceWith(const TokenizedText& tokens, size_t token_begin, size_t token_end,
                        uint32_t byte_begin, uint32_t byte_end, const TermStats& stats,
                        const RewriteOptions& options, Stemmer* stemmer, TermWeightCache* cache,
                        RewriteFeatures* out) {
  RewriteFeatures::Sentence s;
  // The content tokens' terms in token order, each with its weight when the cache gave
  // one (a term has one weight); sorted by term below, so that the weights come along.
  absl::InlinedVector<TermWeight, kInlineSentenceTerms> found;
  uint64_t number_terms[16];
  size_t num_number_terms = 0;
  s.begin = byte_begin;
  s.end = byte_end;
  s.first_term = static_cast<uint32_t>(out->terms.size());
  s.first_word = static_cast<uint32_t>(out->words.size());
  s.first_gram = static_cast<uint32_t>(out->grams.size());
  s.first_number = static_cast<uint32_t>(out->numbers.size());
  for (size_t t = token_begin; t < token_end; ++t) {
    // The cache is too large for the CPU's: its entries are loaded a few words ahead.
    if (cache != nullptr && t + kPrefetchWords < tokens.size()) cache->Prefetch(tokens.hashes[t + kPrefetchWords]);
    const std::string_view word = tokens.word(t);
    const auto low = static_cast<uint32_t>(tokens.hashes[t]);
    out->words.push_back(low);
    uint64_t term;
    float weight = 0.0f;
    if (cache != nullptr) {
      std::tie(term, weight) = cache->Get(tokens.hashes[t], word, stemmer);
    } else {
      term = stemmer->ContentTerm(word);
    }
    if (term == 0) continue;
    found.push_back({term, weight});
    AppendGrams(word, &out->grams);
    if (word[0] >= '0' && word[0] <= '9') {
      out->numbers.push_back(low);
      if (num_number_terms < 16) number_terms[num_number_terms++] = term;
    }
  }
  SortByTerm(absl::MakeSpan(found));
  double weight = 0.0;
  for (size_t i = 0; i < found.size(); ++i) {
    if (i > 0 && found[i].term == found[i - 1].term) continue;
    const float w = cache != nullptr ? found[i].weight : stats.Idf(found[i].term);
    out->terms.push_back(found[i].term);
    out->weights.push_back(w);
    weight += w;
  }
  s.num_terms = static_cast<uint32_t>(out->terms.size() - s.first_term);
  s.num_words = static_cast<uint32_t>(out->words.size() - s.first_word);
  s.num_grams = static_cast<uint32_t>(out->grams.size() - s.first_gram);
  s.num_numbers = SortUniqueTail(&out->numbers, s.first_number);
  s.hash = HashWords(out->terms.data() + s.first_term, s.num_terms, kSentenceSeed);
  uint64_t skeleton[64];
  size_t n = 0;
  for (uint32_t k = s.first_term; k < s.first_term + s.num_terms && n < 64; ++k) {
    // Numbers are slots of a template, not its wording.
    const uint64_t term = out->terms[k];
    const bool number = std::find(number_terms, number_terms + num_number_terms, term) !=
                        number_terms + num_number_terms;
    if (!number && out->weights[k] < options.skeleton_max_idf) skeleton[n++] = term;
  }
  if (n >= 3) s.skeleton = HashWords(skeleton, n, kSkeletonSeed);
  s.weight = static_cast<float>(weight);
  out->sentences.push_back(s);
}

}  // namespace

void AppendSentence(const TokenizedText& tokens, size_t token_begin, size_t token_end,
                    uint32_t byte_begin, uint32_t byte_end, const TermStats& stats,
                    const RewriteOptions& options, Stemmer* stemmer, RewriteFeatures* out) {
  AppendSentenceWith(tokens, token_begin, token_end, byte_begin, byte_end, stats, options, stemmer,
                     nullptr, out);
  RewriteFeatures::Sentence& s = out->sentences.back();
  s.num_words = SortUniqueTail(&out->words, s.first_word);
  s.num_grams = SortUniqueTail(&out->grams, s.first_gram);
}

void ExtractRewriteFeatures(std::string_view text, const TokenizedText& tokens,
                            const TermStats& stats, const RewriteOptions& options, Stemmer* stemmer,
                            RewriteFeatures* out, TermWeightCache* cache) {
  assert(tokens.word_end.size() == tokens.size() && "tokens need TokenizerOptions::keep_words");
  assert((cache == nullptr || &cache->stats() == &stats) && "a TermWeightCache serves one TermStats");
  out->clear();
  if (tokens.word_end.size() != tokens.size()) return;  // no words kept: no features
  std::string unwrapped;
  const std::vector<SentenceSpan> spans = SplitSentences(UnwrapLines(text, &unwrapped));
  out->sentences.reserve(spans.size());
  size_t t = 0;
  for (const SentenceSpan& span : spans) {
    while (t < tokens.size() && tokens.begin[t] < span.begin) ++t;
    size_t e = t;
    while (e < tokens.size() && tokens.begin[e] < span.end) ++e;
    AppendSentenceWith(tokens, t, e, span.begin, span.end, stats, options, stemmer, cache, out);
    t = e;
    auto& s = out->sentences.back();
    if (s.num_terms < static_cast<uint32_t>(options.min_sentence_terms)) s.weight = 0.0f;
  }
  SortWordsAndGrams(out);
  // Collapse repeats: a sentence close to an earlier active one is switched off. Dice can
  // reach the threshold only when the smaller word set has at least
  // threshold / (2 - threshold) of the larger one's words, which prunes most pairs.
  const double ratio = options.collapse_threshold / (2.0 - options.collapse_threshold);
  // Each sentence's terms as bits (term mod 64): a bit of one sentence missing from the
  // other's stands for at least one term the other lacks, so |A| minus the count of such
  // bits bounds the terms they share from above, without a merge.
  std::vector<uint64_t> term_bits(out->sentences.size(), 0);
  for (size_t i = 0; i < out->sentences.size(); ++i) {
    for (const uint64_t term : out->sentence(i).terms) term_bits[i] |= uint64_t{1} << (term & 63);
  }
  for (size_t i = 0; i < out->sentences.size(); ++i) {
    auto& si = out->sentences[i];
    if (si.weight <= 0.0f) continue;
    const SentenceView ti = out->sentence(i);
    for (size_t j = i > kRepeatWindow ? i - kRepeatWindow : 0; j < i; ++j) {
      const auto& sj = out->sentences[j];
      if (sj.weight <= 0.0f) continue;
      const double lo = std::min(si.num_words, sj.num_words), hi = std::max(si.num_words, sj.num_words);
      if (lo < ratio * hi) continue;
      // A cheap first test on the few content terms: repeats share most of them.
      const SentenceView tj = out->sentence(j);
      const double min_shared_terms = kRepeatMinTermDice * static_cast<double>(ti.terms.size() + tj.terms.size());
      const size_t most_shared =
          std::min(ti.terms.size() - static_cast<size_t>(std::popcount(term_bits[i] & ~term_bits[j])),
                   tj.terms.size() - static_cast<size_t>(std::popcount(term_bits[j] & ~term_bits[i])));
      if (2 * most_shared < min_shared_terms) continue;
      const size_t shared = Intersection(ti.terms, tj.terms);
      if (2 * shared < min_shared_terms) continue;
      if (SentenceSimilarity(ti, tj) >= options.collapse_threshold) {
        si.repeat_of = static_cast<int32_t>(j);
        si.weight = 0.0f;
        break;
      }
    }
  }
}

std::vector<uint64_t> SentenceHashes(const RewriteFeatures& features) {
  std::vector<uint64_t> out;
  out.reserve(2 * features.sentences.size());
  for (const auto& s : features.sentences) {
    if (s.weight <= 0.0f && s.repeat_of < 0) continue;  // too few terms
    out.push_back(s.hash);
    if (s.skeleton != 0) out.push_back(s.skeleton);
  }
  SortKeys(absl::MakeSpan(out));
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void DropBoilerplate(const TermStats& sentence_df, const RewriteOptions& options,
                     RewriteFeatures* features) {
  features->postings_cached = false;  // the active sentences may change
  for (auto& s : features->sentences) {
    if (s.weight <= 0.0f) continue;
    const uint32_t df = sentence_df.Df(s.hash);
    const uint32_t skeleton_df = s.skeleton != 0 ? sentence_df.Df(s.skeleton) : 0;
    if (df >= options.boilerplate_min_docs ||
        (skeleton_df >= options.template_min_docs && skeleton_df >= 2 * uint64_t{df})) {
      s.weight = 0.0f;
    }
  }
}

namespace {

// Upper bound on SentenceSimilarity(a, b) from the set sizes alone (an intersection is at
// most the smaller set), computed with the same operations in the same order, so that
// rounding keeps it at least the exact value.
double SizeBound(size_t words_a, size_t words_b, size_t grams_a, size_t grams_b) {
  auto dice_bound = [](size_t x, size_t y) {
    const size_t n = x + y;
    return n == 0 ? 0.0 : 2.0 * static_cast<double>(std::min(x, y)) / static_cast<double>(n);
  };
  return 0.5 * dice_bound(words_a, words_b) + 0.5 * dice_bound(grams_a, grams_b);
}
double SimilarityBound(const SentenceView& a, const SentenceView& b) {
  const double sim = SizeBound(a.words.size(), b.words.size(), a.grams.size(), b.grams.size());
  return SameSet(a.numbers, b.numbers) ? sim : 0.8 * sim;
}

// Returns the fewest aligned sentences IsRewrite accepts in the covered document: a short
// item aligned in full may have fewer than min_aligned_sentences.
size_t FewestAlignedSentences(const RewriteOptions& options) {
  const auto needed = static_cast<size_t>(options.min_aligned_sentences);
  return options.min_aligned_short > 0 ? std::min(needed, static_cast<size_t>(options.min_aligned_short)) : needed;
}

// Returns false when IsRewrite(ScoreRewrite(a, b, options)) is certainly false. A
// sentence is aligned only when one of its cells passes the IDF-Dice gate (and the number
// and rare-term checks) with a SentenceSimilarity of at least sentence_threshold, and
// SimilarityBound is at least that similarity. So the weight of the sentences with such a
// cell, summed in the same order as the aligned weight (with non-negative terms, rounding
// is monotone), bounds the coverage of each document from above, and the number of such
// sentences bounds its aligned count. IsRewrite needs the larger coverage to reach
// min_coverage, the smaller min_coverage_other, and the covered document
// FewestAlignedSentences (the template gate only rejects more). The cell overlaps are
// summed over the shared terms in the same order as in ScoreRewriteInto, so they are the
// same floats. Uses scratch->act_* and rank_* as ScoreRewriteInto set them.
// With `outline`, reads only the sentences and the cached postings: it skips the number
// and rare-term checks and bounds the similarity by the set sizes alone (SizeBound, at
// least SimilarityBound), so it rejects fewer pairs, never more.
bool MayBeRewrite(const RewriteFeatures& a, const RewriteFeatures& b, const RewriteOptions& options,
                  double total_a, double total_b, bool outline, RewriteScratch* scratch) {
  RewriteScratch& s = *scratch;
  const size_t na = a.sentences.size(), nb = b.sentences.size();
  const size_t da = s.act_a.size(), db = s.act_b.size();
  if (da * db > kDenseCells) return true;  // rare: no bound
  if (!a.postings_cached) BuildPostings(a, &s.postings_a);
  if (!b.postings_cached) BuildPostings(b, &s.postings_b);
  const std::vector<Posting>& pa = a.postings_cached ? a.postings : s.postings_a;
  const std::vector<Posting>& pb = b.postings_cached ? b.postings : s.postings_b;
  // The distinct terms and their posting ranges, cached with the postings or made here
  // (features loaded from a store have postings only).
  const bool indexed_a = a.postings_cached && a.posting_starts.size() == a.posting_terms.size() + 1;
  const bool indexed_b = b.postings_cached && b.posting_starts.size() == b.posting_terms.size() + 1;
  if (!indexed_a) IndexPostings(pa, &s.terms_a, &s.starts_a);
  if (!indexed_b) IndexPostings(pb, &s.terms_b, &s.starts_b);
  const std::vector<uint64_t>& ta = indexed_a ? a.posting_terms : s.terms_a;
  const std::vector<uint64_t>& tb = indexed_b ? b.posting_terms : s.terms_b;
  const std::vector<uint32_t>& sa = indexed_a ? a.posting_starts : s.starts_a;
  const std::vector<uint32_t>& sb = indexed_b ? b.posting_starts : s.starts_b;

  // Overlaps of the cells sharing a term. bound_matrix is all zeros between calls: only the
  // touched cells are visited and reset.
  if (s.bound_matrix.size() < da * db) s.bound_matrix.resize(da * db, 0.0f);
  float* const matrix = s.bound_matrix.data();
  s.touched.clear();
  // The shared terms in ascending order, gathered without a branch per merge step (each
  // step writes a slot, kept when the terms are equal).
  s.shared.resize(std::min(ta.size(), tb.size()) + 1);
  size_t num_shared = 0;
  {
    auto* const shared = s.shared.data();
    size_t i = 0, j = 0;
    while (i < ta.size() && j < tb.size()) {
      const uint64_t x = ta[i], y = tb[j];
      shared[num_shared] = {static_cast<uint32_t>(i), static_cast<uint32_t>(j)};
      num_shared += x == y;
      i += x <= y;
      j += y <= x;
    }
  }
  const double idf_threshold = options.sentence_idf_threshold;
  {
    // A looser bound first, linear in the shared terms' postings rather than in the cells:
    // a cell's overlap is at most the weight of all the terms of its sentence that the
    // other document has (summed in the same order, so also as floats), and the other
    // sentence weighs at least the lightest active one. Sentences that cannot pass the
    // IDF-Dice gate even so bound both coverages as below.
    s.shared_weight_a.assign(da, 0.0f);
    s.shared_weight_b.assign(db, 0.0f);
    for (size_t k = 0; k < num_shared; ++k) {
      const auto [i, j] = s.shared[k];
      const float w = 0.5f * (pa[sa[i]].weight + pb[sb[j]].weight);
      for (uint32_t p = sa[i]; p < sa[i + 1]; ++p) s.shared_weight_a[s.rank_a[pa[p].sentence]] += w;
      for (uint32_t q = sb[j]; q < sb[j + 1]; ++q) s.shared_weight_b[s.rank_b[pb[q].sentence]] += w;
    }
    float lightest_a = std::numeric_limits<float>::infinity(), lightest_b = lightest_a;
    for (const uint32_t x : s.act_a) lightest_a = std::min(lightest_a, a.sentences[x].weight);
    for (const uint32_t y : s.act_b) lightest_b = std::min(lightest_b, b.sentences[y].weight);
    double cover_a = 0.0, cover_b = 0.0;
    size_t align_a = 0, align_b = 0;
    for (size_t r = 0; r < da; ++r) {
      const float wx = a.sentences[s.act_a[r]].weight;
      if (2.0 * s.shared_weight_a[r] / (wx + lightest_b) >= idf_threshold) cover_a += wx, ++align_a;
    }
    for (size_t r = 0; r < db; ++r) {
      const float wy = b.sentences[s.act_b[r]].weight;
      if (2.0 * s.shared_weight_b[r] / (lightest_a + wy) >= idf_threshold) cover_b += wy, ++align_b;
    }
    const double ca = cover_a / total_a, cb = cover_b / total_b;
    if (!(std::max(ca, cb) >= options.min_coverage && std::min(ca, cb) >= options.min_coverage_other &&
          std::max(align_a, align_b) >= FewestAlignedSentences(options))) {
      return false;
    }
  }
  for (size_t k = 0; k < num_shared; ++k) {
    const auto [i, j] = s.shared[k];
    const float w = 0.5f * (pa[sa[i]].weight + pb[sb[j]].weight);
    for (uint32_t p = sa[i]; p < sa[i + 1]; ++p) {
      const size_t row = size_t{s.rank_a[pa[p].sentence]} * db;
      for (uint32_t q = sb[j]; q < sb[j + 1]; ++q) {
        const size_t cell = row + s.rank_b[pb[q].sentence];
        if (matrix[cell] == 0.0f) s.touched.push_back(static_cast<uint32_t>(cell));
        matrix[cell] += w;
      }
    }
  }

  const auto threshold = static_cast<float>(options.sentence_threshold);
  s.may_a.assign(na, 0);
  s.may_b.assign(nb, 0);
  for (const uint32_t cell : s.touched) {
    const float overlap = matrix[cell];
    if (overlap == 0.0f) continue;  // a repeat in touched (a zero weight) or already reset
    matrix[cell] = 0.0f;
    const uint32_t x = s.act_a[cell / db], y = s.act_b[cell % db];
    if (s.may_a[x] && s.may_b[y]) continue;  // nothing to learn
    const double idf_dice = 2.0 * overlap / (a.sentences[x].weight + b.sentences[y].weight);
    if (idf_dice < idf_threshold) continue;
    if (outline) {
      const RewriteFeatures::Sentence &sx = a.sentences[x], &sy = b.sentences[y];
      if (static_cast<float>(SizeBound(sx.num_words, sy.num_words, sx.num_grams, sy.num_grams)) < threshold) {
        continue;
      }
      s.may_a[x] = 1;
      s.may_b[y] = 1;
      continue;
    }
    const SentenceView va = a.sentence(x), vb = b.sentence(y);
    if (!va.numbers.empty() && !vb.numbers.empty() && Intersection(va.numbers, vb.numbers) == 0) continue;
    if (options.rare_term_idf > 0.0 && RareTermsConflict(va, vb, options.rare_term_idf)) continue;
    if (static_cast<float>(SimilarityBound(va, vb)) < threshold) continue;
    s.may_a[x] = 1;
    s.may_b[y] = 1;
  }
  double may_cover_a = 0.0, may_cover_b = 0.0;
  size_t may_align_a = 0, may_align_b = 0;
  for (size_t x = 0; x < na; ++x) {
    if (s.may_a[x]) may_cover_a += a.sentences[x].weight, ++may_align_a;
  }
  for (size_t y = 0; y < nb; ++y) {
    if (s.may_b[y]) may_cover_b += b.sentences[y].weight, ++may_align_b;
  }
  const double ca = may_cover_a / total_a, cb = may_cover_b / total_b;
  return std::max(ca, cb) >= options.min_coverage && std::min(ca, cb) >= options.min_coverage_other &&
         std::max(may_align_a, may_align_b) >= FewestAlignedSentences(options);
}

// Sets scratch->act_*, rank_* (the active sentences), the totals of their weights and
// scores->content_*, active_*.
void FindActiveSentences(const RewriteFeatures& a, const RewriteFeatures& b, const RewriteOptions& options,
                         RewriteScratch* scratch, RewriteScores* scores, double* total_a, double* total_b) {
  RewriteScratch& s = *scratch;
  const size_t na = a.sentences.size(), nb = b.sentences.size();
  // Dense indexes of the active sentences (only they have postings): act_* maps a dense
  // index to the sentence, rank_* the sentence to its dense index. Both are increasing,
  // so cells are visited in the same order as over all sentences.
  *total_a = 0.0;
  *total_b = 0.0;
  s.act_a.clear();
  s.act_b.clear();
  s.rank_a.resize(na);
  s.rank_b.resize(nb);
  const auto min_terms = static_cast<uint32_t>(options.min_sentence_terms);
  for (size_t i = 0; i < na; ++i) {
    scores->content_a += a.sentences[i].num_terms >= min_terms && a.sentences[i].repeat_of < 0;
    if (!a.active(i)) continue;
    s.rank_a[i] = static_cast<uint32_t>(s.act_a.size());
    s.act_a.push_back(static_cast<uint32_t>(i));
    *total_a += a.sentences[i].weight;
  }
  for (size_t j = 0; j < nb; ++j) {
    scores->content_b += b.sentences[j].num_terms >= min_terms && b.sentences[j].repeat_of < 0;
    if (!b.active(j)) continue;
    s.rank_b[j] = static_cast<uint32_t>(s.act_b.size());
    s.act_b.push_back(static_cast<uint32_t>(j));
    *total_b += b.sentences[j].weight;
  }
  scores->active_a = static_cast<uint32_t>(s.act_a.size());
  scores->active_b = static_cast<uint32_t>(s.act_b.size());
}

// Scores a pair into `*scores` with `scratch`'s buffers. With `decide_only`, first checks
// MayBeRewrite and returns false (`*scores` incomplete) when IsRewrite cannot hold;
// otherwise fills every score and returns true.
bool ScoreRewriteInto(const RewriteFeatures& a, const RewriteFeatures& b, const RewriteOptions& options,
                      bool decide_only, RewriteScratch* scratch, RewriteScores* scores) {
  {
    std::vector<AlignedSentences> pairs = std::move(scores->pairs);
    pairs.clear();
    *scores = RewriteScores{};
    scores->pairs = std::move(pairs);
  }
  RewriteScratch& s = *scratch;
  const size_t na = a.sentences.size(), nb = b.sentences.size();
  double total_a = 0.0, total_b = 0.0;
  FindActiveSentences(a, b, options, &s, scores, &total_a, &total_b);
  if (total_a <= 0.0 || total_b <= 0.0) return !decide_only;
  if (decide_only && !MayBeRewrite(a, b, options, total_a, total_b, /*outline=*/false, &s)) return false;

  // Overlap weight of every (a, b) sentence pair sharing a term, by merging the two
  // documents' postings; also the weighted Jaccard of the documents' term sets.
  if (!a.postings_cached) BuildPostings(a, &s.postings_a);
  if (!b.postings_cached) BuildPostings(b, &s.postings_b);
  const std::vector<Posting>& pa = a.postings_cached ? a.postings : s.postings_a;
  const std::vector<Posting>& pb = b.postings_cached ? b.postings : s.postings_b;
  const size_t da = s.act_a.size(), db = s.act_b.size();
  const bool dense = da * db <= kDenseCells;
  s.matrix.assign(dense ? da * db : 0, 0.0f);
  absl::flat_hash_map<uint64_t, float> sparse;  // (sentence of a) * nb + (sentence of b)
  double shared = 0.0, all = 0.0;
  // Squared weights stress rare terms (names, places, figures).
  double shared2 = 0.0, only_a2 = 0.0, only_b2 = 0.0;
  size_t i = 0, j = 0;
  while (i < pa.size() || j < pb.size()) {
    const bool take_a = j == pb.size() || (i < pa.size() && pa[i].term < pb[j].term);
    const bool take_b = i == pa.size() || (j < pb.size() && pb[j].term < pa[i].term);
    if (take_a || take_b) {
      // A term of one document only.
      const size_t k0 = take_a ? i : j;
      const auto& p = take_a ? pa : pb;
      size_t k = k0;
      while (k < p.size() && p[k].term == p[k0].term) ++k;
      all += p[k0].weight;
      (take_a ? only_a2 : only_b2) += static_cast<double>(p[k0].weight) * p[k0].weight;
      (take_a ? i : j) = k;
      continue;
    }
    const uint64_t term = pa[i].term;
    size_t ie = i, je = j;
    while (ie < pa.size() && pa[ie].term == term) ++ie;
    while (je < pb.size() && pb[je].term == term) ++je;
    const float w = 0.5f * (pa[i].weight + pb[j].weight);
    shared += w;
    all += w;
    shared2 += static_cast<double>(w) * w;
    for (size_t x = i; x < ie; ++x) {
      if (dense) {
        float* row = s.matrix.data() + size_t{s.rank_a[pa[x].sentence]} * db;
        for (size_t y = j; y < je; ++y) row[s.rank_b[pb[y].sentence]] += w;
      } else {
        for (size_t y = j; y < je; ++y) sparse[size_t{pa[x].sentence} * nb + pb[y].sentence] += w;
      }
    }
    i = ie;
    j = je;
  }
  scores->weighted_jaccard = all > 0.0 ? shared / all : 0.0;
  if (shared2 > 0.0) {
    scores->rare_containment_a = shared2 / (shared2 + only_a2);
    scores->rare_containment_b = shared2 / (shared2 + only_b2);
  }

  // The cells that may align: pairs whose shared terms are informative enough (the IDF
  // gate), that do not state different numbers and, when asked, do not name different
  // rare terms.
  const double idf_threshold = options.sentence_idf_threshold;
  const auto threshold = static_cast<float>(options.sentence_threshold);
  s.cells.clear();
  auto gate = [&](uint32_t x, uint32_t y, float overlap) {
    const double idf_dice = 2.0 * overlap / (a.sentences[x].weight + b.sentences[y].weight);
    if (idf_dice < idf_threshold) return;
    const SentenceView sa = a.sentence(x), sb = b.sentence(y);
    // Figures survive rewriting: two sentences that both state numbers but share none
    // report different facts (templated results, tables, scores).
    if (!sa.numbers.empty() && !sb.numbers.empty() && Intersection(sa.numbers, sb.numbers) == 0) return;
    if (options.rare_term_idf > 0.0 && RareTermsConflict(sa, sb, options.rare_term_idf)) return;
    s.cells.push_back({x, y, static_cast<float>(std::min(1.0, idf_dice))});
  };
  if (dense) {
    for (size_t cx = 0; cx < da; ++cx) {
      const float* row = s.matrix.data() + cx * db;
      for (size_t cy = 0; cy < db; ++cy) {
        if (row[cy] > 0.0f) gate(s.act_a[cx], s.act_b[cy], row[cy]);
      }
    }
  } else {
    std::vector<std::pair<uint64_t, float>> cells(sparse.begin(), sparse.end());
    std::sort(cells.begin(), cells.end());  // deterministic ties
    for (const auto& [cell, overlap] : cells) {
      gate(static_cast<uint32_t>(cell / nb), static_cast<uint32_t>(cell % nb), overlap);
    }
  }
  // Best match of each sentence on both sides, among the cells that passed the gate.
  s.best_b.assign(na, -1);
  s.best_a.assign(nb, -1);
  s.sim_b.assign(na, 0.0f);
  s.sim_a.assign(nb, 0.0f);
  s.idf_b.assign(na, 0.0f);
  s.idf_a.assign(nb, 0.0f);
  std::vector<int32_t>& best_b = s.best_b;
  std::vector<int32_t>& best_a = s.best_a;
  std::vector<float>& sim_b = s.sim_b;
  std::vector<float>& sim_a = s.sim_a;
  for (const RewriteScratch::Cell& c : s.cells) {
    const auto sim = static_cast<float>(SentenceSimilarity(a.sentence(c.a), b.sentence(c.b)));
    if (sim > sim_b[c.a]) sim_b[c.a] = sim, best_b[c.a] = static_cast<int32_t>(c.b), s.idf_b[c.a] = c.idf_dice;
    if (sim > sim_a[c.b]) sim_a[c.b] = sim, best_a[c.b] = static_cast<int32_t>(c.a), s.idf_a[c.b] = c.idf_dice;
  }

  auto make_pair = [&](uint32_t x, uint32_t y, float sim, float idf) {
    AlignedSentences p;
    p.a = x;
    p.b = y;
    p.a_begin = a.sentences[x].begin;
    p.a_end = a.sentences[x].end;
    p.b_begin = b.sentences[y].begin;
    p.b_end = b.sentences[y].end;
    p.similarity = sim;
    p.idf_dice = idf;
    return p;
  };
  double covered_a = 0.0, covered_b = 0.0, conflicted_a = 0.0, conflicted_b = 0.0;
  s.chain.clear();
  s.chain_weight.clear();
  for (size_t x = 0; x < na; ++x) {
    if (best_b[x] < 0 || sim_b[x] < threshold) continue;
    ++scores->aligned_a;
    covered_a += a.sentences[x].weight;
    const auto y = static_cast<uint32_t>(best_b[x]);
    if (RareTermsConflict(a.sentence(x), b.sentence(y), options.conflict_idf)) conflicted_a += a.sentences[x].weight;
    scores->pairs.push_back(make_pair(static_cast<uint32_t>(x), y, sim_b[x], s.idf_b[x]));
    s.chain.emplace_back(static_cast<uint32_t>(x), y);
    s.chain_weight.push_back(a.sentences[x].weight);
  }
  for (size_t y = 0; y < nb; ++y) {
    if (best_a[y] < 0 || sim_a[y] < threshold) continue;
    ++scores->aligned_b;
    covered_b += b.sentences[y].weight;
    const auto x = static_cast<uint32_t>(best_a[y]);
    if (RareTermsConflict(a.sentence(x), b.sentence(y), options.conflict_idf)) conflicted_b += b.sentences[y].weight;
    if (best_b[x] != static_cast<int32_t>(y) || sim_b[x] < threshold) {
      scores->pairs.push_back(make_pair(x, static_cast<uint32_t>(y), sim_a[y], s.idf_a[y]));
    }
  }
  std::stable_sort(scores->pairs.begin(), scores->pairs.end(),
                   [](const AlignedSentences& p, const AlignedSentences& q) {
                     return p.a != q.a ? p.a < q.a : p.b < q.b;
                   });
  // The lede: rewrites keep a story's opening (paraphrased, cut or expanded), while a
  // follow-up story or another article on the same event opens with its own news.
  auto lede = [&](const RewriteFeatures& f, const std::vector<float>& sim) {
    size_t seen = 0, aligned = 0;
    for (size_t i = 0; i < f.sentences.size() && seen < kLedeSentences; ++i) {
      if (!f.active(i)) continue;
      ++seen;
      aligned += sim[i] >= threshold;
    }
    return seen == 0 ? 0.0 : static_cast<double>(aligned) / static_cast<double>(seen);
  };
  scores->lede_a = lede(a, sim_b);
  scores->lede_b = lede(b, sim_a);
  scores->coverage_a = covered_a / total_a;
  scores->coverage_b = covered_b / total_b;
  if (covered_a > 0.0) scores->conflict_a = conflicted_a / covered_a;
  if (covered_b > 0.0) scores->conflict_b = conflicted_b / covered_b;
  if (covered_a > 0.0) scores->order = LongestIncreasingChain(s.chain, s.chain_weight, &s.tree) / covered_a;
  return true;
}

}  // namespace

RewriteScores ScoreRewrite(const RewriteFeatures& a, const RewriteFeatures& b,
                           const RewriteOptions& options) {
  RewriteScratch scratch;
  RewriteScores scores;
  ScoreRewriteInto(a, b, options, /*decide_only=*/false, &scratch, &scores);
  return scores;
}

void ScoreRewrite(const RewriteFeatures& a, const RewriteFeatures& b, const RewriteOptions& options,
                  RewriteScratch* scratch, RewriteScores* scores) {
  ScoreRewriteInto(a, b, options, /*decide_only=*/false, scratch, scores);
}

bool ScoreRewriteIfPossible(const RewriteFeatures& a, const RewriteFeatures& b,
                            const RewriteOptions& options, RewriteScratch* scratch,
                            RewriteScores* scores) {
  return ScoreRewriteInto(a, b, options, /*decide_only=*/true, scratch, scores);
}

bool RewriteMayHold(const RewriteFeatures& a, const RewriteFeatures& b, const RewriteOptions& options,
                    RewriteScratch* scratch) {
  RewriteScores scores;
  double total_a = 0.0, total_b = 0.0;
  FindActiveSentences(a, b, options, scratch, &scores, &total_a, &total_b);
  if (total_a <= 0.0 || total_b <= 0.0) return false;
  return MayBeRewrite(a, b, options, total_a, total_b, /*outline=*/true, scratch);
}

bool IsRewrite(const RewriteScores& s, const RewriteOptions& options) {
  // The better-covered document must be largely inside the other.
  const bool a_covered = s.coverage_a >= s.coverage_b;
  const double hi = a_covered ? s.coverage_a : s.coverage_b;
  const double lo = a_covered ? s.coverage_b : s.coverage_a;
  const uint32_t aligned = a_covered ? s.aligned_a : s.aligned_b;
  const uint32_t active = a_covered ? s.active_a : s.active_b;
  const uint32_t content = a_covered ? s.content_a : s.content_b;
  auto needed = static_cast<uint32_t>(options.min_aligned_sentences);
  if (options.min_aligned_short > 0 && content < needed && active == content && aligned == active &&
      aligned >= static_cast<uint32_t>(options.min_aligned_short)) {
    needed = aligned;  // a short item aligned in full
  }
  const bool templated = std::max(s.conflict_a, s.conflict_b) >= options.template_conflict &&
                         std::min(s.rare_containment_a, s.rare_containment_b) <
                             options.template_rare_containment;
  return hi >= options.min_coverage && lo >= options.min_coverage_other && aligned >= needed &&
         s.order >= options.min_order && std::min(s.lede_a, s.lede_b) >= options.min_lede &&
         !templated;
}

}  // namespace neardup
