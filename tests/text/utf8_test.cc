#include "neardup/text/utf8.h"

#include "gtest/gtest.h"

namespace neardup {
namespace {

TEST(Utf8Test, ValidTextIsUntouched) {
  for (const std::string s : {"", "ascii only", "caf\xC3\xA9", "\xE2\x80\x9Cquoted\xE2\x80\x9D",
                              "\xF0\x9F\x98\x80 emoji", "\xE5\xB8\x82\xE8\xAE\xAE"}) {
    EXPECT_TRUE(IsValidUtf8(s)) << s;
    std::string out;
    EXPECT_EQ(RepairUtf8(s, &out), 0u);
    EXPECT_EQ(out, s);
  }
}

TEST(Utf8Test, EveryInvalidByteBecomesOneReplacementCharacter) {
  struct Case {
    std::string in;
    std::string out;
    size_t replaced;
  };
  const std::string r = "\xEF\xBF\xBD";
  const Case cases[] = {
      {"a\xFF" "b", "a" + r + "b", 1},
      {"\xC3", r, 1},                                  // truncated at the end
      {"\xC0\xAF", r + r, 2},                          // overlong '/'
      {"\xED\xA0\x80", r + r + r, 3},                  // UTF-16 surrogate
      {"\xF4\x90\x80\x80", r + r + r + r, 4},          // above U+10FFFF
      {"x\x80y\xBFz", "x" + r + "y" + r + "z", 2},     // stray continuation bytes
      {"12345678\xFE" "12345678", "12345678" + r + "12345678", 1},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(IsValidUtf8(c.in));
    std::string out;
    EXPECT_EQ(RepairUtf8(c.in, &out), c.replaced);
    EXPECT_EQ(out, c.out);
    EXPECT_TRUE(IsValidUtf8(out));
    std::string in_place = c.in;
    EXPECT_EQ(RepairUtf8InPlace(&in_place), c.replaced);
    EXPECT_EQ(in_place, c.out);
  }
}

}  // namespace
}  // namespace neardup
