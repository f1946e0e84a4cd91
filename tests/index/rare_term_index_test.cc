#include "neardup/index/rare_term_index.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "neardup/text/stemmer.h"
#include "neardup/hash/hash.h"
#include "neardup/text/term_stats.h"

namespace neardup {
namespace {

TEST(RareTermIndexTest, OptionsValidate) {
  EXPECT_TRUE(RareTermIndexOptions{}.Validate().ok());
  EXPECT_FALSE(RareTermIndexOptions{.keys_per_doc = 0}.Validate().ok());
  EXPECT_FALSE(RareTermIndexOptions{.min_key_containment = 1.5}.Validate().ok());
  EXPECT_FALSE(RareTermIndexOptions{.min_key_containment = -0.1}.Validate().ok());
  EXPECT_TRUE(RareTermIndexOptions{.keys_per_doc = kMaxKeysPerDoc}.Validate().ok());
  EXPECT_FALSE(RareTermIndexOptions{.keys_per_doc = kMaxKeysPerDoc + 1}.Validate().ok());
  EXPECT_FALSE((RareTermIndexOptions{.keys_per_doc = 4, .min_shared = 5}.Validate().ok()));
  EXPECT_FALSE(RareTermIndexOptions{.min_idf = -1}.Validate().ok());
}

// StrongestCandidates equals filtering every candidate, then keeping the max_candidates
// with the most shared keys (the later of equals first), and asks the filter about no
// more candidates than it must: random lists, caps and filters.
TEST(RareTermIndexTest, StrongestCandidatesFilterThenCapInStrengthOrder) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::pair<DocId, uint32_t>> candidates;
    for (DocId id = 0; id < 300; ++id) {
      if (rng() % 3 == 0) candidates.emplace_back(id, 3 + rng() % 6);
    }
    const size_t cap = rng() % 20;
    const uint32_t modulus = 1 + rng() % 4;  // keep ids divisible by it
    auto keep = [&](DocId id) { return id % modulus == 0; };

    std::vector<std::pair<DocId, uint32_t>> want_order;
    for (const auto& c : candidates) {
      if (keep(c.first)) want_order.push_back(c);
    }
    std::sort(want_order.begin(), want_order.end(), [](const auto& x, const auto& y) {
      return x.second > y.second || (x.second == y.second && x.first > y.first);
    });
    if (cap > 0 && want_order.size() > cap) want_order.resize(cap);
    std::vector<DocId> want;
    for (const auto& c : want_order) want.push_back(c.first);
    std::sort(want.begin(), want.end());

    size_t asked = 0;
    const std::vector<DocId> got = StrongestCandidates(candidates, cap, [&](DocId id) {
      ++asked;
      return keep(id);
    });
    EXPECT_EQ(got, want) << "round " << round;
    if (cap > 0 && candidates.size() > cap) {
      // Asked in strength order, up to the cap-th kept candidate (or all of them).
      std::vector<std::pair<DocId, uint32_t>> order = candidates;
      std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
        return x.second > y.second || (x.second == y.second && x.first > y.first);
      });
      size_t needed = 0, kept = 0;
      while (needed < order.size() && kept < cap) kept += keep(order[needed++].first);
      EXPECT_EQ(asked, needed) << "round " << round;
    } else {
      EXPECT_EQ(asked, candidates.size()) << "round " << round;
    }
  }
}

TEST(RareTermIndexTest, KeysAreRareTermsSampledConsistently) {
  TermStats stats("test");
  std::vector<uint64_t> common = {TermHash("said"), TermHash("year")};
  for (int i = 0; i < 1000; ++i) stats.Add(common);
  std::vector<uint64_t> terms = common;
  for (int i = 0; i < 100; ++i) terms.push_back(TermHash("rare" + std::to_string(i)));
  std::sort(terms.begin(), terms.end());
  const RareTermIndexOptions options{.keys_per_doc = 10};
  std::vector<uint64_t> keys;
  SelectRareKeys(terms, stats, options, &keys);
  // The keys are the rare terms with the 10 smallest mixed hashes (a bottom-k sketch).
  std::vector<std::pair<uint64_t, uint64_t>> rare;
  for (const uint64_t t : terms) {
    if (t != common[0] && t != common[1]) rare.emplace_back(Mix64(t), t);
  }
  std::sort(rare.begin(), rare.end());
  std::vector<uint64_t> want;
  for (size_t i = 0; i < 10; ++i) want.push_back(rare[i].second);
  std::sort(want.begin(), want.end());
  EXPECT_EQ(keys, want);
}

