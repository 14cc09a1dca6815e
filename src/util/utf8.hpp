// util/utf8.hpp: decoding and encoding UTF-8, one code point at a time.
//
// Strict (RFC 3629): overlong forms, surrogates and code points above U+10FFFF
// are invalid. No allocation except in the append functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace parley::utf8 {

// The general case of decode(), out of line.
std::size_t decode_slow(std::string_view text, std::size_t pos, char32_t* cp);

// Decodes the code point starting at text[pos] into *cp and returns its length
// in bytes (1..4), or 0 when the bytes there are not valid UTF-8 (or pos is at
// the end). Never reads past text.size(). Inline for ASCII and the three-byte
// CJK characters, which are nearly all of a buyer's message.
inline std::size_t decode(std::string_view text, std::size_t pos, char32_t* cp) {
  if (pos >= text.size()) return 0;
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  if ((b0 & 0xF0) == 0xE0 && text.size() - pos >= 3) {
    const auto b1 = static_cast<unsigned char>(text[pos + 1]);
    const auto b2 = static_cast<unsigned char>(text[pos + 2]);
    const char32_t value = (char32_t{b0 & 0x0Fu} << 12) | (char32_t{b1 & 0x3Fu} << 6) | (b2 & 0x3Fu);
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && value >= 0x800 && (value < 0xD800 || value > 0xDFFF)) {
      *cp = value;
      return 3;
    }
    return 0;
  }
  return decode_slow(text, pos, cp);
}

// Byte offset of the first invalid sequence, or text.size() when all is valid.
std::size_t find_invalid(std::string_view text);

// Throws parley::Error ("invalid UTF-8 at byte N") when text is not valid.
void validate(std::string_view text);

// Writes the UTF-8 form of cp (a valid scalar value) to out[0..4) and
// returns its length.
std::size_t encode(char32_t cp, char* out);

// Appends the UTF-8 form of cp (which must be a valid scalar value).
void append(char32_t cp, std::string& out);

// Number of bytes append() writes for cp.
constexpr std::size_t encoded_length(char32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

}  // namespace parley::utf8
