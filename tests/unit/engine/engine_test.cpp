// The engine: ranking, actions, the guard, apply, why and why not.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>

#include "parley/engine.hpp"
#include "parley/error.hpp"
#include "parley/testing.hpp"
#include "test_rules.hpp"

using namespace parley;

namespace {

const Engine& engine() {
  static const Engine e(test::load_shop());
  return e;
}

}  // namespace

TEST_CASE("the first 'too expensive' holds the price with a value argument (B2)") {
  Conversation c = engine().start("pdu");
  SuggestResult r = engine().suggest(c, "太贵了");
  REQUIRE(!r.suggestions.empty());
  CHECK(r.suggestions.front().rule_id == "justify");
  CHECK(r.suggestions.front().action == Action::hold);
  CHECK(r.suggestions.front().offer == Money::from_yuan(150));
  CHECK(r.suggestions.front().text.find("额定功率4000W") != std::string::npos);
  // hold_first keeps the concession out until a hold was sent.
  CHECK(std::none_of(r.suggestions.begin(), r.suggestions.end(),
                     [](const Suggestion& s) { return s.action == Action::concede; }));
}

TEST_CASE("concessions shrink step by step and stop at the floor (B3, B4)") {
  testing::Haggle h(engine(), "pdu");
  h.say("太贵了").send();
  std::vector<Money> offers;
  for (int i = 0; i < 8; ++i) {
    h.say("便宜点");
    const Suggestion* step = h.find("step");
    if (!step) break;
    offers.push_back(*step->offer);
    h.send(static_cast<int>(std::find_if(h.result().suggestions.begin(), h.result().suggestions.end(),
                                         [](const Suggestion& s) { return s.rule_id == "step"; }) -
                            h.result().suggestions.begin()) + 1);
  }
  REQUIRE(offers.size() >= 3);
  CHECK(offers[0] == Money::from_yuan(142));
  CHECK(offers[1] == Money::from_yuan(138));
  CHECK(offers[2] == Money::from_yuan(136));
  Money previous = Money::from_yuan(150);
  Money last_step = Money::from_yuan(1000);
  for (Money offer : offers) {
    CHECK(offer >= Money::from_yuan(132));
    CHECK(previous - offer <= last_step);
    last_step = previous - offer;
    previous = offer;
  }
  CHECK(h.conversation().concessions == static_cast<int>(offers.size()));
}

TEST_CASE("a fair counter is accepted at the buyer's price (B7)") {
  testing::Haggle h(engine(), "pdu");
  h.say("太贵了").send();
  h.say("145行吗");
  CHECK(h.top().rule_id == "accept");
  CHECK(h.top().offer == Money::from_yuan(145));
  h.send();
  CHECK(h.conversation().stage == parley::Stage::agreed);
  CHECK(h.conversation().offer == Money::from_yuan(145));
  CHECK(h.conversation().buyer_best == Money::from_yuan(145));
}

TEST_CASE("a counter below the floor gets an extra, never a price below the floor") {
  testing::Haggle h(engine(), "pdu");
  h.say("太贵了").send();
  h.say("100行吗");
  REQUIRE(!h.result().suggestions.empty());
  for (const Suggestion& s : h.result().suggestions) {
    if (s.offer) CHECK(*s.offer >= Money::from_yuan(132));
  }
  const Suggestion* decline = h.find("decline");
  REQUIRE(decline);
  CHECK(decline->extras == std::vector<std::string>{"free_shipping"});
  CHECK(decline->text == "价格做不到, 给您包邮");
}

TEST_CASE("a fixed-price product gets no price concession (B10)") {
  Conversation c = engine().start("desk");
  c.said.value_arguments = 1;
  SuggestResult r = engine().suggest(c, "便宜点");
  CHECK(std::none_of(r.suggestions.begin(), r.suggestions.end(),
                     [](const Suggestion& s) { return s.action == Action::concede; }));
  Explanation why = engine().why(c, "便宜点", "step");
  CHECK_FALSE(why.fired);
  CHECK(why.blocked.find("no price concession") != std::string::npos);
}

TEST_CASE("why not: the failing part of the condition with its values") {
  Conversation c = engine().start("pdu");
  Explanation why = engine().why(c, "在吗", "unpaid");
  CHECK_FALSE(why.fired);
  REQUIRE(!why.parts.empty());
  CHECK_FALSE(why.parts.front().holds);
  CHECK(why.summary().find("failed: facts.order_status == unpaid") != std::string::npos);
  c.facts["order_status"] = std::string("unpaid");
  CHECK(engine().why(c, "在吗", "unpaid").fired);
  CHECK_THROWS_AS(engine().why(c, "在吗", "no-such-rule"), Error);
}

