// Simulated buyers: who they are (Traits, drawn from a Population) and how
// they move through a conversation (Buyer).
//
// Every buyer follows one aspiration path: the unit price it would offer at
// message r, rising from an opening bid to its reservation price by its last
// message, path(r) = open + (R - open) * ((r-1)/(P-1))^(1/e). It accepts the
// seller's price when that price, less what the extras granted are worth to
// it, is at or below path(r) (AC_next: no worse than what it would offer
// itself), or at or below its reservation once the seller has stopped moving
// (`stuck_limit` price moves without a step), or at its last message. The
// styles differ in their opening, their exponent and the messages they send
// before and between bids.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/policy.hpp"
#include "parley/rule_set.hpp"
#include "parley/simulate.hpp"
#include "simulate/move.hpp"
#include "simulate/rng.hpp"

namespace parley::simulate {

struct Traits {
  Style style = Style::linear;
  Money reservation;        // per unit
  int patience = 5;         // buyer messages at most, the last one an accept or a leave
  int quantity = 1;
  Money open;               // the opening of the aspiration path
  double exponent = 1;      // of the aspiration path
  int before_bids = 0;      // pushes or questions before the first number
  int stuck_limit = 2;      // price moves without a step before taking what is on the table
  Money competitor;         // comparison shoppers: the other shop's price
  Money doubt;              // quality doubters: taken off the reservation until reassured
  double extras_factor = 1; // times the population's extra values
  std::string wants;        // extras seekers: free_shipping or gift
  bool says_total = false;  // buyers of several units: bids as totals (两个260)
};

// Draws one buyer of `product` (`terms` are its policy numbers).
Traits draw_traits(const Product& product, const ProductTerms& terms, const Population& population, Rng& rng);

class Buyer {
 public:
  Buyer(const Traits& traits, const ProductTerms& terms, const Population& population);

  // The next move (not yet worded). After an accept or a leave the
  // conversation is over: finished() is true and outcome() says how.
  Move next();
  // What the seller answered to the last move.
  void hear(const SellerMove& reply);

  bool finished() const { return finished_; }
  Outcome outcome() const { return outcome_; }
  int round() const { return round_; }
  Money standing() const { return standing_; }
  Money best_bid() const { return best_bid_.value_or(Money()); }
  const std::vector<std::string>& extras() const { return extras_; }
  const Traits& traits() const { return traits_; }

  // The unit price on the table less what its extras are worth to the buyer.
  Money effective() const;
  // The aspiration path at message r (1-based), rounded to a price a buyer says.
  Money path(int r) const;

 private:
  Move finish(MoveKind kind, Outcome outcome);
  Move bid(Money price, const std::string& extra = "");
  Money reservation_now() const;
  double extra_value(const std::string& id) const;

  Traits traits_;
  const ProductTerms& terms_;
  const Population& population_;
  int round_ = 0;
  Money standing_;
  std::vector<std::string> extras_;
  std::optional<Money> best_bid_;
  std::optional<Money> last_bid_;
  int pushes_ = 0, questions_ = 0, silent_streak_ = 0, stuck_ = 0;
  bool reassured_ = false;
  bool finished_ = false;
  Outcome outcome_ = Outcome::walked_away;
  Move last_;
  SellerMove last_reply_;
  bool heard_ = false;
};

// A price a buyer would say: whole yuan, in fives from 100 and tens from
// 1000, rounded down.
Money buyer_round(Money price);

}  // namespace parley::simulate
