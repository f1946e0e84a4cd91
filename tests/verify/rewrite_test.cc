#include "neardup/verify/rewrite.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "neardup/text/stemmer.h"
#include "neardup/text/term_stats.h"
#include "neardup/text/tokenizer.h"

#ifndef NEARDUP_SOURCE_DIR
#error "NEARDUP_SOURCE_DIR must be defined"
#endif

namespace neardup {
namespace {

// Extracts rewrite features with the committed background table.
class RewriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto stemmer = Stemmer::Create(StemmerOptions{});
    ASSERT_TRUE(stemmer.ok());
    stemmer_ = std::make_unique<Stemmer>(std::move(*stemmer));
    auto stats = TermStats::Load(NEARDUP_SOURCE_DIR "/data/df_table_v1.tsv", stemmer_->Identity());
    ASSERT_TRUE(stats.ok()) << stats.status();
    stats_ = std::make_unique<TermStats>(std::move(*stats));
  }

  RewriteFeatures Extract(const std::string& text) {
    TokenizedText tokens;
    tokenizer_.Tokenize(text, &tokens);
    RewriteFeatures f;
    ExtractRewriteFeatures(text, tokens, *stats_, options_, stemmer_.get(), &f);
    return f;
  }

  // Returns the text of a file of corpus/seeds.
 public:
  static std::string ReadSeed(const std::string& file) {
    std::ifstream in(std::string(NEARDUP_SOURCE_DIR "/corpus/seeds/") + file);
    EXPECT_TRUE(in) << file;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 protected:
  // Returns the matcher's score of two single sentences.
  double Similarity(const std::string& a, const std::string& b) {
    RewriteFeatures fa, fb;
    TokenizedText tokens;
    tokenizer_.Tokenize(a, &tokens);
    AppendSentence(tokens, 0, tokens.size(), 0, static_cast<uint32_t>(a.size()), *stats_, options_, stemmer_.get(), &fa);
    tokenizer_.Tokenize(b, &tokens);
    AppendSentence(tokens, 0, tokens.size(), 0, static_cast<uint32_t>(b.size()), *stats_, options_, stemmer_.get(), &fb);
    return SentenceSimilarity(fa.sentence(0), fb.sentence(0));
  }

  RewriteOptions options_;
  Tokenizer tokenizer_{TokenizerOptions{.keep_words = true}};
  std::unique_ptr<Stemmer> stemmer_;
  std::unique_ptr<TermStats> stats_;
};

constexpr char kOriginal[] =
    "Dock workers at the port of Rotterdam began a 48-hour strike on Monday over plans to automate container terminals.\n"
    "The FNV union said about 3,000 members had walked out, halting the loading of ships at the Maasvlakte terminals.\n"
    "Port authority spokesman Jan de Vries said dozens of vessels were waiting at anchor off the Dutch coast.\n"
    "\"We will not accept the loss of hundreds of jobs to robots without guarantees,\" union leader Ingrid Bakker said.\n"
    "Terminal operator ECT said automation was needed to compete with Antwerp and Hamburg.\n"
    "Talks between the union and employers collapsed last week after six months of negotiations.\n"
    "Shipping lines Maersk and MSC said they would divert some cargo to Antwerp during the stoppage.\n"
    "The union has threatened further strikes in May if no agreement on job security is reached.\n";

// Paraphrased, reordered (sentences 3 and 5 swapped, 7 before 6), one sentence dropped,
// a headline and page furniture added.
constexpr char kRewrite[] =
    "Rotterdam dockers strike over automation\n"
    "Share this article\n"
    "Dockers in the port of Rotterdam started a two-day, 48-hour walkout on Monday in protest at plans to automate the container terminals.\n"
    "About 3,000 members of the FNV union walked out, the union said, stopping ships being loaded at the Maasvlakte terminals.\n"
    "ECT, the terminal operator, argued that automation was needed if it is to compete with Hamburg and Antwerp.\n"
    "Jan de Vries, a spokesman for the port authority, said dozens of ships were waiting at anchor off the Dutch coast.\n"
    "\"We will not accept the loss of hundreds of jobs to robots without guarantees,\" said union leader Ingrid Bakker.\n"
    "Maersk and MSC said they would divert part of their cargo to Antwerp while the stoppage lasts.\n"
    "Negotiations between employers and the union broke down last week after six months of talks.\n";

// A different article that quotes the same statement.
constexpr char kSharedQuote[] =
    "Union leaders across Europe are watching the automation dispute in Dutch ports closely.\n"
    "\"We will not accept the loss of hundreds of jobs to robots without guarantees,\" union leader Ingrid Bakker said this week.\n"
    "In Hamburg, the ver.di union has asked for a meeting with HHLA about its own terminal plans.\n"
    "Belgian unions in Antwerp said they would refuse to handle diverted cargo.\n"
    "Economists at ING estimate that automated terminals need 30 percent fewer workers.\n"
    "The European Transport Workers' Federation will discuss the issue at its congress in Brussels in June.\n";

TEST_F(RewriteTest, OptionsValidate) {
  EXPECT_TRUE(RewriteOptions{}.Validate().ok());
  EXPECT_FALSE(RewriteOptions{.sentence_threshold = 0.0}.Validate().ok());
  EXPECT_FALSE(RewriteOptions{.min_coverage = 1.5}.Validate().ok());
  EXPECT_FALSE(RewriteOptions{.min_sentence_terms = 0}.Validate().ok());
  EXPECT_FALSE(RewriteOptions{.min_aligned_sentences = 0}.Validate().ok());
}

TEST_F(RewriteTest, SentenceMatcherCases) {
  const struct {
    const char* a;
    const char* b;
    double min, max;
  } kCases[] = {
      {"The talks ended on Friday.", "The talks ended on Friday.", 1.0, 1.0},
      {"Dock workers began a strike on Monday over automation plans.",
       "On Monday dockers started striking over plans for automation.", 0.35, 0.8},
      {"Profits rose 12 percent to 4.5 billion dollars in 2023.",
       "Profits rose 15 percent to 5.1 billion dollars in 2022.", 0.0, 0.7},
      {"The central bank raised interest rates by half a point.",
       "Heavy rain flooded villages in the north of the country.", 0.0, 0.15},
      {"", "Anything at all.", 0.0, 0.0},
  };
  for (const auto& c : kCases) {
    const double s = Similarity(c.a, c.b);
    EXPECT_GE(s, c.min) << c.a << " | " << c.b;
    EXPECT_LE(s, c.max) << c.a << " | " << c.b;
    EXPECT_DOUBLE_EQ(s, Similarity(c.b, c.a));
  }
  // Changed figures cost more than changed wording.
  EXPECT_LT(Similarity("Sales rose 12 percent in 2023.", "Sales rose 15 percent in 2022."),
            Similarity("Sales rose 12 percent in 2023.", "Sales increased 12 percent in 2023."));
}

TEST_F(RewriteTest, DetectsReorderedParaphrasedRewrite) {
  const RewriteFeatures a = Extract(kOriginal), b = Extract(kRewrite);
  const RewriteScores s = ScoreRewrite(a, b, options_);
  EXPECT_TRUE(IsRewrite(s, options_)) << s.coverage_a << " " << s.coverage_b << " " << s.order;
  EXPECT_GE(s.aligned_a, 6u);
  EXPECT_GT(s.order, 0.6);
  // Symmetric decision.
  EXPECT_TRUE(IsRewrite(ScoreRewrite(b, a, options_), options_));
  // Offsets point at the aligned sentences.
  ASSERT_FALSE(s.pairs.empty());
  const std::string_view original(kOriginal);
  EXPECT_EQ(original.substr(s.pairs[0].a_begin, 10), "Dock worke");
  for (const AlignedSentences& p : s.pairs) {
    EXPECT_GE(p.similarity, options_.sentence_threshold);
    EXPECT_LT(p.a_begin, p.a_end);
    EXPECT_LT(p.b_begin, p.b_end);
  }
}

TEST_F(RewriteTest, SharedQuoteIsNotARewrite) {
  const RewriteFeatures a = Extract(kOriginal), b = Extract(kRewrite), c = Extract(kSharedQuote);
  for (const RewriteFeatures* x : {&a, &b}) {
    const RewriteScores s = ScoreRewrite(*x, c, options_);
    EXPECT_FALSE(IsRewrite(s, options_)) << s.coverage_a << " " << s.coverage_b;
    EXPECT_LE(s.aligned_a, 2u);
  }
}

TEST_F(RewriteTest, CommentBlockDoesNotSwamp) {
  std::string with_comments = kRewrite;
  with_comments += "17 Comments\n";
  for (int i = 0; i < 12; ++i) {
    with_comments += i % 2 ? "Great reporting, the union is right to fight automation of the port terminals.\n"
                           : "Great reporting, the union is right to fight the automation of port terminals!\n";
  }
  const RewriteFeatures a = Extract(kOriginal), b = Extract(with_comments);
  int repeats = 0;
  for (const auto& s : b.sentences) repeats += s.repeat_of >= 0;
  EXPECT_EQ(repeats, 11);
  EXPECT_TRUE(IsRewrite(ScoreRewrite(a, b, options_), options_));
}

TEST_F(RewriteTest, BoilerplateNeitherCreatesNorBreaksMatches) {
  const std::string furniture =
      "Subscribe to our newsletter for the latest business headlines every morning.\n"
      "Copyright 2025 Harbour Media Group, all rights reserved worldwide.\n"
      "Follow Harbour Media on social networks for breaking shipping news.\n";
  const RewriteFeatures clean_a = Extract(kOriginal);
  RewriteFeatures a = Extract(furniture + kOriginal);
  RewriteFeatures b = Extract(furniture + kRewrite);
  RewriteFeatures c = Extract(furniture + kSharedQuote);
  // The furniture sentences are in every document of a crawl.
  TermStats sentence_df("sentences");
  const std::vector<uint64_t> furniture_hashes = SentenceHashes(Extract(furniture));
  for (int i = 0; i < 20; ++i) sentence_df.Add(furniture_hashes);
  for (RewriteFeatures* f : {&a, &b, &c}) DropBoilerplate(sentence_df, options_, f);
  EXPECT_NEAR(a.total_weight(), clean_a.total_weight(), 1e-3);
  EXPECT_TRUE(IsRewrite(ScoreRewrite(a, b, options_), options_));
  const RewriteScores ac = ScoreRewrite(a, c, options_);
  EXPECT_FALSE(IsRewrite(ac, options_));
  EXPECT_LE(ac.aligned_a, 2u);
}

// Templated briefs: the same wording filled with other names and figures.
std::string Brief(const std::string& issuer, int amount, int year, const std::string& manager,
                  const std::string& place) {
  return issuer + " is issuing a " + std::to_string(amount) + " mln dlr eurobond due " + std::to_string(year) +
         " paying 8-1/4 pct and priced at par, lead manager " + manager + " said.\n" +
         "The non-callable bond is available in denominations of 5,000 dlrs and will be listed in " + place + ".\n" +
         "The selling concession is 1-1/4 pct while management and underwriting combined pays 5/8 pct.\n" +
         "The issue is guaranteed by the parent company " + issuer + " Holdings of " + place + ".\n";
}

TEST_F(RewriteTest, TemplatedBriefsAreNotRewritesOnceTemplatesAreCounted) {
  // Slots filled with rare names (the skeleton is the wording without rare terms and
  // numbers; a filler made of common words such as "Motor Credit" would change it: see
  // docs/rewrite.md, Limits).
  const std::vector<std::string> briefs = {
      Brief("Brierley", 100, 1992, "Paribas", "Luxembourg"),
      Brief("Westpac", 150, 1994, "Kleinwort", "Luxembourg"),
      Brief("Aegon", 200, 1993, "Nomura", "Luxembourg"),
      Brief("Eksportfinans", 50, 1990, "Yamaichi", "Luxembourg"),
      Brief("Genfinance", 75, 1997, "Enskilda", "Luxembourg"),
      Brief("Saab-Scania", 120, 1995, "Nikko", "Luxembourg"),
  };
  std::vector<RewriteFeatures> f;
  TermStats sentence_df("sentences");
  for (const std::string& b : briefs) {
    f.push_back(Extract(b));
    sentence_df.Add(SentenceHashes(f.back()));
  }
  // Before counting templates, two briefs look like rewrites of each other.
  EXPECT_TRUE(IsRewrite(ScoreRewrite(f[0], f[1], options_), options_));
  for (RewriteFeatures& x : f) DropBoilerplate(sentence_df, options_, &x);
  for (size_t i = 0; i < f.size(); ++i) {
    for (size_t j = i + 1; j < f.size(); ++j) {
      EXPECT_FALSE(IsRewrite(ScoreRewrite(f[i], f[j], options_), options_)) << i << " " << j;
    }
  }
}

TEST_F(RewriteTest, ShortItemsAlignedInFullAreRewrites) {
  // Two sentences each: below min_aligned_sentences, but every sentence is aligned.
  const RewriteFeatures a = Extract(
      "Toyota Motor Credit Corp is issuing a 100 mln dlr eurobond due 1992 paying 7-1/2 pct and priced at 101, "
      "lead manager Nomura International said.\n"
      "The bonds will be listed in Luxembourg and sold in denominations of 5,000 dlrs.\n");
  const RewriteFeatures b = Extract(
      "Nomura International said it is lead manager for a 100 mln dlr eurobond issued by Toyota Motor Credit "
      "Corp, due 1992, paying 7-1/2 pct and priced at 101.\n"
      "The bonds are to be listed in Luxembourg and sold in denominations of 5,000 dlrs.\n");
  const RewriteScores s = ScoreRewrite(a, b, options_);
  ASSERT_EQ(s.active_a, 2u);
  ASSERT_EQ(s.aligned_a, 2u) << s.coverage_a;
  EXPECT_TRUE(IsRewrite(s, options_));
  RewriteOptions strict = options_;
  strict.min_aligned_short = 0;
  EXPECT_FALSE(IsRewrite(s, strict));
  strict.min_aligned_short = 3;  // more than the item has
  EXPECT_FALSE(IsRewrite(s, strict));
}

TEST_F(RewriteTest, TemplateGateNeedsBothConflictAndForeignRareTerms) {
  // The decision itself, on scores that pass every other test.
  RewriteScores s;
  s.active_a = s.active_b = s.content_a = s.content_b = 5;
  s.aligned_a = s.aligned_b = 5;
  s.coverage_a = s.coverage_b = 1.0;
  s.order = 1.0;
  s.rare_containment_a = s.rare_containment_b = 0.9;
  EXPECT_TRUE(IsRewrite(s, options_));
  s.conflict_a = 0.6;  // other names in most aligned sentences...
  EXPECT_TRUE(IsRewrite(s, options_)) << "...but the rare terms are shared: a synonym swap";
  s.rare_containment_b = 0.3;  // and the rare terms are mostly not shared: a template
  EXPECT_FALSE(IsRewrite(s, options_));
  s.conflict_a = 0.1;
  EXPECT_TRUE(IsRewrite(s, options_)) << "names agree where sentences align: an expansion";
  s.conflict_b = 0.5;
  EXPECT_FALSE(IsRewrite(s, options_));
  RewriteOptions off = options_;
  off.template_rare_containment = 0;
  EXPECT_TRUE(IsRewrite(s, off));
  // A short item whose other sentences were dropped as boilerplate is not "short".
  s = RewriteScores{};
  s.active_a = s.aligned_a = 2;
  s.content_a = 4;
  s.active_b = s.aligned_b = s.content_b = 2;
  s.coverage_a = s.coverage_b = 1.0;
  s.order = 1.0;
  EXPECT_FALSE(IsRewrite(s, options_));
  s.content_a = 2;
  EXPECT_TRUE(IsRewrite(s, options_));
}

TEST_F(RewriteTest, SentencesWithConflictingNumbersDoNotAlign) {
  const RewriteFeatures a = Extract(
      "Profits at the Dutch brewer Heineken rose 12 percent to 4.5 billion euros in 2023, the company said.\n");
  const RewriteFeatures b = Extract(
      "Profits at the Dutch brewer Heineken rose 15 percent to 5.1 billion euros in 2022, the company said.\n");
  const RewriteFeatures c = Extract(
      "Dutch brewer Heineken said its profits rose 12 percent to 4.5 billion euros in 2023.\n");
  EXPECT_EQ(ScoreRewrite(a, b, options_).aligned_a, 0u);
  EXPECT_EQ(ScoreRewrite(a, c, options_).aligned_a, 1u);
}

TEST_F(RewriteTest, LongDocumentsStayFast) {
  // 6,000 sentences, each twice: a copy of itself is a rewrite, with every sentence matched
  // in order (the chain is computed in O(n log n), repeats in a bounded window).
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    const std::string n = std::to_string(i);
    text += "Report " + n + " covers harbour traffic number " + n + " and cargo volume " + n + ".\n";
    text += "Analysts said volume " + n + " matched forecast " + n + " for the port authority.\n";
  }
  const RewriteFeatures a = Extract(text);
  ASSERT_GT(a.sentences.size(), 5900u);  // lines this regular are unwrapped first (see UnwrapLines)
  const RewriteScores s = ScoreRewrite(a, a, options_);
  EXPECT_TRUE(IsRewrite(s, options_));
  EXPECT_NEAR(s.order, 1.0, 1e-9);
  EXPECT_NEAR(s.coverage_a, 1.0, 1e-9);
}

