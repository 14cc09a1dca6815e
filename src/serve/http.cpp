#include "serve/http.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/object.hpp>

#include "io/json_reader.hpp"
#include "parley/error.hpp"
#include "serve/metrics.hpp"
#include "serve/static_files.hpp"

namespace parley::serve {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::string_view kJson = "application/json";

// The operations a POST /v1/NAME runs.
constexpr std::string_view kPostOperations[] = {"start", "suggest", "apply", "observe", "signals",
                                                "explain", "lint",  "reload", "quote",  "simulate"};

struct Answer {
  http::status status = http::status::ok;
  std::string_view content_type = kJson;
  std::string body;
  Metrics::Route route = Metrics::other;
  std::string allow;  // for a 405: the methods the target takes
  bool close = false;  // the connection cannot go on (a broken request)
};

Answer error(http::status status, std::string_view code, std::string_view message,
             Metrics::Route route = Metrics::other) {
  return {status, kJson, error_body(code, message), route, {}, false};
}

// Compares without an early exit, so that the time taken says nothing about
// how much of a guessed token was right.
bool same_token(std::string_view given, std::string_view token) {
  if (given.size() != token.size() || token.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < token.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ token[i]);
  return diff == 0;
}

}  // namespace

struct HttpServer::Impl {
  Impl(const Service& service, HttpOptions options)
      : service(service), options(std::move(options)), ioc(std::max(1, this->options.threads)), acceptor(ioc) {
    const tcp::endpoint endpoint(asio::ip::make_address(this->options.host == "localhost" ? "127.0.0.1"
                                                                                          : this->options.host),
                                 this->options.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
  }

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      if (ec) {
        // Out of descriptors, most likely: wait a little instead of spinning.
        auto timer = std::make_shared<asio::steady_timer>(ioc, std::chrono::milliseconds(50));
        timer->async_wait([this, timer](beast::error_code) { accept(); });
        return;
      }
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      start_session(std::move(socket));
      accept();
    });
  }

  void start_session(tcp::socket socket);
  Answer answer(const http::request<http::string_body>& request);
  Answer run_operation(std::string_view op, const http::request<http::string_body>& request, Metrics::Route route);

  const Service& service;
  const HttpOptions options;
  Metrics metrics;  // before ioc: sessions still queued there count themselves out
  asio::io_context ioc;
  tcp::acceptor acceptor;
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer::Impl& server)
      : stream_(std::move(socket)), server_(server), deadline_(stream_.get_executor()) {
    server_.metrics.connection_opened();
  }
  ~Session() { server_.metrics.connection_closed(); }

  void start() {
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this()));
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(server_.options.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    // Reading has a timer of its own rather than the stream's, which would
    // close the socket and leave no way to say 408.
    stream_.expires_never();
    arm(server_.options.idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  // Until it runs out, the request may go on arriving; then the read is
  // cancelled and on_read sees timed_out_.
  void arm(std::chrono::milliseconds limit) {
    deadline_.expires_after(limit);
    deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;  // re-armed or cancelled
      self->timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_read(ec, 0);
    // An idle connection has until idle_timeout to start a request; once it
    // has, the whole request must be in within request_timeout.
    arm(server_.options.request_timeout);
    // A client that asks before sending its body (curl does for large ones,
    // and waits a second for an answer otherwise) is told to go on; a body
    // over the limit was refused already, by its Content-Length.
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue") && !parser_->is_done()) {
      auto& go_on = continue_.emplace(http::status::continue_, parser_->get().version());
      go_on.set(http::field::server, "parley");
      return http::async_write(stream_, go_on, beast::bind_front_handler(&Session::on_continue, shared_from_this()));
    }
    read_body();
  }

  void on_continue(beast::error_code ec, std::size_t) {
    continue_.reset();
    if (ec) return on_read(ec, 0);
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    deadline_.cancel();
    if (timed_out_) {
      timed_out_ = false;
      // Say so only to a client that had started a request.
      if (!parser_->got_some()) return close();
      return reject(error(http::status::request_timeout, "timeout", "the request took too long to arrive"));
    }
    if (ec == http::error::end_of_stream || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted) {
      return close();
    }
    if (ec == http::error::body_limit) {
      return reject(error(http::status::payload_too_large, "too_large",
                          "the body is larger than the limit of " + std::to_string(server_.options.max_body_bytes) +
                              " bytes"));
    }
    if (ec == http::error::header_limit) {
      return reject(error(http::status::request_header_fields_too_large, "headers_too_large",
                          "the headers are larger than the limit of " +
                              std::to_string(server_.options.max_header_bytes) + " bytes"));
    }
    if (ec) return reject(error(http::status::bad_request, "bad_http", "malformed HTTP request: " + ec.message()));

    const auto began = Clock::now();
    http::request<http::string_body> request = parser_->release();
    Answer a;
    try {
      a = server_.answer(request);
    } catch (const std::bad_alloc&) {
      a = error(http::status::service_unavailable, "out_of_memory", "out of memory");
    } catch (const std::exception& e) {
      // A bug: answered, so that it cannot end the pool's threads.
      a = error(http::status::internal_server_error, "internal", e.what());
    }
    server_.metrics.record(a.route, static_cast<int>(a.status), Clock::now() - began);
    head_ = request.method() == http::verb::head;
    send(std::move(a), request.version(), !request.keep_alive());
  }

  // An answer to a request that could not be read whole: the connection
  // closes after it, since where the next request would begin is unknown.
  void reject(Answer a) {
    server_.metrics.record(Metrics::other, static_cast<int>(a.status), std::chrono::nanoseconds(0));
    send(std::move(a), 11, true);
  }

  void send(Answer a, unsigned version, bool close_after) {
    auto& response = response_.emplace(a.status, version);
    response.set(http::field::server, "parley");
    response.set(http::field::content_type, a.content_type);
    if (!a.allow.empty()) response.set(http::field::allow, a.allow);
    if (a.status == http::status::unauthorized) response.set(http::field::www_authenticate, "Bearer");
    response.keep_alive(!(close_after || a.close));
    response.body() = std::move(a.body);
    response.prepare_payload();
    if (head_) {
      // The headers GET would have, Content-Length included; no body.
      const std::size_t length = response.body().size();
      response.body().clear();
      response.content_length(length);
      head_ = false;
    }
    stream_.expires_after(server_.options.request_timeout);
    http::async_write(stream_, response,
                      beast::bind_front_handler(&Session::on_write, shared_from_this(), response.need_eof()));
  }

  void on_write(bool close_after, beast::error_code ec, std::size_t) {
    if (ec) return;
    if (close_after) return close();
    response_.reset();
    read();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  asio::steady_timer deadline_;
  bool timed_out_ = false;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
  std::optional<http::response<http::empty_body>> continue_;  // a "100 Continue" being sent
  bool head_ = false;  // the request being answered is a HEAD
};

}  // namespace

