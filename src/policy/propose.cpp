// propose() and guard(): the price stage of one reply. propose() says what a
// kind of reply would offer; guard() is the one place the money invariants
// are held at run time, whatever proposed the price (a rule's own `price`
// expression included). Both are pure: plain data in, plain data out.
#include <algorithm>

#include "parley/policy.hpp"

namespace parley {
namespace {

bool granted(const NegotiationState& state, std::string_view id) {
  return std::find(state.extras_granted.begin(), state.extras_granted.end(), id) != state.extras_granted.end();
}

// The named extra of the ladder if it is not granted yet and fits in the margin.
const Extra* named_extra(const ProductTerms& terms, const NegotiationState& state, std::string_view id) {
  for (const Extra& e : terms.extras) {
    if (e.id == id && !granted(state, e.id) && state.offer - state.extras_cost - e.cost >= terms.floor) return &e;
  }
  return nullptr;
}

Proposal blocked(std::string why) {
  Proposal p;
  p.blocked = std::move(why);
  return p;
}

}  // namespace

Proposal propose(const ProductTerms& terms, const ConcessionPolicy& policy, const NegotiationState& state,
                 const ProposalRequest& request) {
  Proposal out;
  switch (request.move) {
    case PriceMove::keep:
      out.price = state.offer;
      return out;
    case PriceMove::none:
      return out;
    case PriceMove::concede:
    case PriceMove::trade: {
      // B2: a plain "too expensive" first gets value, not a discount. A
      // counter-offer with a price may be countered, and a trade is not a gift.
      if (request.move == PriceMove::concede && request.hold_first && !request.buyer_price) {
        return blocked("the first price objection gets value, not a discount (B2; negotiation.concession.hold_first)");
      }
      std::optional<Money> price = next_offer(terms, policy, state);
      if (!request.buyer_price && request.asked && price && *request.asked >= *price &&
          *request.asked < state.offer) {
        price = request.asked;  // within the step: what was asked, not more
      }
      if (request.buyer_price) {
        const CounterResponse counter = respond_to_counter(terms, policy, state, *request.buyer_price);
        if (counter.verdict == CounterResponse::Verdict::split || counter.verdict == CounterResponse::Verdict::accept) {
          price = counter.price;
        }
      }
      if (!price || *price >= state.offer) return blocked("no price concession is left (at the floor, or a fixed price)");
      out.price = price;
      return out;
    }
    case PriceMove::accept:
      if (!request.buyer_price) return blocked("the buyer named no price");
      out.price = std::min(*request.buyer_price, state.offer);
      return out;
    case PriceMove::extra: {
      const Extra* extra = request.extra_id.empty() ? next_extra(terms, state, state.offer)
                                                    : named_extra(terms, state, request.extra_id);
      if (!extra) {
        return blocked(request.extra_id.empty()
                           ? "no extra is left that fits in the margin"
                           : "extra '" + std::string(request.extra_id) + "' was granted or does not fit in the margin");
      }
      out.extra = extra;
      out.price = state.offer;
      return out;
    }
  }
  return out;
}

Guarded guard(const ProductTerms& terms, const NegotiationState& state, PriceMove move, Money price,
              const Extra* extra) {
  Guarded out;
  auto refuse = [&](std::string why) {
    out.blocked = std::move(why);
    return out;
  };
  // A quoted price never rises.
  if (price > state.offer) {
    out.adjusted.push_back(price.to_string() + " is above the price already quoted, " + state.offer.to_string() +
                           ": a quoted price never rises");
    price = state.offer;
  }
  // Never below what the buyer already offered (B7); a buyer who bid above
  // the current offer has agreed to it.
  if (state.buyer_best) {
    const Money agreed = std::min(*state.buyer_best, state.offer);
    if (price < agreed) {
      if (move == PriceMove::accept) {
        return refuse("the buyer already offered " + agreed.to_string() + ", more than " + price.to_string() +
                      ": accepting less would give away what was agreed");
      }
      out.adjusted.push_back(price.to_string() + " is below the buyer's own offer of " + agreed.to_string() + " (B7)");
      price = agreed;
    }
  }
  if (terms.fixed_price && price < state.offer) {
    return refuse("a fixed-price item is not sold below its price (B10)");
  }
  // B3: no concession larger than the one before, whoever proposes it.
  const Money step = state.offer - price;
  if (state.last_step > Money() && step > state.last_step) {
    if (move == PriceMove::accept) {
      return refuse("accepting " + price.to_string() + " would be a larger concession than the last one (B3)");
    }
    out.adjusted.push_back(price.to_string() + " would be a larger concession than the last one, " +
                           state.last_step.to_string() + " (B3)");
    price = state.offer - state.last_step;
  }
  // B4, B5: the floor, with the cost of every extra granted and this one.
  Money floor = effective_floor(terms, state);
  if (extra) floor += extra->cost;
  if (price < floor) {
    return refuse("its price " + price.to_string() + " would be below the floor" +
                  (extra || state.extras_cost > Money() ? " with the extras granted" : std::string()) + " (B4)");
  }
  out.price = price;
  return out;
}

}  // namespace parley