TEST_F(RewriteTest, TokensWithoutWordsGiveNoFeatures) {
#ifdef NDEBUG
  Tokenizer plain(TokenizerOptions{});
  TokenizedText tokens;
  const std::string text = kOriginal;
  plain.Tokenize(text, &tokens);
  RewriteFeatures f = Extract(kRewrite);
  ExtractRewriteFeatures(text, tokens, *stats_, options_, stemmer_.get(), &f);
  EXPECT_TRUE(f.sentences.empty());
#endif
}

TEST_F(RewriteTest, EmptyDocumentsAreNobodysRewrite) {
  const RewriteFeatures empty = Extract(""), a = Extract(kOriginal);
  EXPECT_FALSE(IsRewrite(ScoreRewrite(empty, a, options_), options_));
  EXPECT_FALSE(IsRewrite(ScoreRewrite(empty, empty, options_), options_));
}

TEST_F(RewriteTest, HardWrappedTextIsUnwrapped) {
  // The same two sentences wrapped at about 60 columns, as in Reuters.
  const std::string wrapped =
      "Dock workers at the port of Rotterdam began a 48-hour strike\n"
      "on Monday over plans to automate container terminals. The FNV\n"
      "union said about 3,000 members had walked out, halting the\n"
      "loading of ships at the Maasvlakte terminals on the first day.\n"
      "    Port authority spokesman Jan de Vries said dozens of vessels\n"
      "were waiting at anchor off the Dutch coast on Monday evening.\n";
  const RewriteFeatures f = Extract(wrapped);
  ASSERT_EQ(f.sentences.size(), 3u);
  EXPECT_EQ(wrapped.substr(f.sentences[1].begin, 7), "The FNV");
}

