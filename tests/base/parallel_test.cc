#include "neardup/base/parallel.h"

#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace neardup {
namespace {

TEST(ParallelForTest, CallsEveryIndexExactlyOnce) {
  for (const int threads : {1, 2, 4, 7}) {
    for (const size_t n : {size_t{0}, size_t{1}, size_t{15}, size_t{1000}}) {
      std::vector<std::atomic<int>> calls(n);
      std::atomic<int> bad_worker{0};
      ParallelFor(threads, n, [&](size_t i, int worker) {
        calls[i].fetch_add(1);
        if (worker < 0 || worker >= threads) bad_worker.fetch_add(1);
      });
      for (size_t i = 0; i < n; ++i) EXPECT_EQ(calls[i].load(), 1) << i;
      EXPECT_EQ(bad_worker.load(), 0);
    }
  }
}

// Calls from several threads at once (one gets the kept threads, the others start their
// own) and calls that shrink and grow the number of threads must each call every index of
// their own loop once, with each worker index used by one thread at a time.
TEST(ParallelForTest, ConcurrentCallsAndChangingThreadCountsEachRunTheirLoop) {
  std::atomic<int> failures{0};
  auto caller = [&](int seed) {
    for (int round = 0; round < 200; ++round) {
      const int threads = 1 + (seed + round) % 4;
      const size_t n = static_cast<size_t>(1 + (seed * 31 + round * 7) % 300);
      std::vector<std::atomic<int>> calls(n);
      std::vector<std::atomic<int>> in_use(static_cast<size_t>(threads));
      ParallelFor(threads, n, [&](size_t i, int worker) {
        if (worker < 0 || worker >= threads || in_use[static_cast<size_t>(worker)].fetch_add(1) != 0) {
          failures.fetch_add(1);
          return;
        }
        calls[i].fetch_add(1);
        in_use[static_cast<size_t>(worker)].fetch_sub(1);
      });
      for (size_t i = 0; i < n; ++i) {
        if (calls[i].load() != 1) failures.fetch_add(1);
      }
    }
  };
  std::vector<std::thread> callers;
  for (int seed = 0; seed < 3; ++seed) callers.emplace_back(caller, seed);
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace neardup
