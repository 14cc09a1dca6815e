// parley serve as a process, the way a host runs it: two processes on one
// Redis store taking turns on a conversation (one suggests, the other
// applies, and the result is what a stateless host would have); kill -9 in
// the middle of applies and observes with the SQLite store, then a restart
// that has every acknowledged write as it was answered; SIGHUP reloads (a
// bad rule set keeps the old one); reloads while requests run and a stored
// conversation is written; a bind beyond loopback refused without a token.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include <boost/json.hpp>

#include "server_process.hpp"
#include "unit/serve/http_client.hpp"
#include "unit/serve/store_testing.hpp"

namespace parley::serve {
namespace {

namespace json = boost::json;
using testing::Client;
using testing::ServerProcess;

std::int64_t version_of(const std::string& body) { return json::parse(body).at("version").as_int64(); }

std::string tea_rules(const char* name) {
  return std::string("parley: 1\nshop: {name: 茶店}\nproducts:\n  - {id: tea, name: ") + name +
         ", list_price: 100, floor: 80}\nintents:\n  too_expensive: {any: [太贵]}\nrules:\n"
         "  - {id: hold, playbook: B2, when: too_expensive, do: hold, say: [\"{product.name}不贵\"], score: 80}\n";
}

// A JSON string literal of `text` (the tests' messages are plain).
std::string json_string(std::string_view text) { return json::serialize(json::string(text)); }

// An apply as a host does it: suggest on the stored conversation, then apply
// suggestion 1 naming the version and the rule it was shown with. Returns
// the apply's answer; a suggest that suggests nothing is answered by an
// observe instead, so that every call writes one turn.
testing::Response suggest_then_apply(Client& suggest_via, Client& apply_via, const std::string& id,
                                     const std::string& message) {
  const std::string where = R"({"conversation":")" + id + R"(","message":)" + json_string(message);
  auto s = suggest_via.post("/v1/suggest", where + R"(,"top":3,"explain":false})");
  if (s.status != 200) return s;
  const json::value v = json::parse(s.body);
  const std::string version = std::to_string(v.at("version").as_int64());
  const json::array& suggestions = v.at("suggestions").as_array();
  if (suggestions.empty()) {
    return apply_via.post("/v1/observe", where + R"(,"seller":"亲，稍等","version":)" + version + "}");
  }
  const std::string rule = json_string(suggestions[0].at("rule").as_string());
  return apply_via.post("/v1/apply", where + R"(,"pick":1,"version":)" + version + R"(,"rule":)" + rule + "}");
}

const char* const kHaggle[] = {"在吗", "太贵了", "便宜点吧", "140行吗", "再少一点", "135包邮行吗", "发什么快递", "好的"};

// The rule-set generation a server reports.
std::int64_t generation(Client& client) {
  return json::parse(client.get("/version").body).at("rules").at("generation").as_int64();
}

}  // namespace

TEST_CASE("redis: two processes serve one conversation alternately") {
  const std::string store = testing::require_redis();
  ServerProcess a({"--store", store});
  ServerProcess b({"--store", store});
  Client to_a(a.port());
  Client to_b(b.port());
  const std::string id = testing::unique_prefix() + "shared";
  REQUIRE(to_a.post("/v1/start", R"({"product":"pdu","conversation":")" + id + "\"}").status == 200);
  std::int64_t version = 1;
  const char* messages[] = {"在吗", "太贵了", "便宜点吧", "发什么快递"};
  for (int turn = 0; turn < 12; ++turn) {
    Client& client = turn % 2 ? to_b : to_a;
    auto r = client.post("/v1/observe", R"({"conversation":")" + id + R"(","message":")" + messages[turn % 4] +
                                            R"(","seller":"好的亲","version":)" + std::to_string(version) + "}");
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(version_of(r.body) == version + 1);
    version = version_of(r.body);
  }
  // Both see the same conversation, every turn in it.
  auto via_a = json::parse(to_a.get("/v1/conversations/" + id).body);
  auto via_b = json::parse(to_b.get("/v1/conversations/" + id).body);
  CHECK(via_a.at("version").as_int64() == 13);
  CHECK(json::serialize(via_a) == json::serialize(via_b));
  CHECK(via_a.at("state").at("round").as_int64() == 12);
  // The same version sent to both at once: one process wins.
  std::atomic<int> ok{0}, conflict{0};
  auto agent = [&](unsigned short port) {
    Client c(port);
    auto r = c.post("/v1/observe", R"({"conversation":")" + id + R"(","message":"在吗","seller":"在","version":13})");
    if (r.status == 200) ++ok;
    if (r.status == 409) ++conflict;
  };
  std::thread t1(agent, a.port()), t2(agent, b.port());
  t1.join();
  t2.join();
  CHECK(ok.load() == 1);
  CHECK(conflict.load() == 1);
  CHECK(to_b.call(testing::http::verb::delete_, "/v1/conversations/" + id).status == 200);

  // A haggle: each turn suggested by one process and applied by the other,
  // with the version and rule the agent saw. The stored conversation is the
  // one a stateless host would have from the same turns, nothing lost or
  // changed on the way through Redis.
  const std::string haggle = testing::unique_prefix() + "haggle";
  REQUIRE(to_b.post("/v1/start", R"({"product":"pdu","conversation":")" + haggle + "\"}").status == 200);
  auto stateless = json::parse(to_a.post("/v1/start", R"({"product":"pdu"})").body);
  for (int turn = 0; turn < 16; ++turn) {
    const std::string message = kHaggle[turn % std::size(kHaggle)];
    auto r = turn % 2 ? suggest_then_apply(to_a, to_b, haggle, message) : suggest_then_apply(to_b, to_a, haggle, message);
    INFO("turn " << turn << ": " << r.body);
    REQUIRE(r.status == 200);
    CHECK(version_of(r.body) == turn + 2);
    const std::string state = json::serialize(stateless);
    auto s = json::parse(to_a.post("/v1/suggest", R"({"state":)" + state + R"(,"message":)" + json_string(message) +
                                                      R"(,"top":3,"explain":false})").body);
    const json::array& suggestions = s.at("suggestions").as_array();
    const std::string next = suggestions.empty()
        ? to_b.post("/v1/observe", R"({"state":)" + state + R"(,"message":)" + json_string(message) + R"(,"seller":"亲，稍等"})").body
        : to_b.post("/v1/apply", R"({"state":)" + state + R"(,"message":)" + json_string(message) + R"(,"pick":1})").body;
    stateless = json::parse(next);
    CHECK(json::serialize(json::parse(r.body).at("state")) == json::serialize(stateless));
  }
  auto stored = json::parse(to_b.get("/v1/conversations/" + haggle).body);
  CHECK(stored.at("version").as_int64() == 17);
  CHECK(json::serialize(stored.at("state")) == json::serialize(stateless));
  CHECK(stored.at("state").at("history").as_array().size() == 32);
  CHECK(to_a.call(testing::http::verb::delete_, "/v1/conversations/" + haggle).status == 200);
}

