#include "server/documents_body.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace neardup::server {
namespace {

using ::testing::HasSubstr;

absl::StatusOr<DocumentsBody> Parse(std::string body, const ReaderOptions& options = {}) {
  return ParseDocumentsBody(&body, options);
}

TEST(DocumentsBodyTest, OneDocument) {
  auto parsed = Parse(
      R"({"id": "a", "text": "Some text.", "published": "2025-12-02", "title": "T", "x": [1]})");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_FALSE(parsed->batch);
  ASSERT_EQ(parsed->documents.size(), 1u);
  const Document& doc = parsed->documents[0];
  EXPECT_EQ(doc.id, "a");
  EXPECT_EQ(doc.text, "Some text.");
  EXPECT_EQ(doc.title, "T");
  EXPECT_EQ(doc.published, "2025-12-02");
  EXPECT_TRUE(doc.published_time.has_value());
}

TEST(DocumentsBodyTest, NumericIdIsText) {
  auto parsed = Parse(R"({"id": 17, "text": "x"})");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->documents[0].id, "17");
}

TEST(DocumentsBodyTest, Batch) {
  auto parsed = Parse(R"({"documents": [{"id": "a", "text": "one"}, {"id": "b", "text": "two"}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(parsed->batch);
  ASSERT_EQ(parsed->documents.size(), 2u);
  EXPECT_EQ(parsed->documents[0].id, "a");
  EXPECT_EQ(parsed->documents[1].text, "two");
}

TEST(DocumentsBodyTest, FieldNamesFromReaderOptions) {
  ReaderOptions options;
  options.fields.id = "guid";
  options.fields.text = "body";
  auto parsed = Parse(R"({"guid": "g1", "body": "text here", "id": "ignored"})", options);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->documents[0].id, "g1");
  EXPECT_EQ(parsed->documents[0].text, "text here");
  EXPECT_FALSE(Parse(R"({"id": "a", "text": "x"})", options).ok());
}

TEST(DocumentsBodyTest, BadBodiesAreInvalidArgumentsNamingTheProblem) {
  const struct {
    const char* body;
    const char* message;
  } kCases[] = {
      {"", "malformed JSON"},
      {"{\"id\": \"a\", \"text\": ", "malformed JSON"},
      {"{\"id\": \"a\", \"text\": \"x\"} trailing", "malformed JSON"},
      {"[{\"id\": \"a\", \"text\": \"x\"}]", "must be a JSON object"},
      {"\"text\"", "must be a JSON object"},
      {"{\"id\": \"a\"}", "document: missing \"text\" field"},
      {"{\"text\": \"x\"}", "document: missing \"id\" field"},
      {"{\"id\": \"\", \"text\": \"x\"}", "document: \"id\" is empty"},
      {"{\"id\": \"a\", \"text\": 5}", "document: field \"text\" is not a string"},
      {"{\"id\": [1], \"text\": \"x\"}", "document: field \"id\" is not a string or a number"},
      {"{\"id\": null, \"text\": \"x\"}", "document: field \"id\" is not a string or a number"},
      {"{\"documents\": {}}", "\"documents\" must be an array"},
      {"{\"documents\": []}", "\"documents\" is empty"},
      {"{\"documents\": [{\"id\": \"a\", \"text\": \"x\"}, 3]}", "documents[1]: not a JSON object"},
      {"{\"documents\": [{\"id\": \"a\", \"text\": \"x\"}, {\"id\": \"b\"}]}",
       "documents[1]: missing \"text\" field"},
      {"{\"documents\": [{\"id\": \"a\", \"text\": \"x\"}, {\"id\": \"a\", \"text\": \"y\"}]}",
       "documents[1]: id \"a\" is also the id of documents[0]"},
      {"{\"id\": \"a\", \"text\": \"\xff\xfe\"}", "malformed JSON"},
  };
  for (const auto& c : kCases) {
    auto parsed = Parse(c.body);
    ASSERT_FALSE(parsed.ok()) << c.body;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << c.body;
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr(c.message)) << c.body;
  }
}

TEST(DocumentsBodyTest, BodyContentIsKept) {
  std::string body = R"({"id": "a", "text": "x"})";
  const std::string copy = body;
  ASSERT_TRUE(ParseDocumentsBody(&body, {}).ok());
  EXPECT_EQ(body, copy);
}

}  // namespace
}  // namespace neardup::server
