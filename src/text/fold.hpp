// text/fold.hpp: what normalize() does to one code point, shared with
// parse_number() so that both read full-width and upper-case input alike.
//
// Each test is inline for ASCII, which is most of what is not a Chinese
// character, and out of line for the rest.
#pragma once

#include <cstdint>
#include <cstring>

namespace parley::text {

// Whether p[0, 3) is one well-formed character led by E4..E9: U+4000 to
// U+9FFF, the CJK ideographs (and extension A) that are most of a message and
// that normalize() keeps as they are. Reads exactly three bytes.
inline bool is_ideograph_utf8(const unsigned char* p) {
  if (static_cast<unsigned>(p[0] - 0xE4) > 0xE9 - 0xE4) return false;
  // Both continuation bytes at once; the mask reads the same either way
  // round, so byte order does not matter.
  std::uint16_t continuation;
  std::memcpy(&continuation, p + 1, 2);
  return (continuation & 0xC0C0) == 0x8080;
}

// The code point of three bytes that is_ideograph_utf8() accepts.
inline char32_t decode_ideograph_utf8(const unsigned char* p) {
  return (char32_t{p[0] & 0x0Fu} << 12) | (char32_t{p[1] & 0x3Fu} << 6) | (p[2] & 0x3Fu);
}

char32_t fold_non_ascii(char32_t cp);
bool is_ignorable_non_ascii(char32_t cp);
bool is_space_non_ascii(char32_t cp);

// Full-width forms to ASCII, Chinese punctuation to its ASCII counterpart,
// ASCII upper case to lower case, U+FFE5 to U+00A5 (¥); others unchanged.
inline char32_t fold(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
  return fold_non_ascii(cp);
}

// Emoji, pictographs, variation selectors, joiners and other invisible marks
// that carry no meaning for a price negotiation; control characters other
// than whitespace.
inline bool is_ignorable(char32_t cp) {
  if (cp < 0x80) return (cp < 0x20 && (cp < '\t' || cp > '\r')) || cp == 0x7F;
  return is_ignorable_non_ascii(cp);
}

// Any Unicode space (ASCII, ideographic, no-break ...), tabs and line breaks.
inline bool is_space(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  return is_space_non_ascii(cp);
}

inline bool is_ascii_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }
inline bool is_ascii_letter(char32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }
inline bool is_ascii_alnum(char32_t cp) { return is_ascii_digit(cp) || is_ascii_letter(cp); }

}  // namespace parley::text
