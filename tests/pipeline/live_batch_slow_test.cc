// Issue 6's equivalence check at size: a generated corpus of 20,000 documents added one at
// a time to a live index clusters exactly as batch mode clusters it. The source articles
// are synthetic (tests do not read the shared data folder), but the planted copies are the
// generator's: furniture, light edits, excerpts, rewrites, comments, hard negatives.
#include <map>
#include <random>
#include <set>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "neardup/gen/generator.h"
#include "neardup/io/document_reader.h"
#include "neardup/pipeline/live_index.h"
#include "neardup/text/sentence.h"
#include "pipeline/test_corpus.h"

namespace neardup {
namespace {

using ClusterSets = std::set<std::set<std::string>>;

// Articles of 6 to 14 sentences over a Zipf-like vocabulary of made-up words, with names,
// figures, a templated sentence in some and a shared sign-off line in others (so that the
// template and boilerplate rules take part), on 8 topics over 20 days.
std::vector<SourceArticle> SyntheticArticles(int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const char* syllables[] = {"ka", "ro", "mi", "ten", "sul", "pa", "ver", "do", "lin", "gra",
                             "mo", "ste", "ri", "bal", "cor", "nu", "fe", "tra", "zan", "hol"};
  std::vector<std::string> vocab;
  for (int i = 0; i < 4000; ++i) {
    std::string w;
    for (int k = 0, len = 2 + i % 3; k < len; ++k) w += syllables[(i * 7 + k * 13 + i / 20) % 20];
    vocab.push_back(w + std::to_string(i % 7 == 0 ? i : 0).substr(0, i % 7 == 0 ? 4 : 0));
  }
  auto word = [&] {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return vocab[static_cast<size_t>(std::pow(u, 2.2) * static_cast<double>(vocab.size())) % vocab.size()];
  };
  std::vector<SourceArticle> out;
  for (int a = 0; a < n; ++a) {
    SourceArticle art;
    art.id = "src" + std::to_string(a);
    art.title = "Story " + std::to_string(a);
    art.topics = {"topic" + std::to_string(a % 8)};
    const int day = 1 + static_cast<int>(rng() % 20);
    art.day = absl::StrFormat("2025-11-%02d", day);
    art.published = art.day + "T10:00:00Z";
    const int sentences = 6 + static_cast<int>(rng() % 9);
    std::string text;
    for (int s = 0; s < sentences; ++s) {
      std::string sentence = "The " + word();
      const int len = 8 + static_cast<int>(rng() % 12);
      for (int k = 0; k < len; ++k) {
        if (rng() % 9 == 0) {
          sentence += " " + std::to_string(rng() % 5000);
        } else if (rng() % 11 == 0) {
          std::string name = word();
          name[0] = static_cast<char>(name[0] - 'a' + 'A');
          sentence += " " + name;
        } else {
          sentence += " " + word();
        }
      }
      text += sentence + ".\n";
    }
    if (a % 10 == 0) {
      text += "Company" + std::to_string(a) + " is issuing a " + std::to_string(50 + a % 200) +
              " mln dlr eurobond due " + std::to_string(1990 + a % 10) + ", lead manager Bank" +
              std::to_string(a % 13) + " said.\n";
    }
    if (a % 20 == 1) text += "Reporting by the wire desk in the capital, editing by the night staff.\n";
    art.text = text;
    art.sentences = static_cast<uint32_t>(SplitSentences(art.text).size());
    out.push_back(std::move(art));
  }
  return out;
}

TEST(LiveBatchEquivalenceTest, TwentyThousandGeneratedDocumentsClusterAsInBatchMode) {
  GenOptions gen;
  gen.docs = 20000;
  gen.seed = 6;
  std::string jsonl;
  auto stats = GenerateCorpus(SyntheticArticles(14000, 6), SynonymTable::Builtin(), gen,
                              [&](const GeneratedDoc& d) {
                                JsonWriter w;
                                w.BeginObject();
                                w.Key("id");
                                w.String(d.id);
                                w.Key("text");
                                w.String(d.text);
                                w.Key("published");
                                w.String(d.published);
                                w.EndObject();
                                jsonl += w.str() + "\n";
                                return absl::OkStatus();
                              });
  ASSERT_TRUE(stats.ok()) << stats.status();
  ASSERT_EQ(stats->docs, 20000u);
  ASSERT_GT(stats->by_kind["rewrite"], 500u);
  testing::TempFile corpus("corpus.jsonl", jsonl);

  DedupOptions options;  // the default: rewrite mode
  auto reader = OpenDocuments({corpus.path()}, options.reader);
  ASSERT_TRUE(reader.ok());
  auto batch = RunDedup(**reader, options);
  ASSERT_TRUE(batch.ok()) << batch.status();
  std::map<uint32_t, std::set<std::string>> by;
  size_t rewrites = 0;
  for (const ScoredEdge& e : batch->edges) rewrites += e.relation == Relation::kRewrite;
  for (uint32_t d = 0; d < batch->docs.size(); ++d) {
    by[batch->clustering.cluster_of[d]].insert(batch->docs[d].id);
  }
  ClusterSets want;
  for (auto& [k, members] : by) want.insert(members);
  ASSERT_GT(rewrites, 100u);  // the comparison covers rewrite edges, not only copies

  testing::TempFile tmp("x");
  auto index = LiveIndex::Open(tmp.dir() + "/db", LiveIndexOptions{});
  ASSERT_TRUE(index.ok()) << index.status();
  auto again = OpenDocuments({corpus.path()}, options.reader);
  ASSERT_TRUE(again.ok());
  Document d;
  while (true) {
    auto more = (*again)->Next(&d);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    ASSERT_TRUE((*index)->Add(std::move(d)).ok());
  }
  ClusterSets got;
  for (const LiveCluster& c : (*index)->Clusters()) got.insert({c.members.begin(), c.members.end()});
  EXPECT_EQ(got.size(), want.size());
  EXPECT_TRUE(got == want);
}

}  // namespace
}  // namespace neardup
