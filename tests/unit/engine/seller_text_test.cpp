// Engine::check_seller_text: a price the agent typed, checked by the guard
// every suggestion passes, with a warning for each invariant it breaks.
#include <doctest/doctest.h>

#include <algorithm>

#include "parley/engine.hpp"

using namespace parley;

namespace {

const Engine& shop() {
  static const Engine engine(RuleSet::load_default());
  return engine;
}

bool mentions(const std::vector<std::string>& warnings, std::string_view word) {
  return std::any_of(warnings.begin(), warnings.end(),
                     [&](const std::string& w) { return w.find(word) != std::string::npos; });
}

}  // namespace

TEST_CASE("a typed price below the floor is a warning, in digits or Chinese numerals") {
  const Conversation c = shop().start("pdu");
  Engine::SellerTextCheck check = shop().check_seller_text(c, "太贵了", "亲，120元给您吧");
  CHECK(check.price == Money::from_yuan(120));
  CHECK(mentions(check.warnings, "floor"));
  check = shop().check_seller_text(c, "太贵了", "一百二十块给您");
  CHECK(check.price == Money::from_yuan(120));
  CHECK(mentions(check.warnings, "floor"));
}

TEST_CASE("a typed price below the buyer's own counter, or above an earlier quote, is a warning") {
  Conversation c = shop().start("pdu");
  // The buyer offers 145 in this message: 140 would give away 5 yuan.
  Engine::SellerTextCheck check = shop().check_seller_text(c, "145行吗", "140元给您");
  CHECK(mentions(check.warnings, "buyer's own offer"));
  // After a quote of 142, 146 would raise it.
  c = shop().observe_seller_text(c, "太贵了", "亲，142元给您");
  REQUIRE(c.offer == Money::from_yuan(142));
  check = shop().check_seller_text(c, "再便宜点", "146元吧");
  CHECK(mentions(check.warnings, "never rises"));
}

TEST_CASE("a sound typed price, or none, gives no warning") {
  const Conversation c = shop().start("pdu");
  CHECK(shop().check_seller_text(c, "太贵了", "亲，146元给您").warnings.empty());
  const Engine::SellerTextCheck none = shop().check_seller_text(c, "在吗", "在的亲");
  CHECK_FALSE(none.price);
  CHECK(none.warnings.empty());
}

TEST_CASE("a typed total is read per unit: 3个390 is 130 each, below the floor") {
  const Conversation c = shop().start("pdu");
  const Engine::SellerTextCheck check = shop().check_seller_text(c, "买三个", "三个390元给您");
  CHECK(check.price == Money::from_yuan(130));
  CHECK(mentions(check.warnings, "floor"));
  // 三个426 is 142 each: above the floor.
  CHECK(shop().check_seller_text(c, "买三个", "三个426元给您").warnings.empty());
}

TEST_CASE("a fixed price typed lower is a warning") {
  const Conversation c = shop().start("bed-set");
  CHECK(mentions(shop().check_seller_text(c, "太贵了", "2580元给您").warnings, "fixed"));
}

TEST_CASE("a buyer's total is recorded per unit") {
  const Conversation c = shop().start("sneaker");
  const Conversation next = shop().observe_seller_text(c, "三双一千五行吗", "亲，这个价做不到");
  REQUIRE(next.buyer_best);
  CHECK(*next.buyer_best == Money::from_yuan(500));
  CHECK(next.cart.at("sneaker") == 3);
}

TEST_CASE("a message about another product moves the conversation to it and back, each haggle kept") {
  Conversation c = shop().start("pdu");
  c = shop().observe_seller_text(c, "太贵了", "亲，142元给您");
  c = shop().observe_seller_text(c, "书桌多少钱", "亲，书桌499元");
  CHECK(c.product_id == "desk");
  REQUIRE(c.parked.count("pdu") == 1);
  CHECK(c.parked.at("pdu").offer == Money::from_yuan(142));
  CHECK(c.cart.count("pdu") == 1);
  CHECK(c.cart.count("desk") == 1);
  c = shop().observe_seller_text(c, "插座呢", "亲，插座还是142元");
  CHECK(c.product_id == "pdu");
  CHECK(c.offer == Money::from_yuan(142));
  CHECK(c.parked.count("desk") == 1);
}
