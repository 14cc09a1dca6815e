// Property tests: thousands of random shops and buyers, each run as an engine
// would run the policy. On a failure the message is the whole haggle as one
// readable line, with the seed and case number that reproduce it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include <fmt/format.h>

#include "parley/error.hpp"
#include "parley/policy.hpp"
#include "unit/policy/haggle.hpp"

using namespace parley;
using namespace parley::testing_policy;
using Schedule = ConcessionPolicy::Schedule;

namespace {

constexpr std::uint64_t kSeed = 20240611;
constexpr int kHaggles = 20000;
constexpr int kCarts = 5000;

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(engine_);
  }
  double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(engine_); }
  bool chance(double p) { return real(0, 1) < p; }
  // A price: whole yuan most of the time, like a shop's.
  Money price(std::int64_t lo_yuan, std::int64_t hi_yuan) {
    std::int64_t fen = between(lo_yuan * 100, hi_yuan * 100);
    return Money::from_fen(chance(0.7) ? fen / 100 * 100 : fen);
  }

 private:
  std::mt19937_64 engine_;
};

const char* schedule_name(Schedule s) {
  switch (s) {
    case Schedule::geometric: return "geometric";
    case Schedule::steps: return "steps";
    case Schedule::linear: return "linear";
    case Schedule::boulware: return "boulware";
    case Schedule::conceder: return "conceder";
  }
  return "?";
}

ProductTerms random_terms(Random& r) {
  ProductTerms t;
  t.list_price = r.price(1, 5000);
  t.floor = Money::from_fen(r.between(0, t.list_price.fen()));
  t.shipping_fee = r.chance(0.5) ? Money() : r.price(0, 20);
  t.fixed_price = r.chance(0.1);
  const Money margin = t.list_price - t.floor;
  for (const char* id : {"free_shipping", "gift", "early_shipping", "warranty_extension"}) {
    if (r.chance(0.5)) t.extras.push_back({id, id, Money::from_fen(r.between(0, margin.fen()))});
  }
  return t;
}

ConcessionPolicy random_policy(Random& r) {
  ConcessionPolicy p;
  p.schedule = static_cast<Schedule>(r.between(0, 4));
  p.first_step = r.price(0, 200) + Money::from_fen(1);
  p.ratio = r.real(0.05, 1.0);
  p.min_step = Money::from_fen(r.between(1, p.first_step.fen()));
  for (std::int64_t i = r.between(1, 5); i > 0; --i) {
    Money cap = p.steps.empty() ? Money::from_fen(30000) : p.steps.back();
    p.steps.push_back(Money::from_fen(r.between(1, cap.fen())));
  }
  p.deadline = static_cast<int>(r.between(1, 12));
  p.exponent = p.schedule == Schedule::boulware ? r.real(0.05, 0.99) : r.real(1.01, 6.0);
  p.hold_first = r.chance(0.5);
  p.split_gap = r.price(0, 30);
  p.rounding.mode = static_cast<Rounding::Mode>(r.between(0, 3));
  return p;
}

std::string describe(const ProductTerms& t, const ConcessionPolicy& p) {
  std::string extras;
  for (const Extra& e : t.extras) extras += fmt::format(" {}:{}", e.id, e.cost.to_string());
  return fmt::format(
      "terms{{list={} floor={} fixed={} extras=[{} ]}} policy{{{} first={} ratio={} min={} "
      "steps=[{}] T={} e={} split={} rounding={} hold_first={}}}",
      t.list_price.to_string(), t.floor.to_string(), t.fixed_price, extras,
      schedule_name(p.schedule), p.first_step.to_string(), p.ratio, p.min_step.to_string(),
      parley::testing_policy::describe(p.steps), p.deadline, p.exponent,
      p.split_gap.to_string(), static_cast<int>(p.rounding.mode), p.hold_first);
}

const char* verdict_name(CounterResponse::Verdict v) {
  switch (v) {
    case CounterResponse::Verdict::accept: return "accept";
    case CounterResponse::Verdict::split: return "split";
    case CounterResponse::Verdict::counter: return "counter";
    case CounterResponse::Verdict::decline: return "decline";
  }
  return "?";
}

