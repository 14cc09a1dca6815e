// src/classify/regex_starts.hpp: where a match of an intent regex can begin.
//
// std::regex searches by trying its backtracking matcher at every byte of the
// text, which made regexes most of the classifier's time. RegexStarts is
// worked out once from the pattern: the bytes a match can begin with. The
// classifier then tries the matcher only where the text begins with one of
// them. It is a superset, never a guess: when the pattern holds anything the
// analysis does not follow ('.', a negated class, a lookahead, a
// back-reference, a match that may be empty), `anywhere` is true and every
// position is tried, as before.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace parley::classify {

struct RegexStarts {
  bool anywhere = false;  // no analysis: try every position
  bool at_begin = false;  // a match may begin at position 0 (a leading ^)
  std::array<bool, 256> byte{};        // a match may begin with this byte
  std::vector<std::string> prefixes;   // or with these bytes (a CJK character, say)
  std::array<bool, 256> lead{};        // the first bytes of prefixes

  // Whether a match may begin at text[pos].
  bool may_begin(std::string_view text, std::size_t pos) const {
    if (pos == 0 && at_begin) return true;
    const auto b = static_cast<unsigned char>(text[pos]);
    if (byte[b]) return true;
    if (!lead[b]) return false;
    for (const std::string& p : prefixes) {
      if (p.size() > text.size() - pos) continue;
      std::size_t k = 0;
      while (k < p.size() && p[k] == text[pos + k]) ++k;
      if (k == p.size()) return true;
    }
    return false;
  }

  // What an ECMAScript pattern (as std::regex reads it: bytes, not
  // characters) can begin with.
  static RegexStarts of(std::string_view pattern);
};

}  // namespace parley::classify
