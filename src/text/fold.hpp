// text/fold.hpp: what normalize() does to one code point, shared with
// parse_number() so that both read full-width and upper-case input alike.
#pragma once

namespace parley::text {

// Full-width forms to ASCII, Chinese punctuation to its ASCII counterpart,
// ASCII upper case to lower case, U+FFE5 to U+00A5 (¥); others unchanged.
char32_t fold(char32_t cp);

// Emoji, pictographs, variation selectors, joiners and other invisible marks
// that carry no meaning for a price negotiation.
bool is_ignorable(char32_t cp);

// Any Unicode space (ASCII, ideographic, no-break ...), tabs and line breaks.
bool is_space(char32_t cp);

inline bool is_ascii_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }
inline bool is_ascii_letter(char32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }
inline bool is_ascii_alnum(char32_t cp) { return is_ascii_digit(cp) || is_ascii_letter(cp); }

}  // namespace parley::text
