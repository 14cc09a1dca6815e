#include <doctest/doctest.h>

#include <set>

#include "parley/text.hpp"
#include "simulate/buyer.hpp"
#include "simulate/phrases.hpp"

using namespace parley;
using namespace parley::simulate;

namespace {

ProductTerms terms(double list, double floor, double shipping = 0) {
  ProductTerms t;
  t.list_price = Money::from_yuan(list);
  t.floor = Money::from_yuan(floor);
  t.shipping_fee = Money::from_yuan(shipping);
  if (shipping > 0) t.extras.push_back({"free_shipping", "包邮", t.shipping_fee});
  t.extras.push_back({"gift", "小礼物", Money::from_yuan(6)});
  return t;
}

Product product(const ProductTerms& t) {
  Product p;
  p.id = "thing";
  p.name = "东西";
  p.list_price = t.list_price;
  p.floor = t.floor;
  return p;
}

Population only(Style s) {
  Population p;
  p.styles = {{s, 1}};
  return p;
}

// A seller that never moves from the list price and says nothing else.
SellerMove hold(Money price) {
  SellerMove m;
  m.action = Action::hold;
  m.offer = price;
  return m;
}

}  // namespace

TEST_CASE("reservations fall in [floor - below * margin, list + above * margin]") {
  ProductTerms t = terms(150, 130);
  Population pop;
  pop.reservation.below = 0.5;
  pop.reservation.above = 0.25;
  for (auto shape : {Reservation::Shape::uniform, Reservation::Shape::triangular}) {
    pop.reservation.shape = shape;
    double lo = 1e9, hi = 0;
    for (std::uint64_t i = 0; i < 3000; ++i) {
      Rng rng(i);
      Traits tr = draw_traits(product(t), t, pop, rng);
      lo = std::min(lo, tr.reservation.yuan());
      hi = std::max(hi, tr.reservation.yuan());
      CHECK(tr.patience >= 2);
    }
    CHECK(lo >= 120 - 0.01);
    CHECK(hi <= 155 + 0.01);
    CHECK(lo < 122);  // the range is used, not only its middle
    CHECK(hi > 153);
  }
}

TEST_CASE("the style mix follows its weights") {
  ProductTerms t = terms(150, 130);
  Population pop;
  pop.styles = {{Style::hard_haggler, 3}, {Style::quick_agreer, 1}, {Style::linear, 0}};
  int hard = 0, quick = 0, other = 0;
  for (std::uint64_t i = 0; i < 4000; ++i) {
    Rng rng(i);
    Style s = draw_traits(product(t), t, pop, rng).style;
    (s == Style::hard_haggler ? hard : s == Style::quick_agreer ? quick : other) += 1;
  }
  CHECK(other == 0);
  CHECK(hard > 2 * quick);
  CHECK(quick > 800);
}

TEST_CASE("time-dependent buyers bid along their path up to the reservation, never back") {
  ProductTerms t = terms(150, 130);
  for (Style s : {Style::boulware, Style::conceder, Style::linear, Style::counter_offerer}) {
    Population pop = only(s);
    for (std::uint64_t i = 0; i < 200; ++i) {
      Rng rng(i);
      Traits tr = draw_traits(product(t), t, pop, rng);
      Buyer b(tr, t, pop);
      Money last;
      while (!b.finished()) {
        Move m = b.next();
        if (m.bid) {
          CHECK(*m.bid >= last);
          CHECK(*m.bid <= tr.reservation);
          last = *m.bid;
        }
        b.hear(hold(t.list_price));
      }
      CHECK(b.round() <= tr.patience);
      // Never-moving list price: a deal only when the buyer can pay it.
      CHECK((b.outcome() == Outcome::deal) == (tr.reservation >= t.list_price));
    }
  }
}

TEST_CASE("the path of a Conceder buyer rises early, a Boulware buyer's late") {
  ProductTerms t = terms(200, 100);
  Traits tr;
  tr.reservation = Money::from_yuan(180);
  tr.open = Money::from_yuan(80);
  tr.patience = 9;
  Population pop;
  tr.exponent = 3;
  Buyer conceder(tr, t, pop);
  tr.exponent = 0.3;
  Buyer boulware(tr, t, pop);
  CHECK(conceder.path(3) > boulware.path(3));
  CHECK(conceder.path(9) == tr.reservation);
  CHECK(boulware.path(9) == tr.reservation);
  CHECK(boulware.path(1) == Money::from_yuan(80));
}

