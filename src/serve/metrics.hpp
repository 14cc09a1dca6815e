// serve/metrics.hpp: what /metrics reports, in the Prometheus text format.
//
// Counts of requests by route and status, and a latency histogram by route
// (from a request read whole to its answer ready; the network is the
// client's to measure). Owned by one HttpServer, updated with relaxed
// atomics from any thread: a scrape sees each number as it was at some
// instant, not all of them at one.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace parley::serve {

class Metrics {
 public:
  // The routes counted apart; everything else is "other".
  enum Route {
    start, suggest, apply, observe, signals, explain, lint, reload, conversation_get, conversation_delete,
    healthz, version, metrics, files, other, kRoutes
  };
  static Route route_of(std::string_view op);  // "suggest" -> suggest

  void record(Route route, int status, std::chrono::nanoseconds took);
  void connection_opened() { open_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { open_.fetch_sub(1, std::memory_order_relaxed); }

  // The exposition, with `rules_generation` as a gauge.
  std::string text(std::uint64_t rules_generation) const;

 private:
  static constexpr std::array<int, 14> kStatuses = {200, 400, 401, 403, 404, 405, 408,
                                                   409, 413, 422, 431, 500, 503, 0};  // 0: any other
  // Upper bounds in seconds, as Prometheus' `le`.
  static constexpr std::array<double, 14> kBuckets = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                      0.01,    0.025,  0.05,    0.1,    0.25,   1,     5};

  struct PerRoute {
    std::array<std::atomic<std::uint64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};  // the last: above all
    std::atomic<std::uint64_t> nanoseconds{0};
  };
  std::array<PerRoute, kRoutes> routes_{};
  std::atomic<std::int64_t> open_{0};
};

}  // namespace parley::serve
