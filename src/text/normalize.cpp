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
  out.text.clear();
  out.origin.clear();
  out.text.reserve(original.size());
  out.origin.reserve(original.size() + 1);

  char32_t last = 0;           // last code point written, 0 at the start
  bool space_pending = false;  // whitespace seen since `last`
  std::uint32_t space_at = 0;  // where that whitespace began

  std::size_t pos = 0;
  while (pos < original.size()) {
    char32_t cp;
    const std::size_t length = utf8::decode(original, pos, &cp);
    if (length == 0) throw Error("invalid UTF-8 at byte " + std::to_string(pos));
    const auto at = static_cast<std::uint32_t>(pos);
    pos += length;

    if (text::is_space(cp)) {
      if (!space_pending) space_at = at;
      space_pending = true;
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
    if (space_pending && text::is_ascii_alnum(last) && text::is_ascii_alnum(cp)) {
      out.text += ' ';
      out.origin.push_back(space_at);
    }
    space_pending = false;
    if (cp == last && is_punctuation(cp)) continue;  // "？？？" says no more than "?"

    const std::size_t before = out.text.size();
    utf8::append(cp, out.text);
    out.origin.insert(out.origin.end(), out.text.size() - before, at);
    last = cp;
  }
  out.origin.push_back(static_cast<std::uint32_t>(original.size()));
}

NormalizedText normalize(std::string_view original) {
  NormalizedText out;
  normalize(original, out);
  return out;
}

}  // namespace parley