TEST_CASE("a buyer takes its own price when the seller accepts it") {
  ProductTerms t = terms(150, 130);
  Population pop = only(Style::counter_offerer);
  Rng rng(7);
  Traits tr = draw_traits(product(t), t, pop, rng);
  tr.patience = 6;
  Buyer b(tr, t, pop);
  Move m = b.next();
  REQUIRE(m.bid);
  SellerMove yes;
  yes.action = Action::accept;
  yes.offer = *m.bid;
  b.hear(yes);
  CHECK(b.next().kind == MoveKind::accept);
  CHECK(b.outcome() == Outcome::deal);
}

TEST_CASE("extras lower the price a buyer weighs by what they are worth to it") {
  ProductTerms t = terms(199, 172, 10);
  Population pop = only(Style::extras_seeker);
  Rng rng(3);
  Traits tr = draw_traits(product(t), t, pop, rng);
  CHECK(tr.wants == "free_shipping");
  Buyer b(tr, t, pop);
  b.next();
  SellerMove gift = hold(t.list_price);
  gift.action = Action::offer_extra;
  gift.extras = {"free_shipping"};
  b.hear(gift);
  // 10 yuan of shipping, valued 1.0 per yuan, twice for an extras seeker.
  CHECK(b.effective() == Money::from_yuan(199 - 20.0 / tr.quantity));
}

TEST_CASE("silence: a buyer nudges once, then leaves") {
  ProductTerms t = terms(150, 130);
  Population pop = only(Style::linear);
  Rng rng(11);
  Traits tr = draw_traits(product(t), t, pop, rng);
  tr.patience = 8;
  tr.reservation = Money::from_yuan(100);
  Buyer b(tr, t, pop);
  SellerMove silent;
  silent.silent = true;
  b.next();
  b.hear(silent);
  CHECK(b.next().kind == MoveKind::nudge);
  b.hear(silent);
  b.next();
  CHECK(b.finished());
  CHECK(b.outcome() == Outcome::left_unheard);
}

TEST_CASE("prices are written in Arabic digits, Chinese numerals and mixes that read back") {
  std::set<std::string> forms;
  for (std::uint64_t seed = 0; seed < 400; ++seed) {
    Rng rng(seed);
    for (int yuan : {130, 150, 599, 2519, 88}) {
      std::string s = say_price(Money::from_yuan(yuan), rng);
      forms.insert(s);
      auto v = parse_number(s);
      INFO(s);
      REQUIRE(v);
      CHECK(*v == doctest::Approx(yuan));
    }
  }
  CHECK(forms.count("130"));
  CHECK(forms.count("一百三"));
  CHECK(forms.count("一百三十块"));
  CHECK(forms.count("1百3"));
  CHECK(forms.count("2千5") == 0);  // 2519 is not whole hundreds
}

TEST_CASE("a buyer of several units can say the total") {
  Move m;
  m.kind = MoveKind::counter;
  m.bid = Money::from_yuan(130);
  m.quantity = 2;
  m.total = true;
  m.mention_quantity = true;
  bool total_seen = false;
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    Rng rng(seed);
    std::string s = write(m, Wording{"个", 0}, rng);
    bool has_total = s.find("260") != std::string::npos || s.find("二百六") != std::string::npos ||
                     s.find("两百六") != std::string::npos || s.find("2百6") != std::string::npos;
    CHECK(has_total);
    total_seen |= s.find("两个") != std::string::npos || s.find("2个") != std::string::npos;
  }
  CHECK(total_seen);
}

TEST_CASE("every move is written, with typos only at the rate asked") {
  Rng rng(5);
  int changed = 0;
  for (int i = 0; i < 500; ++i) {
    Move m;
    m.kind = MoveKind::push;
    Rng a(i), b(i);
    std::string clean = write(m, Wording{"个", 0}, a);
    std::string typed = write(m, Wording{"个", 1}, b);
    CHECK(!clean.empty());
    changed += clean != typed;
  }
  CHECK(changed > 100);
  for (MoveKind k : {MoveKind::greet, MoveKind::ask_price, MoveKind::ask_quality, MoveKind::ask_extra, MoveKind::compare,
                     MoveKind::accept, MoveKind::leave_firm, MoveKind::leave_soft, MoveKind::nudge}) {
    Move m;
    m.kind = k;
    CHECK(!write(m, Wording{}, rng).empty());
  }
}
