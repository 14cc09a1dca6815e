// serve/signal_watch.hpp: SIGHUP reloads the rule set, SIGTERM and SIGINT
// stop the server, in both serve modes.
//
// The signals are blocked in every thread (construct the SignalWatch before
// starting any) and taken by one thread of the watch's own with sigwait, so
// a handler runs as ordinary code, not in a signal handler's few allowed
// calls, and no process-wide flag is needed.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace parley::serve {

class SignalWatch {
 public:
  // on_reload runs for each SIGHUP, on_stop for a SIGTERM or SIGINT (after
  // which the watch stops), each on the watch's thread. Without on_stop,
  // SIGTERM and SIGINT keep their default action (the process ends).
  SignalWatch(std::function<void()> on_reload, std::function<void()> on_stop);
  ~SignalWatch();  // stops the thread

  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;

 private:
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace parley::serve
