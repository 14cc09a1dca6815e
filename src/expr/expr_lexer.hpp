// expr/expr_lexer.hpp: splits a condition into tokens.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr/expr.hpp"

namespace parley::expr {

enum class Tok : unsigned char {
  end, number, string, identifier,
  kw_and, kw_or, kw_not, kw_in, kw_true, kw_false, kw_null,
  lparen, rparen, lbracket, rbracket, comma,
  eq, ne, lt, le, gt, ge, plus, minus, star, slash,
};

struct Token {
  Tok kind = Tok::end;
  int begin = 0, end = 0;  // byte span in the source
  double number = 0;       // for Tok::number
  std::string text;        // for Tok::string: the unescaped contents
};

// Appends the tokens of `source` to `tokens`, ending with Tok::end. On the
// first lexical error appends it to `errors` and returns false.
bool tokenize(std::string_view source, std::vector<Token>& tokens,
              std::vector<CompileError>& errors);

// How a token is shown in messages: "'and'", "the end of the expression".
std::string describe(const Token& token, std::string_view source);

}  // namespace parley::expr