// The seed articles: 001, 002 and 003 are rewrites of one story; 000 (another article
// quoting the same statement) and 004 (a preview of the talks) are related to none.
TEST_F(RewriteTest, SeedArticles) {
  const std::map<std::string, std::string> kFiles = {
      {"000", "000_936ab31eb2f45218.txt"}, {"001", "001_04081f6c42232b4e.txt"},
      {"002", "002_934675ae537c4f87.txt"}, {"003", "003_62e9dcc1ba3d4df9.txt"},
      {"004", "004_9ecd5d1f8732297e.txt"}};
  std::map<std::string, RewriteFeatures> features;
  for (const auto& [name, file] : kFiles) {
    std::ifstream in(std::string(NEARDUP_SOURCE_DIR "/corpus/seeds/") + file);
    ASSERT_TRUE(in) << file;
    std::stringstream text;
    text << in.rdbuf();
    features[name] = Extract(text.str());
  }
  auto related = [](const std::string& x, const std::string& y) {
    const bool story = [](const std::string& n) { return n == "001" || n == "002" || n == "003"; }(x);
    return story && (y == "001" || y == "002" || y == "003");
  };
  for (const auto& [x, fx] : features) {
    for (const auto& [y, fy] : features) {
      if (x >= y) continue;
      const RewriteScores s = ScoreRewrite(fx, fy, options_);
      EXPECT_EQ(IsRewrite(s, options_), related(x, y))
          << x << "-" << y << ": coverage " << s.coverage_a << " " << s.coverage_b << " order " << s.order;
    }
  }
}

