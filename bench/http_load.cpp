// parley_http_load: a load generator for `parley serve --http` (not a test).
//
//   parley_http_load --port 8080 --connections 4 --seconds 10 --mode stateless
//
// Each connection is a thread with one keep-alive socket sending the next
// request as soon as the answer to the last one is in (a closed loop), for
// a fixed time. Modes:
//   stateless      POST /v1/suggest with the whole conversation in the body
//   stored         POST /v1/suggest naming a stored conversation
//   stored-apply   POST /v1/apply naming a stored conversation (a write each)
// Prints requests a second and latency percentiles (as the client sees
// them: the server's work and the loopback round trip). Run the server and
// this on different cores (taskset) to read "per core" off the result.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int port = 8080;
  int connections = 4;
  double seconds = 10;
  std::string mode = "stateless";
  std::string product = "pdu";
  bool explain = false;
  int top = 3;
  int server_pid = 0;  // when given, the server's CPU time is read from /proc
};

// User plus system CPU seconds of process `pid` so far, from /proc/PID/stat.
double cpu_seconds(int pid) {
  if (pid == 0) return 0;
  std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
  if (!f) return 0;
  char buffer[1024];
  const std::size_t n = std::fread(buffer, 1, sizeof buffer - 1, f);
  std::fclose(f);
  buffer[n] = '\0';
  // Fields after the ")" closing the command name: state is 3rd, utime 14th, stime 15th.
  const char* p = std::strrchr(buffer, ')');
  if (!p) return 0;
  unsigned long long utime = 0, stime = 0;
  std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime);
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "parley_http_load: %s\n", what.c_str());
  std::exit(2);
}

class Connection {
 public:
  explicit Connection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      die("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Connection() { ::close(fd_); }

  // Sends a POST and returns the status; the body goes to `body`.
  int post(std::string_view target, std::string_view json, std::string& body) {
    return call("POST", target, json, body);
  }

  int call(std::string_view method, std::string_view target, std::string_view json, std::string& body) {
    request_.clear();
    request_ += method;
    request_ += ' ';
    request_ += target;
    request_ += " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ";
    request_ += std::to_string(json.size());
    request_ += "\r\n\r\n";
    request_ += json;
    for (std::size_t sent = 0; sent < request_.size();) {
      const ssize_t n = ::send(fd_, request_.data() + sent, request_.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) die("send failed");
      sent += static_cast<std::size_t>(n);
    }
    // Headers, then Content-Length bytes of body.
    std::size_t header_end;
    while ((header_end = in_.find("\r\n\r\n")) == std::string::npos) fill();
    const int status = std::atoi(in_.c_str() + 9);
    std::size_t length = 0;
    const std::string_view headers(in_.data(), header_end);
    for (std::string_view name : {"Content-Length: ", "content-length: "}) {
      if (std::size_t at = headers.find(name); at != std::string_view::npos) {
        length = std::strtoull(in_.c_str() + at + name.size(), nullptr, 10);
      }
    }
    while (in_.size() < header_end + 4 + length) fill();
    body.assign(in_, header_end + 4, length);
    in_.erase(0, header_end + 4 + length);
    return status;
  }

 private:
  void fill() {
    char buffer[16384];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) die("the server closed the connection");
    in_.append(buffer, static_cast<std::size_t>(n));
  }

  int fd_ = -1;
  std::string request_;
  std::string in_;
};

