// The C API: ownership of what it returns, a status and a message for every
// failure, results equal to the C++ API's, and no exception or crash on any
// input.
#include <doctest/doctest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "parley/engine.hpp"
#include "parley/json.hpp"
#include "parley/parley.h"
#include "parley/rule_set.hpp"

namespace {

// A string parley returned, freed with parley_free.
struct Owned {
  char* p = nullptr;
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() { parley_free(p); }
  char** out() {
    parley_free(p);
    p = nullptr;
    return &p;
  }
  std::string str() const { return p ? p : ""; }
};

// Rules loaded by `load(&rules)` and an engine made from them.
struct Handles {
  parley_rules* rules = nullptr;
  parley_engine* engine = nullptr;
  template <typename Load>
  explicit Handles(Load load) {
    REQUIRE(load(&rules) == PARLEY_OK);
    Owned error;
    REQUIRE(parley_engine_new(rules, &engine, error.out()) == PARLEY_OK);
  }
  ~Handles() {
    parley_engine_free(engine);
    parley_rules_free(rules);
  }
};

struct DefaultEngine : Handles {
  DefaultEngine() : Handles([](parley_rules** rules) { return parley_rules_load_default(rules, nullptr); }) {}
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

const std::string kShopPath = PARLEY_SOURCE_DIR "/examples/policy-test/rules/shop.yaml";

boost::json::value parse(const Owned& json) { return boost::json::parse(json.str()); }

}  // namespace

TEST_CASE("suggest returns the C++ API's suggestions as JSON") {
  DefaultEngine h;
  Owned result;
  Owned error;
  REQUIRE(parley_suggest(h.engine, nullptr, "pdu", "太贵了", 0, result.out(), error.out()) == PARLEY_OK);
  CHECK(error.p == nullptr);

  parley::Engine engine(parley::RuleSet::load_default());
  CHECK(result.str() == parley::to_json(engine.suggest(engine.start("pdu"), "太贵了")));
  CHECK(parse(result).at("suggestions").as_array().size() > 1);
}

TEST_CASE("top keeps that many suggestions; a negative top is an invalid argument") {
  DefaultEngine h;
  Owned result;
  REQUIRE(parley_suggest(h.engine, nullptr, "pdu", "太贵了", 1, result.out(), nullptr) == PARLEY_OK);
  CHECK(parse(result).at("suggestions").as_array().size() == 1);

  Owned error;
  CHECK(parley_suggest(h.engine, nullptr, "pdu", "太贵了", -1, result.out(), error.out()) ==
        PARLEY_INVALID_ARGUMENT);
  CHECK(result.p == nullptr);
  CHECK(error.str() == "top is negative");
}

TEST_CASE("start, then apply by index, equals the C++ apply of that suggestion") {
  DefaultEngine h;
  Owned state;
  REQUIRE(parley_start(h.engine, "pdu", state.out(), nullptr) == PARLEY_OK);

  parley::Engine engine(parley::RuleSet::load_default());
  const parley::Conversation start = engine.start("pdu");
  CHECK(state.str() == parley::to_json(start));

  const parley::SuggestResult result = engine.suggest(start, "太贵了");
  REQUIRE(result.suggestions.size() > 1);
  for (int k = 0; k < 2; ++k) {
    const parley::Suggestion& chosen = result.suggestions[static_cast<std::size_t>(k)];
    Owned next;
    REQUIRE(parley_apply(h.engine, state.p, nullptr, "太贵了", k, chosen.rule_id.c_str(), next.out(), nullptr) ==
            PARLEY_OK);
    CHECK(next.str() == parley::to_json(engine.apply(start, "太贵了", chosen)));
  }
}

TEST_CASE("a haggle carried in state JSON moves the price down") {
  Handles h([](parley_rules** rules) { return parley_rules_load_path(kShopPath.c_str(), rules, nullptr); });
  Owned state;
  REQUIRE(parley_start(h.engine, "longjing", state.out(), nullptr) == PARLEY_OK);
  for (const char* message : {"太贵了", "再便宜点吧"}) {
    Owned next;
    REQUIRE(parley_apply(h.engine, state.p, nullptr, message, 0, nullptr, next.out(), nullptr) == PARLEY_OK);
    std::swap(state.p, next.p);
  }
  const boost::json::value conversation = parse(state);
  CHECK(conversation.at("round").as_int64() == 2);
  CHECK(conversation.at("concessions").as_int64() == 1);
  CHECK(conversation.at("offer").to_number<double>() < 198);
}

TEST_CASE("apply refuses an index out of range and a rule that no longer matches") {
  DefaultEngine h;
  Owned next;
  Owned error;
  CHECK(parley_apply(h.engine, nullptr, "pdu", "太贵了", 1000, nullptr, next.out(), error.out()) ==
        PARLEY_INVALID_ARGUMENT);
  CHECK(error.str().find("out of range") != std::string::npos);
  CHECK(parley_apply(h.engine, nullptr, "pdu", "太贵了", -1, nullptr, next.out(), error.out()) ==
        PARLEY_INVALID_ARGUMENT);

  CHECK(parley_apply(h.engine, nullptr, "pdu", "太贵了", 0, "no-such-rule", next.out(), error.out()) ==
        PARLEY_BAD_INPUT);
  CHECK(next.p == nullptr);
  CHECK(error.str().find("no-such-rule") != std::string::npos);
}

TEST_CASE("observe_seller_text takes a lower price the agent typed as the offer") {
  DefaultEngine h;
  Owned state;
  REQUIRE(parley_observe_seller_text(h.engine, nullptr, "pdu", "太贵了", "那给您140吧", state.out(), nullptr) ==
          PARLEY_OK);
  CHECK(parse(state).at("offer").to_number<double>() == 140.0);
}

TEST_CASE("signals and lint_reply") {
  DefaultEngine h;
  Owned signals;
  REQUIRE(parley_signals(h.engine, "太贵了", signals.out(), nullptr) == PARLEY_OK);
  CHECK(parse(signals).at("intents").as_array().at(0).at("name").as_string() == "too_expensive");

  Owned words;
  REQUIRE(parley_lint_reply(h.engine, "加我微信, 全网最低价", words.out(), nullptr) == PARLEY_OK);
  const boost::json::array hits = parse(words).as_array();
  CHECK(std::find(hits.begin(), hits.end(), boost::json::value("微信")) != hits.end());
  REQUIRE(parley_lint_reply(h.engine, "好的亲, 马上给您发货", words.out(), nullptr) == PARLEY_OK);
  CHECK(words.str() == "[]");
}

TEST_CASE("bad input is PARLEY_BAD_INPUT with a message, and no output") {
  DefaultEngine h;
  Owned out;
  Owned error;
  CHECK(parley_start(h.engine, "no-such-product", out.out(), error.out()) == PARLEY_BAD_INPUT);
  CHECK(out.p == nullptr);
  CHECK(error.str().find("no-such-product") != std::string::npos);

  CHECK(parley_suggest(h.engine, "{not json", nullptr, "太贵了", 0, out.out(), error.out()) == PARLEY_BAD_INPUT);
  CHECK(!error.str().empty());

  Owned state;
  REQUIRE(parley_start(h.engine, "pdu", state.out(), nullptr) == PARLEY_OK);
  std::string other = state.str();
  other.replace(other.find("\"pdu\""), 5, "\"gone\"");
  CHECK(parley_suggest(h.engine, other.c_str(), nullptr, "太贵了", 0, out.out(), error.out()) == PARLEY_BAD_INPUT);
  CHECK(error.str().find("gone") != std::string::npos);

  // Facts and the rest of the state are checked against the rule set.
  std::string typo = state.str();
  typo.replace(typo.find("\"facts\":{}"), 10, "\"facts\":{\"order_stauts\":\"paid\"}");
  CHECK(parley_suggest(h.engine, typo.c_str(), nullptr, "太贵了", 0, out.out(), error.out()) == PARLEY_BAD_INPUT);
  CHECK(error.str().find("facts.order_stauts: unknown fact (did you mean 'order_status'?)") != std::string::npos);
  std::string value = state.str();
  value.replace(value.find("\"facts\":{}"), 10, "\"facts\":{\"order_status\":\"payed\"}");
  CHECK(parley_apply(h.engine, value.c_str(), nullptr, "太贵了", 0, nullptr, out.out(), error.out()) == PARLEY_BAD_INPUT);
  CHECK(error.str().find("did you mean 'paid'") != std::string::npos);

  CHECK(parley_suggest(h.engine, nullptr, "pdu", "\xff\xfe太贵", 0, out.out(), error.out()) == PARLEY_BAD_INPUT);
  CHECK(parley_observe_seller_text(h.engine, nullptr, "pdu", "好", "\xc3", out.out(), error.out()) ==
        PARLEY_BAD_INPUT);
  CHECK(out.p == nullptr);
}

TEST_CASE("NULL arguments are PARLEY_INVALID_ARGUMENT, whatever else is NULL") {
  DefaultEngine h;
  Owned out;
  Owned error;
  CHECK(parley_suggest(nullptr, nullptr, "pdu", "hi", 0, out.out(), error.out()) == PARLEY_INVALID_ARGUMENT);
  CHECK(error.str() == "engine is NULL");
  CHECK(parley_suggest(h.engine, nullptr, "pdu", nullptr, 0, out.out(), error.out()) == PARLEY_INVALID_ARGUMENT);
  CHECK(parley_suggest(h.engine, nullptr, "pdu", "hi", 0, nullptr, error.out()) == PARLEY_INVALID_ARGUMENT);
  CHECK(parley_suggest(h.engine, nullptr, "pdu", "hi", 0, nullptr, nullptr) == PARLEY_INVALID_ARGUMENT);
  CHECK(parley_signals(h.engine, nullptr, out.out(), nullptr) == PARLEY_INVALID_ARGUMENT);
  CHECK(parley_lint_reply(h.engine, nullptr, out.out(), nullptr) == PARLEY_INVALID_ARGUMENT);
  CHECK(parley_observe_seller_text(h.engine, nullptr, "pdu", "hi", nullptr, out.out(), nullptr) ==
        PARLEY_INVALID_ARGUMENT);

  parley_engine* engine = nullptr;
  CHECK(parley_engine_new(nullptr, &engine, error.out()) == PARLEY_INVALID_ARGUMENT);
  CHECK(engine == nullptr);
  parley_rules* rules = nullptr;
  CHECK(parley_rules_load_path(nullptr, &rules, nullptr) == PARLEY_INVALID_ARGUMENT);
  CHECK(parley_rules_load_yaml("x.yaml", nullptr, &rules, nullptr) == PARLEY_INVALID_ARGUMENT);
  CHECK(parley_rules_load_default(nullptr, nullptr) == PARLEY_INVALID_ARGUMENT);
  parley_rules_free(nullptr);
  parley_engine_free(nullptr);
  parley_free(nullptr);
}

TEST_CASE("rule sets load from a path and from memory, with every problem named") {
  parley_rules* rules = nullptr;
  Owned error;
  REQUIRE(parley_rules_load_path(kShopPath.c_str(), &rules, error.out()) == PARLEY_OK);
  parley_rules_free(rules);

  const std::string shop = read_file(kShopPath);
  Handles from_memory(
      [&shop](parley_rules** loaded) { return parley_rules_load_yaml("shop.yaml", shop.c_str(), loaded, nullptr); });
  Owned result;
  REQUIRE(parley_suggest(from_memory.engine, nullptr, nullptr, "太贵了", 1, result.out(), nullptr) == PARLEY_OK);
  CHECK(parse(result).at("suggestions").as_array().at(0).at("rule").as_string() == "justify-first");

  std::string broken = shop;
  broken.replace(broken.find("score: 80"), 9, "scroe: 80");
  CHECK(parley_rules_load_yaml("shop.yaml", broken.c_str(), &rules, error.out()) == PARLEY_RULES_ERROR);
  CHECK(rules == nullptr);
  CHECK(error.str().find("shop.yaml:") != std::string::npos);
  CHECK(error.str().find("scroe") != std::string::npos);

  CHECK(parley_rules_load_yaml(nullptr, "parley: [", &rules, error.out()) == PARLEY_RULES_ERROR);
  CHECK(error.str().find("<memory>") != std::string::npos);
  CHECK(parley_rules_load_path("/no/such/rules", &rules, error.out()) == PARLEY_RULES_ERROR);
  CHECK(!error.str().empty());
}

TEST_CASE("an engine outlives the rules handle it was made from") {
  parley_rules* rules = nullptr;
  parley_engine* engine = nullptr;
  REQUIRE(parley_rules_load_path(kShopPath.c_str(), &rules, nullptr) == PARLEY_OK);
  REQUIRE(parley_engine_new(rules, &engine, nullptr) == PARLEY_OK);
  parley_rules_free(rules);
  Owned state;
  CHECK(parley_start(engine, "teapot", state.out(), nullptr) == PARLEY_OK);
  CHECK(parse(state).at("product").as_string() == "teapot");
  parley_engine_free(engine);
}

TEST_CASE("every status has a name") {
  for (parley_status s : {PARLEY_OK, PARLEY_INVALID_ARGUMENT, PARLEY_RULES_ERROR, PARLEY_BAD_INPUT,
                          PARLEY_OUT_OF_MEMORY, PARLEY_INTERNAL}) {
    CHECK(std::strlen(parley_status_string(s)) > 0);
  }
  CHECK(std::string(parley_status_string(PARLEY_BAD_INPUT)) == "bad input");
  CHECK(std::string(parley_status_string(static_cast<parley_status>(99))) == "unknown status");
}

TEST_CASE("random bytes as messages, states and replies: a status, never a crash") {
  DefaultEngine h;
  std::mt19937 random(7);
  auto bytes = [&random] {
    std::string s(random() % 48, '\0');
    for (char& c : s) c = static_cast<char>(1 + random() % 255);  // no NUL: C strings
    return s;
  };
  Owned state;
  REQUIRE(parley_start(h.engine, "pdu", state.out(), nullptr) == PARLEY_OK);
  const std::string valid_state = state.str();
  for (int i = 0; i < 500; ++i) {
    const std::string message = bytes();
    const std::string text = bytes();
    const std::string mangled = valid_state.substr(0, random() % valid_state.size()) + text;
    Owned out;
    Owned error;
    const parley_status statuses[] = {
        parley_suggest(h.engine, nullptr, "pdu", message.c_str(), 3, out.out(), error.out()),
        parley_apply(h.engine, valid_state.c_str(), nullptr, message.c_str(), 0, nullptr, out.out(), error.out()),
        parley_observe_seller_text(h.engine, nullptr, "pdu", message.c_str(), text.c_str(), out.out(),
                                   error.out()),
        parley_suggest(h.engine, mangled.c_str(), nullptr, "太贵了", 0, out.out(), error.out()),
        parley_signals(h.engine, message.c_str(), out.out(), error.out()),
        parley_lint_reply(h.engine, message.c_str(), out.out(), error.out()),
    };
    for (parley_status s : statuses) {
      // No suggestion for noise makes apply's index 0 out of range.
      CHECK((s == PARLEY_OK || s == PARLEY_BAD_INPUT || s == PARLEY_INVALID_ARGUMENT));
    }
  }
}

TEST_CASE("threads share one engine and get the same answers") {
  DefaultEngine h;
  Owned expected;
  REQUIRE(parley_suggest(h.engine, nullptr, "pdu", "150包邮行吗", 0, expected.out(), nullptr) == PARLEY_OK);
  std::vector<std::string> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&h, &seen, t] {
      for (int i = 0; i < 50; ++i) {
        Owned result;
        if (parley_suggest(h.engine, nullptr, "pdu", "150包邮行吗", 0, result.out(), nullptr) != PARLEY_OK) return;
        seen[t] = result.str();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& s : seen) CHECK(s == expected.str());
}
