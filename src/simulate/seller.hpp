// Simulated sellers: the rule set driven through the public Engine API, and
// the textbook baselines that decide on the buyer's Move directly.
#pragma once

#include <memory>
#include <string>

#include "parley/engine.hpp"
#include "parley/simulate.hpp"
#include "simulate/move.hpp"
#include "simulate/rng.hpp"

namespace parley::simulate {

class Seller {
 public:
  virtual ~Seller() = default;
  // Starts a conversation about `product` with a buyer seeded `seed`.
  virtual void start(const std::string& product, const ProductTerms& terms, std::uint64_t seed) = 0;
  // The reply to the buyer's move (whose text is in move.text).
  virtual SellerMove reply(const Move& move) = 0;
};

// Strategy::Kind::rules: suggest(), pick one suggestion as the strategy says,
// apply() it; no suggestion is a silent turn (observe_seller_text with "").
// One RulesSeller serves one thread: it keeps the suggestion buffers.
class RulesSeller final : public Seller {
 public:
  RulesSeller(const Engine& engine, const Strategy& strategy) : engine_(engine), strategy_(strategy) {}
  void start(const std::string& product, const ProductTerms& terms, std::uint64_t seed) override;
  SellerMove reply(const Move& move) override;
  // The buyer's profile and the facts of a recorded conversation (replay).
  void set_context(const BuyerProfile& buyer, const std::map<std::string, Fact>& facts);
  const Conversation& conversation() const { return conversation_; }

 private:
  const Engine& engine_;
  Strategy strategy_;
  Conversation conversation_;
  SuggestResult result_;
  Workspace workspace_;  // reused from reply to reply
  Rng pick_rng_{0};
};

// floor-first, never-concede, linear, boulware, conceder. The time-dependent
// ones follow the textbook curve (Faratin et al.):
//   price(t) = floor + (list - floor) * (1 - (t/T)^(1/e)), T = steps,
// t the buyer's price moves so far, rounded up to whole yuan (linear: equal
// whole-yuan steps). They are not held to the playbook: Boulware's steps
// grow (it fails B3 by design). A fixed-price product (B10) keeps its list
// price with every baseline, as it is the shop's fact, not a tactic. Each
// accepts a bid at or above its next price (AC_next). None offers extras.
class BaselineSeller final : public Seller {
 public:
  explicit BaselineSeller(const Strategy& strategy) : strategy_(strategy) {}
  void start(const std::string& product, const ProductTerms& terms, std::uint64_t seed) override;
  SellerMove reply(const Move& move) override;

  // The curve's price after t price moves.
  Money price_at(int t) const;
  // The price of the next price move (AC_next accepts a bid at or above it).
  Money next_price() const;

 private:
  Strategy strategy_;
  const ProductTerms* terms_ = nullptr;
  Money standing_;
  Money last_step_;
  int moves_ = 0;
};

std::unique_ptr<Seller> make_seller(const Engine& engine, const Strategy& strategy);

}  // namespace parley::simulate
