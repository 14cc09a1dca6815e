// parley/suggestion.hpp: what parley suggests the agent reply.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/export.h"
#include "parley/conversation.hpp"
#include "parley/money.hpp"
#include "parley/signals.hpp"

namespace parley {

// What a reply does to the negotiation.
enum class Action {
  hold,         // keep the price; give value instead (B2, B9, B11)
  concede,      // offer a lower price: the next step of the schedule (B3)
  accept,       // accept the buyer's price (B7)
  offer_extra,  // a non-price concession: free shipping, gift, ... (B5)
  trade,        // a discount for something in return (B6)
  close,        // ask the buyer to pay now (B8)
  retreat,      // respect a firm no, leave a good impression (B17)
  ask,          // a question to find the need or the concern (B15, B19)
  answer,       // answer a question (shipping time, parcel, returns)
  upsell,       // more quantity or a bundle for a promotion (B22, B23)
  handoff,      // hand the conversation to a person
};
PARLEY_EXPORT std::string_view to_string(Action action);
PARLEY_EXPORT std::optional<Action> action_from_string(std::string_view name);

// One part of a rule's condition and how it evaluated.
struct ConditionPart {
  std::string text;    // "offer > floor", as written in the rule
  std::string values;  // "offer = 150, floor = 120"
  bool holds = false;
  int depth = 0;
};

// Why a rule fired, or why it did not.
struct PARLEY_EXPORT Explanation {
  std::string rule_id;
  bool fired = false;
  std::vector<ConditionPart> parts;
  // When the condition held but no suggestion came of it: why (no concession
  // left, below the floor, a compliance word). Empty otherwise.
  std::string blocked;
  // One line: "too_expensive, concessions == 0" or "failed: offer > floor
  // (offer = 120, floor = 120)".
  std::string summary() const;
};

struct Suggestion {
  std::string text;
  double score = 0;
  std::string rule_id;
  std::string playbook;          // the behaviour the rule implements, e.g. "B3"
  Action action = Action::hold;
  std::optional<Money> offer;    // the price this reply offers, if it names one
  std::vector<std::string> extras;  // extra ids this reply grants
  std::string gives;             // trade: what the buyer gives in return
  std::optional<Stage> next_stage;  // the stage after this reply is sent, if it changes
  bool argues_value = false;     // the reply argues the value (B2): once sent, the price may move
  // The selling-point keywords (of the product's selling_points) whose text
  // the reply says; once sent they count as said (SellerMemory::points).
  std::vector<std::string> points;
  Explanation why;
};

struct SuggestResult {
  Signals signals;
  std::vector<Suggestion> suggestions;  // best first
};

}  // namespace parley
