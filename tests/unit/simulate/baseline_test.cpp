#include <doctest/doctest.h>

#include "simulate/seller.hpp"

using namespace parley;
using namespace parley::simulate;

namespace {

ProductTerms terms() {
  ProductTerms t;
  t.list_price = Money::from_yuan(150);
  t.floor = Money::from_yuan(130);
  return t;
}

Move push() {
  Move m;
  m.kind = MoveKind::push;
  return m;
}

Move counter(double yuan) {
  Move m;
  m.kind = MoveKind::counter;
  m.bid = Money::from_yuan(yuan);
  return m;
}

std::vector<Money> prices(const std::string& spec, int moves) {
  BaselineSeller s(*parse_strategy(spec));
  ProductTerms t = terms();
  s.start("x", t, 0);
  std::vector<Money> out;
  for (int i = 0; i < moves; ++i) out.push_back(*s.reply(push()).offer);
  return out;
}

}  // namespace

TEST_CASE("linear goes from list to floor in its steps, in equal whole-yuan steps") {
  auto p = prices("linear", 6);
  std::vector<double> want = {146, 142, 138, 134, 130, 130};
  for (std::size_t i = 0; i < want.size(); ++i) CHECK(p[i] == Money::from_yuan(want[i]));
  auto seven = prices("linear:7", 8);
  CHECK(seven[6] == Money::from_yuan(130));
  CHECK(seven[5] > Money::from_yuan(130));
}

TEST_CASE("conceder steps shrink, boulware steps grow, both reach the floor at the deadline") {
  auto c = prices("conceder", 6);
  auto b = prices("boulware", 6);
  // Conceder's last step may be cut by a yuan of rounding (never larger than
  // the one before); it is at the floor one move later.
  CHECK(c[4] <= Money::from_yuan(131));
  CHECK(c[5] == Money::from_yuan(130));
  CHECK(b[4] == Money::from_yuan(130));
  Money prev = Money::from_yuan(150), last_step = Money::from_yuan(1000);
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(prev - c[i] <= last_step);
    last_step = prev - c[i];
    prev = c[i];
  }
  CHECK(Money::from_yuan(150) - b[0] < b[3] - b[4]);
  // Conceder gives more early than boulware.
  CHECK(c[0] < b[0]);
}

TEST_CASE("AC_next: a bid at or above the next price is accepted, a lower one gets the next step") {
  BaselineSeller s(*parse_strategy("linear"));
  ProductTerms t = terms();
  s.start("x", t, 0);
  SellerMove low = s.reply(counter(120));
  CHECK(low.action == Action::concede);
  CHECK(*low.offer == Money::from_yuan(146));
  SellerMove fair = s.reply(counter(142));
  CHECK(fair.action == Action::accept);
  CHECK(*fair.offer == Money::from_yuan(142));
}

TEST_CASE("floor-first quotes the floor and takes any bid at it; never-concede stays at the list price") {
  BaselineSeller ff(*parse_strategy("floor-first"));
  ProductTerms t = terms();
  ff.start("x", t, 0);
  Move ask;
  ask.kind = MoveKind::ask_price;
  CHECK(*ff.reply(ask).offer == Money::from_yuan(130));
  CHECK(ff.reply(counter(129)).action == Action::hold);
  CHECK(ff.reply(counter(130)).action == Action::accept);
  auto nc = prices("never-concede", 4);
  for (Money m : nc) CHECK(m == Money::from_yuan(150));
}

TEST_CASE("strategy names") {
  CHECK(parse_strategy("rules-top5")->k == 5);
  CHECK(parse_strategy("rules-weighted")->pick == Strategy::Pick::weighted);
  CHECK(parse_strategy("conceder:3:7")->exponent == 3);
  CHECK(parse_strategy("conceder:3:7")->steps == 7);
  CHECK(parse_strategy("boulware:0.2")->exponent == doctest::Approx(0.2));
  CHECK_FALSE(parse_strategy("boulware:2"));   // e < 1 for boulware
  CHECK_FALSE(parse_strategy("conceder:0.5"));
  CHECK_FALSE(parse_strategy("linear:0"));
  CHECK_FALSE(parse_strategy("rules-top0"));
  CHECK_FALSE(parse_strategy("haggler"));
  CHECK(default_strategies().size() == 8);
}
