#include "serve/signal_watch.hpp"

#include <pthread.h>
#include <signal.h>

#include <ctime>

namespace parley::serve {
namespace {

sigset_t watched(bool stop_too) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  if (stop_too) {
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
  }
  return set;
}

}  // namespace

SignalWatch::SignalWatch(std::function<void()> on_reload, std::function<void()> on_stop) {
  const sigset_t set = watched(static_cast<bool>(on_stop));
  // Threads started after this inherit the mask, so only sigwait takes them.
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this, set, on_reload = std::move(on_reload), on_stop = std::move(on_stop)] {
    // A short wait, so that the destructor's request to stop is seen soon.
    const timespec tick{0, 200'000'000};
    while (!done_.load()) {
      const int sig = sigtimedwait(&set, nullptr, &tick);
      if (sig == SIGHUP) {
        on_reload();
      } else if (sig == SIGTERM || sig == SIGINT) {
        on_stop();
        return;
      }
    }
  });
}

SignalWatch::~SignalWatch() {
  done_.store(true);
  thread_.join();
}

}  // namespace parley::serve
