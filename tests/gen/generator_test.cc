#include "neardup/gen/generator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "absl/strings/match.h"
#include "gen/test_articles.h"
#include "neardup/gen/edits.h"

namespace neardup {
namespace {

std::vector<GeneratedDoc> Generate(const std::vector<SourceArticle>& articles, const GenOptions& options,
                                   GenStats* stats = nullptr) {
  std::vector<GeneratedDoc> docs;
  auto s = GenerateCorpus(articles, SynonymTable::Builtin(), options, [&](const GeneratedDoc& d) {
    docs.push_back(d);
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s.status();
  if (stats != nullptr && s.ok()) *stats = *s;
  return docs;
}

GenOptions Small() {
  GenOptions o;
  o.docs = 10;
  o.copy_rate = 0.5;
  o.max_copies = 5;
  o.hard_negative_rate = 1.0;
  o.seed = 42;
  return o;
}

std::string Serialise(const std::vector<GeneratedDoc>& docs) {
  std::string out;
  for (const GeneratedDoc& d : docs) {
    AppendCorpusRecord(d, &out);
    AppendGoldRecord(d, &out);
  }
  return out;
}

TEST(GeneratorTest, DeterministicForASeedAndThreadCount) {
  const auto articles = testing::Articles();
  GenOptions o = Small();
  const std::string a = Serialise(Generate(articles, o));
  o.threads = 4;
  EXPECT_EQ(Serialise(Generate(articles, o)), a);
  o.seed = 43;
  EXPECT_NE(Serialise(Generate(articles, o)), a);
}

TEST(GeneratorTest, PlantsTheRequestedShareOfCopiesWithGoldLabels) {
  const auto articles = testing::Articles();
  GenStats stats;
  const std::vector<GeneratedDoc> docs = Generate(articles, Small(), &stats);
  ASSERT_EQ(docs.size(), 10u);
  EXPECT_EQ(stats.copies, 5u);
  std::set<std::string> ids;
  std::map<std::string, std::vector<const GeneratedDoc*>> clusters;
  for (const GeneratedDoc& d : docs) {
    EXPECT_TRUE(ids.insert(d.id).second) << d.id;
    clusters[d.cluster].push_back(&d);
  }
  int copies = 0;
  for (const auto& [label, members] : clusters) {
    const GeneratedDoc* original = nullptr;
    for (const GeneratedDoc* d : members) {
      if (d->relation == "original") original = d;
    }
    for (const GeneratedDoc* d : members) {
      if (d->relation == "original") continue;
      if (d->relation == "none" || d->relation == "hard_negative") {
        EXPECT_EQ(members.size(), 1u) << "an untouched article is a cluster of its own";
        continue;
      }
      ++copies;
      ASSERT_NE(original, nullptr) << "copy " << d->id << " without an original in " << label;
      // Each kind's text relates to its original as its relation says.
      if (d->kind == "furniture" || d->kind == "comments") {
        for (const std::string& s : SentencesOf(original->text)) EXPECT_TRUE(absl::StrContains(d->text, s));
        EXPECT_EQ(d->relation, "near_duplicate");
      } else if (d->kind == "excerpt") {
        EXPECT_TRUE(absl::StrContains(original->text, d->text));
        EXPECT_LT(d->text.size(), original->text.size());
        EXPECT_EQ(d->relation, "contained");
      } else if (d->kind == "rewrite") {
        EXPECT_NE(SentencesOf(d->text), SentencesOf(original->text));
        EXPECT_EQ(d->relation, "rewrite");
      } else {
        EXPECT_EQ(d->kind, "light_edit");
        EXPECT_EQ(d->relation, "near_duplicate");
        EXPECT_NE(d->text, original->text);
      }
      EXPECT_GT(d->published, original->published) << "copies appear after their original";
      EXPECT_NE(d->source, original->source);
    }
  }
  EXPECT_EQ(copies, 5);
  // With five copies per original and five kinds, every kind is planted.
  for (const char* kind : {"furniture", "light_edit", "excerpt", "rewrite", "comments"}) {
    EXPECT_GE(stats.by_kind[kind], 1u) << kind;
  }
}

TEST(GeneratorTest, HardNegativesShareTopicAndDayButNotCluster) {
  const auto articles = testing::Articles();
  GenOptions o = Small();
  o.docs = 12;
  o.max_copies = 1;
  const std::vector<GeneratedDoc> docs = Generate(articles, o);
  std::map<std::string, const SourceArticle*> by_text;
  for (const SourceArticle& a : articles) by_text[a.text] = &a;
  std::map<std::string, const GeneratedDoc*> originals;  // by cluster
  for (const GeneratedDoc& d : docs) if (d.relation == "original") originals[d.cluster] = &d;
  int negatives = 0;
  for (const GeneratedDoc& d : docs) {
    if (d.relation != "hard_negative") continue;
    ++negatives;
    const SourceArticle* mine = by_text.at(d.text);
    // Some original shares its topic and day.
    bool matched = false;
    for (const auto& [cluster, o] : originals) {
      const SourceArticle* theirs = by_text.at(o->text);
      matched |= cluster != d.cluster && theirs != mine && theirs->day == mine->day && theirs->topics == mine->topics;
    }
    EXPECT_TRUE(matched) << d.id;
  }
  EXPECT_GE(negatives, 1);
}

TEST(GeneratorTest, KindsSubsetAndErrors) {
  const auto articles = testing::Articles();
  GenOptions o = Small();
  ASSERT_TRUE(ParseKinds("excerpt", &o.kinds, &o.hard_negatives).ok());
  for (const GeneratedDoc& d : Generate(articles, o)) {
    EXPECT_THAT(d.kind, ::testing::AnyOf("excerpt", "original", "none"));
  }
  EXPECT_FALSE(ParseKinds("excerpt,typo", &o.kinds, &o.hard_negatives).ok());
  o.docs = 100;  // twelve articles cannot make 100 documents without tiling
  auto s = GenerateCorpus(articles, SynonymTable::Builtin(), o, [](const GeneratedDoc&) { return absl::OkStatus(); });
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()), ::testing::HasSubstr("--target-bytes"));
  o.copy_rate = 2;
  EXPECT_FALSE(o.Validate().ok());
}

TEST(GeneratorTest, TargetBytesTilesArticlesToSize) {
  const auto articles = testing::Articles();
  GenOptions o = Small();
  o.docs = 200;
  o.copy_rate = 0.3;
  o.target_bytes = 2000;
  GenStats stats;
  const std::vector<GeneratedDoc> docs = Generate(articles, o, &stats);
  ASSERT_EQ(docs.size(), 200u);
  EXPECT_EQ(stats.copies, 60u);
  for (const GeneratedDoc& d : docs) {
    if (d.kind == "original" || d.kind == "none") {
      EXPECT_GE(d.text.size(), 1500u);
      EXPECT_LE(d.text.size(), 2300u);
    }
  }
}

TEST(GeneratorTest, SinkErrorsStopGeneration) {
  const auto articles = testing::Articles();
  auto s = GenerateCorpus(articles, SynonymTable::Builtin(), Small(),
                          [](const GeneratedDoc&) { return absl::DataLossError("disk full"); });
  EXPECT_EQ(s.status().code(), absl::StatusCode::kDataLoss);
}

TEST(GeneratorTest, RecordsAreJson) {
  GeneratedDoc d;
  d.id = "g1";
  d.text = "a \"quoted\"\nline";
  d.cluster = "c0";
  d.relation = "original";
  d.kind = "original";
  std::string out;
  AppendCorpusRecord(d, &out);
  EXPECT_EQ(out, "{\"id\":\"g1\",\"text\":\"a \\\"quoted\\\"\\nline\",\"title\":\"\",\"published\":\"\",\"source\":\"\"}\n");
  out.clear();
  AppendGoldRecord(d, &out);
  EXPECT_EQ(out, "g1\tc0\toriginal\toriginal\n");
}

}  // namespace
}  // namespace neardup
