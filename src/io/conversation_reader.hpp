// io/conversation_reader.hpp: a conversation or buyer profile read from a
// JSON value already parsed, for readers of documents that hold one (a
// serve request's "state"): errors name the place from `path` on
// ("state.history[2].speaker: ..."), and the document is parsed once.
// The format and its checks are those of conversation_from_json (json.hpp).
#pragma once

#include <boost/json/value.hpp>

#include "io/json_reader.hpp"
#include "parley/conversation.hpp"

namespace parley::io {

Conversation read_conversation(const boost::json::value& v, const Path& path);
BuyerProfile read_buyer_profile(const boost::json::value& v, const Path& path);

}  // namespace parley::io
