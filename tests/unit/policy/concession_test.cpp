#include <doctest/doctest.h>

#include "parley/error.hpp"
#include "parley/policy.hpp"
#include "unit/policy/haggle.hpp"

using namespace parley;
using namespace parley::testing_policy;
using Schedule = ConcessionPolicy::Schedule;
using Mode = Rounding::Mode;

namespace {

ProductTerms terms(double list, double floor) {
  ProductTerms t;
  t.list_price = yuan(list);
  t.floor = yuan(floor);
  return t;
}

ConcessionPolicy steps_policy(std::initializer_list<double> steps, Mode mode = Mode::yuan) {
  ConcessionPolicy p;
  p.schedule = Schedule::steps;
  p.steps = yuans(steps);
  p.rounding.mode = mode;
  return p;
}

NegotiationState conceded(double offer, int concessions, double last_step) {
  NegotiationState s;
  s.offer = yuan(offer);
  s.concessions = concessions;
  s.last_step = yuan(last_step);
  return s;
}

}  // namespace

TEST_CASE("geometric: halves each step down to the minimum step, then to the floor") {
  ConcessionPolicy p;
  p.first_step = yuan(10);
  p.ratio = 0.5;
  p.min_step = yuan(2);
  p.rounding.mode = Mode::fen;
  auto offers = concessions(terms(199, 175), p);
  CHECK(describe(offers) == "189 184 181.5 179.5 177.5 175.5 175");

  p.rounding.mode = Mode::yuan;  // 181.5 rounds down to 181: a step of 3, still under 5
  CHECK(describe(concessions(terms(199, 175), p)) == "189 184 181 179 177 175");
}

TEST_CASE("steps: the explicit list, the last step repeating") {
  CHECK(describe(concessions(terms(199, 150), steps_policy({20, 10, 5, 2}))) ==
        "179 169 164 162 160 158 156 154 152 150");
}

TEST_CASE("linear: (list - floor) / deadline each round, reaching the floor at the deadline") {
  ConcessionPolicy p;
  p.schedule = Schedule::linear;
  p.deadline = 5;
  CHECK(describe(concessions(terms(200, 150), p)) == "190 180 170 160 150");
  p.rounding.mode = Mode::fen;
  p.deadline = 3;  // 50 / 3 rounds the step up, so the floor is reached in time
  CHECK(describe(concessions(terms(200, 150), p)) == "183.33 166.66 150");
}

TEST_CASE("conceder: large steps early, shrinking by itself") {
  ConcessionPolicy p;
  p.schedule = Schedule::conceder;
  p.exponent = 2;
  p.deadline = 4;
  p.rounding.mode = Mode::fen;
  // curve(t) = 100 + 100 * (1 - sqrt(t / 4)): 150, 129.29, 113.40, 100
  CHECK(describe(concessions(terms(200, 100), p)) == "150 129.29 113.4 100");
  p.rounding.mode = Mode::yuan;
  CHECK(describe(concessions(terms(200, 100), p)) == "150 129 113 100");
}

TEST_CASE("boulware: the B3 cap holds every step at the size of the first") {
  ConcessionPolicy p;
  p.schedule = Schedule::boulware;
  p.exponent = 0.5;
  p.deadline = 4;
  p.min_step = yuan(1);
  p.rounding.mode = Mode::fen;
  // curve steps would be 6.25, 18.75, 31.25, 43.75; B3 keeps them all at 6.25
  auto offers = concessions(terms(200, 100), p);
  REQUIRE(offers.size() == 16);
  CHECK(offers[0] == yuan(193.75));
  CHECK(offers[1] == yuan(187.5));
  CHECK(offers[15] == yuan(100));
  CHECK(planned_step(terms(200, 100), p, conceded(193.75, 1, 6.25)) == yuan(6.25));
}

TEST_CASE("rounding to prices ending in 9 or 8") {
  CHECK(describe(concessions(terms(199, 140), steps_policy({20, 10, 5, 2}, Mode::ending_9))) ==
        "179 169 159 149 140");
  CHECK(describe(concessions(terms(198, 140), steps_policy({20, 10, 5, 2}, Mode::ending_8))) ==
        "178 168 158 148 140");
}

TEST_CASE("rounding never makes a concession larger than the one before") {
  // Rounding 197 down to 189 would be a step of 11 after one of 3: round up.
  CHECK(next_offer(terms(200, 100), steps_policy({3}, Mode::ending_9), conceded(200, 1, 3)) ==
        yuan(199));
  // From 189, neither 179 (a step of 10) nor 189 (none) will do: keep 187 as planned.
  CHECK(next_offer(terms(200, 100), steps_policy({2}, Mode::ending_9), conceded(189, 1, 2)) ==
        yuan(187));
}

