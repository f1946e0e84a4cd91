#include "neardup/io/label_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace neardup {
namespace {

std::string WriteTemp(const std::string& name, const std::string& content) {
  const std::string path = ::testing::TempDir() + "/label_file_test_" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(LabelFileTest, ReadsTsvWithHeaderCommentsAndRelation) {
  const std::string path =
      WriteTemp("gold.tsv", "# gold\nid\tcluster\trelation\na\tc1\toriginal\r\n\nb\tc1\trewrite\nc\tc2\tnone\n");
  auto f = ReadLabelFile(path, LabelFileOptions{});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->format, LabelFile::Format::kTsv);
  EXPECT_TRUE(f->has_relation);
  ASSERT_EQ(f->records.size(), 3u);
  EXPECT_EQ(f->records[0].id, "a");
  EXPECT_EQ(f->records[1].cluster, "c1");
  EXPECT_EQ(f->records[1].relation, "rewrite");
  EXPECT_EQ(f->records[2].relation, "none");
}

TEST(LabelFileTest, ReadsVerdictJsonLines) {
  const std::string path = WriteTemp(
      "pred.jsonl",
      "{\"id\":\"a\",\"cluster\":0,\"representative\":\"a\",\"duplicate_of\":null}\n"
      "{\"id\":7,\"cluster\":0,\"representative\":\"a\",\"duplicate_of\":{\"id\":\"a\"}}\n");
  auto f = ReadLabelFile(path, LabelFileOptions{});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->format, LabelFile::Format::kVerdicts);
  EXPECT_FALSE(f->has_relation);
  ASSERT_EQ(f->records.size(), 2u);
  EXPECT_EQ(f->records[1].id, "7");
  EXPECT_EQ(f->records[1].cluster, "0");
}

TEST(LabelFileTest, ErrorsNameFileAndLine) {
  struct Case {
    std::string content;
    std::string message;
  };
  const Case cases[] = {
      {"a\t1\nb\n", ":2: expected id<TAB>cluster"},
      {"a\t1\na\t2\n", ":2: repeated id \"a\""},
      {"a\t1\tx\nb\t1\n", ":2: relation column 3 missing"},
      {"{\"id\":\"a\"}\n", ":1: record has no string or integer \"cluster\""},
      {"{\"id\":\"a\",\"cluster\":1}\n{oops\n", ":2: malformed JSON"},
  };
  for (const Case& c : cases) {
    const std::string path = WriteTemp("bad", c.content);
    auto f = ReadLabelFile(path, LabelFileOptions{});
    ASSERT_FALSE(f.ok()) << c.content;
    EXPECT_NE(std::string(f.status().message()).find(path + c.message), std::string::npos) << f.status();
  }
  EXPECT_FALSE(ReadLabelFile(::testing::TempDir() + "/no-such-file", LabelFileOptions{}).ok());
}

TEST(LabelFileTest, ReadsIdPairs) {
  auto pairs = ReadIdPairs(WriteTemp("pairs.tsv", "# known\na\tb\nc\td\textra\n"));
  ASSERT_TRUE(pairs.ok()) << pairs.status();
  ASSERT_EQ(pairs->size(), 2u);
  EXPECT_EQ((*pairs)[1].first, "c");
  EXPECT_EQ((*pairs)[1].second, "d");
  EXPECT_FALSE(ReadIdPairs(WriteTemp("pairs_bad.tsv", "a\n")).ok());
}

}  // namespace
}  // namespace neardup
