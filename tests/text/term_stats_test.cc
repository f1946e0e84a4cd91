#include "neardup/text/term_stats.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "neardup/text/stemmer.h"

#ifndef NEARDUP_SOURCE_DIR
#error "NEARDUP_SOURCE_DIR must be defined"
#endif

namespace neardup {
namespace {

constexpr char kIdentity[] = "snowball-english+stop-en1";

TermStats MakeStats() {
  TermStats stats(kIdentity);
  stats.AddStems(std::vector<std::string>{"gaza", "talk", "talk", "miami"});
  stats.AddStems(std::vector<std::string>{"gaza", "talk"});
  stats.AddStems(std::vector<std::string>{"gaza", "reuter"});
  return stats;
}

TEST(TermStatsTest, CountsDocumentFrequency) {
  const TermStats stats = MakeStats();
  EXPECT_EQ(stats.documents(), 3u);
  EXPECT_EQ(stats.Df(TermHash("gaza")), 3u);
  EXPECT_EQ(stats.Df(TermHash("talk")), 2u);  // twice in one document counts once
  EXPECT_EQ(stats.Df(TermHash("unseen")), 0u);
  EXPECT_NEAR(stats.Idf(TermHash("unseen")), std::log(4.0 / 0.5), 1e-6);
  EXPECT_NEAR(stats.Idf(TermHash("gaza")), std::log(4.0 / 3.5), 1e-6);
  EXPECT_GT(stats.Idf(TermHash("miami")), stats.Idf(TermHash("talk")));
}

TEST(TermStatsTest, AddSortedCountsAndGivesTheNewFrequencies) {
  TermStats stats = MakeStats();
  const std::vector<uint64_t> terms = [] {
    std::vector<uint64_t> t = {TermHash("gaza"), TermHash("new"), TermHash("talk")};
    std::sort(t.begin(), t.end());
    return t;
  }();
  std::vector<uint32_t> dfs;
  stats.AddSorted(terms, &dfs);
  EXPECT_EQ(stats.documents(), 4u);
  ASSERT_EQ(dfs.size(), terms.size());
  for (size_t i = 0; i < terms.size(); ++i) EXPECT_EQ(dfs[i], stats.Df(terms[i]));
  EXPECT_EQ(stats.Df(TermHash("gaza")), 4u);
  EXPECT_EQ(stats.Df(TermHash("new")), 1u);
}

// MaxDfWithIdfAtLeast is the boundary of the Idf test: Idf >= idf exactly up to it, at
// thresholds on and between the float values Idf takes.
TEST(TermStatsTest, MaxDfWithIdfAtLeastIsWhereIdfFallsBelow) {
  for (const int documents : {0, 1, 7, 1000, 20000}) {
    TermStats stats(kIdentity);
    for (int d = 0; d < documents; ++d) stats.Add(std::vector<uint64_t>{});
    const uint32_t last_df = static_cast<uint32_t>(documents) + 2;
    std::vector<double> thresholds = {0.0, 0.5, 2.0, 4.0, 6.0, 50.0};
    for (uint32_t df = 0; df <= last_df; df += 1 + df / 50) {
      const double idf = stats.IdfOfDf(df);
      thresholds.push_back(idf);
      thresholds.push_back(std::nextafter(idf, 0.0));
      thresholds.push_back(std::nextafter(idf, 100.0));
    }
    for (const double t : thresholds) {
      const int64_t max_df = stats.MaxDfWithIdfAtLeast(t);
      for (uint32_t df = 0; df <= last_df; ++df) {
        ASSERT_EQ(static_cast<double>(stats.IdfOfDf(df)) >= t, int64_t{df} <= max_df)
            << documents << " documents, threshold " << t << ", df " << df;
      }
    }
  }
  // No term reaches an Idf above that of an unseen one.
  EXPECT_EQ(MakeStats().MaxDfWithIdfAtLeast(std::log(4.0 / 0.5) + 0.1), -1);
}

TEST(TermStatsTest, WriteReadRoundTrip) {
  const TermStats stats = MakeStats();
  std::stringstream file;
  ASSERT_TRUE(stats.Write(file, /*min_df=*/2).ok());
  EXPECT_EQ(file.str(),
            "neardup-df\t1\ttokenizer=nfkc-casefold-v1\tstemmer=snowball-english+stop-en1\tN=3\n"
            "gaza\t3\ntalk\t2\n");
  absl::StatusOr<TermStats> read = TermStats::Read(file, "mem", kIdentity);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->documents(), 3u);
  EXPECT_EQ(read->Df(TermHash("gaza")), 3u);
  EXPECT_EQ(read->Df(TermHash("talk")), 2u);
  EXPECT_EQ(read->Df(TermHash("miami")), 0u);  // below min_df: left out
  read->Add(std::vector<uint64_t>{TermHash("talk")});
  EXPECT_EQ(read->Df(TermHash("talk")), 3u);
  EXPECT_EQ(read->documents(), 4u);
}

TEST(TermStatsTest, RejectsOtherVersionsAndIdentities) {
  const struct {
    const char* text;
    const char* error;
  } kCases[] = {
      {"", "empty file"},
      {"word\t3\n", "not a neardup-df table"},
      {"neardup-df\t2\ttokenizer=nfkc-casefold-v1\tstemmer=snowball-english+stop-en1\tN=3\n", "format version"},
      {"neardup-df\t1\ttokenizer=other\tstemmer=snowball-english+stop-en1\tN=3\n", "tokenizer other"},
      {"neardup-df\t1\ttokenizer=nfkc-casefold-v1\tstemmer=snowball-german+nostop\tN=3\n", "stemmer snowball-german"},
      {"neardup-df\t1\ttokenizer=nfkc-casefold-v1\tstemmer=snowball-english+stop-en1\tN=x\n", "not a number"},
      {"neardup-df\t1\ttokenizer=nfkc-casefold-v1\tstemmer=snowball-english+stop-en1\tN=3\ngaza\tmany\n", "mem:2:"},
      {"neardup-df\t1\ttokenizer=nfkc-casefold-v1\tstemmer=snowball-english+stop-en1\tN=3\ngaza\t9\n", "exceeds N"},
  };
  for (const auto& c : kCases) {
    std::stringstream file(c.text);
    absl::StatusOr<TermStats> read = TermStats::Read(file, "mem", kIdentity);
    ASSERT_FALSE(read.ok()) << c.text;
    EXPECT_NE(read.status().message().find(c.error), std::string::npos) << read.status();
  }
}

TEST(TermStatsTest, LoadsTheCommittedTable) {
  absl::StatusOr<Stemmer> stemmer = Stemmer::Create(StemmerOptions{});
  ASSERT_TRUE(stemmer.ok());
  absl::StatusOr<TermStats> stats =
      TermStats::Load(NEARDUP_SOURCE_DIR "/data/df_table_v1.tsv", stemmer->Identity());
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_GT(stats->documents(), 20000u);
  EXPECT_GT(stats->terms(), 10000u);
  EXPECT_LT(stats->Idf(TermHash("said")), 1.0f);
  EXPECT_GT(stats->Idf(TermHash(stemmer->Stem("ceasefire"))), 5.0f);
  EXPECT_FALSE(TermStats::Load(NEARDUP_SOURCE_DIR "/data/no_such_table.tsv", stemmer->Identity()).ok());
}

}  // namespace
}  // namespace neardup
