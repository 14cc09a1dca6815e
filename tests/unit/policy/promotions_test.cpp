#include <doctest/doctest.h>

#include <iterator>
#include <string>

#include "parley/error.hpp"
#include "parley/policy.hpp"
#include "unit/policy/haggle.hpp"

using namespace parley;
using namespace parley::testing_policy;
using Kind = Promotion::Kind;

namespace {

Promotion threshold(std::string id, double over, double off, bool stackable = false) {
  Promotion p;
  p.id = std::move(id);
  p.over = yuan(over);
  p.off = yuan(off);
  p.stackable = stackable;
  return p;
}

Promotion coupon(std::string id, double over, double off) {
  Promotion p = threshold(std::move(id), over, off);
  p.kind = Kind::coupon;
  return p;
}

Promotion gift(std::string id, double over, std::string name) {
  Promotion p;
  p.id = std::move(id);
  p.kind = Kind::threshold_gift;
  p.over = yuan(over);
  p.gift = std::move(name);
  return p;
}

Promotion nth_item(std::string id, std::string product, int nth, double ratio) {
  Promotion p;
  p.id = std::move(id);
  p.kind = Kind::nth_item_discount;
  p.products = {std::move(product)};
  p.nth = nth;
  p.ratio = ratio;
  return p;
}

Promotion bundle(std::string id, std::vector<std::string> products, double price) {
  Promotion p;
  p.id = std::move(id);
  p.kind = Kind::bundle_price;
  p.products = std::move(products);
  p.price = yuan(price);
  return p;
}

Promotion free_shipping_from(std::string id, int quantity) {
  Promotion p;
  p.id = std::move(id);
  p.kind = Kind::quantity_shipping;
  p.min_quantity = quantity;
  return p;
}

std::vector<CartLine> pdu(int quantity, double shipping = 0) {
  return {{"pdu", yuan(150), quantity, yuan(shipping)}};
}

const std::vector<Promotion> kPduPromotions = {threshold("m300", 300, 30),
                                               threshold("m1500", 1500, 200)};

}  // namespace

TEST_CASE("no promotion: the subtotal plus shipping") {
  PriceQuote q = best_price(pdu(2, 10), {}, false);
  CHECK(q.subtotal == yuan(300));
  CHECK(q.discount == Money());
  CHECK(q.shipping == yuan(10));
  CHECK(q.total == yuan(310));
  CHECK(q.applied.empty());
}

TEST_CASE("threshold discounts: 满300减30, stackable per full 300, the best of several") {
  CHECK(best_price(pdu(4), {{threshold("m300", 300, 30)}}, false).discount == yuan(30));
  CHECK(best_price(pdu(4), {{threshold("m300", 300, 30, true)}}, false).discount == yuan(60));
  CHECK(best_price(pdu(1), {{threshold("m300", 300, 30)}}, false).discount == Money());

  PriceQuote q = best_price(pdu(10), kPduPromotions, false);
  CHECK(q.discount == yuan(200));
  CHECK(q.total == yuan(1300));
  CHECK(q.applied == std::vector<std::string>{"m1500"});
}

TEST_CASE("coupons apply only once claimed, and combine with a threshold discount") {
  std::vector<Promotion> promotions = {threshold("m300", 300, 30), coupon("c10", 100, 10)};
  CHECK(best_price(pdu(2), promotions, false).discount == yuan(30));
  PriceQuote q = best_price(pdu(2), promotions, true);
  CHECK(q.discount == yuan(40));
  CHECK(q.applied == std::vector<std::string>{"m300", "c10"});
}

TEST_CASE("threshold gifts: 满3000送靠枕") {
  std::vector<Promotion> promotions = {gift("cushion", 3000, "靠枕")};
  CHECK(best_price(pdu(19), promotions, false).gifts.empty());
  PriceQuote q = best_price(pdu(20), promotions, false);
  CHECK(q.gifts == std::vector<std::string>{"靠枕"});
  CHECK(q.applied == std::vector<std::string>{"cushion"});
  CHECK(q.total == yuan(3000));
}

TEST_CASE("bundle price: each complete set for the bundle price") {
  std::vector<CartLine> cart = {{"lamp", yuan(100), 2, Money()}, {"bulb", yuan(50), 1, Money()}};
  std::vector<Promotion> promotions = {bundle("set", {"lamp", "bulb"}, 120)};
  PriceQuote q = best_price(cart, promotions, false);
  CHECK(q.discount == yuan(30));
  CHECK(q.total == yuan(220));
  cart[1].quantity = 3;  // two sets now
  CHECK(best_price(cart, promotions, false).discount == yuan(60));
  // "3 for 250": a product named three times needs three units a set.
  CHECK(best_price(pdu(7), {{bundle("three", {"pdu", "pdu", "pdu"}, 400)}}, false).discount ==
        yuan(100));
}

