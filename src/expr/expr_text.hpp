// expr/expr_text.hpp: wording helpers for compile errors and explanations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr/expr.hpp"

namespace parley::expr {

// `text` as quoted in a message: cut to about 32 bytes (at a UTF-8 boundary)
// with "..." appended when longer.
std::string shorten(std::string_view text);

// "a, b, c" of the first `limit` items, then ", ..." if there are more.
std::string join_limited(const std::vector<std::string>& items, std::size_t limit);

// The item with the smallest edit distance to `name`, or "" when none is
// close enough to be a plausible typo.
std::string closest_of(const std::vector<std::string>& items, std::string_view name);

// How append_value shows text and null: as a reply shows them (text as is,
// null as nothing) or as an explanation does ("paid", null).
enum class Style { reply, explain };

// Appends `value`: numbers without trailing zeros (150, 150.5, 0.85),
// true/false, lists as [a, b]. Allocates only by growing `out`.
void append_value(const Value& value, std::string& out, Style style);

}  // namespace parley::expr
