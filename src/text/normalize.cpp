// normalize(): one pass over the buyer's bytes, writing the folded text and,
// for every byte written, the offset of the character it came from.
#include <cstdint>
#include <cstring>

#include "parley/error.hpp"
#include "parley/text.hpp"
#include "text/fold.hpp"
#include "util/utf8.hpp"

namespace parley {
namespace {

bool is_punctuation(char32_t cp) {
  if (cp < 0x80) return cp > ' ' && cp != 0x7F && !text::is_ascii_alnum(cp);
  return cp == 0x2026 || cp == 0x2014 || cp == 0x300A || cp == 0x300B ||  // … — 《 》
         cp == 0x300C || cp == 0x300D;                                   // 「 」
}

// Length of the run of well-formed three-byte characters led by E4..E9 at the
// front of p[0, size), a multiple of 3.
std::size_t ideograph_run(const unsigned char* p, std::size_t size) {
  if (size < 3) return 0;
  std::size_t n = 0;
  while (n < size - 2 && text::is_ideograph_utf8(p + n)) n += 3;
  return n;
}

// The origin of a run of three-byte characters starting at byte `at`: each
// byte maps to the first byte of its character.
void fill_run_origin(std::uint32_t* origin, std::size_t length, std::uint32_t at) {
  std::size_t k = 0;
  // Four characters at a time, which the compiler turns into vector stores.
  for (; k + 12 <= length; k += 12, at += 12) {
    origin[k] = origin[k + 1] = origin[k + 2] = at;
    origin[k + 3] = origin[k + 4] = origin[k + 5] = at + 3;
    origin[k + 6] = origin[k + 7] = origin[k + 8] = at + 6;
    origin[k + 9] = origin[k + 10] = origin[k + 11] = at + 9;
  }
  for (; k < length; k += 3, at += 3) origin[k] = origin[k + 1] = origin[k + 2] = at;
}

}  // namespace

void normalize(std::string_view original, NormalizedText& out) {
  out.original.assign(original);
  // Folding never lengthens a character, so the input's size bounds the
  // output's: write through raw pointers and trim at the end.
  out.text.resize(original.size());
  out.origin.resize(original.size() + 1);
  char* text = out.text.data();
  std::uint32_t* origin = out.origin.data();
  std::size_t length_out = 0;

  char32_t last = 0;           // last code point written, 0 at the start
  bool space_pending = false;  // whitespace seen since `last`
  std::uint32_t space_at = 0;  // where that whitespace began

  const auto put = [&](char32_t cp, std::uint32_t at) {
    if (cp < 0x80) {
      text[length_out] = static_cast<char>(cp);
      origin[length_out++] = at;
      return;
    }
    const std::size_t n = utf8::encode(cp, text + length_out);
    for (std::size_t k = 0; k < n; ++k) origin[length_out++] = at;
  };

  const auto* bytes = reinterpret_cast<const unsigned char*>(original.data());
  std::size_t pos = 0;
  while (pos < original.size()) {
    // Most of a message is ideographs: every character led by E4..E9 (U+4000
    // to U+9FFF, CJK and its extension A) is kept as it is, so a run of them
    // with well-formed continuation bytes is found without being decoded and
    // copied whole.
    if (const std::size_t run = ideograph_run(bytes + pos, original.size() - pos); run > 0) {
      std::memcpy(text + length_out, bytes + pos, run);
      fill_run_origin(origin + length_out, run, static_cast<std::uint32_t>(pos));
      length_out += run;
      pos += run;
      last = text::decode_ideograph_utf8(bytes + pos - 3);
      space_pending = false;
      continue;
    }
    const auto at = static_cast<std::uint32_t>(pos);
    const auto b0 = static_cast<unsigned char>(original[pos]);
    char32_t cp = b0;
    const std::size_t length = b0 < 0x80 ? 1 : utf8::decode(original, pos, &cp);
    if (length == 0) throw Error("invalid UTF-8 at byte " + std::to_string(pos));
    pos += length;

    cp = text::fold(cp);
    if (text::is_space(cp)) {  // ideographic and full-width spaces fold to ' '
      if (!space_pending) space_at = at;
      space_pending = true;
      continue;
    }
    if (text::is_ignorable(cp)) continue;
    // A space only separates two ASCII words or numbers ("iphone 13", "3 5");
    // between Chinese characters it carries nothing.
    if (space_pending && text::is_ascii_alnum(last) && text::is_ascii_alnum(cp)) put(' ', space_at);
    space_pending = false;
    if (cp == last && is_punctuation(cp)) continue;  // "？？？" says no more than "?"
    put(cp, at);
    last = cp;
  }
  origin[length_out] = static_cast<std::uint32_t>(original.size());
  out.text.resize(length_out);
  out.origin.resize(length_out + 1);
}

NormalizedText normalize(std::string_view original) {
  NormalizedText out;
  normalize(original, out);
  return out;
}

}  // namespace parley