TEST_CASE("suggest does not change the conversation and is deterministic") {
  Conversation c = engine().start("pdu", 42);
  c.said.value_arguments = 1;
  Conversation before = c;
  SuggestResult a = engine().suggest(c, "便宜点");
  SuggestResult b = engine().suggest(c, "便宜点");
  REQUIRE(a.suggestions.size() == b.suggestions.size());
  for (std::size_t i = 0; i < a.suggestions.size(); ++i) {
    CHECK(a.suggestions[i].text == b.suggestions[i].text);
    CHECK(a.suggestions[i].rule_id == b.suggestions[i].rule_id);
  }
  CHECK(c.history.size() == before.history.size());
  CHECK(c.round == before.round);
}

TEST_CASE("suggestions come ranked by score, then rule order; `top` keeps the best") {
  const Engine shop(RuleSet::load_default());
  Conversation c = shop.start(shop.rules().products().front().id, 7);
  c.said.value_arguments = 1;
  for (const char* text : {"太贵了, 便宜点吧", "这个插座多少钱", "150包邮行吗", "买3个有优惠吗", "算了不要了"}) {
    CAPTURE(text);
    const SuggestResult all = shop.suggest(c, text);
    for (std::size_t i = 1; i < all.suggestions.size(); ++i) {
      CHECK(all.suggestions[i - 1].score >= all.suggestions[i].score);
    }
    for (int top : {1, 2, 3}) {
      SuggestOptions options;
      options.top = top;
      const SuggestResult best = shop.suggest(c, text, options);
      REQUIRE(best.suggestions.size() == std::min<std::size_t>(top, all.suggestions.size()));
      for (std::size_t i = 0; i < best.suggestions.size(); ++i) {
        CHECK(best.suggestions[i].rule_id == all.suggestions[i].rule_id);
        CHECK(best.suggestions[i].text == all.suggestions[i].text);
      }
    }
  }
}

TEST_CASE("the template choice follows the seed, so a replay repeats it") {
  std::set<std::string> seen;
  for (std::uint64_t seed = 0; seed < 16; ++seed) {
    Conversation c = engine().start("pdu", seed);
    c.said.value_arguments = 1;
    seen.insert(engine().suggest(c, "便宜点").suggestions.front().text);
  }
  CHECK(seen.size() == 2);  // both templates of rule `step` are used
}

TEST_CASE("a banned buyer gets no sale (B37)") {
  Conversation c = engine().start("pdu");
  c.said.value_arguments = 1;
  c.buyer.groups = {"禁止购买"};
  SuggestResult r = engine().suggest(c, "145行吗");
  CHECK(std::none_of(r.suggestions.begin(), r.suggestions.end(), [](const Suggestion& s) {
    return s.action == Action::accept || s.action == Action::concede || s.action == Action::close;
  }));
}

TEST_CASE("the agent's own words move the conversation on") {
  Conversation c = engine().start("pdu");
  Conversation next = engine().observe_seller_text(c, "太贵了", "给您140元吧");
  CHECK(next.offer == Money::from_yuan(140));
  CHECK(next.concessions == 1);
  CHECK(next.history.size() == 2);
  CHECK(next.history.back().speaker == Turn::Speaker::seller);
}

TEST_CASE("bad input is a clear error, never a crash") {
  Conversation c = engine().start("pdu");
  CHECK_THROWS_AS(engine().suggest(c, std::string("\xff\xfe", 2)), Error);
  CHECK_THROWS_AS(engine().start("no-such-product"), Error);
  c.product_id = "no-such-product";
  CHECK_THROWS_AS(engine().suggest(c, "太贵了"), Error);
}

TEST_CASE("lint_reply runs the compliance guard on typed replies") {
  CHECK(engine().lint_reply("亲, 加我微 信吧").size() == 1);
  CHECK(engine().lint_reply("亲, 这款全网最便宜").front() == "最便宜");
  CHECK(engine().lint_reply("亲, 这款很实在").empty());
}

