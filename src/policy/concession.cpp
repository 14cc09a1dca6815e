// Concession schedules, rounding, counter-offers and the extras ladder.
//
// Every price leaves this file through concede_to(), which holds the
// invariants of policy.hpp: at or above the lower bound (effective floor and
// buyer's best), below the current offer, and no larger a concession than
// the one before.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "parley/error.hpp"
#include "parley/policy.hpp"
#include "policy/amounts.hpp"

namespace parley {
namespace {

using policy_internal::clamped_fen;
using policy_internal::kMaxFen;

// Shop-like prices under a rounding mode: offset + k * unit fen.
struct PriceGrid {
  std::int64_t unit;
  std::int64_t offset;
};

PriceGrid grid_for(Rounding::Mode mode) {
  switch (mode) {
    case Rounding::Mode::fen: return {1, 0};
    case Rounding::Mode::yuan: return {100, 0};
    case Rounding::Mode::ending_9: return {1000, 900};
    case Rounding::Mode::ending_8: return {1000, 800};
  }
  return {1, 0};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

Money round_down(Rounding::Mode mode, Money m) {
  PriceGrid g = grid_for(mode);
  return Money::from_fen(floor_div(m.fen() - g.offset, g.unit) * g.unit + g.offset);
}

Money round_up(Rounding::Mode mode, Money m) {
  PriceGrid g = grid_for(mode);
  Money down = round_down(mode, m);
  return down == m ? m : down + Money::from_fen(g.unit);
}

// The lowest price a concession from `state.offer` may reach under B3: the
// current offer less the last concession; nullopt before the first one.
std::optional<Money> b3_lowest(const NegotiationState& state) {
  if (state.concessions > 0 && state.last_step > Money()) return state.offer - state.last_step;
  return std::nullopt;
}

// A shop-like price for the planned `target`, which lies in [lower, upper).
// Rounds down (to `lower` at worst) when that keeps B3, else up when that is
// still below `upper`, else keeps `target`; never below `lower` or B3.
Money concede_to(Rounding::Mode mode, Money target, Money lower, std::optional<Money> b3,
                 Money upper) {
  Money lowest = b3 ? std::max(lower, *b3) : lower;
  Money down = std::max(round_down(mode, target), lower);
  if (down >= lowest) return down;
  Money up = round_up(mode, target);
  if (up < upper) return std::max(up, lowest);
  return std::max(target, lowest);
}

// The schedule's step for concession number n (1-based), uncapped.
Money scheduled_step(const ProductTerms& terms, const ConcessionPolicy& policy, std::int64_t n) {
  const std::int64_t span = std::max<std::int64_t>(0, (terms.list_price - terms.floor).fen());
  const std::int64_t deadline = std::max(1, policy.deadline);
  switch (policy.schedule) {
    case ConcessionPolicy::Schedule::geometric: {
      double step = static_cast<double>(policy.first_step.fen()) *
                    std::pow(policy.ratio, static_cast<double>(n - 1));
      return std::max(policy.min_step, clamped_fen(step, 0, kMaxFen));
    }
    case ConcessionPolicy::Schedule::steps: {
      if (policy.steps.empty()) return Money();
      std::size_t i = static_cast<std::size_t>(
          std::min<std::int64_t>(n, static_cast<std::int64_t>(policy.steps.size())) - 1);
      return policy.steps[i];
    }
    case ConcessionPolicy::Schedule::linear:
      return Money::from_fen((span + deadline - 1) / deadline);
    case ConcessionPolicy::Schedule::boulware:
    case ConcessionPolicy::Schedule::conceder: {
      // Distance conceded from the list price after t concessions, rounded
      // per point so the steps add up exactly to the span at the deadline.
      auto conceded = [&](std::int64_t t) {
        double share = std::pow(static_cast<double>(t) / static_cast<double>(deadline),
                                1.0 / policy.exponent);
        return clamped_fen(static_cast<double>(span) * share, 0, span);
      };
      std::int64_t t = std::min(n, deadline);
      return std::max(policy.min_step, conceded(t) - conceded(t - 1));
    }
  }
  return Money();
}

}  // namespace

Money effective_floor(const ProductTerms& terms, const NegotiationState& state) {
  return terms.floor + state.extras_cost;
}

Money planned_step(const ProductTerms& terms, const ConcessionPolicy& policy,
                   const NegotiationState& state) {
  if (terms.fixed_price) return Money();
  std::int64_t n = std::max<std::int64_t>(0, state.concessions) + 1;
  Money step = std::max(Money(), scheduled_step(terms, policy, n));
  if (state.concessions > 0 && state.last_step > Money()) step = std::min(step, state.last_step);
  return step;
}

std::optional<Money> next_offer(const ProductTerms& terms, const ConcessionPolicy& policy,
                                const NegotiationState& state) {
  if (terms.fixed_price) return std::nullopt;
  Money lower = effective_floor(terms, state);
  if (state.buyer_best) lower = std::max(lower, *state.buyer_best);
  if (state.offer <= lower) return std::nullopt;
  Money step = planned_step(terms, policy, state);
  if (step <= Money()) return std::nullopt;
  Money target = state.offer - step;
  if (target <= lower) return lower;
  return concede_to(policy.rounding.mode, target, lower, b3_lowest(state), state.offer);
}

CounterResponse respond_to_counter(const ProductTerms& terms, const ConcessionPolicy& policy,
                                   const NegotiationState& state, Money buyer_price) {
  using Verdict = CounterResponse::Verdict;
  Money buyer = state.buyer_best ? std::max(buyer_price, *state.buyer_best) : buyer_price;
  std::optional<Money> next = next_offer(terms, policy, state);

  if (buyer >= state.offer) return {Verdict::accept, state.offer};
  if (buyer < effective_floor(terms, state)) return {Verdict::decline, next.value_or(state.offer)};
  if (!next) return {Verdict::counter, state.offer};
  if (buyer >= *next) return {Verdict::accept, buyer};

  Money gap = *next - buyer;
  if (gap <= policy.split_gap) {
    Money halfway = buyer + Money::from_fen(gap.fen() / 2);
    Money split = concede_to(policy.rounding.mode, halfway, buyer, b3_lowest(state), *next);
    if (split == buyer) return {Verdict::accept, buyer};
    if (split < *next) return {Verdict::split, split};
  }
  return {Verdict::counter, *next};
}

const Extra* next_extra(const ProductTerms& terms, const NegotiationState& state, Money price) {
  for (const Extra& extra : terms.extras) {
    bool granted = std::find(state.extras_granted.begin(), state.extras_granted.end(), extra.id) !=
                   state.extras_granted.end();
    if (!granted && price - (state.extras_cost + extra.cost) >= terms.floor) return &extra;
  }
  return nullptr;
}

NegotiationState after_offer(const ProductTerms& terms, const NegotiationState& state,
                             Money price, std::span<const std::string> extras) {
  NegotiationState next = state;
  if (price < state.offer) {
    ++next.concessions;
    next.last_step = state.offer - price;
  }
  next.offer = price;
  for (const std::string& id : extras) {
    if (std::find(next.extras_granted.begin(), next.extras_granted.end(), id) !=
        next.extras_granted.end()) {
      continue;
    }
    auto extra = std::find_if(terms.extras.begin(), terms.extras.end(),
                              [&](const Extra& e) { return e.id == id; });
    if (extra == terms.extras.end()) {
      throw Error(fmt::format("unknown extra '{}': it is not on the product's extras ladder", id));
    }
    next.extras_granted.push_back(id);
    next.extras_cost += extra->cost;
  }
  return next;
}

NegotiationState after_counter(const NegotiationState& state, Money buyer_price) {
  NegotiationState next = state;
  if (!next.buyer_best || buyer_price > *next.buyer_best) next.buyer_best = buyer_price;
  return next;
}

}  // namespace parley