// ScoreRewriteIfPossible may stop early only where IsRewrite(ScoreRewrite) is false, and
// otherwise gives exactly ScoreRewrite's scores, whatever the thresholds: all pairs of the
// seed articles, the texts above and cut-down versions of each (partial coverage, near the
// bound), under a grid of options, with one scratch reused across pairs.
// Texts for the bound tests: the texts above, the seed articles and the first third and
// two thirds of each (partial coverage, near the bound).
std::vector<std::string> BoundTestTexts() {
  std::vector<std::string> texts = {kOriginal, kRewrite, kSharedQuote};
  for (const char* file : {"000_936ab31eb2f45218.txt", "001_04081f6c42232b4e.txt", "002_934675ae537c4f87.txt",
                           "003_62e9dcc1ba3d4df9.txt", "004_9ecd5d1f8732297e.txt"}) {
    texts.push_back(RewriteTest::ReadSeed(file));
  }
  for (size_t i = 0, n = texts.size(); i < n; ++i) {
    // The first third and the first two thirds of the lines.
    const std::string& t = texts[i];
    const size_t lines = static_cast<size_t>(std::count(t.begin(), t.end(), '\n'));
    for (const size_t keep : {lines / 3, 2 * lines / 3}) {
      size_t end = 0;
      for (size_t k = 0; k < keep && end != std::string::npos; ++k) end = t.find('\n', end + 1);
      if (end != std::string::npos && end > 0) texts.push_back(t.substr(0, end + 1));
    }
  }
  return texts;
}

