// io/json_path.hpp: how errors name a place in a JSON document.
//
// Paths read like the C++ that would reach the value: "history[2].speaker",
// "cart[\"a.b\"]" for a key that is not a plain name. The document itself is
// "document". Both the reader and the writer name places this way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace parley::io {

// Appends ".name" (or "name" when out is empty), or ["name"] when the key holds
// characters that would make the path ambiguous.
void append_path_key(std::string& out, std::string_view key);
// Appends "[index]".
void append_path_index(std::string& out, std::size_t index);

// "path: message", with "document" for the empty path.
std::string path_message(std::string_view path, std::string_view message);

}  // namespace parley::io
