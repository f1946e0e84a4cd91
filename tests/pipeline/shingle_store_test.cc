// The shingle store against a plain copy of what went in: resident and spilled documents,
// sets and unsorted lists, spilled bytes in the file, in the unwritten tail and across the
// boundary between them.
#include "pipeline/shingle_store_internal.h"

#include <algorithm>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace neardup::internal {
namespace {

std::vector<ShingleKey> AsSet(std::vector<ShingleKey> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

TEST(ShingleStoreTest, GetReturnsTheSetOfWhatWasAdded) {
  std::mt19937_64 rng(5);
  ShingleStore store(/*memory_budget_bytes=*/64 << 10);
  std::vector<std::vector<ShingleKey>> added;
  std::vector<ShingleKey> scratch;
  auto check_all = [&] {
    ASSERT_TRUE(store.Flush().ok());
    for (uint32_t d = 0; d < added.size(); ++d) {
      const auto got = store.Get(d, &scratch);
      ASSERT_EQ(std::vector<ShingleKey>(got.begin(), got.end()), AsSet(added[d])) << d;
    }
  };
  // About 3 MB in all: well past the budget and past more than one written block.
  for (int d = 0; d < 700; ++d) {
    std::vector<ShingleKey> shingles(rng() % 2400);
    for (ShingleKey& s : shingles) s = static_cast<ShingleKey>(rng() % 5000);  // repeats
    const bool as_set = d % 3 == 0;
    if (as_set) shingles = AsSet(shingles);
    added.push_back(shingles);
    const bool fits = store.resident_bytes() + shingles.size() * sizeof(ShingleKey) <= (64 << 10);
    ASSERT_TRUE(store.Add(&shingles, as_set).ok());
    // Taken while the budget lasts, copied (and left to the caller) after.
    ASSERT_EQ(shingles.empty(), fits || added.back().empty()) << d;
    if (d % 2 == 1) store.Prepare(static_cast<uint32_t>(d - 1));
    if (d % 97 == 0) check_all();
  }
  EXPECT_TRUE(store.full());
  EXPECT_GT(store.spilled_bytes(), uint64_t{2} << 20);
  check_all();
  std::vector<uint32_t> docs = {3, 1, 3, 2, 699, 0};
  store.Prepare(&docs, 2);
  EXPECT_LE(docs.size(), 5u);
  check_all();
  EXPECT_TRUE(store.read_error().ok());
}

}  // namespace
}  // namespace neardup::internal
