// serve/http.hpp: the Service over HTTP/1.1 (Boost.Beast), for chat tools and
// other services (docs/serve.md, docs/openapi.json).
//
//   POST /v1/{start,suggest,apply,observe,signals,explain,lint,reload,quote,simulate}  JSON body
//   GET|DELETE /v1/conversations/{id}, GET /v1/rules
//   GET /healthz, /version, /metrics (Prometheus), /openapi.json
//   GET / (the console page, docs/console.md), /console.js, /console.css
//
// A pool of threads runs one io_context; connections are kept alive and each
// is served by one thread at a time. Every answer that is not a 200 has a
// JSON body {"code", "message"}. Bodies, headers and the time a request may
// take are bounded. With a token, every request but /healthz and the
// compiled-in files needs "Authorization: Bearer TOKEN"; a server bound to
// anything but loopback must have one (checked by the command, serve.cpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "serve/service.hpp"

namespace parley::serve {

struct HttpOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (see HttpServer::port)
  int threads = 1;
  std::optional<std::string> token;  // required as a bearer token when set
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 << 10;
  // How long a client may take to send a whole request, and how long an
  // idle kept-alive connection stays open.
  std::chrono::milliseconds request_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};
};

class HttpServer {
 public:
  // Binds and listens; throws std::system_error when it cannot.
  HttpServer(const Service& service, HttpOptions options);
  ~HttpServer();

  unsigned short port() const;  // the port bound, also when 0 was asked for

  // Serves on the pool's threads (the calling one among them) until stop().
  void run();
  // Stops accepting, closes connections, makes run() return. Any thread.
  void stop();

  struct Impl;  // the acceptor, the pool and the connections (http.cpp)

 private:
  std::unique_ptr<Impl> impl_;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

}  // namespace parley::serve
