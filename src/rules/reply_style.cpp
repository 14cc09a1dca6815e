#include "rules/reply_style.hpp"

#include "util/utf8.hpp"

namespace parley::rules {
namespace {

enum class Kind : unsigned char { edge, chinese, latin, field, space, mark, other };

struct Token {
  Kind kind = Kind::other;
  std::size_t offset = 0;
  char ascii = 0;  // the character, when it is ASCII
};

bool chinese(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F)       // CJK symbols and punctuation: 。、「」
         || (c >= 0x3400 && c <= 0x4DBF)    // extension A
         || (c >= 0x4E00 && c <= 0x9FFF)    // unified ideographs
         || (c >= 0xF900 && c <= 0xFAFF)    // compatibility ideographs
         || (c >= 0xFF00 && c <= 0xFFEF)    // full-width forms: ，！？：；（）
         || (c >= 0x20000 && c <= 0x3FFFF)  // extensions B and later
         || c == 0x2014 || c == 0x2026      // — …
         || (c >= 0x2018 && c <= 0x201D);   // ‘ ’ “ ”
}

std::string_view full_width(char c) {
  switch (c) {
    case ',': return "，";
    case '.': return "。";
    case '!': return "！";
    case '?': return "？";
    case ':': return "：";
    case ';': return "；";
    case '(': return "（";
    case ')': return "）";
    default: return {};
  }
}

std::vector<Token> tokens(std::string_view text, bool fields) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (fields && (c == '{' || c == '}')) {
      if (i + 1 < text.size() && text[i + 1] == c) {  // {{ or }}: a brace
        out.push_back({Kind::other, i, c});
        i += 2;
        continue;
      }
      if (c == '{') {
        const std::size_t close = text.find('}', i);
        out.push_back({Kind::field, i, 0});
        i = close == std::string_view::npos ? text.size() : close + 1;
        continue;
      }
    }
    char32_t cp = 0;
    std::size_t n = utf8::decode(text, i, &cp);
    if (n == 0) n = 1;  // not UTF-8: the loader has said so already
    Token t{Kind::other, i, 0};
    if (cp < 0x80) {
      t.ascii = static_cast<char>(cp);
      if (cp == ' ') t.kind = Kind::space;
      else if (!full_width(t.ascii).empty()) t.kind = Kind::mark;
      else if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) t.kind = Kind::latin;
    } else if (chinese(cp)) {
      t.kind = Kind::chinese;
    }
    out.push_back(t);
    i += n;
  }
  return out;
}

// What the nearest token that is not a space is, looking from `i` by `step`.
Kind neighbour(const std::vector<Token>& t, std::size_t i, int step) {
  for (std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + step; j >= 0 && j < static_cast<std::ptrdiff_t>(t.size());
       j += step) {
    if (t[static_cast<std::size_t>(j)].kind != Kind::space) {
      const Kind k = t[static_cast<std::size_t>(j)].kind;
      return k == Kind::field ? Kind::chinese : k;
    }
  }
  return Kind::edge;
}

}  // namespace

std::vector<PunctuationProblem> punctuation_problems(std::string_view text, bool fields) {
  std::vector<PunctuationProblem> out;
  const std::vector<Token> t = tokens(text, fields);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != Kind::mark && t[i].kind != Kind::space) continue;
    const Kind before = neighbour(t, i, -1), after = neighbour(t, i, +1);
    if (t[i].kind == Kind::space) {
      if (before == Kind::chinese && after == Kind::chinese) out.push_back({t[i].offset, ' ', ""});
      continue;
    }
    const bool in_chinese = before == Kind::chinese || after == Kind::chinese;
    const bool in_latin = before == Kind::latin || after == Kind::latin;
    if (in_chinese || !in_latin) out.push_back({t[i].offset, t[i].ascii, full_width(t[i].ascii)});
  }
  return out;
}

}  // namespace parley::rules
