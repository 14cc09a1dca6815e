// The operations of docs/serve.md through Service::handle, the one code path
// both transports use: results, every error code, stored conversations with
// their versions and bounded history, and reload while requests run.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "parley/json.hpp"
#include "parley/version.h"
#include "service_testing.hpp"
#include "store_testing.hpp"

namespace parley::serve {
namespace {

namespace json = boost::json;
using testing::call;
using testing::code_of;
using testing::result_of;

Service default_service(ServiceOptions options = {}) { return Service(std::move(options), open_memory_store()); }

std::string start_state(const Service& service) {
  return json::serialize(result_of(call(service, R"({"op":"start","product":"pdu"})")));
}

}  // namespace

TEST_CASE("version: the handshake") {
  Service service = default_service();
  json::value v = result_of(call(service, R"({"op":"version"})"));
  CHECK(v.at("parley_version").as_string() == PARLEY_VERSION);
  CHECK(v.at("protocol").as_int64() == kProtocolVersion);
  CHECK(v.at("conversation_version").as_int64() == Conversation::kVersion);
  CHECK(v.at("operations").as_array().size() == Service::operations().size());
  CHECK(v.at("store").as_string() == "memory");
}

TEST_CASE("stateless: start, suggest, apply, observe give what the Engine gives") {
  Service service = default_service();
  const Engine& engine = *service.engine();
  const std::string state = start_state(service);
  CHECK(state == to_json(engine.start("pdu")));

  const Reply suggested = call(service, R"({"op":"suggest","state":)" + state + R"(,"message":"太贵了","top":2})");
  CHECK(suggested.body == to_json(engine.suggest(engine.start("pdu"), "太贵了", {.top = 2, .explain = true})));

  // explain is optional: without it, no why parts (and the same ranking).
  const Reply bare = call(service, R"({"op":"suggest","product":"pdu","message":"太贵了","top":2,"explain":false})");
  CHECK(bare.body == to_json(engine.suggest(engine.start("pdu"), "太贵了", {.top = 2, .explain = false})));
  CHECK(bare.body.find("\"parts\":[]") != std::string::npos);

  const Reply applied = call(service, R"({"op":"apply","state":)" + state + R"(,"message":"太贵了","pick":1})");
  Conversation c = engine.start("pdu");
  SuggestResult r = engine.suggest(c, "太贵了", {.top = 0, .explain = false});
  CHECK(applied.body == to_json(engine.apply(c, "太贵了", r.suggestions.front())));

  const Reply observed =
      call(service, R"({"op":"observe","state":)" + state + R"(,"message":"太贵了","seller":"给您140吧"})");
  CHECK(observed.body == to_json(engine.observe_seller_text(c, "太贵了", "给您140吧")));
  CHECK(conversation_from_json(observed.body).offer == Money::from_fen(14000));
}

TEST_CASE("signals, lint, explain") {
  Service service = default_service();
  CHECK(call(service, R"({"op":"signals","message":"150包邮行吗"})").body == to_json(service.engine()->signals("150包邮行吗")));
  json::value words = result_of(call(service, R"({"op":"lint","reply":"加我微信聊"})"));
  CHECK(words.as_array().size() >= 1);
  json::value all = result_of(call(service, R"({"op":"explain","product":"pdu","message":"便宜点"})"));
  CHECK(all.as_array().size() == service.engine()->rules().rules().size());
  json::value one = result_of(call(service, R"({"op":"explain","product":"pdu","message":"便宜点","rule":"step-down"})"));
  CHECK(one.at("rule").as_string() == "step-down");
  CHECK(one.at("summary").is_string());
}

TEST_CASE("every malformed request gets its code") {
  Service service = default_service(ServiceOptions{.max_message_bytes = 30});
  const std::string state = start_state(service);
  struct Case {
    const char* request;
    const char* code;
    int status;
  };
  const Case cases[] = {
      {R"({"op":"fly"})", "unknown_op", 404},
      {R"({"op":"sugest"})", "unknown_op", 404},
      {R"({"op":"suggest","product":"pdu"})", "bad_request", 400},                        // no message
      {R"({"op":"suggest","product":"pdu","message":7})", "bad_request", 400},            // not a string
      {R"({"op":"suggest","product":"pdu","message":"x","mesage":"y"})", "bad_request", 400},  // unknown key
      {R"({"op":"suggest","message":"x"})", "bad_request", 400},                          // no conversation
      {R"({"op":"suggest","product":"pdx","message":"x"})", "unknown_product", 400},
      {R"({"op":"suggest","product":"pdu","message":"x","top":4294967297})", "bad_request", 400},
      {R"({"op":"suggest","product":"pdu","message":"x","top":-1})", "bad_request", 400},
      {R"({"op":"suggest","product":"pdu","message":"x","top":1.5})", "bad_request", 400},
      {R"({"op":"suggest","product":"pdu","message":"x","explain":"yes"})", "bad_request", 400},
      {R"({"op":"suggest","product":"pdu","message":"这句话比三十个字节长得多得多得多得多"})", "message_too_long", 400},
      {R"({"op":"suggest","state":{"product":"pdu","offr":1},"message":"x"})", "invalid_state", 400},
      {R"({"op":"suggest","state":{"product":"pdu","history":[{"speaker":"cat"}]},"message":"x"})", "invalid_state", 400},
      {R"({"op":"suggest","state":"{}","message":"x"})", "invalid_state", 400},
      {R"({"op":"suggest","state":{"product":"nope"},"message":"x"})", "unknown_product", 400},
      {R"({"op":"suggest","state":{"product":"pdu","facts":{"order_stauts":"paid"}},"message":"x"})", "unknown_fact", 400},
      {R"({"op":"suggest","product":"pdu","facts":{"order_status":"payed"},"message":"x"})", "bad_fact_value", 400},
      {R"({"op":"suggest","product":"pdu","facts":{"days_since_payment":"3"},"message":"x"})", "bad_fact_type", 400},
      {R"({"op":"suggest","state":{"product":"pdu","stage":"haggling"},"message":"x"})", "invalid_state", 400},
      {R"({"op":"suggest","state":{"product":"pdu","offer":999},"message":"x"})", "impossible_state", 400},
      {R"({"op":"apply","state":{"product":"pdu","extras_granted":["x"]},"message":"x"})", "unknown_extra", 400},
      {R"({"op":"suggest","state":{},"conversation":"a","message":"x"})", "bad_request", 400},
      {R"({"op":"suggest","state":{"product":"pdu"},"product":"pdu","message":"x"})", "bad_request", 400},
      {R"({"op":"apply","conversation":"a","product":"pdu","message":"x"})", "bad_request", 400},
      {R"({"op":"suggest","conversation":"no such","message":"x"})", "bad_conversation_id", 400},
      {R"({"op":"suggest","conversation":"nosuch","message":"x"})", "not_found", 404},
      {R"({"op":"apply","product":"pdu","message":"太贵了","pick":0})", "bad_request", 400},
      {R"({"op":"apply","product":"pdu","message":"太贵了","pick":99})", "bad_pick", 400},
      {R"({"op":"apply","product":"pdu","message":"太贵了","pick":4294967297})", "bad_request", 400},
      {R"({"op":"apply","product":"pdu","message":"太贵了","rule":"no-such-rule"})", "rule_changed", 409},
      {R"({"op":"observe","product":"pdu","message":"太贵了"})", "bad_request", 400},  // no seller
      {R"({"op":"explain","product":"pdu","message":"x","rule":"step-dwn"})", "unknown_rule", 400},
      {R"({"op":"lint"})", "bad_request", 400},
      {R"({"op":"get","conversation":"nosuch"})", "not_found", 404},
      {R"({"op":"delete","conversation":"nosuch"})", "not_found", 404},
      {R"({"op":"start"})", "bad_request", 400},
      {R"({"op":"start","product":"pdu","seed":-1})", "bad_request", 400},
      {R"({"op":"start","product":"pdu","buyer":{"vipp":true}})", "bad_request", 400},
      {R"({"op":"start","product":"pdu","facts":{"x":[1]}})", "bad_request", 400},
      {R"({"op":"reload","x":1})", "bad_request", 400},
      {R"({"op":"version","x":1})", "bad_request", 400},
  };
  for (const Case& c : cases) {
    INFO(c.request);
    const Reply reply = call(service, c.request);
    CHECK_FALSE(reply.ok);
    CHECK(code_of(reply) == c.code);
    CHECK(reply.status == c.status);
    // Every error has a message in words, too.
    CHECK(json::parse(reply.body).at("message").as_string().size() > 5);
  }
  // Did-you-mean where a name is close.
  CHECK(call(service, R"({"op":"sugest"})").body.find("did you mean 'suggest'") != std::string::npos);
  CHECK(call(service, R"({"op":"suggest","product":"pdu","message":"x","mesage":"y"})").body.find("did you mean") !=
        std::string::npos);
  CHECK(call(service, R"({"op":"suggest","product":"pdx","message":"x"})").body.find("did you mean 'pdu'") !=
        std::string::npos);
  // The place in a state is named from the request's root.
  CHECK(call(service, R"({"op":"suggest","state":{"product":"pdu","history":[{"speaker":"cat"}]},"message":"x"})")
            .body.find("state.history[0].speaker") != std::string::npos);
  // The engine's checks name the field from the request's root, with did-you-mean.
  CHECK(call(service, R"({"op":"suggest","state":{"product":"pdu","facts":{"order_stauts":"paid"}},"message":"x"})")
            .body.find("state.facts.order_stauts: unknown fact (did you mean 'order_status'?)") != std::string::npos);
  CHECK(call(service, R"({"op":"suggest","product":"pdu","facts":{"order_stauts":"paid"},"message":"x"})")
            .body.find("\"facts.order_stauts: unknown fact") != std::string::npos);
  // And after all that, the service still answers.
  CHECK(call(service, R"({"op":"suggest","state":)" + state + R"(,"message":"太贵了"})").ok);
}

TEST_CASE("stored conversations: versions, conflicts, get and delete") {
  Service service = default_service();
  json::value started = result_of(call(service, R"({"op":"start","product":"pdu","conversation":"c1"})"));
  CHECK(started.at("version").as_int64() == 1);
  CHECK(code_of(call(service, R"({"op":"start","product":"pdu","conversation":"c1"})")) == "conversation_exists");

  json::value suggested = result_of(call(service, R"({"op":"suggest","conversation":"c1","message":"太贵了"})"));
  CHECK(suggested.at("conversation").as_string() == "c1");
  CHECK(suggested.at("version").as_int64() == 1);
  CHECK(suggested.at("suggestions").as_array().size() >= 1);

  json::value applied = result_of(call(service, R"({"op":"apply","conversation":"c1","message":"太贵了","version":1})"));
  CHECK(applied.at("version").as_int64() == 2);
  CHECK(applied.at("state").at("round").as_int64() == 1);
  // The same version again: somebody else applied in between.
  const Reply stale = call(service, R"({"op":"apply","conversation":"c1","message":"太贵了","version":1})");
  CHECK(code_of(stale) == "version_conflict");
  CHECK(stale.status == 409);

  json::value got = result_of(call(service, R"({"op":"get","conversation":"c1"})"));
  CHECK(got.at("version").as_int64() == 2);
  CHECK(json::serialize(got.at("state")) == json::serialize(applied.at("state")));
  CHECK(result_of(call(service, R"({"op":"delete","conversation":"c1"})")).at("deleted").as_bool());
  CHECK(code_of(call(service, R"({"op":"get","conversation":"c1"})")) == "not_found");
}

TEST_CASE("stored: facts and buyer sent with a request are kept") {
  Service service = default_service();
  result_of(call(service, R"({"op":"start","product":"pdu","conversation":"f1","facts":{"order_status":"paid"}})"));
  json::value applied = result_of(call(
      service, R"({"op":"observe","conversation":"f1","message":"发货了吗","seller":"今天发","facts":{"courier":"中通","order_status":null},"buyer":{"vip":true}})"));
  const json::object& facts = applied.at("state").at("facts").as_object();
  CHECK(facts.at("courier").as_string() == "中通");
  CHECK_FALSE(facts.contains("order_status"));
  CHECK(applied.at("state").at("buyer").at("vip").as_bool());
}

TEST_CASE("threads: stored: concurrent applies to one version, exactly one wins") {
  Service service = default_service();
  result_of(call(service, R"({"op":"start","product":"pdu","conversation":"race"})"));
  for (int round = 1; round <= 30; ++round) {
    const std::string request = R"({"op":"apply","conversation":"race","message":"在吗","version":)" +
                                std::to_string(round) + "}";
    std::atomic<int> wins{0}, conflicts{0};
    std::vector<std::thread> agents;
    for (int a = 0; a < 4; ++a) {
      agents.emplace_back([&] {
        const Reply r = call(service, request);
        if (r.ok) ++wins;
        else if (code_of(r) == "version_conflict") ++conflicts;
      });
    }
    for (std::thread& t : agents) t.join();
    CHECK(wins.load() == 1);
    CHECK(conflicts.load() == 3);
  }
  json::value got = result_of(call(service, R"({"op":"get","conversation":"race"})"));
  CHECK(got.at("version").as_int64() == 31);
  CHECK(got.at("state").at("round").as_int64() == 30);  // every winning apply, none lost
}

TEST_CASE("stored: history kept to the last N turns") {
  Service service = default_service(ServiceOptions{.history_turns = 6});
  result_of(call(service, R"({"op":"start","product":"pdu","conversation":"h"})"));
  for (int i = 0; i < 20; ++i) {
    result_of(call(service, R"({"op":"observe","conversation":"h","message":"在吗)" + std::to_string(i) +
                                R"(","seller":"在的亲"})"));
  }
  json::value got = result_of(call(service, R"({"op":"get","conversation":"h"})"));
  const json::array& history = got.at("state").at("history").as_array();
  CHECK(history.size() == 6);
  CHECK(history.back().at("speaker").as_string() == "seller");
  CHECK(history[4].at("text").as_string() == "在吗19");
  CHECK(got.at("state").at("round").as_int64() == 20);
  // The 34 turns dropped, counted.
  const json::value& earlier = got.at("state").at("earlier");
  CHECK(earlier.at("buyer").as_int64() == 17);
  CHECK(earlier.at("seller").as_int64() == 17);
  CHECK(earlier.at("suggested").as_int64() == 0);
  // And the stored state stays the same size however long it goes on.
  const std::size_t size_at_20 = json::serialize(got).size();
  for (int i = 20; i < 60; ++i) {
    result_of(call(service, R"({"op":"apply","conversation":"h","message":"在吗"})"));
  }
  json::value later = result_of(call(service, R"({"op":"get","conversation":"h"})"));
  CHECK(later.at("state").at("history").as_array().size() == 6);
  CHECK(later.at("state").at("earlier").at("suggested").as_int64() >= 30);
  CHECK(json::serialize(later).size() < size_at_20 + 400);
}

