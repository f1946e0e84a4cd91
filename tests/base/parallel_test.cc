#include "neardup/base/parallel.h"

#include <atomic>
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

}  // namespace
}  // namespace neardup
