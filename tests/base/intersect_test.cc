#include "neardup/base/intersect.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hwy/targets.h"

namespace neardup {
namespace {

// Two sorted sets of about `size_a` and `size_b` keys sharing about `shared_fraction` of
// the smaller, drawn from a small range starting at `base` so that neighbours interleave
// closely (the block compares then see runs, ties and gaps of every length).
void MakeSets(std::mt19937& rng, uint32_t base, size_t size_a, size_t size_b, double shared_fraction,
              std::vector<uint32_t>* a, std::vector<uint32_t>* b) {
  std::uniform_int_distribution<uint32_t> key(base, base + static_cast<uint32_t>(4 * (size_a + size_b) + 16));
  std::bernoulli_distribution share(shared_fraction);
  a->clear();
  b->clear();
  for (size_t i = 0; i < size_a; ++i) a->push_back(key(rng));
  for (size_t i = 0; i < size_b; ++i) b->push_back(key(rng));
  for (size_t i = 0; i < std::min(size_a, size_b); ++i) {
    if (share(rng)) (*b)[i] = (*a)[i];
  }
  for (auto* v : {a, b}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
}

size_t Reference(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<uint32_t> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return both.size();
}

// Every instruction set this CPU supports (SSE4, AVX2, AVX-512 and the scalar fallback,
// as compiled) must count exactly, and stop early only below min_shared.
TEST(CountSharedTest, EveryInstructionSetCountsExactly) {
  std::vector<uint32_t> a, b;
  size_t targets_tried = 0;
  for (const int64_t target : hwy::SupportedAndGeneratedTargets()) {
    SCOPED_TRACE(hwy::TargetName(target));
    hwy::SetSupportedTargetsForTest(target);
    ++targets_tried;
    std::mt19937 rng(7);
    for (int round = 0; round < 400; ++round) {
      const size_t size_a = rng() % 70, size_b = rng() % 70;
      const double fraction = (rng() % 5) / 4.0;
      // Keys near 0, across 2^31 (where a signed compare would misorder them) and near
      // the top of the range.
      const uint32_t base = round % 3 == 0 ? 0 : round % 3 == 1 ? 0x7FFFFF00u : 0xFFFFF000u;
      MakeSets(rng, base, size_a, size_b, fraction, &a, &b);
      const size_t want = Reference(a, b);
      ASSERT_EQ(CountShared(a, b, 0), want) << round;
      ASSERT_EQ(CountShared(b, a, 0), want) << round;
      ASSERT_EQ(CountSharedScalar(a, b, 0), want) << round;
      // A bound at or below the count changes nothing; above it, the result stays below.
      for (const size_t bound : {want / 2, want, want + 1, want + 20}) {
        const size_t got = CountShared(a, b, bound);
        if (want >= bound) {
          ASSERT_EQ(got, want) << round << " bound " << bound;
        } else {
          ASSERT_LT(got, bound) << round << " bound " << bound;
        }
      }
    }
    // Identical sets, disjoint sets and one set inside the other, at sizes around the
    // vector widths.
    for (size_t n : {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 700}) {
      std::vector<uint32_t> same(n), odd(n), even;
      for (size_t i = 0; i < n; ++i) {
        same[i] = static_cast<uint32_t>(2 * i);
        odd[i] = static_cast<uint32_t>(2 * i + 1);
      }
      for (size_t i = 0; i < n; i += 2) even.push_back(same[i]);
      EXPECT_EQ(CountShared(same, same, 0), n);
      EXPECT_EQ(CountShared(same, odd, 0), 0u);
      EXPECT_EQ(CountShared(even, same, 0), even.size());
      EXPECT_EQ(CountShared(same, even, 0), even.size());
    }
  }
  hwy::SetSupportedTargetsForTest(0);
  EXPECT_GE(targets_tried, 1u);
}

}  // namespace
}  // namespace neardup