TEST_CASE("rounding below the floor offers the floor, if B3 allows") {
  ProductTerms t = terms(150, 140);
  CHECK(next_offer(t, steps_policy({5}, Mode::ending_9), opening(t)) == yuan(140));
  // A step of 9 to the floor after a step of 5: round up to 149 instead.
  CHECK(next_offer(terms(200, 141), steps_policy({5}, Mode::ending_9), conceded(150, 1, 5)) ==
        yuan(149));
}

TEST_CASE("the floor rises with each extra granted") {
  ProductTerms t = terms(199, 150);
  t.extras = {{"free_shipping", "包邮", yuan(10)}};
  NegotiationState s = conceded(162, 3, 5);
  CHECK(next_offer(t, steps_policy({5}), s) == yuan(157));
  std::string id = "free_shipping";
  s = after_offer(t, s, yuan(162), std::span(&id, 1));
  CHECK(effective_floor(t, s) == yuan(160));
  CHECK(next_offer(t, steps_policy({5}), s) == yuan(160));
}

TEST_CASE("never below the buyer's best offer, never up, none when fixed-price") {
  ProductTerms t = terms(199, 150);
  NegotiationState s = after_counter(opening(t), yuan(185));
  CHECK(next_offer(t, steps_policy({20}), s) == yuan(185));
  s = after_counter(s, yuan(170));  // a lower counter does not lower the best
  CHECK(s.buyer_best == yuan(185));
  CHECK_FALSE(next_offer(t, steps_policy({20}), conceded(150, 5, 2)).has_value());
  t.fixed_price = true;
  CHECK_FALSE(next_offer(t, steps_policy({20}), opening(t)).has_value());
  CHECK(planned_step(t, steps_policy({20}), opening(t)) == Money());
}

TEST_CASE("respond_to_counter: accept, split, counter, decline") {
  using V = CounterResponse::Verdict;
  ProductTerms t = terms(199, 150);
  ConcessionPolicy p;  // geometric 10, 5, ...; split within 10
  NegotiationState s = opening(t);
  REQUIRE(next_offer(t, p, s) == yuan(189));

  auto check = [&](double buyer, V verdict, double price) {
    CounterResponse r = respond_to_counter(t, p, s, yuan(buyer));
    CAPTURE(buyer);
    CHECK(r.verdict == verdict);
    CHECK(r.price == yuan(price));
  };
  check(195, V::accept, 195);   // at or above the next offer: take it
  check(250, V::accept, 199);   // more than asked: the current offer
  check(185, V::split, 187);    // 4 below 189: halfway
  check(186.5, V::split, 187);  // halfway is 187.75, rounded down
  check(170, V::counter, 189);  // too far below: the next step
  check(120, V::decline, 189);  // below the floor: the next step, not the floor

  p.rounding.mode = Mode::ending_9;
  check(180, V::accept, 180);  // halfway 184.5 rounds below the buyer's price

  p.rounding.mode = Mode::yuan;
  s = after_counter(s, yuan(188));
  check(170, V::accept, 188);  // the buyer cannot take back 188

  t.fixed_price = true;
  s = opening(t);
  check(180, V::counter, 199);
  check(100, V::decline, 199);
  check(199, V::accept, 199);
}

TEST_CASE("a split never makes a concession larger than the one before") {
  using V = CounterResponse::Verdict;
  ProductTerms t = terms(199, 150);
  ConcessionPolicy p = steps_policy({2});
  p.split_gap = yuan(20);
  NegotiationState s = conceded(180, 3, 2);  // next offer 178
  CounterResponse r = respond_to_counter(t, p, s, yuan(160));
  CHECK(r.verdict == V::counter);  // halfway 169 would be a step of 11
  CHECK(r.price == yuan(178));
}

TEST_CASE("extras ladder: in order, each once, only while the margin holds") {
  ProductTerms t = terms(199, 150);
  t.extras = {{"free_shipping", "包邮", yuan(10)},
              {"gift", "转换插座", yuan(6)},
              {"warranty_extension", "保修延期", yuan(30)}};
  NegotiationState s = opening(t);
  const Extra* first = next_extra(t, s, yuan(165));
  REQUIRE(first != nullptr);
  CHECK(first->id == "free_shipping");
  s = after_offer(t, s, yuan(165), std::span(&first->id, 1));
  CHECK(s.extras_cost == yuan(10));
  CHECK(s.concessions == 1);
  CHECK(s.last_step == yuan(34));
  CHECK(next_extra(t, s, yuan(165)) == nullptr);  // 165 - 16 < 150
  const Extra* second = next_extra(t, s, yuan(170));
  REQUIRE(second != nullptr);
  CHECK(second->id == "gift");

  // Granting the same extra again costs nothing more; an unknown one throws.
  s = after_offer(t, s, yuan(165), std::span(&first->id, 1));
  CHECK(s.extras_cost == yuan(10));
  CHECK(s.extras_granted.size() == 1);
  CHECK(s.concessions == 1);  // the same price again is no concession
  std::string unknown = "free_lunch";
  CHECK_THROWS_AS(after_offer(t, s, yuan(165), std::span(&unknown, 1)), Error);
}