TEST_CASE("nth item: 第二件半价 on every second unit, rounded to the fen") {
  std::vector<Promotion> promotions = {nth_item("half", "pdu", 2, 0.5)};
  CHECK(best_price(pdu(1), promotions, false).discount == Money());
  CHECK(best_price(pdu(3), promotions, false).discount == yuan(75));
  CHECK(best_price(pdu(4), promotions, false).discount == yuan(150));
  std::vector<CartLine> odd = {{"pdu", yuan(99.99), 2, Money()}};
  CHECK(best_price(odd, promotions, false).discount == Money::from_fen(4999));
  // Units of one product at two prices: the cheaper unit is the second one.
  std::vector<CartLine> mixed = {{"pdu", yuan(100), 1, Money()}, {"pdu", yuan(80), 1, Money()}};
  CHECK(best_price(mixed, promotions, false).discount == yuan(40));
}

TEST_CASE("quantity free shipping") {
  std::vector<Promotion> promotions = {free_shipping_from("ship2", 2)};
  CHECK(best_price(pdu(1, 10), promotions, false).shipping == yuan(10));
  PriceQuote q = best_price(pdu(2, 10), promotions, false);
  CHECK(q.shipping == Money());
  CHECK(q.total == yuan(300));
  CHECK(q.applied == std::vector<std::string>{"ship2"});
}

TEST_CASE("thresholds are measured after item promotions, and the best mix wins") {
  std::vector<Promotion> promotions = {nth_item("half", "pdu", 2, 0.5),
                                       threshold("m300", 300, 30)};
  // Half price on the second: 225; 满300减30 alone: 270. Both do not fit (225 < 300).
  PriceQuote q = best_price(pdu(2), promotions, false);
  CHECK(q.total == yuan(225));
  CHECK(q.applied == std::vector<std::string>{"half"});
  // With four: 450 after half price, then 满300减30 too.
  CHECK(best_price(pdu(4), promotions, false).total == yuan(420));

  // Two item promotions on the same product: only the better one.
  std::vector<Promotion> rivals = {nth_item("half", "pdu", 2, 0.5),
                                   bundle("pair", {"pdu", "pdu"}, 200)};
  q = best_price(pdu(2), rivals, false);  // 200 for the pair beats 225
  CHECK(q.applied == std::vector<std::string>{"pair"});
  CHECK(q.total == yuan(200));
}

TEST_CASE("the total never goes negative, bad carts throw") {
  CHECK(best_price(pdu(1), {{threshold("silly", 10, 500)}}, false).total == Money());
  CHECK_THROWS_AS(best_price(pdu(-1), {}, false), Error);
  std::vector<CartLine> huge = {{"x", Money::from_fen(1'000'000'000'000), 1'000'000, Money()},
                                {"y", Money::from_fen(1'000'000'000'000), 1'000'000, Money()}};
  CHECK_THROWS_AS(best_price(huge, {}, false), Error);
}

TEST_CASE("B23: pdu at 150 with 满300减30 and 满1500减200") {
  std::optional<Upsell> one = best_upsell(pdu(1), "pdu", kPduPromotions, false);
  REQUIRE(one.has_value());
  CHECK(one->promotion == "m300");
  CHECK(one->add_quantity == 1);
  CHECK(one->new_quantity == 2);
  CHECK(one->threshold == yuan(300));
  CHECK(one->saving == yuan(30));
  CHECK(one->per_unit_saving == yuan(15));

  std::optional<Upsell> nine = best_upsell(pdu(9), "pdu", kPduPromotions, false);
  REQUIRE(nine.has_value());
  CHECK(nine->promotion == "m1500");
  CHECK(nine->add_quantity == 1);
  CHECK(nine->new_quantity == 10);
  CHECK(nine->threshold == yuan(1500));
  CHECK(nine->saving == yuan(200));
  CHECK(nine->per_unit_saving == yuan(20));  // 算下来每个优惠了20块钱

  // From 3 units the next promotion (1500) is 7 units away.
  std::optional<Upsell> three = best_upsell(pdu(3), "pdu", kPduPromotions, false);
  REQUIRE(three.has_value());
  CHECK(three->add_quantity == 7);
  CHECK_FALSE(best_upsell(pdu(3), "pdu", kPduPromotions, false, 6).has_value());
  CHECK_FALSE(best_upsell(pdu(10), "pdu", kPduPromotions, false).has_value());
  CHECK_FALSE(best_upsell(pdu(1), "lamp", kPduPromotions, false).has_value());
}

