// The lexer and parser: syntax errors with their offsets, and precedence.
#include <string>

#include "unit/expr/expr_testing.hpp"

using parley::expr::Type;
using parley::expr::testing::Names;

namespace {

// The single syntax error of `source`, as "offset: message".
std::string syntax_error(std::string_view source) {
  const auto errors = Names().errors(source, Type::null);
  REQUIRE(errors.size() == 1);
  return std::to_string(errors[0].offset) + ": " + errors[0].message;
}

}  // namespace

TEST_CASE("syntax errors name the offending character") {
  CHECK(syntax_error("") == "0: the expression is empty");
  CHECK(syntax_error("   ") == "0: the expression is empty");
  CHECK(syntax_error("offer >") == "7: expected a value, found the end of the expression");
  CHECK(syntax_error("(offer > 1") ==
        "10: expected ')' to close the '(' at offset 0, found the end of the expression");
  CHECK(syntax_error("offer = 1") == "6: '=' alone is not a comparison: write '==' to compare");
  CHECK(syntax_error("offer > 1 && buyer.vip") == "10: write 'and' instead of '&&'");
  CHECK(syntax_error("offer > 1 || buyer.vip") == "10: write 'or' instead of '||'");
  CHECK(syntax_error("!buyer.vip") == "0: '!' is not an operator here: write 'not'");
  CHECK(syntax_error("1 < offer < 3") == "10: comparisons cannot be chained: write 'a < b and b < c'");
  CHECK(syntax_error("offer > 1 floor") ==
        "10: unexpected 'floor' after a complete expression (missing 'and' or 'or'?)");
  CHECK(syntax_error("\"abc") == "0: this text is never closed: add the missing \"");
  CHECK(syntax_error("message == 'a\\qb'") == "13: unknown escape in text: only \\\\, \\\", \\', \\n and \\t are allowed");
  CHECK(syntax_error("offer ＞ 1") == "6: unexpected character '＞' (full-width: write '>')");
  CHECK(syntax_error("（offer > 1)") == "0: unexpected character '（' (full-width: write '(')");
  CHECK(syntax_error("offer > 1。") == "9: unexpected character '。'");
  CHECK(syntax_error("offer > 1 \xff") == "10: the expression is not valid UTF-8 text");
  CHECK(syntax_error("min(1, 2") == "8: expected ',' or ')' in the call, found the end of the expression");
  CHECK(syntax_error("offer in [1, 2") == "14: expected ',' or ']' in the list, found the end of the expression");
  CHECK(syntax_error("offer > 1 and") == "13: expected a value, found the end of the expression");
  CHECK(syntax_error(std::string(400, '9')) == "0: the number " + std::string(400, '9') + " is too large");
}

TEST_CASE("nesting is bounded, so no input exhausts the stack") {
  for (const std::string& source :
       {std::string(10000, '(') + "1" + std::string(10000, ')'), std::string(10000, '['),
        [] { std::string s; for (int i = 0; i < 10000; ++i) s += "not "; return s + "true"; }(),
        [] { std::string s = "1"; for (int i = 0; i < 10000; ++i) s += " + 1"; return s; }(),
        [] { std::string s; for (int i = 0; i < 10000; ++i) s += "-"; return s + "1"; }(),
        [] { std::string s; for (int i = 0; i < 10000; ++i) s += "abs("; return s; }()}) {
    const auto errors = Names().errors(source, Type::null);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "the expression is nested too deeply");
  }
  // Ordinary conditions stay far below the bound.
  Names names;
  CHECK(names.eval("((((((((1 + 1))))))))", Type::number).number == 2);
}

TEST_CASE("precedence: not > comparison > and > or, arithmetic as usual") {
  Names names;
  names.set("offer", parley::expr::Value::of(150.0));
  CHECK(names.test("1 + 2 * 3 == 7"));
  CHECK(names.test("(1 + 2) * 3 == 9"));
  CHECK(names.test("10 - 2 - 3 == 5"));
  CHECK(names.test("12 / 2 / 3 == 2"));
  CHECK(names.test("-2 * 3 == -6"));
  CHECK(names.test("- -2 == 2"));
  CHECK(names.test("true or false and false"));
  CHECK(names.test("not true or true"));
  CHECK_FALSE(names.test("not (true or true)"));
  CHECK_FALSE(names.test("not offer > 100"));  // not (offer > 100)
  CHECK(names.test("offer > 100 and offer < 200 or false"));
  CHECK(names.test("offer - 50 * 2 == 50"));
  CHECK(names.test(".5 + 0.5 == 1"));
  CHECK(names.test("offer not in [1, 2] and not offer in [150]") == false);
}
