// A small seeded random number generator for the corpus generator (SplitMix64), with
// its own range and shuffle functions so that a seed gives the same corpus with every
// compiler and standard library (std::uniform_int_distribution is not portable).
//
//   Rng rng = Rng::Derive(seed, unit_index);   // an independent stream per unit
//   if (rng.Chance(0.3)) Use(rng.Pick(options));
#ifndef NEARDUP_GEN_RANDOM_H_
#define NEARDUP_GEN_RANDOM_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "neardup/hash/hash.h"

namespace neardup {

// Not thread-safe: one per thread or per unit of work.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  // Returns a generator for stream `stream` of `seed`, independent of other streams.
  static Rng Derive(uint64_t seed, uint64_t stream) {
    return Rng(Mix64(seed ^ Mix64(stream + 0x9e3779b97f4a7c15ULL)));
  }

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Returns a number in [0, n) (0 when n is 0).
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  // Returns an integer in [lo, hi] (lo when hi < lo).
  int Range(int lo, int hi) {
    return hi <= lo ? lo : lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Returns a double in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Returns a double in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Returns true with probability p.
  bool Chance(double p) { return Uniform() < p; }
  // Returns a uniformly chosen element; `items` must not be empty.
  template <typename Container>
  const auto& Pick(const Container& items) {
    return items[Below(items.size())];
  }
  // Shuffles `items` (Fisher-Yates).
  template <typename T>
  void Shuffle(std::vector<T>* items) {
    for (size_t i = items->size(); i > 1; --i) std::swap((*items)[i - 1], (*items)[Below(i)]);
  }

 private:
  uint64_t state_;
};

}  // namespace neardup

#endif  // NEARDUP_GEN_RANDOM_H_
