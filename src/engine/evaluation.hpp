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
  const Signals* signals_ = nullptr;
  int product_ = -1;
  const ProductTerms* terms_ = nullptr;
  const ConcessionPolicy* policy_ = nullptr;
  NegotiationState state_;
  context::Situation situation_;

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

// The cart the message implies: the conversation's, with the product being
// discussed, a quantity the buyer names and other products the buyer names.
std::map<std::string, int> cart_after(const rules::Compiled& rules, const Conversation& conversation,
                                      const Signals& signals);

}  // namespace parley::engine
