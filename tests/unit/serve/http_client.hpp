// A small Boost.Beast HTTP client for the tests: one keep-alive connection
// to 127.0.0.1, every call bounded in time.
//
// The calls are Beast's asynchronous ones run to completion on the client's
// own io_context: beast::tcp_stream's timeouts apply to asynchronous
// operations only, so a server that never answers fails the call after
// kCallTimeout (beast::error::timeout, thrown as boost::system::system_error)
// instead of hanging the test.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace parley::serve::testing {

namespace beast = boost::beast;
namespace http = beast::http;

struct Response {
  int status = 0;
  std::string body;
  std::string content_type;
  std::string content_length;
  std::string allow;
  bool keep_alive = false;
};

class Client {
 public:
  static constexpr std::chrono::seconds kCallTimeout{30};

  explicit Client(unsigned short port) : stream_(ioc_) {
    stream_.expires_after(std::chrono::seconds(10));
    const boost::asio::ip::tcp::endpoint to(boost::asio::ip::make_address("127.0.0.1"), port);
    run([&](auto done) { stream_.async_connect(to, done); });
  }

  Response call(http::verb method, std::string_view target, std::string_view body = {},
                const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    http::request<http::string_body> request(method, target, 11);
    request.set(http::field::host, "127.0.0.1");
    if (method == http::verb::post) request.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = std::string(body);
    request.prepare_payload();
    stream_.expires_after(kCallTimeout);
    run([&](auto done) { http::async_write(stream_, request, done); });
    for (;;) {
      http::response_parser<http::string_body> parser;
      parser.body_limit(64 << 20);
      if (method == http::verb::head) parser.skip(true);
      run([&](auto done) { http::async_read(stream_, buffer_, parser, done); });
      const auto& response = parser.get();
      if (response.result() == http::status::continue_) continue;  // the final answer follows
      Response out;
      out.status = static_cast<int>(response.result_int());
      out.body = response.body();
      out.content_type = std::string(response[http::field::content_type]);
      out.content_length = std::string(response[http::field::content_length]);
      out.allow = std::string(response[http::field::allow]);
      out.keep_alive = response.keep_alive();
      return out;
    }
  }

  Response get(std::string_view target) { return call(http::verb::get, target); }
  Response post(std::string_view target, std::string_view body) { return call(http::verb::post, target, body); }

  // Raw bytes, for requests no client library would send.
  void send_raw(std::string_view bytes) {
    stream_.expires_after(kCallTimeout);
    run([&](auto done) { boost::asio::async_write(stream_, boost::asio::buffer(bytes.data(), bytes.size()), done); });
  }

  // Reads what the server sends until `until` has arrived (or, with an
  // empty `until`, until it closes the connection), within kCallTimeout.
  std::string read_raw(std::string_view until = {}) {
    stream_.expires_after(kCallTimeout);
    std::string out(beast::buffers_to_string(buffer_.data()));
    buffer_.consume(buffer_.size());
    char chunk[4096];
    while (until.empty() || out.find(until) == std::string::npos) {
      beast::error_code ec;
      std::size_t n = 0;
      ioc_.restart();
      stream_.async_read_some(boost::asio::buffer(chunk), [&](beast::error_code e, std::size_t got) {
        ec = e;
        n = got;
      });
      ioc_.run();
      out.append(chunk, n);
      if (ec) break;
    }
    return out;
  }

  std::string raw(std::string_view bytes) {
    send_raw(bytes);
    return read_raw();
  }

 private:
  // Starts one asynchronous operation and runs it to its end; its error,
  // a timeout included, is thrown.
  template <typename Start>
  void run(Start start) {
    beast::error_code result;
    ioc_.restart();
    start([&](beast::error_code ec, auto&&...) { result = ec; });
    ioc_.run();
    if (result) throw boost::system::system_error(result);
  }

  boost::asio::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

}  // namespace parley::serve::testing