TEST_CASE("reload: a good rule set replaces the old, a bad one is refused and the old stays") {
  testing::TempDir dir;
  const auto rules = dir.path() / "shop.yaml";
  auto write = [&](const std::string& text) { std::ofstream(rules) << text; };
  const std::string good = R"(parley: 1
shop: {name: 茶店}
products:
  - {id: tea, name: 龙井, list_price: 100, floor: 80}
intents:
  too_expensive: {any: [太贵]}
rules:
  - id: hold
    playbook: B2
    when: too_expensive
    do: hold
    say: ["亲, {product.name}已经很实在了"]
    score: 80
    examples: [太贵了]
)";
  write(good);
  Service service(ServiceOptions{.rules_path = rules.string()}, open_memory_store());
  CHECK(service.generation() == 1);
  CHECK(call(service, R"({"op":"suggest","product":"tea","message":"太贵了"})").body.find("龙井已经很实在了") !=
        std::string::npos);

  std::string renamed = good;
  renamed.replace(renamed.find("龙井, list"), std::string("龙井").size(), "碧螺春");
  write(renamed);
  json::value reloaded = result_of(call(service, R"({"op":"reload"})"));
  CHECK(reloaded.at("generation").as_int64() == 2);
  CHECK(service.generation() == 2);
  CHECK(call(service, R"({"op":"suggest","product":"tea","message":"太贵了"})").body.find("碧螺春已经很实在了") !=
        std::string::npos);

  write("parley: 1\nshop: {name: 茶店}\nproducts:\n  - {id: tea, name: 龙井, list_price: 100, floor: 120}\nrules: [{id: x, do: fly}]\n");
  const Reply refused = service.reload();
  CHECK_FALSE(refused.ok);
  CHECK(refused.status == 422);
  CHECK(code_of(refused) == "rules_error");
  json::value error = json::parse(refused.body);
  REQUIRE(error.at("diagnostics").as_array().size() >= 1);
  CHECK(error.at("diagnostics").as_array()[0].at("file").as_string().size() > 0);
  CHECK(service.generation() == 2);
  CHECK(call(service, R"({"op":"suggest","product":"tea","message":"太贵了"})").body.find("碧螺春已经很实在了") !=
        std::string::npos);
}

