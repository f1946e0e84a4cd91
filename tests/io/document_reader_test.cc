#include "neardup/io/document_reader.h"

#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/io_test_util.h"

namespace neardup {
namespace {

using ::neardup::testing::GzipMember;
using ::neardup::testing::TempPath;
using ::neardup::testing::WarcRecordBytes;
using ::neardup::testing::WriteFile;
using ::neardup::testing::ZstdFrame;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using ::neardup::testing::ReadAll;

ReadAll Read(const std::vector<std::string>& paths) {
  return neardup::testing::ReadAllDocuments(paths);
}

std::string Line(int i) {
  return "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"text of document " + std::to_string(i) +
         "\"}\n";
}

TEST(DocumentReader, CompressedJsonLinesReadLikePlain) {
  std::string plain;
  std::string gz;
  std::string zst;
  for (int i = 0; i < 30; ++i) {
    plain += Line(i);
    gz += GzipMember(Line(i));
    zst += ZstdFrame(Line(i));
  }
  const std::string dir = TempPath("dir");
  std::filesystem::create_directories(dir + "/sub");
  WriteFile(dir + "/a.jsonl", plain);
  WriteFile(dir + "/sub/b.jsonl.gz", gz);
  WriteFile(dir + "/sub/c.ndjson.zst", zst);
  WriteFile(dir + "/ignored.bin", "x");
  const ReadAll all = Read({dir});
  EXPECT_THAT(all.errors, ::testing::IsEmpty());
  ASSERT_EQ(all.docs.size(), 90u);
  // Same documents from each file; ids repeat, which only the pipeline rejects.
  for (size_t i = 0; i < 30; ++i) {
    EXPECT_EQ(all.docs[i].id, all.docs[30 + i].id);
    EXPECT_EQ(all.docs[i].text, all.docs[60 + i].text);
  }
}

// Damage in one gzip member of a JSON Lines file costs the lines of that member only.
TEST(DocumentReader, CorruptGzipMemberInJsonLines) {
  std::string gz;
  size_t damaged_start = 0;
  for (int i = 0; i < 20; ++i) {
    // Members of three lines, as a writer that flushes per block would make them.
    if (i % 3 != 0) continue;
    if (i == 9) damaged_start = gz.size();
    gz += GzipMember(Line(i) + Line(i + 1) + Line(i + 2));
  }
  gz[damaged_start + 30] ^= 0x21;
  const std::string path = TempPath("corrupt.jsonl.gz");
  WriteFile(path, gz);
  const ReadAll got = Read({path});
  ASSERT_GE(got.errors.size(), 1u);
  EXPECT_THAT(got.errors[0], HasSubstr(path + ": byte "));
  for (int i = 0; i < 21; ++i) {
    const bool in_damaged = i >= 9 && i < 12;
    if (in_damaged) continue;
    EXPECT_THAT(got.ids(), ::testing::Contains("d" + std::to_string(i)));
  }
}

TEST(DocumentReader, FormatFoundByContent) {
  const std::string warc = TempPath("crawl.data");
  WriteFile(warc, GzipMember(WarcRecordBytes(
                      {{"WARC-Type", "conversion"}, {"WARC-Record-ID", "<urn:x>"}}, "hello")));
  const std::string jsonl = TempPath("feed.log");
  WriteFile(jsonl, ZstdFrame(Line(1)));
  const ReadAll got = Read({warc, jsonl});
  EXPECT_THAT(got.ids(), ElementsAre("urn:x", "d1"));
  EXPECT_THAT(got.texts(), ElementsAre("hello", "text of document 1"));
}

TEST(DocumentReader, HtmlFieldBecomesText) {
  const std::string path = TempPath("html.jsonl");
  WriteFile(path,
            "{\"id\":\"h\",\"html\":\"<nav>menu</nav><p>First.</p><p>Second.</p>\"}\n"
            "{\"id\":\"t\",\"text\":\"plain\",\"html\":\"<p>ignored</p>\"}\n");
  const ReadAll got = Read({path});
  EXPECT_THAT(got.texts(), ElementsAre("First.\n\nSecond.", "plain"));
}

// A record parsed elsewhere (an HTTP body) reads as the same line read from a file.
TEST(ParseJsonObject, ReadsAParsedRecordAsParseJsonRecordReadsItsLine) {
  std::string line =
      R"({"id": 7, "text": "Body.", "title": "T", "url": "u", "source": "s",)"
      R"( "published": "2026-11-23T10:00:00Z", "other": [1]})";
  line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  const SourceLocation where{"body", 0, 0};
  Document from_line, from_object;
  ASSERT_TRUE(ParseJsonRecord(line, where, ReaderOptions{}, &from_line).ok());
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(line).get(root), simdjson::SUCCESS);
  ASSERT_TRUE(ParseJsonObject(root, where, ReaderOptions{}, &from_object).ok());
  EXPECT_EQ(from_object.id, "7");
  EXPECT_EQ(from_object.text, "Body.");
  EXPECT_EQ(from_object.title, from_line.title);
  EXPECT_EQ(from_object.url, from_line.url);
  EXPECT_EQ(from_object.source, from_line.source);
  EXPECT_EQ(from_object.published, from_line.published);
  ASSERT_TRUE(from_object.published_time.has_value());
  EXPECT_EQ(from_object.published_time, from_line.published_time);

  ASSERT_EQ(parser.parse(std::string(R"(["not", "an", "object"])")).get(root), simdjson::SUCCESS);
  const absl::Status not_object = ParseJsonObject(root, where, ReaderOptions{}, &from_object);
  EXPECT_THAT(std::string(not_object.message()), HasSubstr("not a JSON object"));
  ASSERT_EQ(parser.parse(std::string(R"({"id": "x"})")).get(root), simdjson::SUCCESS);
  const absl::Status no_text = ParseJsonObject(root, where, ReaderOptions{}, &from_object);
  EXPECT_THAT(std::string(no_text.message()), HasSubstr("missing \"text\""));
}

TEST(ExpandInputs, GlobsAndInputLists) {
  const std::string dir = TempPath("glob");
  std::filesystem::create_directories(dir);
  for (const char* name : {"b.jsonl", "a.jsonl", "c.warc.gz", "notes.md"}) {
    WriteFile(dir + "/" + name, "");
  }
  auto files = ExpandInputs({dir + "/*.jsonl"});
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].path, dir + "/a.jsonl");
  EXPECT_EQ((*files)[1].path, dir + "/b.jsonl");

  auto walked = ExpandInputs({dir});
  ASSERT_TRUE(walked.ok());
  ASSERT_EQ(walked->size(), 3u);
  EXPECT_EQ((*walked)[2].format, InputFormat::kWarc);

  auto none = ExpandInputs({dir + "/*.nothing"});
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.status().message(), HasSubstr("no file matches"));

  const std::string list = TempPath("list.txt");
  WriteFile(list, "# inputs\n" + dir + "/a.jsonl\n\n  " + dir + "/c.warc.gz  \n");
  auto listed = ReadInputList(list);
  ASSERT_TRUE(listed.ok());
  EXPECT_THAT(*listed, ElementsAre(dir + "/a.jsonl", dir + "/c.warc.gz"));
  EXPECT_FALSE(ReadInputList(dir + "/missing").ok());
}

}  // namespace
}  // namespace neardup
