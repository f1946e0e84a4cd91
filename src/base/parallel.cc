#include "neardup/base/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace neardup {
namespace {

// Items a thread takes from the shared counter at a time.
constexpr size_t kBlock = 16;

// Runs body(i, worker) for the blocks of [0, n) that `next` hands out.
void RunBlocks(std::atomic<size_t>& next, size_t n, const std::function<void(size_t, int)>& body, int worker) {
  for (;;) {
    const size_t begin = next.fetch_add(kBlock, std::memory_order_relaxed);
    if (begin >= n) return;
    const size_t end = std::min(n, begin + kBlock);
    for (size_t i = begin; i < end; ++i) body(i, worker);
  }
}

// Threads kept for ParallelFor from one call to the next. A pipeline calls it two or three
// times a batch: starting threads anew each time cost 60-100 us per thread here, and each
// new thread took a malloc arena and a stack that had to warm up again. One call at a
// time uses the pool; a call made while another runs (from another thread) starts threads
// of its own, as ParallelFor did before the pool. The pool lives until the process ends.
class Pool {
 public:
  // Runs the loop on the calling thread and workers - 1 pooled threads, if the pool is
  // free; returns false, having run nothing, if it is not.
  bool TryRun(int workers, size_t n, const std::function<void(size_t, int)>& body) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (busy_) return false;
      busy_ = true;
      while (static_cast<int>(threads_.size()) < workers - 1) {
        const int worker = static_cast<int>(threads_.size()) + 1;
        threads_.emplace_back([this, worker] { Work(worker); });
      }
      body_ = &body;
      n_ = n;
      next_.store(0, std::memory_order_relaxed);
      workers_ = workers;
      pending_ = workers - 1;
      ++generation_;
    }
    work_cv_.notify_all();
    RunBlocks(next_, n, body, 0);
    std::unique_lock<std::mutex> lock(mu_);
    done_cv_.wait(lock, [this] { return pending_ == 0; });
    busy_ = false;
    return true;
  }

 private:
  void Work(int worker) {
    uint64_t seen = 0;
    for (;;) {
      const std::function<void(size_t, int)>* body;
      size_t n;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [this, seen] { return generation_ != seen; });
        seen = generation_;
        if (worker >= workers_) continue;  // a call with fewer threads: sit this one out
        body = body_;
        n = n_;
      }
      RunBlocks(next_, n, *body, worker);
      std::lock_guard<std::mutex> lock(mu_);
      if (--pending_ == 0) done_cv_.notify_one();
    }
  }

  std::mutex mu_;
  std::condition_variable work_cv_;  // a new call (generation_ moved on)
  std::condition_variable done_cv_;  // pending_ reached 0
  std::vector<std::thread> threads_;
  bool busy_ = false;
  uint64_t generation_ = 0;
  const std::function<void(size_t, int)>* body_ = nullptr;
  size_t n_ = 0;
  int workers_ = 0;
  int pending_ = 0;  // pooled threads still in the current call
  std::atomic<size_t> next_{0};
};

Pool& ThePool() {
  static Pool* const pool = new Pool;  // never destroyed: its threads wait until exit
  return *pool;
}

}  // namespace

void ParallelFor(int threads, size_t n, const std::function<void(size_t, int)>& body) {
  if (n == 0) return;
  const int workers = static_cast<int>(std::min<size_t>(static_cast<size_t>(std::max(threads, 1)), n));
  if (workers == 1) {
    for (size_t i = 0; i < n; ++i) body(i, 0);
    return;
  }
  if (ThePool().TryRun(workers, n, body)) return;
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(workers - 1));
  for (int w = 1; w < workers; ++w) pool.emplace_back([&, w] { RunBlocks(next, n, body, w); });
  RunBlocks(next, n, body, 0);
  for (auto& t : pool) t.join();
}

}  // namespace neardup