// The keys of a document whose rare terms are `terms` (all rare: no statistics).
std::vector<uint64_t> KeysOf(const std::vector<uint64_t>& terms, int keys_per_doc) {
  std::vector<uint64_t> sorted = terms;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<uint64_t> keys;
  SelectRareKeys(sorted, TermStats("test"), RareTermIndexOptions{.keys_per_doc = keys_per_doc, .min_idf = 0},
                 &keys);
  return keys;
}

size_t SharedKeys(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::vector<uint64_t> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return both.size();
}

// KeyContainment estimates, from two bottom-k samples, the share of the smaller rare-term
// set that the other document has: an excerpt inside a long article scores high although
// it shares few of the article's keys; two long articles sharing a few names score low
// although they share min_shared keys.
TEST(RareTermIndexTest, KeyContainmentEstimatesTheSharedShareOfTheSmallerSet) {
  constexpr int k = 32;
  std::vector<uint64_t> article;
  for (uint64_t t = 1; t <= 400; ++t) article.push_back(t * 7919);
  // An excerpt: 40 of the article's rare terms.
  const std::vector<uint64_t> excerpt(article.begin() + 100, article.begin() + 140);
  const std::vector<uint64_t> ka = KeysOf(article, k), ke = KeysOf(excerpt, k);
  ASSERT_EQ(ka.size(), 32u);
  const size_t shared = SharedKeys(ka, ke);
  ASSERT_GE(shared, 1u);
  EXPECT_GT(KeyContainment(shared, ka, ke, k), 0.5);
  EXPECT_EQ(KeyContainment(shared, ka, ke, k), KeyContainment(shared, ke, ka, k));
  // Another long article naming 20 of the first one's 400 rare terms (5%).
  std::vector<uint64_t> other(article.begin(), article.begin() + 20);
  for (uint64_t t = 1; t <= 380; ++t) other.push_back(t * 7919 + 1);
  const std::vector<uint64_t> ko = KeysOf(other, k);
  EXPECT_LT(KeyContainment(SharedKeys(ka, ko), ka, ko, k), 0.15);
  // Every rare term a key on both sides: the plain share of the smaller sample.
  const std::vector<uint64_t> few = {1, 2, 3, 4}, more = {1, 2, 5, 6, 7, 8, 9, 10};
  EXPECT_DOUBLE_EQ(KeyContainment(2, few, more, k), 0.5);
}

// Differential test against brute force: candidates are exactly the earlier documents
// sharing at least min_shared keys and min_key_containment (keys sampled as
// SelectRareKeys does, from vocabularies of 5 to 60 terms, so some samples are full).
TEST(RareTermIndexTest, MatchesBruteForce) {
  std::mt19937_64 rng(7);
  const RareTermIndexOptions options{.keys_per_doc = 8, .min_shared = 2, .min_key_containment = 0.4};
  RareTermIndex index(options);
  std::vector<std::vector<uint64_t>> docs;
  size_t dropped = 0;
  for (int d = 0; d < 300; ++d) {
    std::vector<uint64_t> terms;
    const int n = 5 + static_cast<int>(rng() % 56);
    for (int t = 0; t < n; ++t) terms.push_back(rng() % 150);
    const std::vector<uint64_t> keys = KeysOf(terms, options.keys_per_doc);
    std::vector<DocId> got;
    index.Query(keys, &got);
    std::vector<DocId> want;
    for (size_t e = 0; e < docs.size(); ++e) {
      const size_t shared = SharedKeys(keys, docs[e]);
      if (shared < 2) continue;
      if (KeyContainment(shared, docs[e], keys, options.keys_per_doc) < 0.4) {
        ++dropped;
        continue;
      }
      want.push_back(static_cast<DocId>(e));
    }
    ASSERT_EQ(got, want) << "document " << d;
    index.Insert(static_cast<DocId>(d), keys);
    docs.push_back(keys);
  }
  EXPECT_GT(dropped, 0u);  // the containment rule was exercised
  EXPECT_EQ(index.size(), 300u);
  EXPECT_GT(index.MemoryBytes(), 0u);
}