// The grid of options the bound tests run under (81 settings).
std::vector<RewriteOptions> BoundTestOptions() {
  std::vector<RewriteOptions> grid;
  for (const double sentence_threshold : {0.3, 0.4, 0.55}) {
    for (const double min_coverage : {0.3, 0.5, 0.8}) {
      for (const double min_coverage_other : {0.0, 0.15, 0.5}) {
        for (const int min_aligned : {1, 3, 6}) {
          RewriteOptions o;
          o.sentence_threshold = sentence_threshold;
          o.min_coverage = min_coverage;
          o.min_coverage_other = min_coverage_other;
          o.min_aligned_sentences = min_aligned;
          grid.push_back(o);
        }
      }
    }
  }
  return grid;
}

TEST_F(RewriteTest, ScoreRewriteIfPossibleAgreesWithIsRewrite) {
  const std::vector<std::string> texts = BoundTestTexts();
  RewriteScratch scratch;
  RewriteScores fast;
  size_t stopped = 0, rewrites = 0, checked = 0;
  for (const RewriteOptions& grid_options : BoundTestOptions()) {
    options_ = grid_options;
    std::vector<RewriteFeatures> f;
    for (const std::string& t : texts) f.push_back(Extract(t));
    for (size_t i = 0; i < f.size(); ++i) {
      if (i % 2 == 0) f[i].CachePostings();  // both the cached and the built postings
      for (size_t j = 0; j < f.size(); ++j) {
        const RewriteScores full = ScoreRewrite(f[i], f[j], options_);
        const bool expected = IsRewrite(full, options_);
        rewrites += expected;
        ++checked;
        if (!ScoreRewriteIfPossible(f[i], f[j], options_, &scratch, &fast)) {
          EXPECT_FALSE(expected) << i << " " << j;
          ++stopped;
          continue;
        }
        EXPECT_EQ(IsRewrite(fast, options_), expected);
        EXPECT_EQ(fast.coverage_a, full.coverage_a);
        EXPECT_EQ(fast.coverage_b, full.coverage_b);
        EXPECT_EQ(fast.order, full.order);
        EXPECT_EQ(fast.aligned_a, full.aligned_a);
        EXPECT_EQ(fast.aligned_b, full.aligned_b);
        EXPECT_EQ(fast.weighted_jaccard, full.weighted_jaccard);
        EXPECT_EQ(fast.rare_containment_a, full.rare_containment_a);
        EXPECT_EQ(fast.rare_containment_b, full.rare_containment_b);
        EXPECT_EQ(fast.conflict_a, full.conflict_a);
        EXPECT_EQ(fast.conflict_b, full.conflict_b);
        EXPECT_EQ(fast.lede_a, full.lede_a);
        EXPECT_EQ(fast.lede_b, full.lede_b);
        EXPECT_EQ(fast.active_a, full.active_a);
        EXPECT_EQ(fast.active_b, full.active_b);
        ASSERT_EQ(fast.pairs.size(), full.pairs.size());
        for (size_t k = 0; k < full.pairs.size(); ++k) {
          EXPECT_EQ(fast.pairs[k].a, full.pairs[k].a);
          EXPECT_EQ(fast.pairs[k].b, full.pairs[k].b);
          EXPECT_EQ(fast.pairs[k].similarity, full.pairs[k].similarity);
          EXPECT_EQ(fast.pairs[k].idf_dice, full.pairs[k].idf_dice);
        }
        RewriteScores reused;
        ScoreRewrite(f[i], f[j], options_, &scratch, &reused);
        EXPECT_EQ(reused.coverage_a, full.coverage_a);
        EXPECT_EQ(reused.pairs.size(), full.pairs.size());
      }
    }
  }
  // The grid has both outcomes, and the bound does stop most negatives.
  EXPECT_GT(rewrites, 0u);
  EXPECT_GT(stopped, (checked - rewrites) / 2);
}

