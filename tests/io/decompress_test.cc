#include "neardup/io/decompress.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/io_test_util.h"
#include "neardup/io/byte_sink.h"
#include "neardup/io/record_error.h"

namespace neardup {
namespace {

using ::neardup::testing::GzipMember;
using ::neardup::testing::TempPath;
using ::neardup::testing::WriteFile;
using ::neardup::testing::ZstdFrame;
using ::testing::HasSubstr;

// Reads a stream to its end in small reads; record errors are collected, not fatal.
struct Drained {
  std::string bytes;
  std::vector<std::string> errors;
};

Drained Drain(ByteStream& stream, size_t chunk = 7) {
  Drained out;
  std::string buf(chunk, '\0');
  for (int guard = 0; guard < 1000000; ++guard) {
    auto got = stream.Read(buf.data(), buf.size());
    if (!got.ok()) {
      EXPECT_TRUE(IsRecordError(got.status())) << got.status();
      out.errors.emplace_back(got.status().message());
      continue;
    }
    if (*got == 0) break;
    out.bytes.append(buf.data(), *got);
  }
  return out;
}

// Writes `contents` to a temporary file named `name`, opens it and drains it.
Drained DrainFile(const std::string& name, const std::string& contents, size_t chunk = 1 << 16) {
  const std::string path = TempPath(name);
  WriteFile(path, contents);
  auto stream = OpenInputStream(path);
  EXPECT_TRUE(stream.ok()) << stream.status();
  if (!stream.ok()) return {};
  return Drain(**stream, chunk);
}

std::vector<std::string> Records(int n) {
  std::vector<std::string> records;
  for (int i = 0; i < n; ++i) {
    records.push_back("{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"record number " +
                      std::to_string(i) + " " + std::string(static_cast<size_t>(i * 13 % 200), 'x') +
                      "\"}\n");
  }
  return records;
}

TEST(DetectCompression, ByMagicBytes) {
  EXPECT_EQ(DetectCompression("\x1f\x8b\x08\x00"), Compression::kGzip);
  EXPECT_EQ(DetectCompression(std::string("\x28\xb5\x2f\xfd", 4)), Compression::kZstd);
  EXPECT_EQ(DetectCompression("{\"id\""), Compression::kNone);
  EXPECT_EQ(DetectCompression("WARC/1.0"), Compression::kNone);
  EXPECT_EQ(DetectCompression(""), Compression::kNone);
  EXPECT_EQ(CompressionOfName("a.warc.gz"), Compression::kGzip);
  EXPECT_EQ(CompressionOfName("a.jsonl.ZST"), Compression::kZstd);
  EXPECT_EQ(CompressionOfName("a.jsonl"), Compression::kNone);
}

class CodecTest : public ::testing::TestWithParam<Compression> {
 protected:
  std::string Frame(std::string_view data) const {
    return GetParam() == Compression::kGzip ? GzipMember(data) : ZstdFrame(data);
  }
};

TEST_P(CodecTest, ReadsEveryMemberOfAConcatenation) {
  std::string file;
  std::string expected;
  for (const std::string& r : Records(50)) {
    file += Frame(r);
    expected += r;
  }
  const std::string path = TempPath("multi");
  WriteFile(path, file);
  Compression found = Compression::kNone;
  auto stream = OpenInputStream(path, &found);
  ASSERT_TRUE(stream.ok()) << stream.status();
  EXPECT_EQ(found, GetParam());
  const Drained got = Drain(**stream);
  EXPECT_EQ(got.bytes, expected);
  EXPECT_THAT(got.errors, ::testing::IsEmpty());
  EXPECT_EQ((*stream)->raw_bytes_read(), file.size());
}

TEST_P(CodecTest, PlainFilesPassThrough) {
  const std::string path = TempPath("plain");
  WriteFile(path, "{\"id\":1}\n");
  auto stream = OpenInputStream(path);
  ASSERT_TRUE(stream.ok());
  EXPECT_EQ(Drain(**stream).bytes, "{\"id\":1}\n");
}

// A byte flipped inside one member: one error naming the file and a byte offset inside
// that member, and every other member still read.
TEST_P(CodecTest, CorruptMemberIsOneErrorAndTheRestIsRead) {
  const std::vector<std::string> records = Records(40);
  std::string file;
  std::vector<size_t> starts;
  for (const std::string& r : records) {
    starts.push_back(file.size());
    file += Frame(r);
  }
  const size_t damaged = 17;
  const size_t middle = starts[damaged] + (starts[damaged + 1] - starts[damaged]) / 2;
  file[middle] = static_cast<char>(file[middle] ^ 0x55);
  const Drained got = DrainFile("corrupt", file);
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_THAT(got.errors[0], HasSubstr(TempPath("corrupt") + ": byte "));
  EXPECT_THAT(got.errors[0], HasSubstr("starts at byte " + std::to_string(starts[damaged])));
  // Exactly the other records: none of the damaged member's output gets through.
  std::string expected;
  for (size_t i = 0; i < records.size(); ++i) {
    if (i != damaged) expected += records[i];
  }
  EXPECT_EQ(got.bytes, expected);
}

TEST_P(CodecTest, TruncatedFileIsAnErrorAtTheEnd) {
  std::string file = Frame(Records(1)[0]) + Frame(std::string(5000, 'y'));
  file.resize(file.size() - 9);
  const Drained got = DrainFile("truncated", file);
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_THAT(got.errors[0], HasSubstr(TempPath("truncated") + ": byte "));
  EXPECT_EQ(got.bytes, Records(1)[0]);
}

TEST_P(CodecTest, GarbageBetweenMembersIsSkipped) {
  const std::string file = Frame("first\n") + "garbage that is not compressed" + Frame("second\n");
  const Drained got = DrainFile("garbage", file, 7);
  EXPECT_EQ(got.bytes, "first\nsecond\n");
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_THAT(got.errors[0], HasSubstr("byte " + std::to_string(Frame("first\n").size())));
}

// The sink writes what the stream reads back, a member per record or per block.
TEST_P(CodecTest, SinkRoundTrip) {
  for (const bool per_record : {false, true}) {
    const std::string path = TempPath(per_record ? "sink_records" : "sink_blocks");
    SinkOptions options;
    options.compression = GetParam();
    options.frame_per_record = per_record;
    options.frame_bytes = 1000;
    auto sink = OpenFileSink(path, options);
    ASSERT_TRUE(sink.ok()) << sink.status();
    std::string expected;
    for (const std::string& r : Records(100)) {
      ASSERT_TRUE((*sink)->Write(r).ok());
      ASSERT_TRUE((*sink)->EndRecord().ok());
      expected += r;
    }
    ASSERT_TRUE((*sink)->Close().ok());
    Compression found = Compression::kNone;
    auto stream = OpenInputStream(path, &found);
    ASSERT_TRUE(stream.ok());
    EXPECT_EQ(found, GetParam());
    const Drained got = Drain(**stream, 4096);
    EXPECT_EQ(got.bytes, expected);
    EXPECT_THAT(got.errors, ::testing::IsEmpty());
  }
}

INSTANTIATE_TEST_SUITE_P(GzipAndZstd, CodecTest,
                         ::testing::Values(Compression::kGzip, Compression::kZstd),
                         [](const auto& info) {
                           return info.param == Compression::kGzip ? std::string("Gzip")
                                                                   : std::string("Zstd");
                         });

TEST(ByteSink, PlainFileAndValidation) {
  const std::string path = TempPath("plain_sink");
  auto sink = OpenFileSink(path, SinkOptions{});
  ASSERT_TRUE(sink.ok());
  ASSERT_TRUE((*sink)->Write("abc").ok());
  ASSERT_TRUE((*sink)->Close().ok());
  EXPECT_EQ(neardup::testing::ReadFile(path), "abc");
  SinkOptions bad;
  bad.frame_bytes = 0;
  EXPECT_FALSE(bad.Validate().ok());
  EXPECT_FALSE(OpenFileSink("/nonexistent-dir/x.gz", SinkOptions{}).ok());
}

}  // namespace
}  // namespace neardup