TEST_CASE("every rule's examples fire it, and none is shadowed") {
  CHECK(testing::check_examples(engine()).empty());
  Engine defaults(RuleSet::load_default());
  for (const Diagnostic& d : testing::check_examples(defaults)) FAIL_CHECK(d.to_string());
}

TEST_CASE("a product the buyer names joins the cart, and a quantity sets the line") {
  Conversation c = engine().start("pdu");
  SuggestResult r = engine().suggest(c, "买3个, 书桌也要");
  Conversation next = engine().observe_seller_text(c, "买3个, 书桌也要", "好的亲");
  CHECK(next.cart.at("pdu") == 3);
  CHECK(next.cart.at("desk") == 1);
  CHECK(c.cart.size() == 1);  // suggest and the old conversation are untouched
}

TEST_CASE("first_number is the first run of ASCII digits as written") {
  const Engine echo(test::load_shop(std::string(test::kShop) + R"(
  - id: echo-number
    playbook: B1
    when: has(first_number)
    do: answer
    say: ["数字{first_number}"]
    score: 1
)"));
  // The plain reading, one byte at a time, to compare with.
  auto expected = [](std::string_view text) -> std::string {
    std::size_t i = 0;
    while (i < text.size() && (text[i] < '0' || text[i] > '9')) ++i;
    if (i == text.size()) return {};
    std::size_t end = i;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    std::size_t first = i;
    while (first + 1 < end && text[first] == '0') ++first;  // 007 renders as 7
    return "数字" + std::string(text.substr(first, end - first));
  };
  const std::vector<std::string> pieces = {"/", ":", "a", " ", "好", "¥", "9", "0", "42", "１", "。", "~", "123456"};
  std::mt19937 rng(12345);
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    const int length = static_cast<int>(rng() % 24);
    for (int k = 0; k < length; ++k) {
      const std::size_t pick = rng() % (pieces.size() * 3);
      text += pick < pieces.size() ? pieces[pick] : pieces[pick % 6];  // mostly no digit
    }
    CAPTURE(text);
    const SuggestResult r = echo.suggest(echo.start("pdu"), text);
    std::string said;
    for (const Suggestion& s : r.suggestions) {
      if (s.rule_id == "echo-number") said = s.text;
    }
    CHECK(said == expected(text));
  }
}

TEST_CASE("suggest() reads the buyer's numbers whatever the rule set, unless told not to") {
  // A rule set that answers by keywords alone gets the same signals as any
  // other: what a message means does not depend on what the rules read.
  const std::string words_only = R"(parley: 1
shop: {name: 小店}
products:
  - {id: cup, name: 杯子, list_price: 30, floor: 25}
intents:
  greeting: {any: [在吗, 你好]}
  too_expensive: {any: [太贵]}
rules:
  - id: hello
    playbook: B28
    when: greeting
    do: answer
    say: ["在的亲, {product.name}{offer}元"]
    score: 10
  - id: value
    playbook: B2
    when: too_expensive and first_number > 0
    do: hold
    say: ["{first_number}做不到哦"]
    score: 20
)";
  const Engine keywords(test::load_shop(words_only));
  const std::string text = "在吗, 太贵了, 20元行吗";
  const SuggestResult r = keywords.suggest(keywords.start("cup"), text);
  REQUIRE(r.signals.price() != nullptr);
  CHECK(r.signals.price()->value == 20);
  CHECK(r.signals.mentions.size() == keywords.signals(text).mentions.size());
  REQUIRE(r.suggestions.size() == 2);
  CHECK(r.suggestions[0].text == "20做不到哦");
  CHECK(r.suggestions[1].text == "在的亲, 杯子30元");

  // A host that reads no numbers may skip them: same replies, no mentions.
  const SuggestResult skipped = keywords.suggest(keywords.start("cup"), text, {.explain = false, .mentions = false});
  CHECK(skipped.signals.mentions.empty());
  REQUIRE(skipped.suggestions.size() == 2);
  CHECK(skipped.suggestions[0].text == r.suggestions[0].text);

  // An intent that needs a mention still holds then.
  std::string with_needs = words_only;
  const std::string_view intent = "  too_expensive: {any: [太贵]}\n";
  with_needs.insert(with_needs.find(intent) + intent.size(), "  counter_offer: {needs: [money]}\n");
  const Engine needing(test::load_shop(with_needs));
  const SuggestResult n = needing.suggest(needing.start("cup"), "20元行吗", {.mentions = false});
  CHECK(n.signals.has_intent("counter_offer"));
}