// RewriteMayHold on outlines (sentences and cached postings only, as a store reads a
// candidate first) rejects only pairs that ScoreRewriteIfPossible on the full features
// rejects too, under the same grid; and it still rejects some.
TEST_F(RewriteTest, RewriteMayHoldOnOutlinesRejectsOnlyWhatTheFullBoundRejects) {
  const std::vector<std::string> texts = BoundTestTexts();
  RewriteScratch scratch;
  RewriteScores scores;
  size_t full_stopped = 0, outline_stopped = 0;
  for (const RewriteOptions& grid_options : BoundTestOptions()) {
    options_ = grid_options;
    std::vector<RewriteFeatures> f, outline;
    for (const std::string& t : texts) {
      f.push_back(Extract(t));
      f.back().CachePostings();
      RewriteFeatures o = f.back();
      o.terms.clear();
      o.weights.clear();
      o.words.clear();
      o.grams.clear();
      o.numbers.clear();
      outline.push_back(std::move(o));
    }
    for (size_t i = 0; i < f.size(); ++i) {
      for (size_t j = 0; j < f.size(); ++j) {
        const bool full = ScoreRewriteIfPossible(f[i], f[j], options_, &scratch, &scores);
        const bool may = RewriteMayHold(outline[i], outline[j], options_, &scratch);
        if (full) EXPECT_TRUE(may) << i << " " << j;
        full_stopped += !full;
        outline_stopped += !may;
      }
    }
  }
  EXPECT_GT(outline_stopped * 10, full_stopped * 9);
  EXPECT_LE(outline_stopped, full_stopped);
}

