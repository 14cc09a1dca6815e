// parley/engine.hpp: from a buyer's message to ranked suggested replies.
//
//   RuleSet + Conversation + buyer text
//     -> signals (normalise, mentions, intents)
//     -> evaluate every rule whose intents are present (compiled conditions)
//     -> policy (next concession, counter-offer, extras, promotions)
//     -> render templates -> guard (floor, margin, compliance) -> rank
//
// An Engine holds only its shared, immutable RuleSet: every method is const
// and safe to call from any number of threads at once. The conversation is
// the host's: suggest() never changes it; apply() and observe_seller_text()
// return the next one.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "parley/conversation.hpp"
#include "parley/export.h"
#include "parley/rule_set.hpp"
#include "parley/suggestion.hpp"

namespace parley {

struct SuggestOptions {
  int top = 0;          // keep at most this many suggestions; 0: all
  bool explain = true;  // fill Suggestion::why (costs a little time)
};

class PARLEY_EXPORT Engine {
 public:
  explicit Engine(std::shared_ptr<const RuleSet> rules);

  // A new conversation about `product_id`: offer at list price, round 0.
  // Throws parley::Error when the rule set has no such product.
  Conversation start(std::string_view product_id, std::uint64_t seed = 0) const;

  // Suggestions for the buyer's message, best first. Throws parley::Error on
  // invalid UTF-8 or a conversation about an unknown product. The result's
  // signals are the message's, except that their mentions are left empty
  // when no rule reads anything that comes from them (a price, an amount,
  // a quantity, `conditional`, the cart; concede, accept and trade act on
  // the price): reading numbers is most of the work for such rule sets.
  // signals() always extracts them.
  SuggestResult suggest(const Conversation& conversation, std::string_view buyer_text,
                        const SuggestOptions& options = {}) const;
  // The same, reusing `out`'s buffers (for hosts that call it in a loop).
  void suggest(const Conversation& conversation, std::string_view buyer_text,
               const SuggestOptions& options, SuggestResult& out) const;

  // How the message is understood, without evaluating rules.
  Signals signals(std::string_view buyer_text) const;

  // The conversation after the buyer said `buyer_text` and the agent sent
  // `chosen` (one of suggest()'s suggestions for that message).
  Conversation apply(const Conversation& conversation, std::string_view buyer_text,
                     const Suggestion& chosen) const;
  // The conversation after the buyer said `buyer_text` and the agent typed
  // their own reply; a price in it becomes the current offer.
  Conversation observe_seller_text(const Conversation& conversation, std::string_view buyer_text,
                                   std::string_view seller_text) const;

  // Every rule with how its condition evaluated on this message: fired or
  // not, and why (the parts that failed, with their values). In rule order.
  std::vector<Explanation> explain(const Conversation& conversation,
                                   std::string_view buyer_text) const;
  // Why one rule did or did not fire. Throws parley::Error for an unknown id.
  Explanation why(const Conversation& conversation, std::string_view buyer_text,
                  std::string_view rule_id) const;

  // The compliance guard on a reply the agent typed: the forbidden and
  // off-platform words it contains (empty when it may be sent).
  std::vector<std::string> lint_reply(std::string_view reply) const;

  const RuleSet& rules() const { return *rules_; }
  const std::shared_ptr<const RuleSet>& rules_ptr() const { return rules_; }

 private:
  std::shared_ptr<const RuleSet> rules_;
};

}  // namespace parley
