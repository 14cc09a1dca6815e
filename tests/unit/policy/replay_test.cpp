// A whole haggle replayed from list price to agreement, as in the playbook.
#include <doctest/doctest.h>

#include "parley/policy.hpp"
#include "unit/policy/haggle.hpp"

using namespace parley;
using namespace parley::testing_policy;

TEST_CASE("replay: 太贵 four times, then a counter the seller accepts") {
  ProductTerms pdu{yuan(199), yuan(169), yuan(10), false,
                   {{"free_shipping", "包邮", yuan(10)}, {"gift", "转换插座", yuan(6)}}};
  ConcessionPolicy policy;  // geometric: 10, 5, 2.5 -> 2, ...; whole yuan; split within 10
  policy.min_step = yuan(2);
  NegotiationState state = opening(pdu);
  std::vector<Money> quoted = {state.offer};

  // Round 1 (B2) holds; rounds 2-4 step down.
  for (int round = 2; round <= 4; ++round) {
    std::optional<Money> next = next_offer(pdu, policy, state);
    REQUIRE(next.has_value());
    state = after_offer(pdu, state, *next, {});
    quoted.push_back(*next);
  }
  CHECK(describe(quoted) == "199 189 184 181");

  // "175行吗": within the split gap below the next offer 179. Halfway (177)
  // would be a step of 4 after one of 3, so the split is 178 (B3), sweetened
  // with the first extra the margin allows: free shipping would leave
  // 168 < 169, the 6-yuan gift leaves 172.
  CounterResponse r = respond_to_counter(pdu, policy, state, yuan(175));
  CHECK(r.verdict == CounterResponse::Verdict::split);
  CHECK(r.price == yuan(178));
  state = after_counter(state, yuan(175));
  const Extra* extra = next_extra(pdu, state, r.price);
  REQUIRE(extra != nullptr);
  CHECK(extra->name == "转换插座");
  state = after_offer(pdu, state, r.price, std::span(&extra->id, 1));
  quoted.push_back(r.price);

  // The buyer comes up to 177, above the next offer 176: accepted at once (B7, B8).
  r = respond_to_counter(pdu, policy, state, yuan(177));
  CHECK(r.verdict == CounterResponse::Verdict::accept);
  CHECK(r.price == yuan(177));
  state = after_offer(pdu, state, r.price, {});
  quoted.push_back(r.price);
  CHECK(describe(quoted) == "199 189 184 181 178 177");

  // Each concession no larger than the one before, and the margin kept.
  for (std::size_t i = 2; i < quoted.size(); ++i) {
    CAPTURE(i);
    CHECK(quoted[i - 1] - quoted[i] <= quoted[i - 2] - quoted[i - 1]);
  }
  CHECK(state.offer - state.extras_cost >= pdu.floor);
  CHECK(state.concessions == 5);
}

TEST_CASE("replay: a stubborn buyer walks the seller down to the floor, step by shrinking step") {
  ProductTerms terms{yuan(299), yuan(239), Money(), false, {}};
  ConcessionPolicy policy;
  policy.schedule = ConcessionPolicy::Schedule::steps;
  policy.steps = yuans({20, 12, 8, 5, 3});
  std::vector<Money> offers = concessions(terms, policy);
  CHECK(describe(offers) == "279 267 259 254 251 248 245 242 239");
  Money previous = terms.list_price, step = terms.list_price;
  for (Money offer : offers) {
    CHECK(previous - offer <= step);
    step = previous - offer;
    previous = offer;
  }
  CHECK(offers.back() == terms.floor);

  // Prices ending in 9 round the small steps up to whole tens: coarser, still
  // never a step larger than the one before.
  policy.rounding.mode = Rounding::Mode::ending_9;
  CHECK(describe(concessions(terms, policy)) == "279 259 249 239");
}
