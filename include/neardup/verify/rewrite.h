// Rewrite similarity: do two documents tell the same story in other words? Word
// shingles miss rewrites (paraphrased, reordered, merged, dropped or expanded sentences,
// added page furniture and comments), so each document is reduced to its sentences, each
// sentence to the set of its stemmed content terms weighted by IDF. Two sentences match
// when their IDF-weighted Dice overlap is high enough (SentenceSimilarity); two documents
// are rewrites when the sentences of one are largely matched in the other (coverage, a
// containment measure, so expansions and cut-downs count) and the matches keep roughly
// the same order. Articles that merely share a quote or a background paragraph match a
// few sentences only and stay apart. See docs/rewrite.md for the evidence behind the
// defaults.
//
//   RewriteFeatures a, b;   // once per document, on worker threads
//   ExtractRewriteFeatures(text_a, tokens_a, stats, options, &stemmer, &a);
//   ExtractRewriteFeatures(text_b, tokens_b, stats, options, &stemmer, &b);
//   RewriteScores s = ScoreRewrite(a, b, options);
//   if (IsRewrite(s, options)) ...
//
// In a crawl (as bench/rewrite_eval does): pass 1 tokenises every document (keep_words)
// and adds its content terms to the background TermStats; pass 2 extracts features with
// the updated IDF and counts SentenceHashes in a second TermStats; then DropBoilerplate on
// every document, RareTermIndex for candidates, ScoreRewrite + IsRewrite to verify.
#ifndef NEARDUP_VERIFY_REWRITE_H_
#define NEARDUP_VERIFY_REWRITE_H_

#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/types/span.h"
#include "neardup/text/stemmer.h"
#include "neardup/text/term_stats.h"
#include "neardup/text/tokenizer.h"

namespace neardup {

// Defaults were chosen on data (MSRP training pairs for the sentence matcher, synthetic
// and natural Reuters rewrites for the document decision); docs/rewrite.md has the numbers.
struct RewriteOptions {
  // Sentence level.
  // IDF-weighted Dice at which two sentences are aligned. Default 0.40.
  double sentence_threshold = 0.40;
  // IDF-weighted Dice of the content terms that two sentences must also reach to align:
  // what they share must be informative, so that templated lines ("Shr 51 cts vs 42
  // cts") and common phrasing do not align across different stories. Default 0.25.
  // (Two sentences that both contain numbers but share none never align either.)
  double sentence_idf_threshold = 0.25;
  // When positive, two sentences that both contain terms of at least this IDF (names,
  // places) but share none of them do not align. Default 0 (off): it removes some
  // templated briefs ("X is issuing a 100 mln dlr eurobond ..., lead manager Y said")
  // but also true paraphrases that swap a rare word for a synonym ("dock workers
  // began a strike" / "dockers started a walkout"); see docs/rewrite.md.
  double rare_term_idf = 0.0;
  // IDF at which a term counts as rare (a name, a place) for RewriteScores::conflict_a/b.
  // Default 6.0 (a term in fewer than about 1 in 400 documents).
  double conflict_idf = 6.0;
  // Sentences with fewer distinct content terms are ignored (headings, bylines, "Share
  // this", timestamps, comment bylines). Default 4.
  int min_sentence_terms = 4;
  // A sentence at least this similar (Dice) to an earlier one of the same document is a
  // repeat (comment blocks, repeated captions) and neither counts nor aligns. Default 0.6.
  double collapse_threshold = 0.6;

  // Crawl level (DropBoilerplate).
  // Documents a sentence must occur in to be boilerplate. Default 20.
  uint32_t boilerplate_min_docs = 20;
  // Documents a sentence skeleton must occur in to be a template. Default 5.
  uint32_t template_min_docs = 5;
  // Terms with a lower IDF (when extracted) make up a sentence's skeleton. Default 6.0
  // (a term in more than about 1 in 400 documents).
  double skeleton_max_idf = 6.0;

