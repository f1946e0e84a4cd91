#include "neardup/io/corpus_split.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/io_test_util.h"
#include "neardup/io/decompress.h"
#include "neardup/io/document_reader.h"
#include "neardup/io/warc.h"

namespace neardup {
namespace {

using ::neardup::testing::GzipMember;
using ::neardup::testing::ReadFile;
using ::neardup::testing::TempPath;
using ::neardup::testing::WarcRecordBytes;
using ::neardup::testing::WriteFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<Document> ReadDocs(const std::string& path) {
  return neardup::testing::ReadAllDocuments({path}).docs;
}

std::string Decompressed(const std::string& path) {
  auto stream = OpenInputStream(path);
  EXPECT_TRUE(stream.ok());
  std::string out;
  char buf[4096];
  for (;;) {
    auto got = (*stream)->Read(buf, sizeof(buf));
    EXPECT_TRUE(got.ok());
    if (!got.ok() || *got == 0) break;
    out.append(buf, *got);
  }
  return out;
}

// Keeps the documents whose index is not in `dropped`; dropped ones point at doc 0.
std::vector<SplitDecision> Decide(const std::vector<Document>& docs, std::vector<size_t> dropped) {
  std::vector<SplitDecision> decisions;
  for (size_t i = 0; i < docs.size(); ++i) {
    const bool keep = std::find(dropped.begin(), dropped.end(), i) == dropped.end();
    decisions.push_back({&docs[i].location, keep, docs[0].id});
  }
  return decisions;
}

TEST(WriteSplitCorpus, JsonLinesKeepEveryFieldAndMarkCopies) {
  const std::string input = TempPath("in.jsonl");
  WriteFile(input,
            "{\"id\":\"a\",\"text\":\"first\",\"extra\":[1,2]}\n"
            "\n"
            "{\"id\":\"b\",\"text\":\"second\",\"meta\":{\"x\":1}}\r\n"
            "not json\n"
            "{\"id\":\"c\",\"text\":\"third\"}");
  const std::vector<Document> docs = ReadDocs(input);
  ASSERT_EQ(docs.size(), 3u);
  SplitOptions options;
  options.unique_path = TempPath("u.jsonl");
  options.dropped_path = TempPath("d.jsonl");
  auto stats = WriteSplitCorpus({input}, Decide(docs, {1}), options);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->unique, 2u);
  EXPECT_EQ(stats->dropped, 1u);
  EXPECT_EQ(ReadFile(options.unique_path),
            "{\"id\":\"a\",\"text\":\"first\",\"extra\":[1,2]}\n"
            "{\"id\":\"c\",\"text\":\"third\"}\n");
  EXPECT_EQ(ReadFile(options.dropped_path),
            "{\"id\":\"b\",\"text\":\"second\",\"meta\":{\"x\":1},\"duplicate_of\":\"a\"}\n");
  // The outputs are valid input again.
  EXPECT_EQ(ReadDocs(options.dropped_path).at(0).id, "b");
}

TEST(WriteSplitCorpus, CompressedOutputsByName) {
  const std::string input = TempPath("in.jsonl.gz");
  WriteFile(input, GzipMember("{\"id\":\"a\",\"text\":\"x\"}\n") +
                       GzipMember("{\"id\":\"b\",\"text\":\"y\"}\n"));
  const std::vector<Document> docs = ReadDocs(input);
  ASSERT_EQ(docs.size(), 2u);
  for (const char* name : {"u.jsonl.gz", "u.jsonl.zst", "u.jsonl"}) {
    SplitOptions options;
    options.unique_path = TempPath(name);
    ASSERT_TRUE(WriteSplitCorpus({input}, Decide(docs, {}), options).ok());
    Compression found;
    ASSERT_TRUE(OpenInputStream(options.unique_path, &found).ok());
    EXPECT_EQ(found, CompressionOfName(name)) << name;
    EXPECT_EQ(Decompressed(options.unique_path),
              "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n");
  }
}

TEST(WriteSplitCorpus, WarcRecordsAreCopiedWhole) {
  auto record = [](const std::string& type, int i, const std::string& block) {
    return WarcRecordBytes({{"WARC-Type", type},
                            {"WARC-Record-ID", "<urn:uuid:" + std::to_string(i) + ">"},
                            {"WARC-Date", "2025-01-01T00:00:00Z"},
                            {"Content-Type", "text/plain"}},
                           block);
  };
  const std::string info = record("warcinfo", 0, "software: test\r\n");
  const std::string r1 = record("conversion", 1, "The first text.");
  const std::string r2 = record("conversion", 2, "The first text, copied.");
  const std::string meta = record("metadata", 3, "x: y\r\n");
  const std::string r3 = record("conversion", 4, "Another text.");
  const std::string input = TempPath("in.warc.wet.gz");
  WriteFile(input, GzipMember(info) + GzipMember(r1) + GzipMember(r2) + GzipMember(meta) +
                       GzipMember(r3));
  const std::vector<Document> docs = ReadDocs(input);
  ASSERT_EQ(docs.size(), 3u);
  SplitOptions options;
  options.unique_path = TempPath("u.warc.gz");
  options.dropped_path = TempPath("d.warc");
  auto stats = WriteSplitCorpus({input}, Decide(docs, {1}), options);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(Decompressed(options.unique_path), info + r1 + r3);
  // One gzip member per record, as the input had.
  EXPECT_EQ(ReadFile(options.unique_path).substr(0, GzipMember(info).size()), GzipMember(info));
  const std::string dropped = ReadFile(options.dropped_path);
  EXPECT_THAT(dropped, HasSubstr("X-Neardup-Duplicate-Of: urn:uuid:1\r\n\r\nThe first text, copied."));
  EXPECT_THAT(neardup::testing::ReadAllDocuments({options.dropped_path}).ids(),
              ElementsAre("urn:uuid:2"));
}

TEST(WriteSplitCorpus, Errors) {
  SplitOptions none;
  EXPECT_FALSE(none.Validate().ok());
  SplitOptions same;
  same.unique_path = same.dropped_path = "x";
  EXPECT_FALSE(same.Validate().ok());

  const std::string jsonl = TempPath("a.jsonl");
  const std::string warc = TempPath("b.warc");
  WriteFile(jsonl, "{\"id\":\"a\",\"text\":\"x\"}\n");
  WriteFile(warc, WarcRecordBytes({{"WARC-Type", "conversion"}, {"WARC-Record-ID", "<w>"}}, "t"));
  SplitOptions options;
  options.unique_path = TempPath("u");
  auto mixed = WriteSplitCorpus({jsonl, warc}, {}, options);
  ASSERT_FALSE(mixed.ok());
  EXPECT_THAT(mixed.status().message(), HasSubstr("earlier inputs are JSON Lines"));

  // A document the first pass saw but the second cannot find: the input changed.
  SourceLocation gone{jsonl, 5, 999};
  auto changed = WriteSplitCorpus({jsonl}, {SplitDecision{&gone, true, ""}}, options);
  ASSERT_FALSE(changed.ok());
  EXPECT_THAT(changed.status().message(), HasSubstr("did the input change?"));
}

}  // namespace
}  // namespace neardup
