#include "neardup/io/warc.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/io_test_util.h"
#include "neardup/io/document_reader.h"

namespace neardup {
namespace {

using ::neardup::testing::GzipMember;
using ::neardup::testing::ReadAll;
using ::neardup::testing::SourceFile;
using ::neardup::testing::TempPath;
using ::neardup::testing::WarcRecordBytes;
using ::neardup::testing::WriteFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const char* const kSeeds[] = {"000_936ab31eb2f45218", "001_04081f6c42232b4e",
                              "002_934675ae537c4f87", "003_62e9dcc1ba3d4df9",
                              "004_9ecd5d1f8732297e"};

std::string Uuid(int i) {
  return "urn:uuid:00000000-0000-4000-8000-" + std::string(11, '0') + std::to_string(i);
}

std::string Date(int i) { return "2025-12-0" + std::to_string(i + 1) + "T10:00:0" + "0Z"; }

std::string WarcInfo() {
  return WarcRecordBytes({{"WARC-Type", "warcinfo"},
                          {"WARC-Date", "2025-12-01T00:00:00Z"},
                          {"WARC-Filename", "test.warc.wet.gz"},
                          {"WARC-Record-ID", "<" + Uuid(99) + ">"},
                          {"Content-Type", "application/warc-fields"}},
                         "Software-Info: neardup tests\r\n");
}

// A WET conversion record of seed `i`, as Common Crawl writes them.
std::string WetRecord(int i) {
  return WarcRecordBytes({{"WARC-Type", "conversion"},
                          {"WARC-Target-URI", "https://news.example/" + std::to_string(i)},
                          {"WARC-Date", Date(i)},
                          {"WARC-Record-ID", "<" + Uuid(i) + ">"},
                          {"WARC-Refers-To", "<" + Uuid(50 + i) + ">"},
                          {"Content-Type", "text/plain"}},
                         SourceFile(std::string("corpus/seeds/") + kSeeds[i] + ".txt"));
}

std::string HttpResponse(std::string_view status, std::string_view content_type,
                         std::string_view body) {
  return "HTTP/1.1 " + std::string(status) + "\r\nContent-Type: " + std::string(content_type) +
         "\r\nServer: test\r\n\r\n" + std::string(body);
}

std::string ResponseRecord(int i, std::string_view http) {
  return WarcRecordBytes({{"WARC-Type", "response"},
                          {"WARC-Target-URI", "https://news.example/page/" + std::to_string(i)},
                          {"WARC-Date", Date(i)},
                          {"WARC-Record-ID", "<" + Uuid(i) + ">"},
                          {"Content-Type", "application/http; msgtype=response"}},
                         http);
}

ReadAll Read(const std::vector<std::string>& paths, const ReaderOptions& options = {}) {
  return neardup::testing::ReadAllDocuments(paths, options);
}

// A WET file with one gzip member per record, exactly as Common Crawl writes them, reads
// back with the right ids, dates, URLs, texts and record offsets.
TEST(WarcDocuments, WetFileWithGzipMemberPerRecord) {
  std::string plain = WarcInfo();
  std::string gz = GzipMember(WarcInfo());
  std::vector<uint64_t> offsets;
  for (int i = 0; i < 5; ++i) {
    offsets.push_back(plain.size());
    plain += WetRecord(i);
    gz += GzipMember(WetRecord(i));
  }
  const std::string gz_path = TempPath("seeds.warc.wet.gz");
  const std::string plain_path = TempPath("seeds.warc.wet");
  WriteFile(gz_path, gz);
  WriteFile(plain_path, plain);
  for (const std::string& path : {gz_path, plain_path}) {
    const ReadAll got = Read({path});
    EXPECT_THAT(got.errors, ::testing::IsEmpty());
    ASSERT_EQ(got.docs.size(), 5u) << path;
    for (int i = 0; i < 5; ++i) {
      const Document& d = got.docs[static_cast<size_t>(i)];
      EXPECT_EQ(d.id, Uuid(i));
      EXPECT_EQ(d.url, "https://news.example/" + std::to_string(i));
      EXPECT_EQ(d.published, Date(i));
      ASSERT_TRUE(d.published_time.has_value());
      EXPECT_EQ(*d.published_time, absl::FromCivil(absl::CivilSecond(2025, 12, i + 1, 10, 0, 0),
                                                   absl::UTCTimeZone()));
      EXPECT_EQ(d.text, SourceFile(std::string("corpus/seeds/") + kSeeds[i] + ".txt"));
      EXPECT_EQ(d.location.file, path);
      EXPECT_EQ(static_cast<uint64_t>(d.location.offset), offsets[static_cast<size_t>(i)]);
      EXPECT_EQ(d.repaired_bytes, 0u);
    }
  }
}

TEST(WarcDocuments, TargetUriAsIdAndKeepRaw) {
  const std::string path = TempPath("uri.warc");
  WriteFile(path, WetRecord(0) + WetRecord(1));
  ReaderOptions options;
  options.warc_id = WarcId::kTargetUri;
  options.keep_raw = true;
  const ReadAll got = Read({path}, options);
  ASSERT_EQ(got.docs.size(), 2u);
  EXPECT_EQ(got.docs[1].id, "https://news.example/1");
  EXPECT_EQ(got.docs[1].raw, WetRecord(1));
}

// HTML responses become article text; requests, redirects and images are not documents.
TEST(WarcDocuments, HtmlResponsesYieldTheArticleWithoutFurniture) {
  const std::string page = SourceFile("corpus/fixtures/article.html");
  const std::string request = WarcRecordBytes(
      {{"WARC-Type", "request"}, {"WARC-Record-ID", "<" + Uuid(7) + ">"}},
      "GET /page/1 HTTP/1.1\r\nHost: news.example\r\n\r\n");
  const std::string file = GzipMember(WarcInfo()) + GzipMember(request) +
                           GzipMember(ResponseRecord(1, HttpResponse("200 OK", "text/html; charset=utf-8", page))) +
                           GzipMember(ResponseRecord(2, HttpResponse("301 Moved", "text/html", "<p>moved</p>"))) +
                           GzipMember(ResponseRecord(3, HttpResponse("200 OK", "image/png", "\x89PNG")));
  const std::string path = TempPath("pages.warc.gz");
  WriteFile(path, file);
  const ReadAll got = Read({path});
  EXPECT_THAT(got.errors, ::testing::IsEmpty());
  ASSERT_EQ(got.docs.size(), 1u);
  const Document& d = got.docs[0];
  EXPECT_EQ(d.id, Uuid(1));
  EXPECT_EQ(d.title, "Lakeview council approves tram extension | Daily Lakeview");
  EXPECT_THAT(d.text, HasSubstr("Lakeview council approves tram extension\n\nThe Lakeview city "
                                "council voted seven to two on Tuesday"));
  EXPECT_THAT(d.text, HasSubstr("take two years.\n\nCouncillors who voted against"));
  EXPECT_THAT(d.text, HasSubstr("over the next decade."));
  EXPECT_THAT(d.text, Not(HasSubstr("-TEXT")));
  EXPECT_THAT(d.text, Not(HasSubstr("analytics")));
  EXPECT_THAT(d.text, Not(HasSubstr("font-family")));
}

TEST(WarcDocuments, NonUtf8HtmlPageIsARecordErrorWithFileAndOffset) {
  const std::string first =
      ResponseRecord(1, HttpResponse("200 OK", "text/html; charset=iso-8859-1",
                                     "<p>Caf\xe9 au lait</p>"));
  const std::string second = ResponseRecord(2, HttpResponse("200 OK", "text/html", "<p>ok</p>"));
  const std::string path = TempPath("latin1.warc");
  WriteFile(path, first + second);
  const ReadAll got = Read({path});
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_EQ(got.errors[0], path + ": byte 0: the HTML page is not valid UTF-8 (convert it to "
                                  "UTF-8 first)");
  ASSERT_EQ(got.docs.size(), 1u);
  EXPECT_EQ(got.docs[0].text, "ok");
}

TEST(WarcDocuments, TruncatedRecordIsAnErrorAfterTheGoodOnes) {
  std::string file = WetRecord(0) + WetRecord(1);
  const size_t second = WetRecord(0).size();
  file.resize(file.size() - 100);
  const std::string path = TempPath("truncated.warc");
  WriteFile(path, file);
  const ReadAll got = Read({path});
  ASSERT_EQ(got.docs.size(), 1u);
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_THAT(got.errors[0], HasSubstr(path + ": byte " + std::to_string(second) +
                                       ": truncated WARC record"));
}

// A damaged gzip member costs its record only: the error names the file and the
// compressed offset, and reading resumes at the next member.
TEST(WarcDocuments, CorruptGzipMemberSkipsOneRecord) {
  std::vector<std::string> members;
  for (int i = 0; i < 5; ++i) members.push_back(GzipMember(WetRecord(i)));
  std::string file;
  for (const std::string& m : members) file += m;
  const size_t start = members[0].size() + members[1].size();
  file[start + members[2].size() / 2] ^= 0x40;
  const std::string path = TempPath("corrupt.warc.gz");
  WriteFile(path, file);
  const ReadAll got = Read({path});
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_THAT(got.errors[0], HasSubstr(path + ": byte "));
  EXPECT_THAT(got.errors[0], HasSubstr("gzip member (it starts at byte " + std::to_string(start)));
  EXPECT_THAT(got.ids(), ElementsAre(Uuid(0), Uuid(1), Uuid(3), Uuid(4)));
}

TEST(WarcReader, MissingSeparatorIsAnErrorAndReadingResumes) {
  std::string bad = WetRecord(0);
  bad.resize(bad.size() - 4);  // no CRLF CRLF after the block
  bad += "junk\r\n";
  const std::string path = TempPath("separator.warc");
  WriteFile(path, bad + WetRecord(1));
  const ReadAll got = Read({path});
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_THAT(got.errors[0], HasSubstr("byte 0: WARC record block is not followed by CRLF CRLF"));
  ASSERT_EQ(got.docs.size(), 1u);
  EXPECT_EQ(got.docs[0].id, Uuid(1));
}

TEST(WarcReader, NotAWarcRecord) {
  const std::string path = TempPath("notwarc.warc");
  WriteFile(path, "WARC/1.0\r\nWARC-Type: conversion\r\n\r\nno length\r\n\r\n" + WetRecord(2));
  const ReadAll got = Read({path});
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_THAT(got.errors[0], HasSubstr("byte 0: WARC record without a valid Content-Length"));
  ASSERT_EQ(got.docs.size(), 1u);
  EXPECT_EQ(got.docs[0].id, Uuid(2));
}

TEST(ParseHttpResponse, Cases) {
  auto r = ParseHttpResponse("HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nX: y\r\n\r\n<p>hi");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->content_type, "text/html");
  EXPECT_EQ(r->body, "<p>hi");
  r = ParseHttpResponse("HTTP/1.0 404 Not Found\n\nbody");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->content_type, "");
  EXPECT_EQ(r->body, "body");
  EXPECT_FALSE(ParseHttpResponse("GET / HTTP/1.1\r\n\r\n").has_value());
  EXPECT_FALSE(ParseHttpResponse("HTTP/1.1 200 OK\r\nno end").has_value());
}

}  // namespace
}  // namespace neardup