TEST_CASE("upsell to a gift, to free shipping, to a stackable multiple") {
  std::vector<Promotion> gifts = {gift("cushion", 3000, "靠枕")};
  std::optional<Upsell> g = best_upsell(pdu(19), "pdu", gifts, false);
  REQUIRE(g.has_value());
  CHECK(g->gift == "靠枕");
  CHECK(g->add_quantity == 1);

  std::optional<Upsell> s = best_upsell(pdu(1, 10), "pdu", {{free_shipping_from("ship2", 2)}},
                                        false);
  REQUIRE(s.has_value());
  CHECK(s->saving == yuan(10));
  CHECK(s->per_unit_saving == yuan(5));

  std::optional<Upsell> m = best_upsell(pdu(3), "pdu", {{threshold("m300", 300, 30, true)}},
                                        false);
  REQUIRE(m.has_value());
  CHECK(m->add_quantity == 1);
  CHECK(m->threshold == yuan(600));
  CHECK(m->saving == yuan(60));
}

TEST_CASE("upsell adds units at the price of the product's first line") {
  // 270 now; units at 150 reach 530 with two more, units at 120 would need three.
  std::vector<CartLine> cart = {{"pdu", yuan(150), 1, Money()}, {"pdu", yuan(120), 1, Money()}};
  std::optional<Upsell> up = best_upsell(cart, "pdu", {{threshold("m530", 530, 50)}}, false);
  REQUIRE(up.has_value());
  CHECK(up->add_quantity == 2);
  CHECK(up->new_quantity == 4);
  CHECK(up->saving == yuan(50));
  CHECK(up->per_unit_saving == yuan(12.5));

  // A line with no units yet grows like any other.
  Promotion on_pdu = threshold("m300", 300, 30);
  on_pdu.products = {"pdu"};
  std::vector<CartLine> empty_line = {{"pdu", yuan(150), 0, Money()}, {"cable", yuan(20), 1, Money()}};
  std::optional<Upsell> from_zero = best_upsell(empty_line, "pdu", {{on_pdu}}, false);
  REQUIRE(from_zero.has_value());
  CHECK(from_zero->add_quantity == 2);
  CHECK(from_zero->new_quantity == 2);
  CHECK(from_zero->saving == yuan(30));
}

TEST_CASE("upsell throws once the units added take the cart's total over the limit") {
  const Money most = Money::from_fen(1'000'000'000'000);
  std::vector<CartLine> full = {{"x", most, 999'999, Money()}, {"y", most, 1, Money()}};
  CHECK(best_price(full, {}, false).total == Money::from_fen(1'000'000'000'000'000'000));
  CHECK_THROWS_AS(best_upsell(full, "x", {}, false), Error);
}

TEST_CASE("a result does not depend on the calls before it") {
  // The policy reuses its working arrays from call to call; a call with more
  // products, item promotions, or one that threw halfway must leave nothing behind.
  const std::vector<CartLine> small = pdu(1, 8);
  const std::vector<CartLine> big = {{"pdu", yuan(150), 3, yuan(8)}, {"cable", yuan(20), 2, Money()},
                                     {"pdu", yuan(140), 1, Money()}, {"lamp", yuan(99), 1, yuan(5)}};
  const std::vector<CartLine> bad = {{"pdu", yuan(150), 1, Money()}, {"cable", yuan(-1), 1, Money()}};
  const std::vector<Promotion> item_deals = {
      nth_item("half", "pdu", 2, 0.5), bundle("set", {"pdu", "cable"}, 160),
      gift("cushion", 300, "靠枕"), free_shipping_from("ship3", 3), threshold("m200", 200, 20)};
  std::vector<Promotion> plain = kPduPromotions;
  plain.push_back(free_shipping_from("ship2", 2));
  struct Case {
    const std::vector<CartLine>* cart;
    const std::vector<Promotion>* promotions;
  };
  const Case cases[] = {{&small, &plain}, {&small, &item_deals}, {&big, &plain}, {&big, &item_deals}};
  // Each case's quote and upsell in one line, so that two runs compare as strings.
  auto outcome = [](const Case& c) {
    PriceQuote q = best_price(*c.cart, *c.promotions, false);
    std::optional<Upsell> u = best_upsell(*c.cart, "pdu", *c.promotions, false);
    std::string line = q.subtotal.to_string() + " -" + q.discount.to_string() + " +" +
                       q.shipping.to_string() + " = " + q.total.to_string();
    for (const std::string& id : q.applied) line += " " + id;
    for (const std::string& gift : q.gifts) line += " " + gift;
    if (u) line += " | " + u->promotion + " +" + std::to_string(u->add_quantity) + " " + u->saving.to_string();
    return line;
  };

  std::vector<std::string> forward;
  for (const Case& c : cases) forward.push_back(outcome(c));
  CHECK(forward[0] == "150 -0 +8 = 158 | m300 +1 38");  // 30 off, 8 shipping freed
  CHECK_THROWS_AS(best_price(bad, item_deals, false), Error);
  CHECK_THROWS_AS(best_upsell(bad, "pdu", item_deals, false), Error);
  for (std::size_t i = std::size(cases); i-- > 0;) {
    CAPTURE(i);
    CHECK(outcome(cases[i]) == forward[i]);
  }
}
