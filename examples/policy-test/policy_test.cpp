// The tea shop's negotiation policy (rules/shop.yaml), tested from C++.
// The same behaviours are in scenarios/*.yaml for `parley test`; here they
// are written with parley::testing::Haggle, which is handier for loops and
// for numbers computed from the policy.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "parley/engine.hpp"
#include "parley/rule_set.hpp"
#include "parley/testing.hpp"

using parley::Action;
using parley::Money;
using parley::testing::Haggle;

namespace {

const parley::Engine& engine() {
  static const parley::Engine shop(parley::RuleSet::load(SHOP_RULES));
  return shop;
}

}  // namespace

TEST_CASE("every rule fires on its own examples and none is shadowed") {
  for (const parley::Diagnostic& problem : parley::testing::check_examples(engine())) {
    FAIL_CHECK(problem.to_string());
  }
}

TEST_CASE("the first complaint gets value, the second a step down") {
  Haggle h(engine(), "longjing");
  CHECK(h.say("太贵了").top().rule_id == "justify-first");
  CHECK(h.top().offer == Money::from_yuan(198));
  h.send();
  CHECK(h.say("再便宜点吧").top().action == Action::concede);
  CHECK(*h.top().offer < Money::from_yuan(198));
}

TEST_CASE("however long the buyer haggles, the price stops at the floor") {
  const Money floor = engine().rules().find_product("longjing")->floor;
  Haggle h(engine(), "longjing");
  for (int round = 0; round < 12; ++round) {
    h.say("太贵了");
    REQUIRE(!h.result().suggestions.empty());
    CHECK(*h.top().offer >= floor);
    h.send();
  }
  CHECK(h.say("太贵了").top().rule_id == "hold-at-floor");
  CHECK(h.top().offer == floor);
}

TEST_CASE("a counter is met halfway, accepted once fair, declined below the floor") {
  Haggle early(engine(), "longjing");
  CHECK(early.say("185行吗").top().rule_id == "meet-halfway");
  CHECK(*early.top().offer > Money::from_yuan(185));
  CHECK(*early.top().offer < Money::from_yuan(198));

  Haggle fair(engine(), "longjing");
  fair.say("太贵了").send().say("再便宜点吧").send();
  CHECK(fair.say("185行吗").top().action == Action::accept);
  CHECK(fair.top().offer == Money::from_yuan(185));

  Haggle low(engine(), "teapot");
  CHECK(low.say("300卖吗").top().rule_id == "below-floor");
  CHECK(low.find("accept-fair-counter") == nullptr);
}

TEST_CASE("the scenario files pass too") {
  for (const auto& file : std::filesystem::directory_iterator(SHOP_SCENARIOS)) {
    CAPTURE(file.path().string());
    auto transcript = parley::testing::load_transcript(file.path(), engine().rules());
    for (const auto& turn : parley::testing::run(engine(), transcript)) {
      for (const std::string& failure : turn.failures) FAIL_CHECK(failure);
    }
  }
}
