// End-to-end runs of `neardup gen` and `neardup eval` on small inline articles.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "gen/test_articles.h"
#include "neardup/base/json_writer.h"

namespace neardup {
namespace {

using ::testing::HasSubstr;

// A folder of the running test's own: ctest runs the tests of this file in parallel
// processes, which must not share the input, stdout or stderr files.
std::string Dir() {
  return ::testing::TempDir() + "/gen_command_test_" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the neardup binary with `args`; returns its exit status, stdout in `*out`.
int RunNeardup(const std::string& args, std::string* out = nullptr) {
  const std::string stdout_path = Dir() + "/stdout";
  const std::string cmd = std::string(NEARDUP_BINARY) + " " + args + " >" + stdout_path + " 2>" + Dir() + "/stderr";
  const int status = std::system(cmd.c_str());
  if (out != nullptr) *out = Slurp(stdout_path);
  return status;
}

std::string WriteArticles() {
  std::string path = Dir() + "/articles.jsonl";
  std::ofstream out(path, std::ios::binary);
  for (const SourceArticle& a : testing::Articles()) {
    std::string line = "{\"id\":";
    AppendJsonString(a.id, &line);
    line += ",\"title\":";
    AppendJsonString(a.title, &line);
    line += ",\"topics\":[";
    AppendJsonString(a.topics[0], &line);
    line += "],\"date\":";
    AppendJsonString(a.published, &line);
    line += ",\"text\":";
    AppendJsonString(a.text, &line);
    out << line << "}\n";
  }
  return path;
}

class GenCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(std::system(("mkdir -p " + Dir()).c_str()), 0);
    input_ = WriteArticles();
  }
  // The inline articles are variants of one template, near-duplicates of each other:
  // keep them all, or only one would be left to generate from.
  std::string Gen(const std::string& name, const std::string& extra) {
    EXPECT_EQ(RunNeardup("gen " + input_ + " --docs 10 --copy-rate 0.5 --seed 3 --wordnet '' -q --keep-near-duplicates -o " +
                  Dir() + "/" + name +
                  ".jsonl --gold " + Dir() + "/" + name + ".tsv " + extra),
              0)
        << Slurp(Dir() + "/stderr");
    return Dir() + "/" + name;
  }
  std::string input_;
};

TEST_F(GenCommandTest, SameSeedSameFilesForAnyThreadCount) {
  const std::string a = Gen("a", "--threads 1");
  const std::string b = Gen("b", "--threads 3");
  EXPECT_EQ(Slurp(a + ".jsonl"), Slurp(b + ".jsonl"));
  EXPECT_EQ(Slurp(a + ".tsv"), Slurp(b + ".tsv"));
  EXPECT_THAT(Slurp(a + ".tsv"), ::testing::StartsWith("id\tcluster\trelation\tkind\n"));
  const std::string corpus = Slurp(a + ".jsonl");
  EXPECT_EQ(std::count(corpus.begin(), corpus.end(), '\n'), 10);
}

TEST_F(GenCommandTest, GoldScoresPerfectlyAgainstItself) {
  const std::string g = Gen("self", "");
  std::string out;
  ASSERT_EQ(RunNeardup("eval --json --gold " + g + ".tsv " + g + ".tsv", &out), 0);
  EXPECT_THAT(out, HasSubstr("\"adjusted_rand\":1,"));
  EXPECT_THAT(out, HasSubstr("\"pairwise\":{\"precision\":1,\"recall\":1,\"f1\":1}"));
  ASSERT_EQ(RunNeardup("eval --gold " + g + ".tsv " + g + ".tsv", &out), 0);
  EXPECT_THAT(out, HasSubstr("adjusted Rand      1.0000"));
  EXPECT_THAT(out, HasSubstr("original"));
}

TEST_F(GenCommandTest, EvalReportsMissingDocuments) {
  const std::string g = Gen("missing", "");
  std::ofstream(Dir() + "/pred.tsv") << "g00000000\t1\n";
  EXPECT_NE(RunNeardup("eval --gold " + g + ".tsv " + Dir() + "/pred.tsv"), 0);
  EXPECT_THAT(Slurp(Dir() + "/stderr"), HasSubstr("9 document(s)"));
  std::string out;
  ASSERT_EQ(RunNeardup("eval --missing singleton --json --gold " + g + ".tsv " + Dir() + "/pred.tsv", &out), 0);
  EXPECT_THAT(out, HasSubstr("\"only_in_gold\":9"));
  EXPECT_THAT(out, HasSubstr("\"pairwise\":{\"precision\":1,\"recall\":0,"));
}

// The twelve inline articles are near-duplicates of the first (5-shingle Jaccard about
// 0.55): by default all but it are dropped, and the summary says so.
TEST_F(GenCommandTest, DropsNearDuplicateInputArticlesUnlessKept) {
  const std::string args = "gen " + input_ + " --docs 1 --copy-rate 0 --wordnet '' -o " + Dir() + "/nd.jsonl --gold " +
                           Dir() + "/nd.tsv";
  ASSERT_EQ(RunNeardup(args), 0) << Slurp(Dir() + "/stderr");
  EXPECT_THAT(Slurp(Dir() + "/stderr"),
              HasSubstr("12 input articles (1 used: 0 too short, 0 repeats, 11 near-duplicates dropped)"));
  ASSERT_EQ(RunNeardup(args + " --keep-near-duplicates"), 0) << Slurp(Dir() + "/stderr");
  EXPECT_THAT(Slurp(Dir() + "/stderr"),
              HasSubstr("12 input articles (12 used: 0 too short, 0 repeats, 0 near-duplicates dropped)"));
}

TEST_F(GenCommandTest, HelpTeachesWithExamples) {
  std::string out;
  ASSERT_EQ(RunNeardup("gen --help", &out), 0);
  EXPECT_THAT(out, HasSubstr("Examples:"));
  EXPECT_THAT(out, HasSubstr("--target-bytes"));
  ASSERT_EQ(RunNeardup("eval --help", &out), 0);
  EXPECT_THAT(out, HasSubstr("Examples:"));
  EXPECT_NE(RunNeardup("gen " + input_ + " --docs 10 --kinds bogus -o /dev/null --gold /dev/null"), 0);
  EXPECT_THAT(Slurp(Dir() + "/stderr"), HasSubstr("unknown kind \"bogus\""));
}

}  // namespace
}  // namespace neardup
