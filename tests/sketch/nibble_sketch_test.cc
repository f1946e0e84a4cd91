// Nibble sketches: packing, counting against a per-nibble loop, and the screening bound
// checked statistically on MinHash signatures of sets of known Jaccard similarity.
#include "neardup/sketch/nibble_sketch.h"

#include <cmath>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "neardup/hash/hash.h"
#include "neardup/sketch/minhash.h"

namespace neardup {
namespace {

TEST(NibbleSketchTest, PacksTheLowFourBitsTwoToAByte) {
  const std::vector<uint32_t> signature = {0x12, 0x34, 0xAB, 0xFFFFFFFF, 0x7};
  std::vector<uint8_t> out(NibbleSketchBytes(5), 0xEE);
  ASSERT_EQ(out.size(), 3u);
  PackNibbles(signature, out.data());
  EXPECT_EQ(out[0], 0x42);
  EXPECT_EQ(out[1], 0xFB);
  EXPECT_EQ(out[2], 0x07);  // the odd last nibble, high nibble 0
}

TEST(NibbleSketchTest, CountMatchesAPerNibbleLoop) {
  std::mt19937 rng(7);
  for (const int k : {1, 2, 15, 16, 17, 31, 64, 127, 128, 129, 256}) {
    for (int trial = 0; trial < 50; ++trial) {
      std::vector<uint32_t> sa(static_cast<size_t>(k));
      std::vector<uint32_t> sb(static_cast<size_t>(k));
      // About half the positions equal, so that both counts are exercised.
      for (int i = 0; i < k; ++i) {
        sa[i] = rng();
        sb[i] = rng() % 2 ? sa[i] : rng();
      }
      std::vector<uint8_t> a(NibbleSketchBytes(k));
      std::vector<uint8_t> b(NibbleSketchBytes(k));
      PackNibbles(sa, a.data());
      PackNibbles(sb, b.data());
      int expected = 0;
      for (int i = 0; i < k; ++i) expected += (sa[i] & 0xF) == (sb[i] & 0xF);
      EXPECT_EQ(CountEqualNibbles(a.data(), b.data(), k), expected) << "k " << k;
    }
  }
}

TEST(NibbleSketchTest, BoundFollowsTheBinomialMeanAndSpread) {
  // K = 128, J = 0.5: p = 0.5 + 0.5 / 16 = 0.53125, mean 68, sd sqrt(68 * 0.46875) = 5.646.
  EXPECT_EQ(MinEqualNibbles(128, 0.5, 0.0), 68);
  EXPECT_EQ(MinEqualNibbles(128, 0.5, 4.5), 43);  // ceil(68 - 25.41)
  EXPECT_EQ(MinEqualNibbles(128, 1.0, 4.5), 128);
  EXPECT_EQ(MinEqualNibbles(128, 0.0, 100.0), 0);
  int last = 0;
  for (double j = 0.0; j <= 1.0; j += 0.05) {
    const int bound = MinEqualNibbles(128, j, 3.0);
    EXPECT_GE(bound, last) << j;
    last = bound;
  }
}

// Sets of `size` hashed elements each, sharing enough for Jaccard similarity j.
void MakePair(uint64_t seed, size_t size, double j, std::vector<uint64_t>* a, std::vector<uint64_t>* b) {
  const auto shared = static_cast<size_t>(std::lround(2.0 * j * size / (1.0 + j)));
  a->clear();
  b->clear();
  for (size_t i = 0; i < size; ++i) a->push_back(Mix64(seed * 7919 + i));
  for (size_t i = 0; i < shared; ++i) b->push_back((*a)[i]);
  for (size_t i = shared; i < size; ++i) b->push_back(Mix64(~(seed * 7919 + i)));
}

// The fraction of 3,000 pairs of similarity j whose sketches fall short of the bound.
double ShortFraction(double j, double bound_j, double sigmas) {
  MinHasher hasher(MinHashOptions{.num_hashes = 128, .seed = 11});
  const int k = hasher.num_hashes();
  const int bound = MinEqualNibbles(k, bound_j, sigmas);
  std::vector<uint64_t> a, b;
  std::vector<uint32_t> sa(k), sb(k);
  std::vector<uint8_t> na(NibbleSketchBytes(k)), nb(NibbleSketchBytes(k));
  int short_of = 0;
  constexpr int kPairs = 3000;
  for (int t = 0; t < kPairs; ++t) {
    MakePair(static_cast<uint64_t>(t) + 1, 600, j, &a, &b);
    hasher.Compute(a, sa.data());
    hasher.Compute(b, sb.data());
    PackNibbles(sa, na.data());
    PackNibbles(sb, nb.data());
    short_of += CountEqualNibbles(na.data(), nb.data(), k) < bound;
  }
  return static_cast<double>(short_of) / kPairs;
}

TEST(NibbleSketchTest, ScreenLosesPairsAtTheThresholdAsRarelyAsTheNormalTailSays) {
  // At 2 sigmas the normal tail is 2.3%; at 4.5 it is 3.4e-6 (none of 3,000 pairs).
  const double at_two = ShortFraction(0.5, 0.5, 2.0);
  EXPECT_GT(at_two, 0.005);
  EXPECT_LT(at_two, 0.05);
  EXPECT_EQ(ShortFraction(0.5, 0.5, 4.5), 0.0);
  EXPECT_EQ(ShortFraction(0.8, 0.5, 4.5), 0.0);
}

TEST(NibbleSketchTest, ScreenDropsMostPairsFarBelowTheThreshold) {
  EXPECT_GT(ShortFraction(0.15, 0.5, 4.5), 0.99);
  EXPECT_GT(ShortFraction(0.25, 0.5, 4.5), 0.7);
}

}  // namespace
}  // namespace neardup
