#include "neardup/base/json_writer.h"

#include "gtest/gtest.h"

namespace neardup {
namespace {

TEST(JsonWriterTest, EscapesStrings) {
  struct Case {
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"plain", "\"plain\""},
      {"quote \" back \\", "\"quote \\\" back \\\\\""},
      {"line\nbreak\ttab", "\"line\\nbreak\\ttab\""},
      {std::string("nul\0byte", 8), "\"nul\\u0000byte\""},
      {"\x01", "\"\\u0001\""},
      {"caf\xC3\xA9", "\"caf\xC3\xA9\""},
      {"bad \xFF byte", "\"bad \xEF\xBF\xBD byte\""},
      {"cut \xE2\x80", "\"cut \xEF\xBF\xBD\xEF\xBF\xBD\""},
  };
  for (const Case& c : cases) {
    std::string out;
    AppendJsonString(c.in, &out);
    EXPECT_EQ(out, c.out) << c.in;
  }
}

TEST(JsonWriterTest, BuildsNestedObjectsWithCommas) {
  JsonWriter w;
  w.BeginObject();
  w.Key("id");
  w.String("a");
  w.Key("n");
  w.Int(-3);
  w.Key("list");
  w.BeginArray();
  w.Double(0.5);
  w.Bool(true);
  w.Null();
  w.EndArray();
  w.Key("o");
  w.BeginObject();
  w.EndObject();
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"id":"a","n":-3,"list":[0.5,true,null],"o":{}})");
  w.Clear();
  w.Int(1);
  EXPECT_EQ(w.str(), "1");
}

TEST(JsonWriterTest, FormatsScoresShortAndStable) {
  EXPECT_EQ(FormatScore(1.0), "1");
  EXPECT_EQ(FormatScore(0.0), "0");
  EXPECT_EQ(FormatScore(0.5), "0.5");
  EXPECT_EQ(FormatScore(2.0 / 3.0), "0.666667");
  EXPECT_EQ(FormatScore(-0.0000001), "0");
  EXPECT_EQ(FormatScore(std::numeric_limits<double>::quiet_NaN()), "null");
}

}  // namespace
}  // namespace neardup
