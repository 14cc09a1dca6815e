// parley/policy.hpp: the arithmetic behind every price and extra parley offers.
//
// Pure functions over plain data, all in Money (exact fen). The engine calls
// them; shop owners configure them through the rule set's `negotiation:` and
// `promotions:` sections; tests call them directly. The invariants they keep,
// proven by property tests:
//   - no offer below the floor, extras' cost included (the margin invariant);
//   - each concession no larger than the one before (B3);
//   - never below a price the buyer has already offered (B7);
//   - never above a price already quoted;
//   - each extra granted at most once (B5).
// The functions expect terms and a policy that pass check_terms and
// check_policy; given others they still return (nothing crashes) but the
// invariants are not promised. Amounts are limited to 10^12 fen so that no
// sum of them can overflow.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parley/export.h"
#include "parley/money.hpp"

namespace parley {

// How prices are rounded after a concession. A planned price is rounded DOWN
// to the nearest shop-like price; where that falls below the effective floor
// (or the buyer's best offer) that bound itself is offered. Rounding never
// makes a concession larger than the one before (B3): when rounding down
// would, the price is rounded UP instead if that is still a concession, and
// otherwise the unrounded price is offered. (The first concession has none
// before it, so rounding down may make it larger than the schedule's step.)
struct Rounding {
  // fen: no rounding; yuan: whole yuan; ending_9 / ending_8: whole yuan whose
  // last digit is 9 (139, 149) or 8 (138, 148).
  enum class Mode { fen, yuan, ending_9, ending_8 };
  Mode mode = Mode::yuan;
};

// How far each price concession goes. Whatever the schedule, a concession is
// never larger than the one before (B3): the schedule's step is capped at the
// last concession made. The time-dependent curves (boulware, conceder) plan
// step t as curve(t-1) - curve(t) with
//   curve(t) = floor + (list - floor) * (1 - (t/T)^(1/e)),
// and after the deadline T keep repeating step T. Conceder curves (e > 1)
// give large steps early and shrink by themselves. Boulware curves (e < 1)
// would give small steps early and large ones late; the B3 cap turns them
// into a seller who holds out with small, steady steps (each the size of the
// first one) until the floor.
struct ConcessionPolicy {
  enum class Schedule {
    geometric,  // first_step, then each step * ratio, never under min_step
    steps,      // the explicit list `steps`, the last one repeating
    linear,     // ceil((list - floor) / deadline) each round
    boulware,   // the curve above with e < 1 (never under min_step): holds late
    conceder,   // the curve above with e > 1 (never under min_step): gives early
  };
  Schedule schedule = Schedule::geometric;
  Money first_step = Money::from_fen(1000);
  double ratio = 0.5;                       // geometric, in (0, 1]
  Money min_step = Money::from_fen(100);
  std::vector<Money> steps;
  int deadline = 5;      // T, in concessions, for linear/boulware/conceder
  double exponent = 0.5; // e for boulware (< 1) and conceder (> 1)
  // B2: the first "too expensive" is answered with value, not a discount.
  // The engine reads this (it counts the rounds); the functions below don't.
  bool hold_first = true;
  // A counter-offer this close below the next planned offer is met halfway
  // (rounded) instead of being countered with the full step.
  Money split_gap = Money::from_fen(1000);
  Rounding rounding;
};

// A non-price concession (B5), offered in ladder order, each at most once.
struct Extra {
  std::string id;    // free_shipping, gift, early_shipping, warranty_extension, ...
  std::string name;  // how a reply names it: 包邮, 转换插座, 提前发货
  Money cost;        // what it costs the shop; counts against the margin
};

// One product's numbers as the policy sees them.
struct ProductTerms {
  Money list_price;
  Money floor;           // never offered below this, extras' cost included
  Money shipping_fee;    // 0 when shipping is already free
  bool fixed_price = false;  // B10: no price concession
  std::vector<Extra> extras; // the ladder, in the order to offer
};

// Where a negotiation stands.
struct NegotiationState {
  Money offer;                      // the current quoted price (list at the start)
  int concessions = 0;              // price concessions made so far
  Money last_step;                  // size of the last concession, 0 when none
  std::optional<Money> buyer_best;  // highest price the buyer has offered
  std::vector<std::string> extras_granted;  // Extra::id, in order granted
  Money extras_cost;                // sum of the granted extras' costs
};

// Problems with one product's numbers that make the invariants impossible
// (floor above list price, a gift costing more than the margin, a negative
// fee). Empty when the terms are sound. The loader reports each with its place.
PARLEY_EXPORT std::vector<std::string> check_terms(const ProductTerms& terms);
PARLEY_EXPORT std::vector<std::string> check_policy(const ConcessionPolicy& policy);

// The size of concession number `state.concessions + 1` under the schedule,
// capped at the last concession (B3), before clamping and rounding. Zero for
// a fixed-price product.
PARLEY_EXPORT Money planned_step(const ProductTerms& terms, const ConcessionPolicy& policy,
                                 const NegotiationState& state);

// The next price to offer: the current offer less the planned step, rounded
// (see Rounding), clamped to the floor plus the extras already granted, never
// below the buyer's best offer, always below the current offer. nullopt when
// no price concession is possible (fixed price, already at the floor or at
// the buyer's best offer, a zero step).
PARLEY_EXPORT std::optional<Money> next_offer(const ProductTerms& terms, const ConcessionPolicy& policy,
                                              const NegotiationState& state);

// The lowest price the shop may accept given the extras already granted.
PARLEY_EXPORT Money effective_floor(const ProductTerms& terms, const NegotiationState& state);

// What to do with a price the buyer names (B7). The buyer's price is taken as
// at least the buyer's own best earlier offer (a buyer cannot take back a
// price once named). Every price returned keeps the invariants above: at or
// above the effective floor and the buyer's best, at or below the current
// offer, and a concession no larger than the one before.
struct CounterResponse {
  enum class Verdict {
    accept,   // at or above the next planned offer: take the buyer's price
              // (the current offer when the buyer names more than that)
    split,    // below it by at most split_gap: meet halfway, rounded down
              // (when that reaches the buyer's price: accept it instead)
    counter,  // between floor and next offer: offer the next step (the
              // current offer again when no concession is possible)
    decline,  // below the effective floor: decline on price, use extras or a
              // trade (B5, B6)
  };
  Verdict verdict = Verdict::decline;
  // The price to say. For decline it is the next offer (or the current one),
  // not the floor: jumping to the floor would reveal it (B1) and make one
  // large concession after small ones (B3). effective_floor() gives the floor.
  Money price;
};
PARLEY_EXPORT CounterResponse respond_to_counter(const ProductTerms& terms, const ConcessionPolicy& policy,
                                                 const NegotiationState& state, Money buyer_price);

// The next extra of the ladder not yet granted that still keeps
// price - (extras granted + this one) >= floor; nullptr when none fits.
PARLEY_EXPORT const Extra* next_extra(const ProductTerms& terms, const NegotiationState& state, Money price);

// The state after the seller quotes `price` with `extras` (Extra ids) added.
// Records a concession when price < state.offer. An extra already granted is
// not counted again; an id not on the ladder throws parley::Error (its cost
// would be unknown, and the margin unguarded).
PARLEY_EXPORT NegotiationState after_offer(const ProductTerms& terms, const NegotiationState& state,
                                           Money price, std::span<const std::string> extras);

// The state after the buyer names `buyer_price`: buyer_best becomes the
// highest price the buyer has named.
PARLEY_EXPORT NegotiationState after_counter(const NegotiationState& state, Money buyer_price);

// ---- What one reply may offer ---------------------------------------------
// The engine's price stage, in two steps: propose() works out what a reply of
// a kind would offer, guard() holds every money invariant on whatever price
// a reply ends up with (a rule's own `price` expression included). guard() is
// the only place the invariants are enforced at run time.

// What a reply does with the price.
enum class PriceMove {
  keep,     // hold or close: the current price
  concede,  // the next step, or meet a close counter halfway (B3, B7)
  accept,   // the buyer's price of this message (B7)
  extra,    // the current price with a non-price concession (B5)
  trade,    // the next step, for something in return (B6)
  none,     // names no price (ask, answer, retreat, ...)
};

struct ProposalRequest {
  PriceMove move = PriceMove::none;
  std::optional<Money> buyer_price;  // the price this message names, per unit
  // The price a relative ask asks for (少两块 at 150: 148; 抹个零 at 142:
  // 140), when no price is named. concede and trade grant it exactly when
  // it is within the schedule's next step, and offer the step otherwise
  // (never more than asked, never a halfway price).
  std::optional<Money> asked;
  // B2: no plain concession (one that answers no price of the buyer's) until
  // the price was justified once. The engine says whether that happened and
  // whether the policy and the rule ask for it.
  bool hold_first = false;
  std::string_view extra_id;  // extra: a named extra; empty: the next one that fits
};

struct Proposal {
  std::optional<Money> price;   // the price the reply names, if any
  const Extra* extra = nullptr; // extra: the one granted (points into terms)
  std::string blocked;          // why the reply may not be sent; empty when it may
};
PARLEY_EXPORT Proposal propose(const ProductTerms& terms, const ConcessionPolicy& policy, const NegotiationState& state,
                 const ProposalRequest& request);

// The price a reply may name, given the negotiation so far:
//   - never above the current offer (a quoted price never rises);
//   - never below the buyer's best offer (capped at the current offer: a
//     buyer who bid above it has agreed to it);
//   - a concession never larger than the one before (B3): an accept that
//     would be is blocked, any other price is raised to the last step;
//   - an accept names this message's price and nothing lower than the
//     buyer's best;
//   - a fixed price is never lowered (B10);
//   - never below the floor plus every extra granted and `extra` (B4, B5).
// Returns the price to name, or a reason in `blocked`.
struct Guarded {
  std::optional<Money> price;
  std::string blocked;
  // When `price` differs from the price given: each invariant that moved
  // it, in words ("above the current offer 142: a quoted price never
  // rises"); empty when the price stands as given. A host checks a price
  // the agent typed with it (Engine::check_seller_text).
  std::vector<std::string> adjusted;
};
PARLEY_EXPORT Guarded guard(const ProductTerms& terms, const NegotiationState& state, PriceMove move, Money price,
              const Extra* extra = nullptr);

// ---- Promotions (B22, B23) ----------------------------------------------

struct Promotion {
  enum class Kind {
    threshold_discount,  // 满300减30: `over`, `off`; `stackable` repeats per multiple
    threshold_gift,      // 满3000送靠枕: `over`, `gift`
    bundle_price,        // the products in `products` together for `price`
    nth_item_discount,   // 第二件半价: item number `nth` of one product at `ratio`
    quantity_shipping,   // free shipping from `min_quantity` items
    coupon,              // a shop coupon: `over`, `off`, only once claimed
  };
  std::string id;
  Kind kind = Kind::threshold_discount;
  Money over;
  Money off;
  std::string gift;
  Money gift_cost;
  bool stackable = false;
  std::vector<std::string> products;  // which products it applies to; empty: all
  Money price;                        // bundle_price
  int nth = 2;                        // nth_item_discount
  double ratio = 0.5;                 // nth_item_discount: the share paid
  int min_quantity = 0;               // quantity_shipping
};

struct CartLine {
  std::string product_id;
  Money unit_price;
  int quantity = 1;
  Money shipping_fee;  // per order line, dropped when a promotion frees shipping
};

struct PriceQuote {
  Money subtotal;   // unit prices times quantities
  Money discount;   // total taken off by promotions
  Money shipping;   // shipping still charged
  Money total;      // subtotal - discount + shipping
  std::vector<std::string> applied;  // Promotion::id of each promotion used
  std::vector<std::string> gifts;    // gifts earned
};

// Problems with one promotion (a threshold discount taking off more than its
// threshold, a bundle naming no product, a ratio outside [0, 1], ...), in
// plain words; empty when it is sound.
PARLEY_EXPORT std::vector<std::string> check_promotion(const Promotion& promotion);

// The best price the buyer can get for the cart with these promotions
// (coupons only when coupon_claimed). How promotions combine:
//   - item promotions (bundle_price, nth_item_discount) come first; any set
//     of them may combine as long as no two touch the same product (a
//     promotion naming no product touches all); with more than 16 of them
//     only the 16 worth most on their own are tried together;
//   - then at most one threshold_discount (the best) and at most one coupon
//     (the best), both measured on the amounts after item promotions;
//   - every threshold_gift reached and every quantity_shipping reached apply.
// The combination with the lowest total wins (ties: more gifts). So the
// result is never worse than no promotion or any single promotion alone.
// Amounts are exact in fen; a discounted unit price (ratio) is rounded to the
// nearest fen; total discount never exceeds the subtotal. Throws
// parley::Error for a negative price or quantity, or amounts over the limit.
PARLEY_EXPORT PriceQuote best_price(std::span<const CartLine> cart, std::span<const Promotion> promotions,
                                    bool coupon_claimed);

// The arrays best_price() and best_upsell() work in, for callers that want
// no allocation per call once they have grown: pass the same workspace each
// time. Owned by the caller; one call at a time per workspace (one per
// thread). The overloads without one make their own.
class PARLEY_EXPORT PromotionWorkspace {
 public:
  PromotionWorkspace();
  ~PromotionWorkspace();
  PromotionWorkspace(PromotionWorkspace&&) noexcept;
  PromotionWorkspace& operator=(PromotionWorkspace&&) noexcept;