const char* const kMessages[] = {"太贵了", "便宜点吧", "150包邮行吗", "在吗", "发什么快递", "能送个赠品吗"};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--port") o.port = std::atoi(value);
    else if (flag == "--connections") o.connections = std::max(1, std::atoi(value));
    else if (flag == "--seconds") o.seconds = std::atof(value);
    else if (flag == "--mode") o.mode = value;
    else if (flag == "--product") o.product = value;
    else if (flag == "--top") o.top = std::atoi(value);
    else if (flag == "--server-pid") o.server_pid = std::atoi(value);
    else if (flag == "--explain") o.explain = std::string_view(value) == "true";
    else die("unknown option " + std::string(flag));
  }
  if (o.mode != "stateless" && o.mode != "stored" && o.mode != "stored-apply") die("--mode: stateless, stored or stored-apply");

  // A conversation three turns in, so that the state is a realistic size.
  std::string state;
  {
    Connection c(o.port);
    std::string body;
    if (c.post("/v1/start", "{\"product\":\"" + o.product + "\"}", body) != 200) die("start: " + body);
    state = body;
    for (const char* m : {"在吗", "太贵了", "便宜点吧"}) {
      if (c.post("/v1/apply", "{\"state\":" + state + ",\"message\":\"" + m + "\"}", body) != 200) {
        die("apply: " + body);
      }
      state = body;
    }
  }

  const auto tail = "\"top\":" + std::to_string(o.top) + ",\"explain\":" + (o.explain ? "true" : "false") + "}";
  std::atomic<bool> go{false};
  std::atomic<long> errors{0};
  std::atomic<long> restarts{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(o.connections));
  std::vector<std::thread> threads;
  const auto run_for = std::chrono::duration<double>(o.seconds);
  for (int t = 0; t < o.connections; ++t) {
    threads.emplace_back([&, t] {
      Connection c(o.port);
      std::string body;
      const std::string id = "load-" + std::to_string(::getpid()) + "-" + std::to_string(t);
      if (o.mode != "stateless") {
        if (c.post("/v1/start", "{\"product\":\"" + o.product + "\",\"conversation\":\"" + id + "\"}", body) != 200) {
          die("start: " + body);
        }
      }
      std::vector<std::string> requests;
      for (const char* m : kMessages) {
        if (o.mode == "stateless") {
          requests.push_back("{\"state\":" + state + ",\"message\":\"" + m + "\"," + tail);
        } else if (o.mode == "stored") {
          requests.push_back("{\"conversation\":\"" + id + "\",\"message\":\"" + m + "\"," + tail);
        } else {
          requests.push_back("{\"conversation\":\"" + id + "\",\"message\":\"" + m + "\"}");
        }
      }
      const std::string_view target = o.mode == "stored-apply" ? "/v1/apply" : "/v1/suggest";
      std::vector<double>& mine = latencies[static_cast<std::size_t>(t)];
      mine.reserve(1 << 20);
      while (!go.load()) std::this_thread::yield();
      const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(run_for);
      for (std::size_t k = 0;; ++k) {
        const auto before = Clock::now();
        if (before >= end) break;
        const int status = c.post(target, requests[k % requests.size()], body);
        if (status == 400 && o.mode == "stored-apply" && body.find("\"bad_pick\"") != std::string::npos) {
          // The conversation came to where nothing is suggested (agreed,
          // handed off): the next buyer starts a new one.
          c.call("DELETE", "/v1/conversations/" + id, "", body);
          c.post("/v1/start", "{\"product\":\"" + o.product + "\",\"conversation\":\"" + id + "\"}", body);
          restarts.fetch_add(1);
        } else if (status != 200 && errors.fetch_add(1) == 0) {
          std::fprintf(stderr, "first error: %s\n", body.c_str());
        }
        mine.push_back(std::chrono::duration<double, std::micro>(Clock::now() - before).count());
      }
      // Leave no load conversation behind.
      if (o.mode != "stateless") c.call("DELETE", "/v1/conversations/" + id, "", body);
    });
  }
  const auto began = Clock::now();
  const double cpu_before = cpu_seconds(o.server_pid);
  go.store(true);
  for (std::thread& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - began).count();
  const double server_cpu = cpu_seconds(o.server_pid) - cpu_before;

  std::vector<double> all;
  for (const auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  auto at = [&](double q) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<std::size_t>(q * static_cast<double>(all.size())))]; };
  std::printf("mode %s, %d connections, %.1f s: %zu requests, %ld errors, %ld conversations restarted, %.0f requests/s\n",
              o.mode.c_str(), o.connections, elapsed, all.size(), errors.load(), restarts.load(),
              static_cast<double>(all.size()) / elapsed);
  std::printf("latency us: p50 %.0f  p90 %.0f  p99 %.0f  max %.0f  (request %zu bytes)\n", at(0.5), at(0.9), at(0.99),
              all.empty() ? 0.0 : all.back(), o.mode == "stateless" ? state.size() + 60 : std::size_t{80});
  if (server_cpu > 0) {
    std::printf("server CPU %.2f s: %.0f requests per CPU-second, %.1f us of CPU a request\n", server_cpu,
                static_cast<double>(all.size()) / server_cpu, server_cpu * 1e6 / static_cast<double>(all.size()));
  }
  return errors.load() == 0 ? 0 : 1;
}
