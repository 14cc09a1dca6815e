// util/utf8.hpp: decoding and encoding UTF-8, one code point at a time.
//
// Strict (RFC 3629): overlong forms, surrogates and code points above U+10FFFF
// are invalid. No allocation except in the append functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace parley::utf8 {

// Decodes the code point starting at text[pos] into *cp and returns its length
// in bytes (1..4), or 0 when the bytes there are not valid UTF-8 (or pos is at
// the end). Never reads past text.size().
std::size_t decode(std::string_view text, std::size_t pos, char32_t* cp);

// Byte offset of the first invalid sequence, or text.size() when all is valid.
std::size_t find_invalid(std::string_view text);

// Throws parley::Error ("invalid UTF-8 at byte N") when text is not valid.
void validate(std::string_view text);

// Appends the UTF-8 form of cp (which must be a valid scalar value).
void append(char32_t cp, std::string& out);

// Number of bytes append() writes for cp.
constexpr std::size_t encoded_length(char32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

}  // namespace parley::utf8
