// parley/json.hpp: conversations and suggestions as JSON.
//
// The conversation's JSON carries a "version" (Conversation::kVersion); a
// newer or malformed document is a parley::Error naming what is wrong, never
// a crash. to_json(from_json(x)) == x for every conversation.
#pragma once

#include <string>
#include <string_view>

#include "parley/conversation.hpp"
#include "parley/suggestion.hpp"

namespace parley {

std::string to_json(const Conversation& conversation);
Conversation conversation_from_json(std::string_view json);

// A buyer profile alone (what `parley chat --buyer FILE` reads). Unknown keys
// are errors, so that a typo is not silently ignored.
BuyerProfile buyer_profile_from_json(std::string_view json);

std::string to_json(const Signals& signals);
std::string to_json(const Suggestion& suggestion);
// {"signals": ..., "suggestions": [...]}
std::string to_json(const SuggestResult& result);

}  // namespace parley
