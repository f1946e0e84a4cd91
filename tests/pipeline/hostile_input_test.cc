// Hostile input: every malformed or extreme document gets a clear error naming its file
// and line, or a documented recovery; nothing is silently lost.
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "neardup/pipeline/dedup.h"
#include "neardup/pipeline/report.h"
#include "pipeline/test_corpus.h"

namespace neardup {
namespace {

using ::neardup::testing::JsonLine;
using ::neardup::testing::TempFile;

absl::StatusOr<DedupResult> RunOn(const std::string& path, ErrorPolicy policy) {
  DedupOptions options;
  options.on_error = policy;
  auto reader = OpenDocuments({path}, options.reader);
  if (!reader.ok()) return reader.status();
  return RunDedup(**reader, options);
}

std::vector<std::string> Ids(const DedupResult& r) {
  std::vector<std::string> ids;
  for (const auto& d : r.docs) ids.push_back(d.id);
  return ids;
}

struct BadRecordCase {
  std::string name;
  std::string line;          // the bad record, placed on line 2
  std::string error_part;    // expected in the message
};

class BadRecordTest : public ::testing::TestWithParam<BadRecordCase> {};

TEST_P(BadRecordTest, FailNamesFileAndLineSkipKeepsEveryValidDocument) {
  const BadRecordCase& c = GetParam();
  TempFile file("in.jsonl", JsonLine("a", "first valid document") + c.line + "\n" +
                                JsonLine("b", "second valid document"));
  auto failed = RunOn(file.path(), ErrorPolicy::kFail);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find(file.path() + ":2: "), absl::string_view::npos)
      << failed.status();
  EXPECT_NE(failed.status().message().find(c.error_part), absl::string_view::npos) << failed.status();

  auto skipped = RunOn(file.path(), ErrorPolicy::kSkip);
  ASSERT_TRUE(skipped.ok()) << skipped.status();
  EXPECT_EQ(Ids(*skipped), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(skipped->stats.skipped, 1u);
  ASSERT_EQ(skipped->errors.size(), 1u);
  EXPECT_NE(skipped->errors[0].find(":2: "), std::string::npos);
  std::ostringstream out;
  WriteVerdicts(*skipped, &out);
  const std::string verdicts = out.str();
  EXPECT_EQ(std::count(verdicts.begin(), verdicts.end(), '\n'), 2);
}

INSTANTIATE_TEST_SUITE_P(
    Records, BadRecordTest,
    ::testing::Values(
        BadRecordCase{"truncated", R"({"id": "t", "text": "cut off in the mid)", "malformed JSON"},
        BadRecordCase{"missing_text", R"({"id": "m", "title": "no text"})", "missing \"text\" field"},
        BadRecordCase{"text_not_string", R"({"id": "n", "text": 42})", "not a string"},
        BadRecordCase{"not_object", R"(["id", "text"])", "not a JSON object"},
        BadRecordCase{"trailing_garbage", R"({"id": "g", "text": "x"} junk)", "malformed JSON"},
        BadRecordCase{"duplicate_id", R"({"id": "a", "text": "same id again"})",
                      "duplicate id \"a\""}),
    [](const auto& info) { return info.param.name; });

TEST(HostileInputTest, InvalidUtf8IsRepairedNotDropped) {
  TempFile file("in.jsonl", "{\"id\": \"u\", \"text\": \"caf\xE9 ol\xC3\xA9 \xFF\xFE bytes\"}\n" +
                                JsonLine("v", "clean"));
  auto r = RunOn(file.path(), ErrorPolicy::kFail);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"u", "v"}));
  EXPECT_EQ(r->stats.repaired_documents, 1u);
  std::ostringstream out;
  WriteVerdicts(*r, &out);  // the output is valid UTF-8 JSON
  EXPECT_NE(out.str().find("\"id\":\"u\""), std::string::npos);
}

TEST(HostileInputTest, InvalidUtf8InTextFileIsRepaired) {
  TempFile file("doc.txt", "bad \xC3\x28 bytes and more words here");
  auto r = RunOn(file.path(), ErrorPolicy::kFail);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->docs.size(), 1u);
  EXPECT_EQ(r->docs[0].id, "doc");
  EXPECT_EQ(r->stats.repaired_documents, 1u);
}

TEST(HostileInputTest, EmptyDocumentsAreKeptAloneAndNeverMatch) {
  TempFile file("in.jsonl", JsonLine("e1", "") + JsonLine("e2", "") + JsonLine("p", "   ...  ") +
                                JsonLine("w", "a real document with words"));
  auto r = RunOn(file.path(), ErrorPolicy::kFail);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->docs.size(), 4u);
  EXPECT_TRUE(r->edges.empty());
  EXPECT_EQ(r->clustering.representative.size(), 4u);
}

TEST(HostileInputTest, FiftyMegabyteDocumentIsProcessed) {
  std::string text;
  text.reserve(50 << 20);
  uint64_t x = 1;
  while (text.size() < (50u << 20)) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    text += "w" + std::to_string(x >> 50) + " ";
  }
  TempFile file("big.jsonl", JsonLine("big", text) + JsonLine("copy", text) + JsonLine("small", "tiny"));
  auto r = RunOn(file.path(), ErrorPolicy::kFail);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->docs.size(), 3u);
  EXPECT_GE(r->docs[0].text_bytes, 50u << 20);
  ASSERT_EQ(r->edges.size(), 1u);
  EXPECT_EQ(r->edges[0].relation, Relation::kExact);
}

TEST(HostileInputTest, DocumentOverTheSizeLimitIsARecordError) {
  TempFile file("in.jsonl", JsonLine("big", std::string(5000, 'x')) + JsonLine("ok", "fine"));
  DedupOptions options;
  options.reader.max_document_bytes = 1000;
  options.on_error = ErrorPolicy::kSkip;
  auto reader = OpenDocuments({file.path()}, options.reader);
  ASSERT_TRUE(reader.ok());
  auto r = RunDedup(**reader, options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), std::vector<std::string>{"ok"});
  EXPECT_NE(r->errors[0].find("over the limit"), std::string::npos);
}

TEST(HostileInputTest, MissingFileIsAFatalErrorNamingIt) {
  auto r = RunOn("/nonexistent/dir/file.jsonl", ErrorPolicy::kSkip);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/dir/file.jsonl"), absl::string_view::npos);
}

TEST(HostileInputTest, CrlfLinesAndMissingFinalNewline) {
  TempFile file("in.jsonl", "{\"id\":\"a\",\"text\":\"x y\"}\r\n\r\n{\"id\":\"b\",\"text\":\"x y\"}");
  auto r = RunOn(file.path(), ErrorPolicy::kFail);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r->docs[1].location.line, 3);
}

}  // namespace
}  // namespace neardup
