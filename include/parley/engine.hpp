// parley/engine.hpp: from a buyer's message to ranked suggested replies.
//
//   RuleSet + Conversation + buyer text
//     -> signals (normalise, mentions, intents)
//     -> evaluate every rule whose intents are present (compiled conditions)
//     -> policy (next concession, counter-offer, extras, promotions)
//     -> render templates -> guard (floor, margin, compliance) -> rank
//
// An Engine holds its shared, immutable RuleSet and the plan it built for it
// (which rules each message makes worth looking at): every method is const
// and safe to call from any number of threads at once; copying one is cheap. The conversation is
// the host's: suggest() never changes it; apply() and observe_seller_text()
// return the next one.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
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
  // Read the numbers and amounts in the message (Signals::mentions). With
  // false they are read only when an intent of the rule set needs one
  // (`needs:`); otherwise `price`, `quantity`, `relative`, ... are null.
  // For hosts whose rule set reads none of them and that want the time back.
  bool mentions = true;
};

struct EngineOptions {
  // The longest buyer message, in bytes of UTF-8, that suggest(), signals(),
  // explain(), apply() and observe_seller_text() take; a longer one is a
  // parley::Error. Chat platforms cap a message at a few hundred characters.
  std::size_t max_message_bytes = 8192;
};

// The buffers suggest() works in, for hosts that call it in a loop and want
// no allocation once they have grown. Owned by the caller; use one per
// thread (one call at a time each). It works with any Engine: given another
// rule set it starts afresh. Moving is cheap; a moved-from Workspace may
// only be destroyed or assigned to.
class PARLEY_EXPORT Workspace {
 public:
  Workspace();
  ~Workspace();
  Workspace(Workspace&&) noexcept;
  Workspace& operator=(Workspace&&) noexcept;

  struct State;  // src/engine/workspace.hpp

 private:
  friend class Engine;
  std::unique_ptr<State> state_;
};

class PARLEY_EXPORT Engine {
 public:
  // Builds the engine's plan for the rule set (which rules each message
  // makes worth looking at, each product's names). Throws parley::Error for
  // a null rule set.
  explicit Engine(std::shared_ptr<const RuleSet> rules, EngineOptions options = {});

  // A new conversation about `product_id`: offer at list price, round 0.
  // Throws parley::Error when the rule set has no such product.
  Conversation start(std::string_view product_id, std::uint64_t seed = 0) const;

  // Suggestions for the buyer's message, best first. Throws parley::Error on
  // invalid UTF-8, a message longer than EngineOptions::max_message_bytes or
  // a conversation about an unknown product.
  SuggestResult suggest(const Conversation& conversation, std::string_view buyer_text,
                        const SuggestOptions& options = {}) const;
  // The same, reusing `out`'s buffers and the workspace's (for hosts that
  // call it in a loop).
  void suggest(const Conversation& conversation, std::string_view buyer_text,
               const SuggestOptions& options, SuggestResult& out, Workspace& workspace) const;

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

  // What a price the agent typed would break, before it is sent or
  // recorded: the price is read as observe_seller_text() reads it (Arabic
  // or Chinese numerals; per unit, or a total divided by the units it pays
  // for) and put through the guard every suggestion passes (policy.hpp,
  // guard()). Each warning names the invariant: below the floor (extras
  // granted included), below the buyer's own offer (this message's
  // included), above a price already quoted, a larger concession than the
  // last one, a fixed price lowered. No price, or a sound one: no warnings.
  struct SellerTextCheck {
    std::optional<Money> price;         // per unit of the product discussed; none: no price typed
    std::vector<std::string> warnings;  // empty: the price keeps every invariant
  };
  SellerTextCheck check_seller_text(const Conversation& conversation, std::string_view buyer_text,
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
  const EngineOptions& options() const { return options_; }

  // How the engine runs its rule set, built by the constructor; defined
  // inside the library (src/engine/plan.hpp).
  struct Plan;

 private:
  void check_message(std::string_view text) const;

  std::shared_ptr<const RuleSet> rules_;
  std::shared_ptr<const Plan> plan_;
  EngineOptions options_;
};

}  // namespace parley
