#include "serve/metrics.hpp"

#include <cstdio>

namespace parley::serve {
namespace {

constexpr std::string_view kRouteNames[] = {"start",   "suggest", "apply",   "observe",
                                            "signals", "explain", "lint",    "reload",
                                            "conversation_get",   "conversation_delete",
                                            "healthz", "version", "metrics", "files",   "other"};
static_assert(std::size(kRouteNames) == Metrics::kRoutes);

}  // namespace

Metrics::Route Metrics::route_of(std::string_view op) {
  for (int r = 0; r < kRoutes; ++r) {
    if (kRouteNames[r] == op) return static_cast<Route>(r);
  }
  if (op == "get") return conversation_get;
  if (op == "delete") return conversation_delete;
  return other;
}

void Metrics::record(Route route, int status, std::chrono::nanoseconds took) {
  PerRoute& r = routes_[route];
  std::size_t s = 0;
  while (kStatuses[s] != 0 && kStatuses[s] != status) ++s;
  r.by_status[s].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(took).count();
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  r.buckets[b].fetch_add(1, std::memory_order_relaxed);
  r.nanoseconds.fetch_add(static_cast<std::uint64_t>(took.count()), std::memory_order_relaxed);
}

std::string Metrics::text(std::uint64_t rules_generation) const {
  std::string out;
  char line[256];
  auto append = [&](int n) { out.append(line, static_cast<std::size_t>(n)); };
  out += "# HELP parley_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE parley_http_requests_total counter\n";
  for (int r = 0; r < kRoutes; ++r) {
    for (std::size_t s = 0; s < kStatuses.size(); ++s) {
      const std::uint64_t n = routes_[r].by_status[s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      const std::string status = kStatuses[s] ? std::to_string(kStatuses[s]) : "other";
      append(std::snprintf(line, sizeof line, "parley_http_requests_total{route=\"%.*s\",status=\"%s\"} %llu\n",
                           static_cast<int>(kRouteNames[r].size()), kRouteNames[r].data(), status.c_str(),
                           static_cast<unsigned long long>(n)));
    }
  }
  out += "# HELP parley_http_request_duration_seconds Time from a request read to its answer ready, by route.\n"
         "# TYPE parley_http_request_duration_seconds histogram\n";
  for (int r = 0; r < kRoutes; ++r) {
    const PerRoute& p = routes_[r];
    std::uint64_t count = 0;
    for (const auto& b : p.buckets) count += b.load(std::memory_order_relaxed);
    if (count == 0) continue;
    const auto name = static_cast<int>(kRouteNames[r].size());
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += p.buckets[b].load(std::memory_order_relaxed);
      if (b < kBuckets.size()) {
        append(std::snprintf(line, sizeof line,
                             "parley_http_request_duration_seconds_bucket{route=\"%.*s\",le=\"%g\"} %llu\n", name,
                             kRouteNames[r].data(), kBuckets[b], static_cast<unsigned long long>(cumulative)));
      } else {
        append(std::snprintf(line, sizeof line,
                             "parley_http_request_duration_seconds_bucket{route=\"%.*s\",le=\"+Inf\"} %llu\n", name,
                             kRouteNames[r].data(), static_cast<unsigned long long>(cumulative)));
      }
    }
    append(std::snprintf(line, sizeof line, "parley_http_request_duration_seconds_sum{route=\"%.*s\"} %.9f\n", name,
                         kRouteNames[r].data(), static_cast<double>(p.nanoseconds.load(std::memory_order_relaxed)) / 1e9));
    append(std::snprintf(line, sizeof line, "parley_http_request_duration_seconds_count{route=\"%.*s\"} %llu\n", name,
                         kRouteNames[r].data(), static_cast<unsigned long long>(cumulative)));
  }
  out += "# HELP parley_http_connections_open Connections open now.\n# TYPE parley_http_connections_open gauge\n";
  append(std::snprintf(line, sizeof line, "parley_http_connections_open %lld\n",
                       static_cast<long long>(open_.load(std::memory_order_relaxed))));
  out += "# HELP parley_rules_generation Rule sets loaded since the start (1: no reload yet).\n"
         "# TYPE parley_rules_generation gauge\n";
  append(std::snprintf(line, sizeof line, "parley_rules_generation %llu\n",
                       static_cast<unsigned long long>(rules_generation)));
  return out;
}

}  // namespace parley::serve