// One haggle: the seller quotes, the buyer says "too expensive" or names a
// price, extras are granted now and then. Returns the broken invariant with
// the transcript, or "" when every quote kept them all.
std::string haggle(Random& r, const ProductTerms& terms, const ConcessionPolicy& policy,
                   int& quotes) {
  std::string transcript;
  NegotiationState state = opening(terms);
  bool held = !policy.hold_first;

  // Checks a quote of `price` with `extra` (or none) against the state before it.
  auto quote = [&](Money price, const Extra* extra) -> std::string {
    ++quotes;
    Money cost_after = state.extras_cost + (extra ? extra->cost : Money());
    transcript += fmt::format(" -> {}{}", price.to_string(), extra ? "+" + extra->id : "");
    if (price < terms.floor + cost_after) return "below floor + extras";
    if (price > state.offer) return "above a price already quoted";
    if (state.buyer_best && price < std::min(*state.buyer_best, state.offer))
      return "below the buyer's best counter";
    if (price < state.offer && state.concessions > 0 && state.offer - price > state.last_step)
      return "a concession larger than the one before";
    if (terms.fixed_price && price < terms.list_price) return "a concession on a fixed price";
    std::vector<std::string> ids;
    if (extra) {
      if (std::find(state.extras_granted.begin(), state.extras_granted.end(), extra->id) !=
          state.extras_granted.end()) {
        return "an extra offered twice";
      }
      ids.push_back(extra->id);
    }
    state = after_offer(terms, state, price, ids);
    return "";
  };

  for (int round = 0; round < 40; ++round) {
    std::string broken;
    bool agreed = false;
    if (r.chance(0.6)) {
      transcript += " | 太贵";
      if (!held) {
        held = true;
        transcript += " -> hold";
        continue;
      }
      std::optional<Money> next = next_offer(terms, policy, state);
      Money price = next.value_or(state.offer);
      const Extra* extra = (!next || r.chance(0.2)) ? next_extra(terms, state, price) : nullptr;
      if (!next && !extra) {
        transcript += " -> no room";
        break;
      }
      broken = quote(price, extra);
    } else {
      Money low = Money::from_fen(terms.floor.fen() * 4 / 5);
      Money bid = Money::from_fen(r.between(std::max<std::int64_t>(0, low.fen()),
                                            state.offer.fen() + state.offer.fen() / 10));
      CounterResponse response = respond_to_counter(terms, policy, state, bid);
      transcript += fmt::format(" | buyer {} -> {}", bid.to_string(), verdict_name(response.verdict));
      Money buyer = state.buyer_best ? std::max(bid, *state.buyer_best) : bid;
      if (response.verdict == CounterResponse::Verdict::decline &&
          buyer >= effective_floor(terms, state)) {
        broken = "declined a price at or above the floor";
      }
      if (response.verdict == CounterResponse::Verdict::accept &&
          response.price != std::min(buyer, state.offer)) {
        broken = "accepted at a price the buyer did not name";
      }
      state = after_counter(state, bid);
      if (broken.empty()) broken = quote(response.price, nullptr);
      agreed = response.verdict == CounterResponse::Verdict::accept;
    }
    if (!broken.empty()) return broken + ":" + transcript;
    if (agreed) break;
  }
  return "";
}

}  // namespace

TEST_CASE("property: random haggles keep every invariant") {
  Random r(kSeed);
  int quotes = 0;
  for (int i = 0; i < kHaggles; ++i) {
    ProductTerms terms = random_terms(r);
    ConcessionPolicy policy = random_policy(r);
    std::string case_line = fmt::format("seed {} case {}: {}", kSeed, i, describe(terms, policy));
    REQUIRE_MESSAGE(check_terms(terms).empty(), case_line);
    REQUIRE_MESSAGE(check_policy(policy).empty(), case_line);
    std::string broken = haggle(r, terms, policy, quotes);
    if (!broken.empty()) FAIL(case_line << " | " << broken);
  }
  MESSAGE(kHaggles << " haggles, " << quotes << " quotes checked (seed " << kSeed << ")");
  CHECK(quotes > kHaggles);
}

TEST_CASE("property: with no buyer counter, every schedule walks down and never stalls") {
  constexpr int kRounds = 2000;
  Random r(kSeed + 1);
  for (int i = 0; i < kHaggles / 4; ++i) {
    ProductTerms terms = random_terms(r);
    terms.fixed_price = false;
    ConcessionPolicy policy = random_policy(r);
    std::vector<Money> offers = concessions(terms, policy, kRounds);
    std::vector<Money> head(offers.begin(), offers.begin() + std::min<std::size_t>(offers.size(), 12));
    std::string case_line = fmt::format("seed {} case {}: {} | {} offers, first: {}", kSeed + 1, i,
                                        describe(terms, policy), offers.size(), describe(head));
    Money previous = terms.list_price, step = terms.list_price - terms.floor;
    for (Money offer : offers) {
      if (offer < terms.floor || offer >= previous || previous - offer > step) FAIL(case_line);
      step = previous - offer;
      previous = offer;
    }
    // Only a schedule of very small steps may still be above the floor.
    if (offers.size() < kRounds) CHECK_MESSAGE(previous == terms.floor, case_line);
  }
}

