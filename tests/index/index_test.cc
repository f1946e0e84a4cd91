// Differential tests: ExactIndex against all-pairs brute force, and LshIndex against
// ExactIndex (its recall above the bound the banding promises).
#include <algorithm>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "neardup/hash/hash.h"
#include "neardup/index/exact_index.h"
#include "neardup/index/lsh_index.h"
#include "neardup/sketch/minhash.h"
#include "neardup/verify/similarity.h"

namespace neardup {
namespace {

// Documents as shingle hashes (what MinHash sketches) and their shingle sets (what
// verification and the exact index compare).
struct Collection {
  std::vector<std::vector<uint64_t>> hashes;
  std::vector<std::vector<ShingleKey>> sets;
  size_t size() const { return sets.size(); }
};

// A collection built as families: each family has a base set and variants that keep a
// random share of it and add fresh elements, so pairwise Jaccard spreads over [0, 1].
Collection MakeCollection(uint64_t seed, int families, int per_family) {
  std::mt19937_64 rng(seed);
  Collection c;
  std::vector<std::vector<uint64_t>>& sets = c.hashes;
  uint64_t next = seed << 32;
  for (int f = 0; f < families; ++f) {
    std::vector<uint64_t> base;
    const int n = 50 + static_cast<int>(rng() % 300);
    for (int i = 0; i < n; ++i) base.push_back(Mix64(next++));
    for (int v = 0; v < per_family; ++v) {
      const double keep = std::uniform_real_distribution<double>(0.2, 1.0)(rng);
      std::vector<uint64_t> s;
      for (const uint64_t x : base) {
        if (std::uniform_real_distribution<double>(0, 1)(rng) < keep) s.push_back(x);
      }
      const int extra = static_cast<int>(rng() % 40);
      for (int i = 0; i < extra; ++i) s.push_back(Mix64(next++));
      std::sort(s.begin(), s.end());
      sets.push_back(std::move(s));
    }
  }
  std::shuffle(sets.begin(), sets.end(), rng);
  for (const auto& hashes : sets) {
    c.sets.emplace_back();
    ToShingleSet(hashes, &c.sets.back());
  }
  return c;
}

using Pair = std::pair<uint32_t, uint32_t>;

std::vector<Pair> TruePairs(const Collection& c, double threshold) {
  const auto& sets = c.sets;
  std::vector<Pair> out;
  for (uint32_t b = 0; b < sets.size(); ++b) {
    for (uint32_t a = 0; a < b; ++a) {
      if (ScoreShingleSets(sets[a], sets[b]).jaccard >= threshold) out.push_back({a, b});
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Runs `index` over the collection in order and returns the candidate pairs that verify.
std::vector<Pair> VerifiedPairs(CandidateIndex& index, const Collection& c, double threshold,
                                size_t* candidates) {
  const auto& sets = c.sets;
  MinHasher hasher(MinHashOptions{});
  std::vector<std::vector<uint32_t>> sigs(sets.size(), std::vector<uint32_t>(128));
  std::vector<Pair> out;
  std::vector<DocId> cand;
  *candidates = 0;
  for (uint32_t b = 0; b < sets.size(); ++b) {
    hasher.Compute(c.hashes[b], sigs[b].data());
    const IndexKey key{sigs[b], sets[b]};
    index.Query(key, &cand);
    EXPECT_TRUE(std::is_sorted(cand.begin(), cand.end()));
    *candidates += cand.size();
    for (const DocId a : cand) {
      EXPECT_LT(a, b);
      if (ScoreShingleSets(sets[a], sets[b]).jaccard >= threshold) out.push_back({a, b});
    }
    index.Insert(b, key);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ExactIndexTest, FindsExactlyTheBruteForcePairs) {
  for (const double t : {0.3, 0.5, 0.8}) {
    const auto sets = MakeCollection(7, 40, 6);
    ExactIndex index(ExactIndexOptions{.min_jaccard = t});
    size_t candidates = 0;
    const auto found = VerifiedPairs(index, sets, t, &candidates);
    EXPECT_EQ(found, TruePairs(sets, t)) << t;
    EXPECT_EQ(candidates, found.size()) << "the exact index returns only pairs at the threshold";
    EXPECT_EQ(index.size(), sets.size());
  }
}

TEST(ExactIndexTest, ContainmentBoundReturnsContainedSets) {
  std::vector<uint64_t> hashes;
  for (uint64_t i = 0; i < 100; ++i) hashes.push_back(Mix64(i));
  std::vector<ShingleKey> big;
  ToShingleSet(hashes, &big);
  ASSERT_EQ(big.size(), 100u);
  std::vector<ShingleKey> small(big.begin(), big.begin() + 20);
  ExactIndex index(ExactIndexOptions{.min_jaccard = 0.5, .min_containment = 0.9});
  index.Insert(0, {{}, big});
  std::vector<DocId> out;
  index.Query({{}, small}, &out);
  EXPECT_EQ(out, std::vector<DocId>{0});
  ExactIndex jaccard_only(ExactIndexOptions{.min_jaccard = 0.5});
  jaccard_only.Insert(0, {{}, big});
  jaccard_only.Query({{}, small}, &out);
  EXPECT_TRUE(out.empty());
}

TEST(LshIndexTest, RecallAgainstExactOracleMeetsTheBandingBound) {
  const double t = 0.5;
  const auto sets = MakeCollection(11, 300, 6);
  const auto truth = TruePairs(sets, t);
  ASSERT_GT(truth.size(), 400u);
  LshIndex lsh(LshOptions{.threshold = t}, 128);
  size_t candidates = 0;
  const auto found = VerifiedPairs(lsh, sets, t, &candidates);
  // Every verified LSH pair is a true pair (verification is exact)...
  std::vector<Pair> wrong;
  std::set_difference(found.begin(), found.end(), truth.begin(), truth.end(), std::back_inserter(wrong));
  EXPECT_TRUE(wrong.empty());
  // ...and the default banding (39 x 3) catches a pair at J = 0.5 with probability 0.994,
  // higher above it: recall over all true pairs must be at least 0.99.
  const double recall = static_cast<double>(found.size()) / static_cast<double>(truth.size());
  EXPECT_GE(recall, 0.99) << found.size() << " of " << truth.size();
  // And LSH prunes: far fewer candidates than all pairs.
  EXPECT_LT(candidates, sets.size() * (sets.size() - 1) / 2 / 10);
}

TEST(LshIndexTest, EqualWeightBandingMissesMoreThanRecallWeighted) {
  const double t = 0.5;
  const auto sets = MakeCollection(13, 150, 5);
  LshOptions equal;
  equal.false_positive_weight = 0.5;
  equal.false_negative_weight = 0.5;
  LshIndex balanced(equal, 128);
  LshIndex recall(LshOptions{.threshold = t}, 128);
  size_t c1 = 0;
  size_t c2 = 0;
  const auto f1 = VerifiedPairs(balanced, sets, t, &c1);
  const auto f2 = VerifiedPairs(recall, sets, t, &c2);
  EXPECT_LT(f1.size(), f2.size());
  EXPECT_EQ(balanced.params().bands, 25);
}

TEST(LshIndexTest, EmptyDocumentsAreNeverCandidates) {
  LshIndex index(LshOptions{}, 128);
  std::vector<uint32_t> empty(128, kEmptySignatureValue);
  index.Insert(0, {empty, {}});
  std::vector<DocId> out;
  index.Query({empty, {}}, &out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(index.size(), 1u);
}

// The split form (band keys hashed apart, then one QueryInsert) must give the candidates
// of Query followed by Insert, document by document, with or without a Reserve (on the
// empty index, or halfway).
TEST(LshIndexTest, QueryInsertGivesTheCandidatesOfQueryThenInsert) {
  const auto sets = MakeCollection(11, 40, 6);
  MinHasher hasher(MinHashOptions{});
  LshIndex plain(LshOptions{}, 128);
  LshIndex split(LshOptions{}, 128);
  LshIndex reserved(LshOptions{}, 128);
  reserved.Reserve(sets.size());
  std::vector<uint32_t> sig(128);
  std::vector<uint32_t> keys;
  std::vector<DocId> want;
  std::vector<DocId> got;
  size_t pairs = 0;
  for (uint32_t d = 0; d < sets.size(); ++d) {
    hasher.Compute(sets.hashes[d], sig.data());
    if (d == 7) split.Reserve(sets.size());
    plain.Query({sig, {}}, &want);
    plain.Insert(d, {sig, {}});
    split.BandKeys(sig, &keys);
    ASSERT_EQ(keys.size(), static_cast<size_t>(split.params().bands));
    split.QueryInsert(d, keys, &got);
    ASSERT_EQ(got, want) << d;
    reserved.QueryInsert(d, keys, &got);
    ASSERT_EQ(got, want) << d;
    pairs += got.size();
  }
  EXPECT_GT(pairs, sets.size() / 2);  // the collection has families: many candidates
  EXPECT_EQ(split.size(), plain.size());
  EXPECT_EQ(reserved.size(), plain.size());
  std::vector<uint32_t> empty(128, kEmptySignatureValue);
  split.BandKeys(empty, &keys);
  EXPECT_TRUE(keys.empty());
}

TEST(LshIndexTest, DefaultBandingIsTheOptimalOne) {
  const LshOptions defaults;
  const LshParams optimal = OptimalLshParams(defaults.threshold, 128, defaults.false_positive_weight,
                                             defaults.false_negative_weight);
  const LshParams resolved = defaults.Resolve(128);
  EXPECT_EQ(resolved.bands, optimal.bands);
  EXPECT_EQ(resolved.rows, optimal.rows);
  LshOptions other;
  other.threshold = 0.7;
  const LshParams at_07 = other.Resolve(128);
  EXPECT_EQ(at_07.bands, OptimalLshParams(0.7, 128, 0.01, 0.99).bands);
}

TEST(LshOptionsTest, Validate) {
  auto with = [](double threshold, int bands, int rows) {
    LshOptions o;
    o.threshold = threshold;
    o.bands = bands;
    o.rows = rows;
    return o.Validate(128).ok();
  };
  EXPECT_TRUE(with(0.5, 0, 0));
  EXPECT_FALSE(with(0.0, 0, 0));
  EXPECT_FALSE(with(1.0, 0, 0));
  EXPECT_FALSE(with(0.5, 10, 0));
  EXPECT_FALSE(with(0.5, 20, 7));
  EXPECT_TRUE(with(0.5, 16, 8));
}

}  // namespace
}  // namespace neardup