  struct State;
  State& state() { return *state_; }

 private:
  std::unique_ptr<State> state_;
};
PARLEY_EXPORT PriceQuote best_price(std::span<const CartLine> cart, std::span<const Promotion> promotions,
                                   bool coupon_claimed, PromotionWorkspace& workspace);

// "Add one more and save 30" (B23): the smallest number of extra units of
// `product_id` (up to max_add, at most 1000) that reaches a promotion the
// cart does not yet reach (a new promotion, a larger discount, a new gift or
// freed shipping), with the exact saving. nullopt when none is within reach
// or the product is not in the cart.
struct Upsell {
  std::string promotion;  // Promotion::id reached
  int add_quantity = 0;   // how many more units
  int new_quantity = 0;   // units of the product after adding
  Money threshold;        // the promotion's `over` (times the multiple reached
                          // for a stackable one); 0 for item promotions
  Money saving;           // total discount at the new quantity, plus the
                          // shipping freed
  Money per_unit_saving;  // saving / new_quantity, rounded down to the fen
  std::string gift;       // for threshold gifts
};
PARLEY_EXPORT std::optional<Upsell> best_upsell(std::span<const CartLine> cart, std::string_view product_id,
                                                std::span<const Promotion> promotions, bool coupon_claimed,
                                                int max_add = 10);
PARLEY_EXPORT std::optional<Upsell> best_upsell(std::span<const CartLine> cart, std::string_view product_id,
                                                std::span<const Promotion> promotions, bool coupon_claimed,
                                                int max_add, PromotionWorkspace& workspace);

}  // namespace parley