TEST_CASE("sqlite: kill -9 under load, restart, every acknowledged apply is there") {
  testing::TempDir dir;
  const std::string store = "sqlite:" + (dir.path() / "conversations.db").string();
  // Agents 0 and 1 type their own replies (observe); 2 and 3 send
  // suggestions (suggest, then apply with the version and the rule).
  constexpr int kAgents = 4;
  std::map<std::string, std::string> acknowledged;  // conversation -> last answer 200 (version and state)
  {
    ServerProcess server({"--store", store});
    for (int a = 0; a < kAgents; ++a) {
      Client c(server.port());
      const std::string id = "crash-" + std::to_string(a);
      auto r = c.post("/v1/start", R"({"product":"pdu","conversation":")" + id + "\"}");
      REQUIRE(r.status == 200);
      acknowledged[id] = r.body;
    }
    std::mutex mutex;
    std::atomic<int> applies{0};
    std::vector<std::thread> agents;
    for (int a = 0; a < kAgents; ++a) {
      agents.emplace_back([&, a] {
        const std::string id = "crash-" + std::to_string(a);
        try {
          Client c(server.port());
          for (int i = 0; i < 2000; ++i) {  // bounded: the kill comes long before
            const std::string message = kHaggle[i % std::size(kHaggle)];
            auto r = a < 2 ? c.post("/v1/observe", R"({"conversation":")" + id + R"(","message":)" + json_string(message) +
                                                       R"(,"seller":"好的亲，第)" + std::to_string(i) + R"(次"})")
                           : suggest_then_apply(c, c, id, message);
            if (r.status != 200) break;
            std::lock_guard lock(mutex);
            acknowledged[id] = r.body;
            ++applies;
          }
        } catch (const std::exception&) {
          // The server died under us: what it acknowledged is recorded.
        }
      });
    }
    // kill -9 while every agent is mid-stream.
    for (int i = 0; i < 600 && applies.load() < 200; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    server.kill9();
    for (std::thread& t : agents) t.join();
    MESSAGE(applies.load() << " applies acknowledged before kill -9");
    CHECK(applies.load() >= 1);
  }
  ServerProcess restarted({"--store", store});
  Client c(restarted.port());
  for (const auto& [id, body] : acknowledged) {
    const json::value ack = json::parse(body);
    const std::int64_t version = ack.at("version").as_int64();
    auto r = c.get("/v1/conversations/" + id);
    REQUIRE(r.status == 200);
    const json::value v = json::parse(r.body);
    INFO(id << " acknowledged at version " << version);
    // Every acknowledged apply is there, as it was answered; at most one
    // more, saved as the process died but never answered.
    const std::int64_t stored = v.at("version").as_int64();
    CHECK(stored >= version);
    CHECK(stored <= version + 1);
    CHECK(v.at("state").at("round").as_int64() == stored - 1);
    if (stored == version) CHECK(json::serialize(v.at("state")) == json::serialize(ack.at("state")));
    // The store goes on from there.
    auto more = suggest_then_apply(c, c, id, "在吗");
    CHECK(more.status == 200);
    CHECK(version_of(more.body) == stored + 1);
  }
}

