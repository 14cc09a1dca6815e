// Conversations the engine could never have produced are refused at its
// entry points, each problem with its JSON path, a "did you mean" where a
// name is close and a code; what the engine does produce always passes
// (random haggles through suggest, apply and observe).
#include <doctest/doctest.h>

#include <random>

#include "engine/validate.hpp"
#include "parley/engine.hpp"
#include "parley/testing.hpp"

using namespace parley;

namespace {

const Engine& shop() {
  static const Engine e(RuleSet::load_default());
  return e;
}

// The code and message of the first problem with `c`, or {"", ""}.
std::pair<std::string, std::string> problem(const Conversation& c) {
  try {
    engine::validate(shop().rules(), c);
  } catch (const engine::StateError& e) {
    REQUIRE(e.codes().size() == e.diagnostics().size());
    return {e.codes().front(), e.diagnostics().front().message};
  }
  return {"", ""};
}

}  // namespace

TEST_CASE("a new conversation is sound") {
  for (const Product& p : shop().rules().products()) CHECK(problem(shop().start(p.id)).first.empty());
}

TEST_CASE("each kind of impossible conversation has its code and path") {
  const Conversation fresh = shop().start("pdu");
  struct Case {
    const char* what;
    void (*spoil)(Conversation&);
    const char* code;
    const char* message;
  };
  const Case cases[] = {
      {"unknown product", [](Conversation& c) { c.product_id = "pdv"; }, "unknown_product",
       "product: unknown product 'pdv' (did you mean 'pdu'?)"},
      {"unknown cart line", [](Conversation& c) { c.cart["sneakers"] = 1; }, "unknown_product",
       "cart.sneakers: unknown product 'sneakers' (did you mean 'sneaker'?)"},
      {"unknown fact", [](Conversation& c) { c.facts["order_stauts"] = std::string("paid"); }, "unknown_fact",
       "facts.order_stauts: unknown fact (did you mean 'order_status'?)"},
      {"undeclared value", [](Conversation& c) { c.facts["order_status"] = std::string("payed"); }, "bad_fact_value",
       "facts.order_status: 'payed' is not a declared value (did you mean 'paid'?)"},
      {"wrong type", [](Conversation& c) { c.facts["days_since_payment"] = std::string("3"); }, "bad_fact_type",
       "facts.days_since_payment: expected a number"},
      {"wrong type, boolean", [](Conversation& c) { c.facts["shipping_insurance"] = 1.0; }, "bad_fact_type",
       "facts.shipping_insurance: expected true or false"},
      {"offer above list", [](Conversation& c) { c.offer = Money::from_yuan(151); }, "impossible_state",
       "offer: 151 is above the list price 150"},
      {"unknown extra", [](Conversation& c) { c.extras_granted = {"early_shiping"}; }, "unknown_extra",
       "extras_granted[0]: 'early_shiping' is not on the extras ladder of 'pdu' (did you mean 'early_shipping'?)"},
      {"extra twice", [](Conversation& c) { c.extras_granted = {"early_shipping", "early_shipping"}; }, "impossible_state",
       "extras_granted[1]: 'early_shipping' is granted twice"},
      {"negative count", [](Conversation& c) { c.concessions = -1; }, "impossible_state", "concessions: expected at least 0"},
      {"rate out of range", [](Conversation& c) { c.buyer.good_rate_given = 1.5; }, "impossible_state",
       "buyer.good_rate_given: expected a rate from 0 to 1"},
  };
  for (const Case& k : cases) {
    INFO(std::string(k.what));
    Conversation c = fresh;
    k.spoil(c);
    const auto [code, message] = problem(c);
    CHECK(code == k.code);
    INFO(message);
    CHECK(message.starts_with(k.message));
    // Every entry point refuses it, with the same error, as a parley::Error.
    CHECK_THROWS_AS(shop().suggest(c, "太贵了"), Error);
    CHECK_THROWS_AS(shop().explain(c, "太贵了"), Error);
    CHECK_THROWS_AS(shop().observe_seller_text(c, "太贵了", "好的"), Error);
    SuggestResult r = shop().suggest(fresh, "太贵了");
    REQUIRE(!r.suggestions.empty());
    CHECK_THROWS_AS(shop().apply(c, "太贵了", r.suggestions.front()), Error);
  }
  // Several problems at once: all of them, in one error.
  Conversation c = fresh;
  c.offer = Money::from_yuan(1000);
  c.facts["x"] = true;
  try {
    engine::validate(shop().rules(), c);
    FAIL("no error");
  } catch (const engine::StateError& e) {
    CHECK(e.diagnostics().size() == 2);
    CHECK(e.codes() == std::vector<std::string>{"impossible_state", "unknown_fact"});
  }
}

TEST_CASE("what parley itself produces is never refused: an offer below the floor typed by the agent, an overbid") {
  Conversation c = shop().start("pdu");
  c = shop().observe_seller_text(c, "太贵了", "给您50元吧");  // below the floor: the agent said it
  CHECK(c.offer == Money::from_yuan(50));
  CHECK(problem(c).first.empty());
  Conversation d = shop().start("pdu");
  SuggestResult r = shop().suggest(d, "200行吗");
  REQUIRE(!r.suggestions.empty());
  d = shop().apply(d, "200行吗", r.suggestions.front());
  CHECK(d.buyer_best == Money::from_yuan(200));  // more than the list price
  CHECK(problem(d).first.empty());
}

TEST_CASE("random haggles: every state the engine returns passes the check") {
  const char* messages[] = {"太贵了", "便宜点", "120行吗", "140包邮行吗", "200行吗", "好的", "在吗", "送个赠品吧",
                            "算了不要了", "买两个能便宜吗", "什么时候发货", "少10块"};
  std::mt19937 random(16);
  const auto& products = shop().rules().products();
  for (int haggle = 0; haggle < 200; ++haggle) {
    Conversation c = shop().start(products[random() % products.size()].id, random());
    for (int turn = 0; turn < 12; ++turn) {
      const char* message = messages[random() % std::size(messages)];
      SuggestResult r = shop().suggest(c, message, {.top = 0, .explain = false});
      if (!r.suggestions.empty() && random() % 4 != 0) {
        c = shop().apply(c, message, r.suggestions[random() % r.suggestions.size()]);
      } else {
        c = shop().observe_seller_text(c, message, random() % 2 ? "亲, 最低" + std::to_string(100 + random() % 60) + "元" : "好的亲");
      }
      INFO(c.offer.value_or(Money()).to_string());
      REQUIRE(problem(c).first.empty());
    }
  }
}
