// parley/json.hpp: conversations and suggestions as JSON.
//
// Output is compact UTF-8 with keys in a fixed order, so equal values give
// equal text. Money is a JSON number in yuan (150, 150.5, 150.05).
//
// Reading a conversation or buyer profile is strict: unknown keys, a key twice
// in one object, wrong types, values out of range (negative money, counts
// below 0, rates outside 0-1), non-finite numbers and invalid UTF-8 are a
// parley::Error whose message names the place, e.g.
//   history[2].speaker: expected "buyer" or "seller"
//   buyer.membr: unknown key (did you mean "member"?)
//   invalid JSON at byte 17: syntax error
// Never a crash, whatever the bytes. Missing keys take the C++ defaults
// (a history turn needs its "speaker"; a missing "version" means 1; a newer
// version than Conversation::kVersion is refused).
//
// The conversation read back from to_json(x) equals x field for field, for
// every x whose values are within the ranges above. to_json throws
// parley::Error, naming the field, for what JSON cannot carry: strings that
// are not UTF-8, non-finite numbers, and money beyond ±10^12 yuan.
//
// Thread safety: all functions are pure and may run concurrently.
#pragma once

#include <string>
#include <string_view>

#include "parley/conversation.hpp"
#include "parley/export.h"
#include "parley/suggestion.hpp"

namespace parley {

// {"version": 1, "product", "cart": {id: quantity}, "offer" (null: the list
// price), "concessions", "holds", "last_step", "buyer_best", "extras_granted",
// "extras_cost", "round", "stage", "topic_counts", "buyer" (as below), "facts"
// (name: true/false, number or string), "history": [{"speaker": "buyer" or
// "seller", "text", "rule", "offer"}], "earlier": {"buyer", "seller",
// "suggested", "priced"} (turns dropped from history; written only when
// there are some), "seed"}.
//
// The seed is written as a decimal string ("18446744073709551615"): many JSON
// readers hold numbers as doubles, exact only up to 2^53. Reading accepts a
// string or a non-negative integer. Money reads back rounded to the nearest
// fen (150.506 -> 150.51); amounts with two decimals or fewer are exact.
PARLEY_EXPORT std::string to_json(const Conversation& conversation);
PARLEY_EXPORT Conversation conversation_from_json(std::string_view json);

// A buyer profile alone (what `parley chat --buyer FILE` reads): {"credit",
// "good_rate_given", "good_rate_received", "member", "vip", "coupon_claimed",
// "orders", "total_spent", "last_order_days", "groups", "notes"}. Unknown keys
// are errors, so that a typo is not silently ignored.
PARLEY_EXPORT BuyerProfile buyer_profile_from_json(std::string_view json);
PARLEY_EXPORT std::string to_json(const BuyerProfile& buyer);

// {"text": normalised text, "mentions": [{"kind", "value", "value2" (thresholds,
// or when not 0), "unit" (when not empty), "role" (money: "offer", "earlier",
// "elsewhere", "quoted" or "none"), "scope" (money, when said: "per_unit",
// "units_total", "cart_total"), "scope_units" (units_total: how many units),
// "flags" (when any: ["round_down"], ["festival"], ["beyond_range"] ...),
// "text", "start", "end", "confidence"}], "intents": [{"name", "confidence"}],
// "topics": [...], "conditional"}. See parley/text.hpp for what each means.
PARLEY_EXPORT std::string to_json(const Signals& signals);
// {"text", "score", "rule", "playbook", "action", "offer" (number or null),
// "extras": [...], "gives", "next_stage", "why": {"fired", "parts": [{"text",
// "values", "holds", "depth"}], "blocked", "summary"}}.
PARLEY_EXPORT std::string to_json(const Suggestion& suggestion);
// {"signals": ..., "suggestions": [...]}
PARLEY_EXPORT std::string to_json(const SuggestResult& result);

}  // namespace parley