  // Document level (IsRewrite).
  // Share of the content weight of at least one document that must lie in aligned
  // sentences. Default 0.50.
  double min_coverage = 0.50;
  // Share of the content weight of the other document that must lie in aligned sentences
  // (an expanded rewrite covers less of itself). Default 0.15.
  double min_coverage_other = 0.15;
  // Sentences of the covered document that must be aligned. Default 3.
  int min_aligned_sentences = 3;
  // A covered document with fewer sentences than min_aligned_sentences (a short item:
  // sentences with enough terms, none dropped as boilerplate or template) may still be a
  // rewrite when every one of them, and at least this many, are aligned. Default 2; 0
  // turns this off.
  int min_aligned_short = 2;
  // Share of the aligned weight in the longest order-preserving chain of alignments.
  // Default 0.5.
  double min_order = 0.5;
  // Share of each document's first 3 active sentences (headline and lede) that must be
  // matched. Default 0 (off); see docs/rewrite.md.
  double min_lede = 0.0;
  // Templated look-alikes (one wording filled with other names: "X is issuing a 100 mln
  // dlr eurobond ..., lead manager Y said") are not rewrites: a pair is rejected when at
  // least `template_conflict` of either side's aligned weight lies in sentence pairs that
  // name different rare terms (RewriteScores::conflict_a/b) and the documents share less
  // than `template_rare_containment` of their rare-term weight (the lesser of
  // RewriteScores::rare_containment_a/b). A rewrite keeps the story's names. Defaults
  // 0.3 and 0.5; a rare containment of 0 turns the gate off. See docs/rewrite.md.
  double template_conflict = 0.3;
  double template_rare_containment = 0.5;

  absl::Status Validate() const;
};

// What the sentence matcher sees of one sentence: sorted unique sets of
//   terms:   stemmed content terms (TermHash), with IDF weights (coverage, candidates),
//   words:   every normalised token, stop words included (low 32 bits of its hash),
//   grams:   byte 4-grams of the content words padded with spaces (" talk", "alks "),
//            which match inflections and spelling variants the stemmer misses,
//   numbers: the number tokens (low 32 bits of their hashes).
struct SentenceView {
  absl::Span<const uint64_t> terms;
  absl::Span<const float> weights;
  absl::Span<const uint32_t> words;
  absl::Span<const uint32_t> grams;
  absl::Span<const uint32_t> numbers;
};

// Returns the similarity of two sentences in [0, 1]: the mean of the Dice overlaps of
// their word sets and of their 4-gram sets, times 0.8 when their numbers differ (a changed
// figure usually means a different statement). Chosen on the MSRP training pairs, where it
// beats the plain Jaccard of stemmed content terms (docs/rewrite.md).
double SentenceSimilarity(const SentenceView& a, const SentenceView& b);

// Returns the plain Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted unique sets
// (the baseline SentenceSimilarity is measured against).
double TermJaccard(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b);

// The compact per-document input of ScoreRewrite: term hashes and weights, no text.
// About 40 bytes per content word and 56 bytes per sentence.
struct RewriteFeatures {
  struct Sentence {
    uint32_t begin = 0;       // byte range in the document text
    uint32_t end = 0;
    uint32_t first_term = 0;  // its terms are terms[first_term, first_term + num_terms)
    uint32_t num_terms = 0;
    uint32_t first_word = 0, num_words = 0;  // likewise in words, grams, numbers
    uint32_t first_gram = 0, num_grams = 0;
    uint32_t first_number = 0, num_numbers = 0;
    float weight = 0.0f;      // sum of its term weights; 0 when it does not take part
    int32_t repeat_of = -1;   // index of an earlier near-identical sentence, or -1
    uint64_t hash = 0;        // hash of its sorted term set, for boilerplate counting
    uint64_t skeleton = 0;    // hash of its common non-number terms (see DropBoilerplate),
                              // 0 when it has fewer than 3
  };
  std::vector<Sentence> sentences;
  std::vector<uint64_t> terms;  // per sentence, sorted and unique
  std::vector<float> weights;   // IDF of terms[i] when extracted
  std::vector<uint32_t> words;
  std::vector<uint32_t> grams;
  std::vector<uint32_t> numbers;

