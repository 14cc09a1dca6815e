// Threads sharing one Engine (and one RuleSet) get the answers one thread
// gets; rule sets load on several threads at once. The `tsan` preset runs
// these cases ("threads: ...") under ThreadSanitizer in CI.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "parley/engine.hpp"
#include "test_rules.hpp"

using namespace parley;

namespace {

const char* const kMessages[] = {"在吗", "太贵了", "便宜点吧", "150包邮行吗", "140行吗", "能少点吗, 买两个",
                                 "功率多大", "算了不要了", "好的拍了", "135元可以吗"};

std::string money(const std::optional<Money>& m) { return m ? m->to_string() : "-"; }

// One haggle through every message, written out: the suggestions of each
// turn, the intents, then the conversation after the first was applied.
std::string haggle(const Engine& engine, const std::string& product) {
  std::string out;
  Conversation c = engine.start(product, 7);
  SuggestResult result;
  Workspace workspace;
  for (const char* message : kMessages) {
    engine.suggest(c, message, {}, result, workspace);
    for (const Suggestion& s : result.suggestions) {
      out += s.rule_id + " " + s.text + " " + money(s.offer) + " " + s.why.summary() + "\n";
    }
    for (const IntentScore& i : engine.signals(message).intents) out += std::string(i.name) + ",";
    if (!result.suggestions.empty()) c = engine.apply(c, message, result.suggestions.front());
    else c = engine.observe_seller_text(c, message, "亲, 在的");
    out += " -> " + money(c.offer) + " " + std::to_string(c.concessions) + " " + std::to_string(c.holds) + " " +
           std::string(to_string(c.stage)) + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("threads: one engine on eight threads answers as on one") {
  const Engine engine(RuleSet::load_default());
  const std::vector<std::string> products = {"pdu", "sneaker", "bed-set", "desk"};
  std::vector<std::string> expected;
  for (const std::string& p : products) expected.push_back(haggle(engine, p));
  std::vector<std::string> seen(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) seen[t] = haggle(engine, products[(t + round) % products.size()]);
    });
  }
  for (std::thread& t : threads) t.join();
  for (std::size_t t = 0; t < seen.size(); ++t) CHECK(seen[t] == expected[(t + 2) % products.size()]);
}

TEST_CASE("threads: rule sets load on several threads at once, each its own") {
  // yaml-cpp is warmed up on this thread first: its first use sets up
  // function-local statics, which is safe (C++11) but is where TSan has
  // reported yaml-cpp 0.7 before.
  (void)test::load_shop();
  std::vector<std::string> names(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < names.size(); ++t) {
    threads.emplace_back([&, t] {
      const Engine engine(test::load_shop());
      names[t] = haggle(engine, t % 2 ? "pdu" : "desk");
    });
  }
  for (std::thread& t : threads) t.join();
  const Engine engine(test::load_shop());
  for (std::size_t t = 0; t < names.size(); ++t) CHECK(names[t] == haggle(engine, t % 2 ? "pdu" : "desk"));
}
