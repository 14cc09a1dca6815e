// Small string helpers shared by the parts: edit distance for "did you
// mean", UTF-8 aware column counting for diagnostics.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace parley::util {

// Edit distance over bytes, a swap of neighbours counting one (good enough
// for ASCII keys and names).
int edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, or "" when none is close enough to be a
// plausible typo (distance at most a third of the word's length, at least 2).
std::string closest_word(std::string_view word, std::span<const std::string_view> candidates);
std::string closest_word(std::string_view word, std::span<const std::string> candidates);

// Number of UTF-8 characters in the first `bytes` bytes of `text`.
int utf8_length(std::string_view text, std::size_t bytes);

}  // namespace parley::util
