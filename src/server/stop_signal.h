// Graceful stop on SIGINT and SIGTERM for a long-running command: the signals are blocked
// in every thread and taken by sigwait on a thread of their own, which calls back. No
// async-signal-safety puzzles, and RocksDB's and cpp-httplib's threads never see them.
//
//   BlockStopSignals();                       // first, before any thread starts
//   ... open the index, bind ...
//   StopSignalWatcher watcher([&] { server.Stop(); });
//   server.Serve();
#ifndef NEARDUP_SERVER_STOP_SIGNAL_H_
#define NEARDUP_SERVER_STOP_SIGNAL_H_

#include <atomic>
#include <functional>
#include <thread>

namespace neardup::server {

// Blocks SIGINT and SIGTERM in the calling thread, and so in every thread it starts later.
// Call it before any thread is started: a thread that has them unblocked would die of them.
void BlockStopSignals();

// Waits for SIGINT or SIGTERM on a thread of its own and calls `on_signal` once when one
// arrives. The destructor stops waiting (and joins the thread).
class StopSignalWatcher {
 public:
  explicit StopSignalWatcher(std::function<void()> on_signal);
  ~StopSignalWatcher();
  StopSignalWatcher(const StopSignalWatcher&) = delete;
  StopSignalWatcher& operator=(const StopSignalWatcher&) = delete;

  // Returns the signal that arrived, or 0.
  int signal() const { return signal_.load(); }

 private:
  std::atomic<bool> done_{false};
  std::atomic<int> signal_{0};
  std::thread thread_;
};

}  // namespace neardup::server

#endif  // NEARDUP_SERVER_STOP_SIGNAL_H_