void HttpServer::Impl::start_session(tcp::socket socket) {
  std::make_shared<Session>(std::move(socket), *this)->start();
}

Answer HttpServer::Impl::run_operation(std::string_view op, const http::request<http::string_body>& request,
                                       Metrics::Route route) {
  // Made where it is kept: assigning a parsed value to one of another
  // memory resource would copy the whole document.
  std::optional<json::value> body;
  if (request.body().empty()) {
    body.emplace(json::object());
  } else {
    try {
      body.emplace(io::parse_document(request.body()));
    } catch (const Error& e) {
      return {http::status::bad_request, kJson, unparsable_body(e), route, {}, false};
    }
  }
  if (!body->is_object()) return error(http::status::bad_request, "bad_request", "the body is a JSON object", route);
  Reply reply = service.handle(op, body->as_object());
  return {static_cast<http::status>(reply.status), kJson, std::move(reply.body), route, {}, false};
}

Answer HttpServer::Impl::answer(const http::request<http::string_body>& request) {
  std::string_view target(request.target().data(), request.target().size());
  target = target.substr(0, target.find('?'));
  const http::verb method = request.method();
  // HEAD is GET without the body (send() leaves it out).
  const bool get = method == http::verb::get || method == http::verb::head;

  if (target == "/healthz") {
    if (!get) return {http::status::method_not_allowed, kJson, error_body("method_not_allowed", "use GET"), Metrics::healthz, "GET, HEAD", false};
    return {http::status::ok, kJson, "{\"status\":\"ok\"}", Metrics::healthz, {}, false};
  }
  // The files compiled in (the API document, the console page) hold no
  // data, so they need no token: a browser cannot send one for a page it
  // opens, and the page asks for it before calling the API.
  for (const StaticFile& file : static_files()) {
    if (file.url == target) {
      if (!get) return {http::status::method_not_allowed, kJson, error_body("method_not_allowed", "use GET"), Metrics::files, "GET, HEAD", false};
      return {http::status::ok, file.content_type, std::string(file.body), Metrics::files, {}, false};
    }
  }
  if (options.token) {
    const auto header = request[http::field::authorization];
    const std::string_view given(header.data(), header.size());
    if (!given.starts_with("Bearer ") || !same_token(given.substr(7), *options.token)) {
      return error(http::status::unauthorized, "unauthorized", "this server needs Authorization: Bearer TOKEN");
    }
  }
  if (target == "/version") {
    if (!get) return {http::status::method_not_allowed, kJson, error_body("method_not_allowed", "use GET"), Metrics::version, "GET, HEAD", false};
    Reply reply = service.handle("version", json::object());
    return {static_cast<http::status>(reply.status), kJson, std::move(reply.body), Metrics::version, {}, false};
  }
  if (target == "/metrics") {
    if (!get) return {http::status::method_not_allowed, kJson, error_body("method_not_allowed", "use GET"), Metrics::metrics, "GET, HEAD", false};
    return {http::status::ok, "text/plain; version=0.0.4; charset=utf-8", metrics.text(service.generation()),
            Metrics::metrics, {}, false};
  }
  if (target == "/v1/rules") {
    if (!get) return {http::status::method_not_allowed, kJson, error_body("method_not_allowed", "use GET"), Metrics::other, "GET, HEAD", false};
    Reply reply = service.handle("rules", json::object());
    return {static_cast<http::status>(reply.status), kJson, std::move(reply.body), Metrics::other, {}, false};
  }
  constexpr std::string_view kConversations = "/v1/conversations/";
  if (target.starts_with(kConversations)) {
    const std::string_view id = target.substr(kConversations.size());
    if (!get && method != http::verb::delete_) {
      return {http::status::method_not_allowed, kJson, error_body("method_not_allowed", "use GET or DELETE"),
              Metrics::other, "GET, HEAD, DELETE", false};
    }
    json::object fields;
    fields["conversation"] = id;
    const bool is_get = get;
    Reply reply = service.handle(is_get ? "get" : "delete", fields);
    return {static_cast<http::status>(reply.status), kJson, std::move(reply.body),
            is_get ? Metrics::conversation_get : Metrics::conversation_delete, {}, false};
  }
  if (target.starts_with("/v1/")) {
    const std::string_view op = target.substr(4);
    const auto known = std::find(std::begin(kPostOperations), std::end(kPostOperations), op);
    if (known == std::end(kPostOperations)) {
      return error(http::status::not_found, "not_found", "no such endpoint: " + std::string(target));
    }
    const Metrics::Route route = Metrics::route_of(op);
    if (method != http::verb::post) {
      return {http::status::method_not_allowed, kJson, error_body("method_not_allowed", "use POST"), route, "POST", false};
    }
    return run_operation(op, request, route);
  }
  return error(http::status::not_found, "not_found", "no such endpoint: " + std::string(target));
}

HttpServer::HttpServer(const Service& service, HttpOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {}

HttpServer::~HttpServer() = default;

unsigned short HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::run() {
  impl_->accept();
  std::vector<std::thread> pool;
  for (int i = 1; i < impl_->options.threads; ++i) pool.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (std::thread& t : pool) t.join();
}

void HttpServer::stop() {
  asio::post(impl_->ioc, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
    impl_->ioc.stop();
  });
}

bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  beast::error_code ec;
  const asio::ip::address address = asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

}  // namespace parley::serve
