#include "neardup/base/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace neardup {

void ParallelFor(int threads, size_t n, const std::function<void(size_t, int)>& body) {
  if (n == 0) return;
  const int workers = static_cast<int>(std::min<size_t>(static_cast<size_t>(std::max(threads, 1)), n));
  if (workers == 1) {
    for (size_t i = 0; i < n; ++i) body(i, 0);
    return;
  }
  constexpr size_t kBlock = 16;
  std::atomic<size_t> next{0};
  auto run = [&](int worker) {
    for (;;) {
      const size_t begin = next.fetch_add(kBlock, std::memory_order_relaxed);
      if (begin >= n) return;
      const size_t end = std::min(n, begin + kBlock);
      for (size_t i = begin; i < end; ++i) body(i, worker);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(workers - 1));
  for (int w = 1; w < workers; ++w) pool.emplace_back(run, w);
  run(0);
  for (auto& t : pool) t.join();
}

}  // namespace neardup
