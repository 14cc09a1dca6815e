// expr/expr_program.hpp: the compiled form of a condition, what evaluate()
// runs: a flat array of nodes whose children come before them, with constants
// folded and names turned into slot indices. Evaluation reads the Env and
// the program only; it never allocates.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "expr/expr_ast.hpp"

namespace parley::expr {

struct Program {
  struct Node {
    Op op = Op::constant;
    Type type = Type::null;  // static type, from the checker
    // Operands by kind of op:
    //   constant: a = index into constants
    //   load:     a = slot
    //   unary, has, count, abs, round: a = operand node
    //   comparisons, arithmetic, contains: a, b = operand nodes
    //   and, or, min, max, in_elems: args[a .. a + b) are the operand nodes
    //   (a chain `a and b and c` is one node; for in_elems the first is
    //   the value looked for, the rest the list)
    std::uint32_t a = 0;
    std::uint32_t b = 0;
  };
  struct Span {
    int begin = 0, end = 0;  // the node's text in the source, for explain()
    std::uint16_t source = 0;  // whose source: as AstNode::source
  };

  std::vector<Node> nodes;
  std::vector<Span> spans;       // parallel to nodes
  std::vector<std::uint32_t> args;
  std::vector<Value> constants;  // strings and lists point into the pools below
  std::deque<std::string> strings;
  std::vector<std::vector<Value>> lists;  // inner buffers keep their address on move
  std::uint32_t root = 0;

  // Evaluation is split by static type so that the common nodes (logic,
  // comparisons, arithmetic) never build a Value: number() works on doubles
  // with NaN standing for null (NaN compares false, as null does, and
  // arithmetic never produces NaN otherwise), truth() on bools.
  Value eval(std::uint32_t node, Env env) const;
  bool truth(std::uint32_t node, Env env) const;
  double number(std::uint32_t node, Env env) const;

  // Calls fn(child) for each operand node of `node`.
  template <typename Fn>
  void for_each_operand(std::uint32_t node, Fn fn) const {
    const Node& n = nodes[node];
    switch (n.op) {
      case Op::constant: case Op::load: return;
      case Op::not_: case Op::negate: case Op::has: case Op::count: case Op::abs: case Op::round:
        fn(n.a);
        return;
      case Op::and_: case Op::or_: case Op::min: case Op::max: case Op::in_elems:
        for (std::uint32_t i = n.a; i < n.a + n.b; ++i) fn(args[i]);
        return;
      default:
        fn(n.a);
        fn(n.b);
        return;
    }
  }
};

// Lowers a checked tree to a program, folding constant subexpressions.
// Strings the program holds are copied into it.
Program lower(const Ast& ast);

}  // namespace parley::expr
