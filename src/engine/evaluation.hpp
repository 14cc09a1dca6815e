// One message evaluated against a rule set: the slot values conditions and
// templates read, and the policy's numbers behind them. Built by
// Evaluation::prepare() for suggest, explain and apply alike, so the three
// always agree on what the message means.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parley/conversation.hpp"
#include "parley/policy.hpp"
#include "parley/signals.hpp"
#include "parley/suggestion.hpp"
#include "rules/rule_set_impl.hpp"

namespace parley::engine {

struct Evaluation {
  const RuleSet::Impl* rules = nullptr;
  const Conversation* conversation = nullptr;
  const Signals* signals = nullptr;
  int product = -1;
  const Product* product_info = nullptr;
  const ProductTerms* terms = nullptr;
  const ConcessionPolicy* policy = nullptr;

  NegotiationState state;
  Money current_offer;
  std::optional<Money> buyer_price;
  std::optional<Money> next_offer;
  std::optional<CounterResponse> counter;
  const Extra* next_extra = nullptr;
  std::optional<Upsell> upsell;
  std::vector<CartLine> cart;
  std::string focus;       // the topic the buyer keeps coming back to
  std::string cart_gifts;  // backing store for cart_gifts

  std::vector<expr::Value> env;
  std::vector<expr::Value> groups;  // backing store for buyer.groups
  // Whose product env `env` was built from (RuleSet::Impl::id, product), and
  // the slots set since that only some messages set: prepare() puts those
  // back instead of copying the whole env again.
  std::uint64_t env_rule_set = 0;
  int env_product = -1;
  std::vector<int> to_reset;

  // Fills everything for `text` already classified into `signals`. Throws
  // parley::Error for a conversation about an unknown product.
  void prepare(const RuleSet::Impl& rules, const Conversation& conversation,
               const Signals& signals);

  // Works out the best upsell, the cart's best price, or both, and fills
  // their names: costly (promotions are searched), so done only once a rule
  // that reads them is looked at, and each at most once a message.
  void prepare_promotions(bool upsell, bool cart);
  bool upsell_ready = false, cart_ready = false;

  // Turns a rule whose condition held into a suggestion: the action's price,
  // the guard, a template. Returns false with `blocked` set when the rule has
  // nothing it may say.
  bool produce(const CompiledRule& rule, Suggestion& out, std::string& blocked);
};

// The cart the message implies: the conversation's, with the product being
// discussed, a quantity the buyer names and other products the buyer names.
std::map<std::string, int> cart_after(const RuleSet::Impl& rules, const Conversation& conversation,
                                      const Signals& signals);

}  // namespace parley::engine
