// One message evaluated against a rule set: the Situation its names are read
// from, the Env of slot values conditions and templates read, and the
// stages that turn a rule whose condition held into a suggestion (price,
// guard, render, compliance). Built by Evaluation::prepare() for suggest,
// explain and apply alike, so the three always agree on what the message
// means.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "context/context.hpp"
#include "engine/plan.hpp"
#include "parley/conversation.hpp"
#include "parley/policy.hpp"
#include "parley/signals.hpp"
#include "parley/suggestion.hpp"
#include "rules/compiled.hpp"

namespace parley::engine {

// A price the buyer (or the agent) names, with what it pays for. The one
// place a total becomes a unit price, so that accept, decline and counter
// compare like with like.
struct PriceRead {
  Money unit;   // per unit of the product discussed (fen rounded down: a
                // total at or above N floors is exactly a unit at or above one)
  Money said;   // the amount as said
  PriceScope scope = PriceScope::unspecified;
  int units = 1;   // how many units of the product discussed `said` pays for
  Money others;    // cart_total: what the cart's other lines come to at their prices
};
class Evaluation {
 public:
  // Fills everything for a message already classified into `signals`. The
  // rule set, plan, conversation and signals must outlive the Evaluation's
  // use of them (until the next prepare()). Throws parley::Error for a
  // conversation about an unknown product; the Evaluation is then left so
  // that the next prepare() starts afresh.
  void prepare(const rules::Compiled& rules, std::shared_ptr<const Plan> plan, const Conversation& conversation,
               const Signals& signals);

  // Works out the best upsell, the cart's best price, or both, and fills
  // their names: costly (promotions are searched), so done only once a rule
  // that reads them is looked at, and each at most once a message.
  void prepare_promotions(bool upsell, bool cart);

  // Turns a rule whose condition held into a suggestion: the action's price
  // (policy::propose), the guard (policy::guard), a template, the
  // compliance list. Returns false with `blocked` set when the rule has
  // nothing it may say.
  bool produce(const rules::CompiledRule& rule, Suggestion& out, std::string& blocked);

  const std::vector<expr::Value>& env() const { return env_; }
  const context::Situation& situation() const { return situation_; }
  const Plan& plan() const { return *plan_; }

 private:
  void reset_env(int product);
  void set(int slot, expr::Value value);
  void fill_rows(const std::vector<int>& rows);

  const rules::Compiled* rules_ = nullptr;
  std::shared_ptr<const Plan> plan_;
  const Conversation* conversation_ = nullptr;
  const Conversation* given_ = nullptr;  // the conversation as the host sent it
  Conversation focused_;  // the conversation refocused, when the message turns to another product
  const Signals* signals_ = nullptr;
  int product_ = -1;
  const ProductTerms* terms_ = nullptr;
  const ConcessionPolicy* policy_ = nullptr;
  NegotiationState state_;
  context::Situation situation_;

  std::optional<PriceRead> ask_;  // this message's price, read
  std::string price_said_, offer_words_;  // what price_said and offer_words show
  std::optional<Upsell> upsell_;
  std::vector<CartLine> cart_;
  PriceQuote quote_;
  std::string cart_gifts_;
  bool upsell_ready_ = false, cart_ready_ = false;
  PromotionWorkspace promotions_;
  // The compliance guard's buffers.
  std::vector<expr::Template::RenderedField> rendered_;
  std::vector<Compliance::Span> to_scan_;
  NormalizedText compliance_scratch_;

  std::vector<expr::Value> env_;
  std::vector<expr::Value> groups_;  // backing store for buyer.groups
  // The plan and product env_ was built from, and the slots set since that
  // only some messages set: prepare() puts those back instead of copying the
  // whole env again. env_ready_ is false while prepare() runs, so that an
  // exception half way leads to a fresh copy next time.
  const Plan* env_plan_ = nullptr;
  int env_product_ = -1;
  bool env_ready_ = false;
  std::vector<int> to_reset_;
};

// FNV-1a of a reply's text: how SellerMemory::recent_texts remembers it.
inline std::uint64_t text_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// The cart the message implies, from the conversation as it was `before`
// the message (before any refocus): its cart, with the product discussed, a
// quantity the buyer names set on the line it counts (the product named in
// its clause, else the one whose measure word it uses, else the product
// discussed) and the other products the buyer names.
std::map<std::string, int> cart_after(const rules::Compiled& rules, const Conversation& before,
                                      const Signals& signals);
// The units of `product_id` in cart_after(), at least 1 (without building
// the cart).
int units_after(const rules::Compiled& rules, const Conversation& before, std::string_view product_id,
                const Signals& signals);

// The product a message turns to: another product of the shop that it
// names while it does not name the one discussed (书桌多少钱 in a
// conversation about the socket), as an index; -1 when it stays.
int turns_to(const rules::Compiled& rules, const Conversation& conversation, const Signals& signals);
// The conversation about `product_id` instead: the haggle of the product
// discussed is parked (Conversation::parked), the other's taken back (or
// started at its list price), and the product is in the cart.
void refocus(Conversation& conversation, const std::string& product_id);

// `mention` read for the conversation's product; `cart` is the cart after
// the message (read only for a cart total). nullopt when the amount is
// beyond the range; a unit price of 0 when a cart total does not even cover
// the cart's other lines.
std::optional<PriceRead> read_price(const rules::Compiled& rules, const Conversation& conversation,
                                    const Mention& mention, const std::map<std::string, int>& cart);

}  // namespace parley::engine
