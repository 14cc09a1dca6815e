// What the conversation remembers of the seller (SellerMemory) and how the
// ranking uses it: B2 waits for a value argument, not for any reply;
// replies rotate; words already sent go last; the top suggestions answer
// every question asked; a retreat closes the door; a banned buyer sees no
// price.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "parley/engine.hpp"
#include "test_rules.hpp"

using namespace parley;

namespace {

const char* kShop = R"(parley: 1
shop: {name: 小店}
products:
  - id: cup
    name: 保温杯
    list_price: 100
    floor: 80
    selling_points: {保温: 保温12小时, 材质: 304不锈钢内胆}
negotiation:
  concession: {schedule: steps, steps: [10, 5], hold_first: true}
compliance:
  banned_groups: [禁止购买]
intents:
  too_expensive: {any: [太贵, 便宜点]}
  price_inquiry: {any: [多少钱]}
  shipping_time: {any: [几天到]}
  firm_no: {any: [不要了]}
rules:
  - id: quote
    playbook: B1
    when: price_inquiry
    do: hold
    say: ["这款{offer}元"]
    score: 90
    examples: [多少钱]
  - id: value
    playbook: B2
    when: too_expensive and value_given == 0
    do: hold
    say: ["{selling_point}，很值的", "亲，{selling_point}"]
    score: 80
    examples: [太贵了]
  - id: step
    playbook: B3
    when: too_expensive
    do: concede
    say: ["给您{offer}元"]
    score: 70
    examples: [{text: 便宜点, state: {value_given: 1}}]
  - id: ask-why
    playbook: B15
    when: too_expensive
    do: ask
    say: ["您主要看重哪方面呢"]
    score: 60
    examples: [{text: 太贵了, state: {value_given: 1, concessions: 2}}]
  - id: ship
    playbook: B14
    when: shipping_time
    do: answer
    say: ["一般2到4天到"]
    score: 50
    examples: [几天到]
  - id: retreat
    playbook: B17
    when: firm_no
    do: retreat
    say: ["好的亲，欢迎下次再来"]
    score: 95
    examples: [不要了]
  - id: keep-selling
    playbook: B11
    when: firm_no
    do: hold
    say: ["{offer}元真的很划算"]
    score: 40
    examples: [{text: 不要了, buyer: {groups: [x]}}]
)";

const Engine& engine() {
  static const Engine e(test::load_shop(kShop));
  return e;
}

bool has_rule(const SuggestResult& r, std::string_view id) {
  return std::any_of(r.suggestions.begin(), r.suggestions.end(), [&](const Suggestion& s) { return s.rule_id == id; });
}

}  // namespace

TEST_CASE("B2 waits for a value argument: a price quote is no justification") {
  Conversation c = engine().start("cup");
  SuggestResult r = engine().suggest(c, "多少钱");
  REQUIRE(r.suggestions.front().rule_id == "quote");
  CHECK_FALSE(r.suggestions.front().argues_value);  // B1: a quote
  c = engine().apply(c, "多少钱", r.suggestions.front());
  CHECK(c.holds == 1);
  CHECK(c.said.value_arguments == 0);
  r = engine().suggest(c, "太贵了");
  CHECK(r.suggestions.front().rule_id == "value");  // not a discount yet
  CHECK_FALSE(has_rule(r, "step"));
  CHECK(r.suggestions.front().argues_value);
  c = engine().apply(c, "太贵了", r.suggestions.front());
  CHECK(c.said.value_arguments == 1);
  r = engine().suggest(c, "还是太贵了");
  CHECK(r.suggestions.front().rule_id == "step");
  CHECK(r.suggestions.front().offer == Money::from_yuan(90));
}

TEST_CASE("selling points said are remembered and not said first again") {
  Conversation c = engine().start("cup");
  SuggestResult r = engine().suggest(c, "太贵了");
  REQUIRE(r.suggestions.front().rule_id == "value");
  CHECK(r.suggestions.front().text.find("保温12小时") != std::string::npos);
  CHECK(r.suggestions.front().points == std::vector<std::string>{"保温"});
  c = engine().apply(c, "太贵了", r.suggestions.front());
  CHECK(c.said.points == std::vector<std::string>{"保温"});
  // A reply written with the selling point now says the next one.
  c.said.value_arguments = 0;
  r = engine().suggest(c, "太贵了");
  REQUIRE(r.suggestions.front().rule_id == "value");
  CHECK(r.suggestions.front().text.find("304不锈钢内胆") != std::string::npos);
}

TEST_CASE("a rule's replies rotate, and words already sent go last") {
  Conversation c = engine().start("cup", 3);
  const std::string first = engine().suggest(c, "太贵了").suggestions.front().text;
  c.said.rules_sent["value"] = 1;
  const std::string second = engine().suggest(c, "太贵了").suggestions.front().text;
  CHECK(first != second);

  // The best reply was just sent word for word (typed by the agent, so no
  // rule counts it): another comes first, and it goes last.
  Conversation d = engine().start("cup");
  d.said.value_arguments = 1;
  d.offer = Money::from_yuan(80);  // at the floor: no step
  SuggestResult r = engine().suggest(d, "太贵了，几天到");
  REQUIRE(r.suggestions.size() == 2);
  const std::string best = r.suggestions.front().text;
  CHECK(best == "您主要看重哪方面呢");
  d = engine().observe_seller_text(d, "太贵了，几天到", best);
  r = engine().suggest(d, "太贵了，几天到");
  CHECK(r.suggestions.front().text != best);
  CHECK(r.suggestions.back().text == best);
}

TEST_CASE("the top suggestions answer every question the message asks") {
  Conversation c = engine().start("cup");
  c.said.value_arguments = 1;
  const SuggestResult r = engine().suggest(c, "太贵了，几天到");
  REQUIRE(r.suggestions.size() >= 3);
  CHECK(r.suggestions[0].rule_id == "step");  // the best stays first
  CHECK(r.suggestions[1].rule_id == "ship");  // the other question, before a second answer to the first
  CHECK(r.suggestions[2].rule_id == "ask-why");
}

TEST_CASE("a retreat closes the door; a banned buyer sees no price") {
  Conversation c = engine().start("cup");
  SuggestResult r = engine().suggest(c, "不要了");
  REQUIRE_FALSE(r.suggestions.empty());
  CHECK(r.suggestions.front().rule_id == "retreat");
  CHECK_FALSE(has_rule(r, "keep-selling"));

  Conversation banned = engine().start("cup");
  banned.buyer.groups = {"禁止购买"};
  r = engine().suggest(banned, "多少钱");
  CHECK_FALSE(has_rule(r, "quote"));  // a hold, but it shows the price
  r = engine().suggest(banned, "几天到");
  CHECK(has_rule(r, "ship"));
}