TEST_CASE("SIGHUP reloads the rule set; a bad one keeps the old") {
  testing::TempDir dir;
  const auto rules = dir.path() / "shop.yaml";
  std::ofstream(rules) << tea_rules("龙井");
  ServerProcess server({"--rules", rules.string()});
  Client client(server.port());
  auto suggest = [&] { return client.post("/v1/suggest", R"({"product":"tea","message":"太贵了"})").body; };
  CHECK(suggest().find("龙井不贵") != std::string::npos);

  std::ofstream(rules) << tea_rules("碧螺春");
  server.signal(SIGHUP);
  for (int i = 0; i < 200 && generation(client) < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(generation(client) == 2);
  CHECK(suggest().find("碧螺春不贵") != std::string::npos);

  std::ofstream(rules) << "parley: 1\nproducts: [{id: tea, list_price: 100, floor: 200}]\n";
  server.signal(SIGHUP);
  // The failed reload is reported on stderr; the server serves on with the old set.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(generation(client) == 2);
  CHECK(suggest().find("碧螺春不贵") != std::string::npos);
  auto refused = client.post("/v1/reload", "");
  CHECK(refused.status == 422);
  CHECK(json::parse(refused.body).at("code").as_string() == "rules_error");
}

TEST_CASE("reload under load over HTTP") {
  testing::TempDir dir;
  const auto rules = dir.path() / "shop.yaml";
  std::ofstream(rules) << tea_rules("龙井");
  ServerProcess server({"--rules", rules.string()});
  std::atomic<bool> stop{false};
  std::atomic<long> answered{0}, failed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 3; ++t) {
    clients.emplace_back([&] {
      Client c(server.port());
      while (!stop.load()) {
        auto r = c.post("/v1/suggest", R"({"product":"tea","message":"太贵了","top":1})");
        const bool one = r.body.find("龙井不贵") != std::string::npos || r.body.find("碧螺春不贵") != std::string::npos;
        if (r.status != 200 || !one) ++failed;
        ++answered;
      }
    });
  }
  // And an agent writing to a stored conversation meanwhile: every write
  // acknowledged is kept, one version each.
  std::atomic<long> writes{0};
  Client setup(server.port());
  REQUIRE(setup.post("/v1/start", R"({"product":"tea","conversation":"during-reload"})").status == 200);
  clients.emplace_back([&] {
    Client c(server.port());
    while (!stop.load()) {
      auto r = c.post("/v1/observe", R"({"conversation":"during-reload","message":"太贵了","seller":"不贵"})");
      if (r.status != 200) ++failed;
      else ++writes;
    }
  });
  Client admin(server.port());
  for (int i = 0; i < 30; ++i) {
    std::ofstream(rules) << tea_rules(i % 2 ? "龙井" : "碧螺春");
    CHECK(admin.post("/v1/reload", "").status == 200);
  }
  stop = true;
  for (std::thread& t : clients) t.join();
  CHECK(failed.load() == 0);
  CHECK(answered.load() > 0);
  CHECK(generation(admin) == 31);
  CHECK(version_of(admin.get("/v1/conversations/during-reload").body) == 1 + writes.load());
}

TEST_CASE("a bind beyond loopback needs a token") {
  CHECK_THROWS_WITH_AS(ServerProcess({}, "0.0.0.0:0"), doctest::Contains("did not start"), std::runtime_error);
}

}  // namespace parley::serve
