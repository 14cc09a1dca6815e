// expr/expr_ast.hpp: the syntax tree of a condition, as the parser builds it
// and the checker annotates it. Compile-time only; evaluation runs on the
// flat Program of expr_program.hpp.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expr.hpp"

namespace parley::expr {

// Operations, shared by the tree and the flat program.
enum class Op : std::uint8_t {
  constant, load,                                  // leaves (program only)
  not_, negate,                                    // unary
  and_, or_,                                       // logic
  eq, ne, lt, le, gt, ge, in,                      // comparisons
  add, sub, mul, div,                              // arithmetic
  has, min, max, count, abs, round, contains,      // functions
  in_elems,  // `x in [a, b]`: compares x with each element (program only)
};

struct AstNode {
  enum class Kind : std::uint8_t { literal, identifier, list, call, unary, binary };

  Kind kind = Kind::literal;
  Op op = Op::constant;       // for unary, binary and call
  int begin = 0, end = 0;     // byte span in the source, parentheses excluded
  int op_offset = 0;          // the operator or function name, for errors
  int depth = 1;              // height of the subtree
  Value literal;              // literal value; strings point into Ast::strings
  std::string_view text;      // identifier or function name, inside the source
  std::vector<int> kids;

  // Filled by check().
  Type type = Type::null;     // static type; null for the literal null
  int slot = -1;              // an identifier that names a Schema entry
  bool symbol = false;        // an identifier read as a symbol (its own text)
  // Whose text begin/end and `text` are in: 0 the expression's own source,
  // k the source of Ast::uses[k - 1] (a node read from a definition).
  std::uint16_t source = 0;
};

struct Ast {
  std::vector<AstNode> nodes;
  int root = -1;
  std::deque<std::string> strings;  // unescaped string literals (stable addresses)
  // The definitions whose nodes this tree holds (AstNode::source), which
  // keep the texts and strings those nodes point into.
  std::vector<std::shared_ptr<const Definition>> uses;
};

// A named expression, checked (names resolved, definitions it uses read
// in), kept by the Schema and shared by every expression that uses it.
struct Definition {
  std::string name;
  std::string source;  // the tree's texts point into it: never moved once parsed
  std::string help;
  Ast ast;
  Type type = Type::null;
  int depth = 1;  // of the tree, definitions read in
};

}  // namespace parley::expr
