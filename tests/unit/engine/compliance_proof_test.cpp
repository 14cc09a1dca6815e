// The compliance guard proves at build time what it can (a template's
// literal text, the product's own values, numbers where no word can take
// them) and scans only the rest when a reply is rendered. Whatever the
// proof skips, no reply may ever contain a listed word, and a reply whose
// values do form one is dropped.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "parley/engine.hpp"
#include "test_rules.hpp"

using namespace parley;

namespace {

// Words that values, numbers and literal text can form together: 最 + a
// selling point starting with 便宜, a price followed by %, 加 + an extra's
// name, a fact's text.
const char* kNasty = R"(parley: 1
shop: {name: 小店}
products:
  - id: cup
    name: 便宜杯
    list_price: 100
    floor: 60
    shipping_fee: 5
    selling_points: {材质: 便宜又好用, 容量: 大容量500ml}
    gifts: [{name: 微信红包, cost: 2}]
  - id: pot
    name: 茶壶
    list_price: 150
    floor: 100
    selling_points: {材质: 紫砂}
    gifts: [{name: 杯垫, cost: 2}]
negotiation:
  concession: {schedule: steps, steps: [20, 10, 5], hold_first: false}
  extras_ladder: [gift]
facts:
  note: string
compliance:
  forbidden: [最便宜, 100%, 第1]
  off_platform: [加微信]
intents:
  too_expensive: {any: [太贵, 便宜点]}
  ask_gift: {any: [送]}
  other: {any: [在吗]}
rules:
  - id: name-first
    playbook: B2
    when: too_expensive
    do: hold
    say: ["最{product.name}了"]
    score: 50
    examples: [{text: 太贵了, product: pot}]
  - id: point
    playbook: B2
    when: too_expensive
    do: hold
    say: ["最{selling_point}"]
    score: 40
    examples: [{text: 太贵了, product: pot}]
  - id: percent
    playbook: B3
    when: too_expensive
    do: concede
    say: ["{offer}%"]
    score: 30
    examples: [{text: 太贵了, product: pot}]
  - id: gift
    playbook: B5
    when: ask_gift
    do: offer_extra
    say: ["加{extra}"]
    score: 30
    examples: [{text: 送点东西, product: pot}]
  - id: note
    playbook: B28
    when: other
    do: answer
    say: ["第{facts.note}号"]
    score: 10
    examples: [{text: 在吗, facts: {note: "2"}}]
)";

}  // namespace

TEST_CASE("a reply whose values form a listed word is dropped; no reply ever holds one") {
  const auto rules = test::load_shop(kNasty);
  const Engine engine(rules);

  // cup: 最 + 便宜杯 is 最便宜; pot: 最 + 茶壶 is fine.
  Conversation cup = engine.start("cup");
  SuggestResult r = engine.suggest(cup, "太贵了");
  for (const Suggestion& s : r.suggestions) {
    CAPTURE(s.text);
    CHECK(engine.lint_reply(s.text).empty());
    CHECK(s.rule_id != "name-first");
    CHECK(s.rule_id != "point");  // 最 + 便宜又好用
  }
  Conversation pot = engine.start("pot");
  r = engine.suggest(pot, "太贵了");
  REQUIRE(!r.suggestions.empty());
  CHECK(r.suggestions[0].rule_id == "name-first");

  // 加 + 微信红包 is 加微信: the cup's gift is never offered that way.
  r = engine.suggest(cup, "送点东西吧");
  for (const Suggestion& s : r.suggestions) CHECK(s.rule_id != "gift");
  r = engine.suggest(pot, "送点东西吧");
  REQUIRE(!r.suggestions.empty());
  CHECK(r.suggestions[0].text == "加杯垫");

  // A number before %: 100% once the price is 100, never otherwise.
  pot.offer = Money::from_yuan(120);  // the next step is 100
  r = engine.suggest(pot, "太贵了");
  for (const Suggestion& s : r.suggestions) CHECK(s.rule_id != "percent");
  pot.offer = Money::from_yuan(140);  // the next step is 130
  pot.concessions = 1;
  pot.last_step = Money::from_yuan(20);
  r = engine.suggest(pot, "太贵了");
  bool percent = false;
  for (const Suggestion& s : r.suggestions) percent |= s.rule_id == "percent" && s.text == "130%";
  CHECK(percent);

  // A fact's text is the host's: 第 + 1 forms 第1.
  Conversation noted = engine.start("pot");
  noted.facts["note"] = std::string("1");
  r = engine.suggest(noted, "在吗");
  CHECK(r.suggestions.empty());
  noted.facts["note"] = std::string("2");
  r = engine.suggest(noted, "在吗");
  REQUIRE(r.suggestions.size() == 1);
  CHECK(r.suggestions[0].text == "第2号");
}

TEST_CASE("over random conversations of the default shop no suggestion holds a listed word") {
  const auto rules = RuleSet::load_default();
  const Engine engine(rules);
  const std::vector<std::string> messages = {"太贵了", "便宜点", "100行吗", "送点东西", "包邮吗", "什么时候发货",
                                             "质量怎么样", "算了不要了", "在吗", "能不能再便宜点", "99包邮",
                                             "买两个", "会不会坏", "好的", "有优惠吗"};
  std::mt19937 rng(5);
  Workspace workspace;
  SuggestResult r;
  int replies = 0;
  for (int round = 0; round < 300; ++round) {
    const auto& products = rules->products();
    Conversation c = engine.start(products[rng() % products.size()].id, rng());
    for (int turn = 0; turn < 6; ++turn) {
      const std::string& text = messages[rng() % messages.size()];
      engine.suggest(c, text, {.explain = false}, r, workspace);
      for (const Suggestion& s : r.suggestions) {
        CAPTURE(s.text);
        CHECK(engine.lint_reply(s.text).empty());
        ++replies;
      }
      if (r.suggestions.empty()) break;
      c = engine.apply(c, text, r.suggestions[rng() % r.suggestions.size()]);
    }
  }
  CHECK(replies > 1000);
}
