#include "server/stop_signal.h"

#include <pthread.h>
#include <signal.h>

#include <ctime>
#include <utility>

namespace neardup::server {
namespace {

sigset_t StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

void BlockStopSignals() {
  const sigset_t set = StopSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

StopSignalWatcher::StopSignalWatcher(std::function<void()> on_signal)
    : thread_([this, on_signal = std::move(on_signal)] {
        const sigset_t set = StopSignals();
        // Wakes up now and then to notice the destructor.
        const timespec tick = {0, 100'000'000};
        while (!done_.load()) {
          const int sig = sigtimedwait(&set, nullptr, &tick);
          if (sig > 0) {
            signal_.store(sig);
            on_signal();
            return;
          }
        }
      }) {}

StopSignalWatcher::~StopSignalWatcher() {
  done_.store(true);
  thread_.join();
}

}  // namespace neardup::server
