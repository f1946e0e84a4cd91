#include "neardup/base/document.h"

#include "gtest/gtest.h"

namespace neardup {
namespace {

TEST(ParsePublishedTest, ReadsNewsDateFormats) {
  const absl::Time noon = absl::FromCivil(absl::CivilSecond(2025, 12, 2, 12, 0, 0), absl::UTCTimeZone());
  const char* same[] = {"2025-12-02T12:00:00Z", "2025-12-02T12:00:00+00:00", "2025-12-02T14:00:00+02:00",
                        "2025-12-02 12:00:00",  "2025-12-02T12:00:00.000Z", "Tue, 02 Dec 2025 12:00:00 GMT",
                        "02-DEC-2025 12:00:00.00"};
  for (const char* text : same) {
    const auto t = ParsePublished(text);
    ASSERT_TRUE(t.has_value()) << text;
    EXPECT_EQ(*t, noon) << text;
  }
  const auto day = ParsePublished("2025-12-02");
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(*day, noon - absl::Hours(12));
  const auto reuters = ParsePublished("26-FEB-1987 15:01:01.79");
  ASSERT_TRUE(reuters.has_value());
  EXPECT_EQ(absl::FormatTime("%Y-%m-%d %H:%M:%S", *reuters, absl::UTCTimeZone()), "1987-02-26 15:01:01");
}

TEST(ParsePublishedTest, RejectsWhatIsNotADate) {
  for (const char* text : {"", "  ", "yesterday", "2025-13-45", "12/02/2025 noon"}) {
    EXPECT_FALSE(ParsePublished(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace neardup