TEST_CASE("threads: reload under load: requests keep being answered, each by one rule set") {
  testing::TempDir dir;
  const auto rules = dir.path() / "shop.yaml";
  auto rule_set = [](const char* name) {
    return std::string("parley: 1\nshop: {name: 茶店}\nproducts:\n  - {id: tea, name: ") + name +
           ", list_price: 100, floor: 80}\nintents:\n  too_expensive: {any: [太贵]}\nrules:\n"
           "  - {id: hold, playbook: B2, when: too_expensive, do: hold, say: [\"{product.name}不贵\"], score: 80}\n";
  };
  std::ofstream(rules) << rule_set("龙井");
  Service service(ServiceOptions{.rules_path = rules.string()}, open_memory_store());
  std::atomic<bool> stop{false};
  std::atomic<long> answered{0}, wrong{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      while (!stop.load()) {
        const Reply r = call(service, R"({"op":"suggest","product":"tea","message":"太贵了","top":1})");
        // Signals name intents by views into the rule set: the reply was
        // written while its rule set was alive, whichever one that was.
        const bool one = r.body.find("龙井不贵") != std::string::npos || r.body.find("碧螺春不贵") != std::string::npos;
        if (!r.ok || !one) ++wrong;
        ++answered;
      }
    });
  }
  for (int i = 0; i < 40; ++i) {
    std::ofstream(rules) << rule_set(i % 2 ? "龙井" : "碧螺春");
    CHECK(service.reload().ok);
  }
  stop = true;
  for (std::thread& t : clients) t.join();
  CHECK(wrong.load() == 0);
  CHECK(answered.load() > 0);
  CHECK(service.generation() == 41);
}

}  // namespace parley::serve

namespace parley::serve {

// docs/serve.md's table of error codes and docs/openapi.json's list are the
// same, and the OpenAPI document is of this protocol.
TEST_CASE("docs: every error code in both documents") {
  auto read = [](const char* name) {
    std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/" + name);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string markdown = read("docs/serve.md");
  const boost::json::value openapi = boost::json::parse(read("docs/openapi.json"));
  CHECK(openapi.at("info").at("version").as_string() == std::to_string(kProtocolVersion));
  const auto& codes = openapi.at("components").at("schemas").at("Error").at("properties").at("code").at("enum").as_array();
  // The rows of the error table: | `code` | 400 | when |
  std::set<std::string> in_markdown, in_openapi;
  const std::regex row("\\n\\| `([a-z0-9_]+)` \\| ([0-9]{3}) \\|");
  for (std::sregex_iterator it(markdown.begin(), markdown.end(), row), end; it != end; ++it) in_markdown.insert((*it)[1]);
  for (const auto& c : codes) in_openapi.insert(std::string(c.as_string()));
  CHECK(in_markdown == in_openapi);
  CHECK(in_markdown.size() >= 25);
}

}  // namespace parley::serve
