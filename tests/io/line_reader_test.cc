// LineReader against a plain split of the same bytes: lines across the reader's 1 MiB
// blocks, a line longer than two blocks, CRLF, empty lines, no final newline.
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "neardup/io/byte_stream.h"

namespace neardup::testing {
namespace {

struct Line {
  std::string text;
  uint64_t offset;
};

// The lines of `data` by the rules LineReader documents.
std::vector<Line> SplitLines(const std::string& data) {
  std::vector<Line> out;
  size_t start = 0;
  while (start < data.size()) {
    size_t nl = data.find('\n', start);
    const size_t end = nl == std::string::npos ? data.size() : nl;
    size_t content = end - start;
    if (content > 0 && data[end - 1] == '\r') --content;
    out.push_back({data.substr(start, content), start});
    start = nl == std::string::npos ? data.size() : nl + 1;
  }
  return out;
}

TEST(LineReaderTest, GivesEveryLineWithItsOffsetAcrossBlocks) {
  std::mt19937 rng(7);
  std::string data;
  for (int i = 0; data.size() < (3u << 20); ++i) {
    const size_t len = i == 40 ? (5u << 19) : rng() % 3000;  // one line of 2.5 MiB
    for (size_t k = 0; k < len; ++k) data.push_back(static_cast<char>('a' + rng() % 26));
    data += i % 7 == 0 ? "\r\n" : "\n";
    if (i % 11 == 0) data += "\n";  // an empty line
  }
  data += "last line without a newline";
  const std::vector<Line> expected = SplitLines(data);
  ASSERT_GT(expected.size(), 300u);

  LineReader reader(MakeStringStream(data));
  std::string line;
  size_t n = 0;
  for (;;) {
    auto more = reader.Next(&line);
    ASSERT_TRUE(more.ok()) << more.status();
    if (!*more) break;
    ASSERT_LT(n, expected.size());
    ASSERT_EQ(line, expected[n].text) << "line " << n + 1;
    EXPECT_EQ(reader.line_offset(), expected[n].offset) << "line " << n + 1;
    EXPECT_EQ(reader.line_number(), static_cast<int64_t>(n + 1));
    EXPECT_GE(line.capacity(), line.size() + 64) << "simdjson's padding";
    ++n;
  }
  EXPECT_EQ(n, expected.size());
}

}  // namespace
}  // namespace neardup::testing
