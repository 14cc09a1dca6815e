// rules/expr_program.hpp: the compiled form of a condition, what evaluate()
// runs: a flat array of nodes whose children come before them, with constants
// folded and names turned into slot indices. Evaluation reads the Env and
// the program only; it never allocates.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "rules/expr_ast.hpp"

namespace parley::expr {

struct Program {
  struct Node {
    Op op = Op::constant;
    // Operands by kind of op:
    //   constant: a = index into constants
    //   load:     a = slot
    //   unary, has, count, abs, round: a = operand node
    //   binary, contains: a, b = operand nodes
    //   min, max, in_elems: args[a .. a + b) are the operand nodes (for
    //   in_elems the first is the value looked for, the rest the list)
    std::uint32_t a = 0;
    std::uint32_t b = 0;
  };
  struct Span {
    int begin = 0, end = 0;  // the node's text in the source, for explain()
  };

  std::vector<Node> nodes;
  std::vector<Span> spans;       // parallel to nodes
  std::vector<std::uint32_t> args;
  std::vector<Value> constants;  // strings and lists point into the pools below
  std::deque<std::string> strings;
  std::vector<std::vector<Value>> lists;  // inner buffers keep their address on move
  std::uint32_t root = 0;

  Value evaluate(Env env) const { return eval(root, env); }
  Value eval(std::uint32_t node, Env env) const;

  // Calls fn(child) for each operand node of `node`.
  template <typename Fn>
  void for_each_operand(std::uint32_t node, Fn fn) const {
    const Node& n = nodes[node];
    switch (n.op) {
      case Op::constant: case Op::load: return;
      case Op::not_: case Op::negate: case Op::has: case Op::count: case Op::abs: case Op::round:
        fn(n.a);
        return;
      case Op::min: case Op::max: case Op::in_elems:
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