// A TermWeightCache changes nothing in the features: the seed articles and the texts
// above, twice over with one cache (hits), and with a cache of 50 words (cleared often).
TEST_F(RewriteTest, TermWeightCacheGivesTheSameFeatures) {
  std::vector<std::string> texts = {kOriginal, kRewrite, kSharedQuote};
  for (const char* file : {"000_936ab31eb2f45218.txt", "002_934675ae537c4f87.txt", "004_9ecd5d1f8732297e.txt"}) {
    texts.push_back(ReadSeed(file));
  }
  // A sentence of more than 64 content words (weights looked up, not cached).
  std::string long_sentence;
  for (int k = 0; k < 90; ++k) long_sentence += "word" + std::to_string(k) + "x ";
  texts.push_back(long_sentence + "ends here.\n");
  TermWeightCache cache(stats_.get());
  TermWeightCache small(stats_.get(), 50);
  for (int round = 0; round < 2; ++round) {
    for (const std::string& text : texts) {
      TokenizedText tokens;
      tokenizer_.Tokenize(text, &tokens);
      const RewriteFeatures want = Extract(text);
      for (TermWeightCache* c : {&cache, &small}) {
        RewriteFeatures got;
        ExtractRewriteFeatures(text, tokens, *stats_, options_, stemmer_.get(), &got, c);
        EXPECT_EQ(got.terms, want.terms);
        EXPECT_EQ(got.weights, want.weights);
        EXPECT_EQ(got.words, want.words);
        EXPECT_EQ(got.grams, want.grams);
        EXPECT_EQ(got.numbers, want.numbers);
        ASSERT_EQ(got.sentences.size(), want.sentences.size());
        for (size_t i = 0; i < want.sentences.size(); ++i) {
          EXPECT_EQ(got.sentences[i].weight, want.sentences[i].weight);
          EXPECT_EQ(got.sentences[i].hash, want.sentences[i].hash);
          EXPECT_EQ(got.sentences[i].skeleton, want.sentences[i].skeleton);
          EXPECT_EQ(got.sentences[i].repeat_of, want.sentences[i].repeat_of);
          EXPECT_EQ(got.sentences[i].num_terms, want.sentences[i].num_terms);
        }
      }
    }
  }
}

}  // namespace
}  // namespace neardup
