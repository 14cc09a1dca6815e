// A small Boost.Beast HTTP client for the tests: one keep-alive connection
// to 127.0.0.1, every call bounded in time.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace parley::serve::testing {

namespace beast = boost::beast;
namespace http = beast::http;

struct Response {
  int status = 0;
  std::string body;
  std::string content_type;
  std::string allow;
  bool keep_alive = false;
};

class Client {
 public:
  explicit Client(unsigned short port) : stream_(ioc_) {
    stream_.expires_after(std::chrono::seconds(10));
    stream_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }

  Response call(http::verb method, std::string_view target, std::string_view body = {},
                const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    http::request<http::string_body> request(method, target, 11);
    request.set(http::field::host, "127.0.0.1");
    if (method == http::verb::post) request.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = std::string(body);
    request.prepare_payload();
    stream_.expires_after(std::chrono::seconds(30));
    http::write(stream_, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(stream_, buffer, parser);
    const auto& response = parser.get();
    Response out;
    out.status = static_cast<int>(response.result_int());
    out.body = response.body();
    out.content_type = std::string(response[http::field::content_type]);
    out.allow = std::string(response[http::field::allow]);
    out.keep_alive = response.keep_alive();
    return out;
  }

  Response get(std::string_view target) { return call(http::verb::get, target); }
  Response post(std::string_view target, std::string_view body) { return call(http::verb::post, target, body); }

  // Raw bytes, for requests no client library would send; reads what the
  // server answers until it closes the connection.
  std::string raw(std::string_view bytes) {
    stream_.expires_after(std::chrono::seconds(30));
    boost::asio::write(stream_.socket(), boost::asio::buffer(bytes.data(), bytes.size()));
    std::string out;
    char buffer[4096];
    beast::error_code ec;
    for (;;) {
      const std::size_t n = stream_.read_some(boost::asio::buffer(buffer), ec);
      out.append(buffer, n);
      if (ec) break;
    }
    return out;
  }

 private:
  boost::asio::io_context ioc_;
  beast::tcp_stream stream_;
};

}  // namespace parley::serve::testing
