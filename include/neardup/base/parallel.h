// Runs a loop body over [0, n) on several threads. Work is handed out in small blocks
// from a shared counter, so uneven items balance; which thread runs which item varies,
// so bodies must write only to their own item's slot (results stay deterministic). The
// threads are kept from one call to the next (a call made while another runs starts its
// own), so a pipeline may call it for every batch.
//
//   ParallelFor(threads, docs.size(), [&](size_t i, int worker) { Analyze(docs[i], &state[worker]); });
#ifndef NEARDUP_BASE_PARALLEL_H_
#define NEARDUP_BASE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace neardup {

// Calls body(i, worker) for every i in [0, n), on min(threads, n) threads (the calling
// thread is worker 0). worker is in [0, threads). Returns when all calls have returned.
void ParallelFor(int threads, size_t n, const std::function<void(size_t, int)>& body);

}  // namespace neardup

#endif  // NEARDUP_BASE_PARALLEL_H_
