// The HTTP transport end to end: a real server on 127.0.0.1 (an ephemeral
// port), a real Beast client, keep-alive, every endpoint, every kind of bad
// request and the server still serving after each, limits, timeouts, the
// bearer token, and concurrent applies to one conversation.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "serve/http.hpp"

namespace parley::serve {
namespace {

namespace json = boost::json;
using testing::Client;
using testing::http::verb;

// A server on its own threads for the length of a test.
class Running {
 public:
  explicit Running(HttpOptions options, ServiceOptions service_options = {})
      : service_(std::move(service_options), open_memory_store()) {
    options.host = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<HttpServer>(service_, std::move(options));
    thread_ = std::thread([this] { server_->run(); });
  }
  ~Running() {
    server_->stop();
    thread_.join();
  }
  unsigned short port() const { return server_->port(); }

 private:
  Service service_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

std::string code_of(const testing::Response& r) {
  INFO(r.body);
  return std::string(json::parse(r.body).at("code").as_string());
}

HttpOptions small_limits() {
  HttpOptions o;
  o.threads = 2;
  o.max_body_bytes = 4096;
  o.max_header_bytes = 2048;
  o.request_timeout = std::chrono::milliseconds(2000);  // wide enough for a loaded machine
  o.idle_timeout = std::chrono::milliseconds(4000);
  return o;
}

}  // namespace

TEST_CASE("http: endpoints over one kept-alive connection") {
  Running server(small_limits());
  Client client(server.port());

  auto health = client.get("/healthz");
  CHECK(health.status == 200);
  CHECK(health.keep_alive);
  CHECK(json::parse(health.body).at("status").as_string() == "ok");

  auto version = client.get("/version");
  CHECK(version.status == 200);
  CHECK(json::parse(version.body).at("protocol").as_int64() == kProtocolVersion);

  auto openapi = client.get("/openapi.json");
  CHECK(openapi.status == 200);
  CHECK(openapi.content_type == "application/json");
  CHECK(json::parse(openapi.body).at("openapi").as_string().starts_with("3."));

  // Stateless: the host sends the conversation every time.
  auto start = client.post("/v1/start", R"({"product":"pdu"})");
  REQUIRE(start.status == 200);
  for (int i = 0; i < 50; ++i) {
    auto r = client.post("/v1/suggest", R"({"state":)" + start.body + R"(,"message":"太贵了","top":2})");
    REQUIRE(r.status == 200);
    CHECK(json::parse(r.body).at("suggestions").as_array().size() == 2);
  }
  auto applied = client.post("/v1/apply", R"({"state":)" + start.body + R"(,"message":"150包邮行吗"})");
  CHECK(applied.status == 200);
  CHECK(json::parse(applied.body).at("round").as_int64() == 1);
  CHECK(client.post("/v1/signals", R"({"message":"便宜点"})").status == 200);
  CHECK(client.post("/v1/lint", R"({"reply":"加微信"})").status == 200);
  CHECK(client.post("/v1/explain", R"({"product":"pdu","message":"便宜点","rule":"step-down"})").status == 200);
  CHECK(client.post("/v1/observe", R"({"product":"pdu","message":"便宜点","seller":"140吧"})").status == 200);

  // Stored: the host keeps only the id.
  CHECK(client.post("/v1/start", R"({"product":"pdu","conversation":"web-1"})").status == 200);
  auto stored = client.post("/v1/apply", R"({"conversation":"web-1","message":"太贵了","version":1})");
  CHECK(stored.status == 200);
  CHECK(json::parse(stored.body).at("version").as_int64() == 2);
  auto got = client.get("/v1/conversations/web-1");
  CHECK(got.status == 200);
  CHECK(json::parse(got.body).at("state").at("round").as_int64() == 1);
  CHECK(client.call(verb::delete_, "/v1/conversations/web-1").status == 200);
  CHECK(client.get("/v1/conversations/web-1").status == 404);

  auto reload = client.post("/v1/reload", "");
  CHECK(reload.status == 200);
  CHECK(json::parse(reload.body).at("generation").as_int64() == 2);

  auto metrics = client.get("/metrics");
  CHECK(metrics.status == 200);
  CHECK(metrics.content_type.starts_with("text/plain"));
  CHECK(metrics.body.find("parley_http_requests_total{route=\"suggest\",status=\"200\"} 50") != std::string::npos);
  CHECK(metrics.body.find("parley_http_request_duration_seconds_count{route=\"suggest\"} 50") != std::string::npos);
  CHECK(metrics.body.find("parley_rules_generation 2") != std::string::npos);
}

TEST_CASE("http: bad requests get their code and the server keeps serving") {
  Running server(small_limits());
  struct Case {
    verb method;
    const char* target;
    std::string body;
    int status;
    const char* code;
  };
  const Case cases[] = {
      {verb::get, "/nowhere", "", 404, "not_found"},
      {verb::post, "/v1/fly", "{}", 404, "not_found"},
      {verb::get, "/v1/suggest", "", 405, "method_not_allowed"},
      {verb::post, "/healthz", "", 405, "method_not_allowed"},
      {verb::put, "/v1/conversations/x", "", 405, "method_not_allowed"},
      {verb::post, "/v1/suggest", "{", 400, "bad_json"},
      {verb::post, "/v1/suggest", "[1]", 400, "bad_request"},
      {verb::post, "/v1/suggest", "{\"message\":\"\xff\"}", 400, "invalid_utf8"},
      {verb::post, "/v1/suggest", R"({"product":"pdu","message":"太贵了","message":"好的"})", 400, "bad_json"},
      {verb::post, "/v1/suggest", R"({"message":"x","state":{"product":"pdu","offer":150,"offer":100}})", 400,
       "bad_json"},
      {verb::post, "/v1/suggest", R"({"product":"pdu","message":"x","top":4294967297})", 400, "bad_request"},
      {verb::post, "/v1/suggest", R"({"product":"pdu","message":"x","tpo":1})", 400, "bad_request"},
      {verb::post, "/v1/apply", R"({"product":"pdu","message":"太贵了","pick":50})", 400, "bad_pick"},
      {verb::get, "/v1/conversations/bad%20id", "", 400, "bad_conversation_id"},
      {verb::get, "/v1/conversations/none", "", 404, "not_found"},
      {verb::post, "/v1/suggest", std::string(5000, ' '), 413, "too_large"},
  };
  for (const Case& c : cases) {
    INFO(c.target << " " << c.body.substr(0, 60));
    Client client(server.port());
    auto r = client.call(c.method, c.target, c.body);
    CHECK(r.status == c.status);
    CHECK(r.content_type == "application/json");
    CHECK(code_of(r) == c.code);
    if (c.status == 405) CHECK_FALSE(r.allow.empty());
    // The same connection goes on after any answer that read the whole request.
    if (c.status != 413) CHECK(client.get("/healthz").status == 200);
  }
  {  // Headers larger than the limit.
    Client client(server.port());
    auto r = client.call(verb::get, "/healthz", "", {{"X-Big", std::string(4000, 'a')}});
    CHECK(r.status == 431);
    CHECK(code_of(r) == "headers_too_large");
  }
  {  // Not HTTP at all.
    Client client(server.port());
    const std::string answer = client.raw("HELLO THERE\r\n\r\n");
    CHECK(answer.starts_with("HTTP/1.1 400"));
    CHECK(answer.find("\"bad_http\"") != std::string::npos);
  }
  {  // Half a request, then nothing: answered 408 when the time is up.
    Client client(server.port());
    const std::string answer = client.raw("POST /v1/suggest HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"mess");
    CHECK(answer.starts_with("HTTP/1.1 408"));
    CHECK(answer.find("\"timeout\"") != std::string::npos);
  }
  Client after(server.port());
  CHECK(after.post("/v1/suggest", R"({"product":"pdu","message":"太贵了"})").status == 200);
  auto metrics = after.get("/metrics");
  CHECK(metrics.body.find("route=\"other\",status=\"413\"") != std::string::npos);
}

TEST_CASE("http: HEAD, and a body sent only after 100 Continue") {
  Running server(small_limits());
  Client client(server.port());
  auto head = client.call(verb::head, "/version");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(std::stoul(head.content_length) == client.get("/version").body.size());
  CHECK(client.call(verb::head, "/healthz").status == 200);
  CHECK(client.call(verb::head, "/v1/conversations/none").status == 404);
  auto refused = client.call(verb::head, "/v1/suggest");
  CHECK(refused.status == 405);
  CHECK(refused.body.empty());

  // A client that waits for "100 Continue" before its body gets it at once
  // (the read is bounded: without it the test fails on the timeout).
  const std::string body = R"({"product":"pdu","message":"太贵了","top":1})";
  client.send_raw("POST /v1/suggest HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Expect: 100-continue\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n");
  CHECK(client.read_raw("\r\n\r\n").starts_with("HTTP/1.1 100 Continue\r\n"));
  client.send_raw(body);
  const std::string answer = client.read_raw("\"suggestions\"");
  CHECK(answer.starts_with("HTTP/1.1 200"));
  // A body over the limit is refused before it is sent, by its length.
  Client big(server.port());
  big.send_raw("POST /v1/suggest HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 100000\r\n\r\n");
  CHECK(big.read_raw().starts_with("HTTP/1.1 413"));
}

TEST_CASE("http: a bearer token, when set, is needed for all but /healthz") {
  HttpOptions options = small_limits();
  options.token = "s3cret-token-0123456789";
  Running server(options);
  Client client(server.port());
  CHECK(client.get("/healthz").status == 200);
  auto denied = client.post("/v1/suggest", R"({"product":"pdu","message":"太贵了"})");
  CHECK(denied.status == 401);
  CHECK(code_of(denied) == "unauthorized");
  CHECK(client.call(verb::get, "/version", "", {{"Authorization", "Bearer wrong-token-0123456789"}}).status == 401);
  CHECK(client.call(verb::get, "/version", "", {{"Authorization", "Bearer s3cret-token-0123456789"}}).status == 200);
  CHECK(client.call(verb::post, "/v1/signals", R"({"message":"x"})",
                    {{"Authorization", "Bearer s3cret-token-0123456789"}})
            .status == 200);
  CHECK(is_loopback("127.0.0.1"));
  CHECK(is_loopback("::1"));
  CHECK(is_loopback("localhost"));
  CHECK_FALSE(is_loopback("0.0.0.0"));
  CHECK_FALSE(is_loopback("192.168.1.10"));
}

TEST_CASE("threads: http: concurrent applies to one conversation, one wins each version") {
  HttpOptions options = small_limits();
  options.threads = 4;
  Running server(options);
  {
    Client client(server.port());
    REQUIRE(client.post("/v1/start", R"({"product":"pdu","conversation":"shared"})").status == 200);
  }
  for (int version = 1; version <= 10; ++version) {
    std::atomic<int> ok{0}, conflict{0};
    std::vector<std::thread> agents;
    for (int a = 0; a < 4; ++a) {
      agents.emplace_back([&] {
        Client client(server.port());
        auto r = client.post("/v1/apply", R"({"conversation":"shared","message":"在吗","version":)" +
                                              std::to_string(version) + "}");
        if (r.status == 200) ++ok;
        else if (r.status == 409 && code_of(r) == "version_conflict") ++conflict;
      });
    }
    for (std::thread& t : agents) t.join();
    CHECK(ok.load() == 1);
    CHECK(conflict.load() == 3);
  }
  Client client(server.port());
  CHECK(json::parse(client.get("/v1/conversations/shared").body).at("version").as_int64() == 11);
}

}  // namespace parley::serve
