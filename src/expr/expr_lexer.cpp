#include "expr/expr_lexer.hpp"

#include <charconv>
#include <cmath>

#include "util/utf8.hpp"

namespace parley::expr {
namespace {

// Full-width forms and CJK punctuation (＞, （, ，, 。) are what a Chinese
// keyboard types instead of the operators; they are never part of a name.
bool full_width(char32_t cp) {
  return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

// The length of the identifier character at text[pos], or 0. Identifiers may
// hold non-ASCII letters, so symbols can be Chinese words.
std::size_t ident_char(std::string_view text, std::size_t pos, bool first) {
  const unsigned char c = text[pos];
  if (c < 0x80) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    return letter || (!first && c >= '0' && c <= '9') ? 1 : 0;
  }
  char32_t cp = 0;
  const std::size_t length = utf8::decode(text, pos, &cp);
  return full_width(cp) ? 0 : length;
}
bool digit(unsigned char c) { return c >= '0' && c <= '9'; }

Tok keyword(std::string_view word) {
  if (word == "and") return Tok::kw_and;
  if (word == "or") return Tok::kw_or;
  if (word == "not") return Tok::kw_not;
  if (word == "in") return Tok::kw_in;
  if (word == "true") return Tok::kw_true;
  if (word == "false") return Tok::kw_false;
  if (word == "null") return Tok::kw_null;
  return Tok::identifier;
}

class Lexer {
 public:
  Lexer(std::string_view source, std::vector<Token>& tokens, std::vector<CompileError>& errors)
      : src_(source), tokens_(tokens), errors_(errors) {}

  bool run() {
    if (std::size_t bad = utf8::find_invalid(src_); bad < src_.size()) {
      return fail(bad, "the expression is not valid UTF-8 text");
    }
    while (true) {
      while (pos_ < src_.size() && is_space(src_[pos_])) ++pos_;
      if (pos_ >= src_.size()) break;
      if (!next()) return false;
    }
    push(Tok::end, pos_, pos_);
    return true;
  }

 private:
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  bool fail(std::size_t offset, std::string message) {
    errors_.push_back({static_cast<int>(offset), std::move(message)});
    return false;
  }

  Token& push(Tok kind, std::size_t begin, std::size_t end) {
    tokens_.push_back({kind, static_cast<int>(begin), static_cast<int>(end), 0, {}});
    return tokens_.back();
  }

  bool next() {
    const std::size_t begin = pos_;
    const unsigned char c = src_[pos_];
    const char after = pos_ + 1 < src_.size() ? src_[pos_ + 1] : '\0';
    if (digit(c) || (c == '.' && digit(after))) return number();
    if (c == '"' || c == '\'') return string();
    if (ident_char(src_, pos_, true) > 0) return identifier();
    auto one = [&](Tok kind) { ++pos_; push(kind, begin, pos_); return true; };
    auto two = [&](Tok kind) { pos_ += 2; push(kind, begin, pos_); return true; };
    switch (c) {
      case '(': return one(Tok::lparen);
      case ')': return one(Tok::rparen);
      case '[': return one(Tok::lbracket);
      case ']': return one(Tok::rbracket);
      case ',': return one(Tok::comma);
      case '+': return one(Tok::plus);
      case '-': return one(Tok::minus);
      case '*': return one(Tok::star);
      case '/': return one(Tok::slash);
      case '<': return after == '=' ? two(Tok::le) : one(Tok::lt);
      case '>': return after == '=' ? two(Tok::ge) : one(Tok::gt);
      case '=':
        if (after == '=') return two(Tok::eq);
        return fail(begin, "'=' alone is not a comparison: write '==' to compare");
      case '!':
        if (after == '=') return two(Tok::ne);
        return fail(begin, "'!' is not an operator here: write 'not'");
      case '&': return fail(begin, "write 'and' instead of '&&'");
      case '|': return fail(begin, "write 'or' instead of '||'");
      default: break;
    }
    char32_t cp = 0;
    std::size_t length = utf8::decode(src_, pos_, &cp);
    if (length == 0) length = 1;
    std::string message = "unexpected character '" + std::string(src_.substr(pos_, length)) + "'";
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      message += " (full-width: write '" + std::string(1, static_cast<char>(cp - 0xFEE0)) + "')";
    }
    return fail(begin, message);
  }

  bool number() {
    const std::size_t begin = pos_;
    while (pos_ < src_.size() && digit(src_[pos_])) ++pos_;
    if (pos_ < src_.size() && src_[pos_] == '.') {
      ++pos_;
      while (pos_ < src_.size() && digit(src_[pos_])) ++pos_;
    }
    double value = 0;
    auto [ptr, ec] = std::from_chars(src_.data() + begin, src_.data() + pos_, value);
    if (ec == std::errc::result_out_of_range || !std::isfinite(value)) {
      return fail(begin, "the number " + std::string(src_.substr(begin, pos_ - begin)) + " is too large");
    }
    if (ec != std::errc() || ptr != src_.data() + pos_) {
      return fail(begin, "'" + std::string(src_.substr(begin, pos_ - begin)) + "' is not a number");
    }
    push(Tok::number, begin, pos_).number = value;
    return true;
  }

  bool string() {
    const std::size_t begin = pos_;
    const char quote = src_[pos_++];
    std::string text;
    while (pos_ < src_.size() && src_[pos_] != quote) {
      char c = src_[pos_];
      if (c == '\\') {
        const char escaped = pos_ + 1 < src_.size() ? src_[pos_ + 1] : '\0';
        switch (escaped) {
          case '\\': case '"': case '\'': c = escaped; break;
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          default:
            return fail(pos_, "unknown escape in text: only \\\\, \\\", \\', \\n and \\t are allowed");
        }
        ++pos_;
      }
      text += c;
      ++pos_;
    }
    if (pos_ >= src_.size()) return fail(begin, "this text is never closed: add the missing " +
                                                    std::string(1, quote));
    ++pos_;
    push(Tok::string, begin, pos_).text = std::move(text);
    return true;
  }

  bool identifier() {
    const std::size_t begin = pos_;
    while (pos_ < src_.size()) {
      if (const std::size_t length = ident_char(src_, pos_, false); length > 0) {
        pos_ += length;
      } else if (src_[pos_] == '.' && pos_ + 1 < src_.size() && ident_char(src_, pos_ + 1, true) > 0) {
        ++pos_;  // dotted names such as buyer.vip are one identifier
      } else {
        break;
      }
    }
    push(keyword(src_.substr(begin, pos_ - begin)), begin, pos_);
    return true;
  }

  std::string_view src_;
  std::vector<Token>& tokens_;
  std::vector<CompileError>& errors_;
  std::size_t pos_ = 0;
};

}  // namespace

bool tokenize(std::string_view source, std::vector<Token>& tokens,
              std::vector<CompileError>& errors) {
  return Lexer(source, tokens, errors).run();
}

std::string describe(const Token& token, std::string_view source) {
  if (token.kind == Tok::end) return "the end of the expression";
  return "'" + std::string(source.substr(token.begin, token.end - token.begin)) + "'";
}

}  // namespace parley::expr