namespace {

std::vector<CartLine> random_cart(Random& r) {
  std::vector<CartLine> cart;
  const char* products[] = {"pdu", "lamp", "bulb", "cable"};
  for (const char* id : products) {
    if (r.chance(0.6)) {
      cart.push_back({id, r.price(1, 2000), static_cast<int>(r.between(0, 12)),
                      r.chance(0.5) ? Money() : r.price(0, 15)});
    }
  }
  return cart;
}

Promotion random_promotion(Random& r, int index) {
  const std::vector<std::string> products = {"pdu", "lamp", "bulb", "cable"};
  Promotion p;
  p.id = fmt::format("p{}", index);
  p.kind = static_cast<Promotion::Kind>(r.between(0, 5));
  p.over = r.price(0, 5000);
  p.off = Money::from_fen(r.between(1, std::max<std::int64_t>(1, p.over.fen())));
  if (p.off > p.over) p.over = p.off;
  p.stackable = r.chance(0.3) && p.over > Money();
  p.gift = "gift";
  p.price = r.price(0, 3000);
  p.nth = static_cast<int>(r.between(1, 4));
  p.ratio = r.real(0, 1);
  p.min_quantity = static_cast<int>(r.between(1, 10));
  std::int64_t named = p.kind == Promotion::Kind::bundle_price ? r.between(1, 3) : r.between(0, 2);
  for (std::int64_t i = 0; i < named; ++i) {
    p.products.push_back(products[static_cast<std::size_t>(r.between(0, 3))]);
  }
  return p;
}

}  // namespace

TEST_CASE("property: best_price is never worse than no promotion or any single one") {
  Random r(kSeed + 2);
  int upsells = 0;
  for (int i = 0; i < kCarts; ++i) {
    std::vector<CartLine> cart = random_cart(r);
    std::vector<Promotion> promotions;
    for (std::int64_t k = r.between(0, 6); k > 0; --k) {
      promotions.push_back(random_promotion(r, static_cast<int>(promotions.size())));
      REQUIRE(check_promotion(promotions.back()).empty());
    }
    bool claimed = r.chance(0.5);
    std::string case_line = fmt::format("seed {} case {}: {} lines, {} promotions, coupon {}",
                                        kSeed + 2, i, cart.size(), promotions.size(), claimed);
    PriceQuote best = best_price(cart, promotions, claimed);
    PriceQuote none = best_price(cart, {}, claimed);
    INFO(case_line);
    REQUIRE(best.total >= Money());
    REQUIRE(best.total == best.subtotal - best.discount + best.shipping);
    REQUIRE(best.discount <= best.subtotal);
    REQUIRE(best.total <= none.total);
    for (const Promotion& p : promotions) {
      REQUIRE(best.total <= best_price(cart, std::span(&p, 1), claimed).total);
    }
    if (!cart.empty()) {
      std::optional<Upsell> up = best_upsell(cart, cart[0].product_id, promotions, claimed, 5);
      if (up) {
        ++upsells;
        REQUIRE(up->add_quantity >= 1);
        REQUIRE(up->add_quantity <= 5);
        REQUIRE(up->saving >= Money());
      }
    }
  }
  MESSAGE(kCarts << " carts checked, " << upsells << " with an upsell (seed " << kSeed + 2 << ")");
}

TEST_CASE("fuzz: nonsense numbers never crash the policy") {
  Random r(kSeed + 3);
  const double doubles[] = {std::nan(""), std::numeric_limits<double>::infinity(), -1.0, 0.0,
                            1e300, 0.5, 2.0};
  auto amount = [&] { return Money::from_fen(r.between(-1'000'000'000'000, 1'000'000'000'000)); };
  for (int i = 0; i < 5000; ++i) {
    ProductTerms t{amount(), amount(), amount(), r.chance(0.2), {{"gift", "x", amount()}}};
    ConcessionPolicy p;
    p.schedule = static_cast<Schedule>(r.between(0, 4));
    p.first_step = amount();
    p.min_step = amount();
    p.ratio = doubles[r.between(0, 6)];
    p.exponent = doubles[r.between(0, 6)];
    p.deadline = static_cast<int>(r.between(-5, 5));
    p.steps = {amount(), amount()};
    p.split_gap = amount();
    p.rounding.mode = static_cast<Rounding::Mode>(r.between(0, 3));
    NegotiationState s;
    s.offer = amount();
    s.concessions = static_cast<int>(r.between(-3, 1000));
    s.last_step = amount();
    if (r.chance(0.5)) s.buyer_best = amount();
    (void)check_terms(t);
    (void)check_policy(p);
    (void)planned_step(t, p, s);
    std::optional<Money> next = next_offer(t, p, s);
    if (next) CHECK(*next < s.offer);
    (void)respond_to_counter(t, p, s, amount());
    (void)next_extra(t, s, amount());
  }
  std::vector<CartLine> cart = {{"x", Money::from_fen(-5), 1, Money()}};
  CHECK_THROWS_AS(best_price(cart, {}, false), Error);
}