  // Returns whether sentence i takes part in alignment (enough terms, not a repeat, not
  // boilerplate).
  bool active(size_t i) const { return sentences[i].weight > 0.0f; }
  // Its sets and weights (views into the arrays). Inline and unchecked: alignment builds
  // a view for every sentence pair it looks at (each range lies inside its array by
  // construction; the debug build asserts it).
  SentenceView sentence(size_t i) const {
    const Sentence& s = sentences[i];
    assert(s.first_term + s.num_terms <= terms.size() && s.first_word + s.num_words <= words.size() &&
           s.first_gram + s.num_grams <= grams.size() &&
           s.first_number + s.num_numbers <= numbers.size());
    return {absl::Span<const uint64_t>(terms.data() + s.first_term, s.num_terms),
            absl::Span<const float>(weights.data() + s.first_term, s.num_terms),
            absl::Span<const uint32_t>(words.data() + s.first_word, s.num_words),
            absl::Span<const uint32_t>(grams.data() + s.first_gram, s.num_grams),
            absl::Span<const uint32_t>(numbers.data() + s.first_number, s.num_numbers)};
  }
  // Returns the sum of the weights of the active sentences.
  double total_weight() const;
  // Returns the sorted unique content terms of the active sentences (for TermStats::Add
  // and candidate indexes).
  std::vector<uint64_t> DocumentTerms() const;
  size_t memory_bytes() const;
  void clear();

  // The (term, sentence) postings of the active sentences, sorted by term: what
  // ScoreRewrite merges. Built on demand per pair unless cached by CachePostings.
  struct Posting {
    uint64_t term;
    uint32_t sentence;
    float weight;
    bool operator<(const Posting& o) const {
      return term < o.term || (term == o.term && sentence < o.sentence);
    }
  };
  std::vector<Posting> postings;
  // The distinct terms of `postings` and where each one's postings begin (one entry more:
  // postings.size()), made by CachePostings; ScoreRewriteIfPossible intersects them.
  std::vector<uint64_t> posting_terms;
  std::vector<uint32_t> posting_starts;
  bool postings_cached = false;
  // Builds `postings` once, so that scoring this document against many others does not
  // rebuild them. Call after the last change to which sentences are active
  // (DropBoilerplate); any later change must call it again.
  void CachePostings();
  // For `postings` read back from a store (as CachePostings left them): makes
  // posting_terms and posting_starts and marks the postings cached.
  void IndexCachedPostings();
  // Starts loading into the CPU's caches what scoring reads first (sentences and cached
  // postings), so that a caller scoring many pairs can overlap the next pair's loads with
  // the current pair's work. Changes nothing.
  void Prefetch() const;
};

// Remembers the content term and IDF weight of every word seen, so that extracting many
// documents against one TermStats looks each word up once instead of stemming through
// the Stemmer's cache and then looking the term up in `stats`. Valid for the TermStats
// it was made with, which must outlive it and not change while it is used (a background
// table). Words are keyed by their tokens' 64-bit hashes (TokenizedText::hashes, which
// one tokenizer seed makes for every document), so a lookup hashes no string. Not
// thread-safe: one per thread. Holds at most `max_words` words; cleared when full.
class TermWeightCache {
 public:
  explicit TermWeightCache(const TermStats* stats, size_t max_words = size_t{1} << 20)
      : stats_(stats), max_words_(max_words) {}

  const TermStats& stats() const { return *stats_; }
  // Returns Stemmer::ContentTerm(word) and, when that is not 0, stats().Idf of it;
  // `word_hash` is the token's hash of `word`.
  std::pair<uint64_t, float> Get(uint64_t word_hash, std::string_view word, Stemmer* stemmer);
  // Starts loading the entry of `word_hash` into the CPU cache (a lookup a few tokens ahead).
  void Prefetch(uint64_t word_hash) const { words_.prefetch(word_hash); }

