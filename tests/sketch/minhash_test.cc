// Statistical tests of the MinHash estimator: with fixed seeds, the estimate of every pair
// stays inside a binomial error bound around the exact Jaccard similarity.
#include "neardup/sketch/minhash.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "neardup/hash/hash.h"

namespace neardup {
namespace {

// Two sets of `union_size` hashed elements sharing `shared` of them.
void MakePair(uint64_t seed, size_t union_size, size_t shared, std::vector<uint64_t>* a,
              std::vector<uint64_t>* b) {
  a->clear();
  b->clear();
  for (size_t i = 0; i < union_size; ++i) {
    const uint64_t h = Mix64(seed * 1000003 + i);
    if (i < shared) {
      a->push_back(h);
      b->push_back(h);
    } else if (i % 2 == 0) {
      a->push_back(h);
    } else {
      b->push_back(h);
    }
  }
}

TEST(MinHashTest, EstimateStaysWithinBinomialBound) {
  MinHasher hasher(MinHashOptions{.num_hashes = 128, .seed = 3});
  const int k = hasher.num_hashes();
  std::vector<uint32_t> sa(k);
  std::vector<uint32_t> sb(k);
  std::vector<uint64_t> a;
  std::vector<uint64_t> b;
  int outside = 0;
  int trials = 0;
  double total_error = 0;
  for (const double j : {0.1, 0.3, 0.5, 0.7, 0.9}) {
    for (const size_t n : {size_t{40}, size_t{200}, size_t{2000}}) {
      for (uint64_t seed = 1; seed <= 20; ++seed) {
        const auto shared = static_cast<size_t>(std::lround(j * n));
        MakePair(seed + n, n, shared, &a, &b);
        const double exact = static_cast<double>(shared) / static_cast<double>(n);
        hasher.Compute(a, sa.data());
        hasher.Compute(b, sb.data());
        const double est = EstimateJaccard(sa, sb);
        const double sd = std::sqrt(exact * (1 - exact) / k);
        total_error += est - exact;
        ++trials;
        if (std::fabs(est - exact) > 3 * sd + 1.0 / k) ++outside;
      }
    }
  }
  // Three standard deviations: about 0.3% of trials fall outside for a binomial estimator.
  EXPECT_LE(outside, 2) << "of " << trials;
  // And the estimator is unbiased: the mean error is near zero.
  EXPECT_NEAR(total_error / trials, 0.0, 0.01);
}

TEST(MinHashTest, IdenticalSetsMatchEverywhereDisjointAlmostNowhere) {
  MinHasher hasher(MinHashOptions{});
  std::vector<uint32_t> sa(128);
  std::vector<uint32_t> sb(128);
  std::vector<uint64_t> a;
  std::vector<uint64_t> b;
  MakePair(9, 300, 300, &a, &b);
  std::shuffle(b.begin(), b.end(), std::mt19937_64(1));
  b.insert(b.end(), a.begin(), a.begin() + 50);  // repeats do not change the set
  hasher.Compute(a, sa.data());
  hasher.Compute(b, sb.data());
  EXPECT_EQ(EstimateJaccard(sa, sb), 1.0);
  MakePair(10, 300, 0, &a, &b);
  hasher.Compute(a, sa.data());
  hasher.Compute(b, sb.data());
  EXPECT_LE(EstimateJaccard(sa, sb), 0.03);
}

TEST(MinHashTest, SmallSetsAreDensifiedNotEmpty) {
  MinHasher hasher(MinHashOptions{.num_hashes = 256});
  std::vector<uint32_t> sig(256);
  const std::vector<uint64_t> one = {Mix64(42)};
  EXPECT_EQ(hasher.Compute(one, sig.data()), 1);  // one filled bin, 255 densified
  EXPECT_FALSE(IsEmptySignature(sig));
  for (const uint32_t v : sig) EXPECT_EQ(v, static_cast<uint32_t>(Mix64(42)));
  // A three-element set and a superset of it: the estimate stays near 3/4.
  const std::vector<uint64_t> three = {Mix64(1), Mix64(2), Mix64(3)};
  const std::vector<uint64_t> four = {Mix64(1), Mix64(2), Mix64(3), Mix64(4)};
  std::vector<uint32_t> s3(256);
  std::vector<uint32_t> s4(256);
  hasher.Compute(three, s3.data());
  hasher.Compute(four, s4.data());
  EXPECT_NEAR(EstimateJaccard(s3, s4), 0.75, 0.25);
}

TEST(MinHashTest, ComputeCountsTheBinsAHashFellIn) {
  MinHasher hasher(MinHashOptions{.num_hashes = 128});
  std::vector<uint32_t> sig(128);
  EXPECT_EQ(hasher.Compute({}, sig.data()), 0);
  // n hashes leave a bin empty with probability (1 - 1/128)^n: 1.2 bins of 128 at
  // n = 600, all of them (to 1e-5) at n = 3,000; ten hashes fill at most ten bins.
  for (const size_t n : {size_t{10}, size_t{600}, size_t{3000}}) {
    std::vector<uint64_t> hashes;
    for (size_t i = 0; i < n; ++i) hashes.push_back(Mix64(n * 100000 + i));
    const int filled = hasher.Compute(hashes, sig.data());
    std::vector<bool> seen(128);
    for (const uint64_t h : hashes) seen[((h >> 32) * 128) >> 32] = true;
    EXPECT_EQ(filled, std::count(seen.begin(), seen.end(), true)) << n;
    if (n == 3000) EXPECT_EQ(filled, 128);
  }
}

TEST(MinHashTest, EmptySetsMatchNothing) {
  MinHasher hasher(MinHashOptions{});
  std::vector<uint32_t> empty(128);
  hasher.Compute({}, empty.data());
  EXPECT_TRUE(IsEmptySignature(empty));
  EXPECT_EQ(EstimateJaccard(empty, empty), 0.0);
}

TEST(MinHashTest, ValidateRejectsBadSizes) {
  EXPECT_FALSE(MinHashOptions{.num_hashes = 0}.Validate().ok());
  EXPECT_FALSE(MinHashOptions{.num_hashes = 5000}.Validate().ok());
  EXPECT_TRUE(MinHashOptions{.num_hashes = 64}.Validate().ok());
}

}  // namespace
}  // namespace neardup
