// propose() and guard(): what one reply offers, and the invariants held on
// whatever price a reply ends up with.
#include <doctest/doctest.h>

#include "parley/policy.hpp"
#include "unit/policy/haggle.hpp"

using namespace parley;
using namespace parley::testing_policy;

namespace {

// The default shop's socket: list 150, floor 132, steps of 8, 4, 2.
ProductTerms socket() {
  ProductTerms t;
  t.list_price = yuan(150);
  t.floor = yuan(132);
  t.extras = {{"gift", "转换插座", yuan(4)}};
  return t;
}

ConcessionPolicy halving() {
  ConcessionPolicy p;
  p.first_step = yuan(8);
  p.ratio = 0.5;
  p.min_step = yuan(2);
  p.split_gap = yuan(5);
  return p;
}

NegotiationState at(double offer, int concessions = 0, double last_step = 0) {
  NegotiationState s;
  s.offer = yuan(offer);
  s.concessions = concessions;
  s.last_step = yuan(last_step);
  return s;
}

ProposalRequest relative(double asked) {
  ProposalRequest r;
  r.move = PriceMove::concede;
  r.asked = yuan(asked);
  return r;
}

}  // namespace

TEST_CASE("a relative ask within the step is granted exactly, never more") {
  // 少两块 at 150: 148, not the schedule's 142.
  CHECK(propose(socket(), halving(), at(150), relative(148)).price == yuan(148));
  // 抹个零 at 142 after a step of 8: 140 (the next step would reach 138).
  CHECK(propose(socket(), halving(), at(142, 1, 8), relative(140)).price == yuan(140));
  // Exactly the step: the step.
  CHECK(propose(socket(), halving(), at(150), relative(142)).price == yuan(142));
}

TEST_CASE("a relative ask beyond the step is countered with the step, not met halfway") {
  // 少二十 at 150: the step, 142 (a halfway price would be 141).
  CHECK(propose(socket(), halving(), at(150), relative(130)).price == yuan(142));
  // After a step of 2, 少十 gets 2 more off, not 10.
  CHECK(propose(socket(), halving(), at(148, 1, 2), relative(138)).price == yuan(146));
  // At the floor nothing is left, whatever is asked.
  CHECK_FALSE(propose(socket(), halving(), at(132, 3, 2), relative(131)).price);
}

TEST_CASE("a relative ask waits for the value argument like any plain push (B2)") {
  ProposalRequest r = relative(148);
  r.hold_first = true;
  CHECK_FALSE(propose(socket(), halving(), at(150), r).blocked.empty());
}

TEST_CASE("a named price wins over a relative ask of the same message") {
  ProposalRequest r = relative(148);
  r.buyer_price = yuan(140);  // 140 against a next step of 142: met halfway
  const Proposal p = propose(socket(), halving(), at(150), r);
  REQUIRE(p.price);
  CHECK(*p.price >= yuan(140));
  CHECK(*p.price < yuan(142));
}

TEST_CASE("accept: the buyer's price, capped at the current offer") {
  ProposalRequest r;
  r.move = PriceMove::accept;
  r.buyer_price = yuan(589);
  ProductTerms sneaker;
  sneaker.list_price = yuan(599);
  sneaker.floor = yuan(549);
  // Above the 579 already offered: the lower price, never the buyer's higher one.
  CHECK(propose(sneaker, halving(), at(579, 1, 20), r).price == yuan(579));
  r.buyer_price = yuan(585);
  CHECK(propose(sneaker, halving(), at(599), r).price == yuan(585));
}

TEST_CASE("guard: says why it moved a price, and refuses what it may not move") {
  NegotiationState s = at(142, 1, 8);
  s.buyer_best = yuan(140);
  // Above the quote: lowered, with the reason.
  Guarded g = guard(socket(), s, PriceMove::concede, yuan(145));
  CHECK(g.price == yuan(142));
  REQUIRE(g.adjusted.size() == 1);
  CHECK(g.adjusted[0].find("never rises") != std::string::npos);
  // Below the buyer's own offer: raised to it (B7).
  g = guard(socket(), s, PriceMove::concede, yuan(139));
  CHECK(g.price == yuan(140));
  REQUIRE(g.adjusted.size() == 1);
  CHECK(g.adjusted[0].find("buyer's own offer") != std::string::npos);
  // An accept below it is refused instead.
  g = guard(socket(), s, PriceMove::accept, yuan(139));
  CHECK_FALSE(g.price);
  CHECK_FALSE(g.blocked.empty());
  // A larger step than the last (8): raised to the last step.
  s.buyer_best.reset();
  g = guard(socket(), s, PriceMove::concede, yuan(133));
  CHECK(g.price == yuan(134));
  CHECK(g.adjusted.size() == 1);
  // Below the floor: refused, never moved up to it.
  g = guard(socket(), at(134), PriceMove::concede, yuan(131));
  CHECK_FALSE(g.price);
  CHECK(g.blocked.find("floor") != std::string::npos);
  // A sound price: unchanged, nothing said.
  g = guard(socket(), at(150), PriceMove::concede, yuan(142));
  CHECK(g.price == yuan(142));
  CHECK(g.adjusted.empty());
  CHECK(g.blocked.empty());
}

TEST_CASE("guard: the floor counts every extra granted and the one being granted") {
  NegotiationState s = at(134, 3, 2);
  const ProductTerms t = socket();
  CHECK(guard(t, s, PriceMove::keep, yuan(134), &t.extras[0]).blocked.find("floor") != std::string::npos);
  CHECK(guard(t, at(136, 3, 2), PriceMove::keep, yuan(136), &t.extras[0]).price == yuan(136));
}