 private:
  struct Entry {
    uint64_t term;
    float idf;
  };
  const TermStats* stats_;
  size_t max_words_;
  absl::flat_hash_map<uint64_t, Entry> words_;
};

// Fills `*out` from `text` and its tokens, which must have been made with
// TokenizerOptions::keep_words, with the same seed for every document compared (without
// words, `*out` is left empty). Repeats are looked for among the 256 preceding sentences.
// `stemmer` (and `cache`, when given: made for `stats`) is used from the calling thread
// only; the features are the same with or without `cache`.
// Thread-compatible: call on worker threads with one Stemmer each; `stats` is read-only.
void ExtractRewriteFeatures(std::string_view text, const TokenizedText& tokens,
                            const TermStats& stats, const RewriteOptions& options, Stemmer* stemmer,
                            RewriteFeatures* out, TermWeightCache* cache = nullptr);

// Appends one sentence made of tokens [token_begin, token_end) of `tokens` (made with
// keep_words) spanning bytes [byte_begin, byte_end) to `*out`, without the repeat and
// size checks of ExtractRewriteFeatures (it is active when it has a term). For callers
// that have their own sentences, such as the MSRP evaluation.
void AppendSentence(const TokenizedText& tokens, size_t token_begin, size_t token_end,
                    uint32_t byte_begin, uint32_t byte_end, const TermStats& stats,
                    const RewriteOptions& options, Stemmer* stemmer, RewriteFeatures* out);

// Returns, for counting in a TermStats over a crawl (one Add per document), the hashes of
// the document's sentences with enough terms: each sentence's term-set hash and its
// skeleton hash (the terms that are not numbers and have IDF below
// RewriteOptions::skeleton_max_idf: the wording of a template without its slots).
std::vector<uint64_t> SentenceHashes(const RewriteFeatures& features);

// Turns off two kinds of sentences, given `sentence_df` counted with SentenceHashes:
//   boilerplate: the same term set in at least options.boilerplate_min_docs documents
//     (site furniture, disclaimers, sign-up lines);
//   templates: a skeleton in at least options.template_min_docs documents and in at least
//     twice as many documents as the sentence's own term set, i.e. one wording filled
//     with different names and figures ("X is issuing a 100 mln dlr eurobond due ...").
// Either would make different stories look alike. A syndicated story copied verbatim
// into many documents keeps its sentences unless it exceeds boilerplate_min_docs copies;
// such copies are near-duplicates that word shingles find anyway.
void DropBoilerplate(const TermStats& sentence_df, const RewriteOptions& options,
                     RewriteFeatures* features);

struct AlignedSentences {
  uint32_t a = 0;              // sentence index in document a
  uint32_t b = 0;              // sentence index in document b
  uint32_t a_begin = 0, a_end = 0;  // byte ranges in the texts
  uint32_t b_begin = 0, b_end = 0;
  float similarity = 0.0f;     // SentenceSimilarity
  float idf_dice = 0.0f;       // IDF-weighted Dice of their content terms
};

struct RewriteScores {
  // Each aligned sentence of a with its best match in b, then each aligned sentence of b
  // whose best match in a is not already listed; by a's sentence index.
  std::vector<AlignedSentences> pairs;
  uint32_t aligned_a = 0;      // active sentences of a with a match in b
  uint32_t aligned_b = 0;
  uint32_t active_a = 0;       // active sentences of a
  uint32_t active_b = 0;
  uint32_t content_a = 0;      // sentences of a with enough terms that are not repeats
  uint32_t content_b = 0;      // (active ones plus those dropped as boilerplate)
  double coverage_a = 0.0;     // share of a's active content weight in aligned sentences
  double coverage_b = 0.0;
  double order = 0.0;          // share of a's aligned weight in the longest chain of
                               // alignments increasing in both documents
  double weighted_jaccard = 0.0;  // IDF-weighted Jaccard of the documents' term sets
  // Share of a's first 3 active sentences (its headline and lede) with a match in b, and
  // the other way round.
  double lede_a = 0.0;
  double lede_b = 0.0;
  // Share of a's squared IDF weight (stressing rare terms: names, places, figures) on
  // terms that b also has, and the other way round.
  double rare_containment_a = 0.0;
  double rare_containment_b = 0.0;
  // Share of a's aligned weight in sentence pairs that both name rare terms (IDF at least
  // RewriteOptions::conflict_idf) but share none of them, and the other way round: one wording filled
  // with other names (templated briefs), or a name swapped for a synonym.
  double conflict_a = 0.0;
  double conflict_b = 0.0;
};

// Buffers that ScoreRewrite reuses from pair to pair, so that scoring many pairs on one
// thread allocates nothing once they have grown. What they hold between calls means
// nothing; the members are ScoreRewrite's own. Use one per thread.
struct RewriteScratch {
  struct Cell {
    uint32_t a, b;   // sentence indexes
    float idf_dice;  // IDF-weighted Dice of their content terms, at most 1
  };
  std::vector<RewriteFeatures::Posting> postings_a, postings_b;  // when not cached
  std::vector<uint64_t> terms_a, terms_b;  // distinct terms, when not cached
  std::vector<uint32_t> starts_a, starts_b;
  std::vector<uint32_t> act_a, act_b, rank_a, rank_b;
  std::vector<float> matrix;
  std::vector<float> bound_matrix;  // all zeros between calls
  std::vector<uint32_t> touched;
  std::vector<std::pair<uint32_t, uint32_t>> shared;  // indexes of shared distinct terms
  std::vector<Cell> cells;
  std::vector<uint8_t> may_a, may_b;
  std::vector<float> shared_weight_a, shared_weight_b;
  std::vector<int32_t> best_a, best_b;
  std::vector<float> sim_a, sim_b, idf_a, idf_b;
  std::vector<std::pair<uint32_t, uint32_t>> chain;
  std::vector<double> chain_weight, tree;
};

// Scores a pair of documents. Thread-safe (reads only its arguments). Cost: linear in the
// number of (sentence, sentence) pairs sharing a term.
RewriteScores ScoreRewrite(const RewriteFeatures& a, const RewriteFeatures& b,
                           const RewriteOptions& options);
// Likewise into `*scores`, with the buffers of `*scratch` (not shared between threads).
void ScoreRewrite(const RewriteFeatures& a, const RewriteFeatures& b, const RewriteOptions& options,
                  RewriteScratch* scratch, RewriteScores* scores);

// For callers that need only the scores of rewrites: returns false when
// IsRewrite(ScoreRewrite(a, b, options), options) is certainly false, judged before any
// SentenceSimilarity from an upper bound on both coverages and aligned counts (a
// sentence can align only through a pair that passes the IDF-Dice gate and whose
// similarity, bounded by set sizes, can reach sentence_threshold); `*scores` is then
// incomplete. Otherwise fills `*scores` exactly as ScoreRewrite does and returns true.
// Most candidate pairs of a crawl are negatives that stop early. The bound relies on
// IsRewrite requiring min_coverage, min_coverage_other and min_aligned_sentences (or
// min_aligned_short for a short item) as documented in RewriteOptions, and on the
// template gate only rejecting (tests/verify/rewrite_test.cc checks the two agree).
bool ScoreRewriteIfPossible(const RewriteFeatures& a, const RewriteFeatures& b,
                            const RewriteOptions& options, RewriteScratch* scratch,
                            RewriteScores* scores);

// A looser test than ScoreRewriteIfPossible for features read in outline (a store's
// cheaper first read of a candidate): it reads only the sentences and the cached postings
// of `a` and `b`, whose other arrays may be empty. Returns false only when
// ScoreRewriteIfPossible(a, b, ...) on the full features returns false too: it skips the
// number and rare-term checks and bounds a sentence pair's similarity by its set sizes.
bool RewriteMayHold(const RewriteFeatures& a, const RewriteFeatures& b, const RewriteOptions& options,
                    RewriteScratch* scratch);

// Returns the default decision: one document largely covered by the other, the other
// covered at least a little, enough aligned sentences, and alignments mostly in order.
bool IsRewrite(const RewriteScores& scores, const RewriteOptions& options);

}  // namespace neardup

#endif  // NEARDUP_VERIFY_REWRITE_H_
