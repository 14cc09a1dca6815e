// normalize(): one pass over the buyer's bytes, writing the folded text and,
// for every byte written, the offset of the character it came from.
#include <cstdint>

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
    const std::size_t n = utf8::encode(cp, text + length_out);
    for (std::size_t k = 0; k < n; ++k) origin[length_out++] = at;
  };

  std::size_t pos = 0;
  while (pos < original.size()) {
    char32_t cp;
    const auto at = static_cast<std::uint32_t>(pos);
    const std::size_t length = utf8::decode(original, pos, &cp);
    if (length == 0) throw Error("invalid UTF-8 at byte " + std::to_string(pos));
    pos += length;

    // Most of a message is CJK ideographs: nothing to fold or drop there.
    if (cp >= 0x4E00 && cp <= 0x9FFF) {
      space_pending = false;
      text[length_out] = original[at];
      text[length_out + 1] = original[at + 1];
      text[length_out + 2] = original[at + 2];
      origin[length_out] = origin[length_out + 1] = origin[length_out + 2] = at;
      length_out += 3;
      last = cp;
      continue;
    }
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