// QueryBefore(d) on the full index answers exactly what Query answered just before d
// was inserted, posting-list cap included (lists of up to 6 ids, some keys in dozens of
// documents, so lists pass the cap while the index grows).
TEST(RareTermIndexTest, QueryBeforeIsTheQueryAtInsertTime) {
  std::mt19937_64 rng(13);
  const RareTermIndexOptions options{.keys_per_doc = 8, .min_shared = 2, .max_postings = 6};
  RareTermIndex index(options);
  std::vector<std::vector<uint64_t>> keys;
  std::vector<std::vector<std::pair<DocId, uint32_t>>> at_insert;
  RareTermIndex::Scratch scratch;
  for (int d = 0; d < 300; ++d) {
    std::vector<uint64_t> k;
    for (int j = 0; j < 8; ++j) k.push_back(j < 2 ? rng() % 20 : rng() % 400);
    std::sort(k.begin(), k.end());
    k.erase(std::unique(k.begin(), k.end()), k.end());
    at_insert.emplace_back();
    index.Query(k, &at_insert.back(), &scratch);
    index.Insert(static_cast<DocId>(d), k);
    keys.push_back(k);
  }
  size_t found = 0;
  std::vector<std::pair<DocId, uint32_t>> got;
  for (size_t d = 0; d < keys.size(); ++d) {
    index.QueryBefore(keys[d], static_cast<DocId>(d), &got, &scratch);
    ASSERT_EQ(got, at_insert[d]) << "document " << d;
    found += got.size();
  }
  EXPECT_GT(found, 0u);
  // Past the last id: the whole index, as Query.
  std::vector<std::pair<DocId, uint32_t>> all;
  index.Query(keys[0], &all, &scratch);
  index.QueryBefore(keys[0], 100000, &got, &scratch);
  EXPECT_EQ(got, all);
}

// A time window keeps every document within it (with the same count as without a window)
// and leaves out every one more than a minute further (times are kept to the minute).
// Times are random, some missing, inserted out of order; QueryBefore as well.
TEST(RareTermIndexTest, TimeWindowLeavesOutOnlyDocumentsOutsideIt) {
  std::mt19937_64 rng(29);
  const RareTermIndexOptions options{.keys_per_doc = 8, .min_shared = 2, .max_postings = 40};
  RareTermIndex index(options);
  std::vector<std::vector<uint64_t>> keys;
  std::vector<int64_t> times;
  for (int d = 0; d < 400; ++d) {
    std::vector<uint64_t> k;
    for (int j = 0; j < 8; ++j) k.push_back(rng() % 120);
    std::sort(k.begin(), k.end());
    k.erase(std::unique(k.begin(), k.end()), k.end());
    const int64_t time = rng() % 5 == 0 ? kNoTime : static_cast<int64_t>(rng() % 100000) - 50000;
    index.Insert(static_cast<DocId>(d), k, time);
    keys.push_back(k);
    times.push_back(time);
  }
  RareTermIndex::Scratch scratch;
  std::vector<std::pair<DocId, uint32_t>> all, windowed;
  size_t left_out = 0, kept = 0;
  for (size_t d = 0; d < keys.size(); d += 3) {
    // Half the windows end exactly at one of the candidates (the edge is inside).
    int64_t seconds = static_cast<int64_t>(rng() % 20000);
    index.Query(keys[d], &all, &scratch);
    if (d % 2 == 0 && times[d] != kNoTime && !all.empty()) {
      const DocId other = all[rng() % all.size()].first;
      if (times[other] != kNoTime && times[other] != times[d]) seconds = std::abs(times[other] - times[d]);
    }
    const TimeWindow window{times[d], seconds};
    for (const DocId limit : {static_cast<DocId>(d), std::numeric_limits<DocId>::max()}) {
      index.QueryBefore(keys[d], limit, &all, &scratch);
      index.QueryBefore(keys[d], limit, &windowed, &scratch, window);
      // What the window may leave out, all of it found without the window.
      ASSERT_TRUE(std::includes(all.begin(), all.end(), windowed.begin(), windowed.end()))
          << "document " << d;
      for (const auto& [id, shared] : all) {
        const bool timed = seconds > 0 && times[d] != kNoTime && times[id] != kNoTime;
        const int64_t apart = timed ? std::abs(times[id] - times[d]) : 0;
        const bool found = std::binary_search(windowed.begin(), windowed.end(), std::pair{id, shared});
        if (apart <= seconds) {
          EXPECT_TRUE(found) << "document " << d << " lost " << id << ", " << apart << " s apart";
          ++kept;
        } else if (apart > seconds + 60) {
          EXPECT_FALSE(found) << "document " << d << " kept " << id << ", " << apart << " s apart";
          ++left_out;
        }
      }
    }
  }
  EXPECT_GT(left_out, 100u);
  EXPECT_GT(kept, 100u);
}

}  // namespace
}  // namespace neardup
