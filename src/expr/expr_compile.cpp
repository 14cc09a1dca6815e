// Lowering from the checked tree to the flat Program, with constant folding.
#include <utility>

#include "expr/expr_program.hpp"

namespace parley::expr {
namespace {

class Lowering {
 public:
  explicit Lowering(const Ast& ast) : ast_(ast) {}

  Program run() {
    program_.root = lower(ast_.root);
    return std::move(program_);
  }

 private:
  using Span = Program::Span;

  std::uint32_t emit(Op op, std::uint32_t a, std::uint32_t b, Span span, Type type) {
    program_.nodes.push_back({op, type, a, b});
    program_.spans.push_back(span);
    return static_cast<std::uint32_t>(program_.nodes.size() - 1);
  }

  // Copies what a value points to into the program, which outlives the tree.
  Value intern(Value value) {
    if (value.type == Type::string) {
      value.string = program_.strings.emplace_back(value.string);
    } else if (value.type == Type::list) {
      std::vector<Value> elements;
      for (const Value& element : value.list) elements.push_back(intern(element));
      value.list = program_.lists.emplace_back(std::move(elements));
    }
    return value;
  }

  std::uint32_t constant(Value value, Span span) {
    program_.constants.push_back(intern(value));
    return emit(Op::constant, static_cast<std::uint32_t>(program_.constants.size() - 1), 0, span,
                value.type);
  }

  bool is_constant(std::uint32_t node) const { return program_.nodes[node].op == Op::constant; }

  // Nodes are emitted children first, so a subtree is the contiguous range
  // from `first_node` (and its operand lists from `first_arg`) to the end:
  // folding evaluates the node once and replaces the whole range.
  std::uint32_t fold(std::uint32_t node, std::size_t first_node, std::size_t first_arg) {
    bool foldable = true;
    program_.for_each_operand(node, [&](std::uint32_t operand) {
      foldable = foldable && is_constant(operand);
    });
    if (!foldable || is_constant(node)) return node;
    const Value value = program_.eval(node, {});
    const Span span = program_.spans[node];
    program_.nodes.resize(first_node);
    program_.spans.resize(first_node);
    program_.args.resize(first_arg);
    return constant(value, span);
  }

  std::uint32_t operands(const std::vector<int>& kids, Op op, Span span, Type type) {
    std::vector<std::uint32_t> lowered;
    for (int kid : kids) lowered.push_back(lower(kid));
    const auto first = static_cast<std::uint32_t>(program_.args.size());
    program_.args.insert(program_.args.end(), lowered.begin(), lowered.end());
    return emit(op, first, static_cast<std::uint32_t>(lowered.size()), span, type);
  }

  std::uint32_t lower(int id) {
    const AstNode& n = ast_.nodes[id];
    const Span span{n.begin, n.end, n.source};
    const std::size_t first_node = program_.nodes.size();
    const std::size_t first_arg = program_.args.size();
    std::uint32_t node = 0;
    switch (n.kind) {
      case AstNode::Kind::literal: return constant(n.literal, span);
      case AstNode::Kind::identifier:
        if (n.symbol) return constant(Value::of(n.text), span);
        return emit(Op::load, static_cast<std::uint32_t>(n.slot), 0, span, n.type);
      case AstNode::Kind::list: return list(n, span, first_node);
      case AstNode::Kind::unary: node = emit(n.op, lower(n.kids[0]), 0, span, n.type); break;
      case AstNode::Kind::binary:
        if (n.op == Op::and_ || n.op == Op::or_) {
          std::vector<int> kids;
          chain(id, n.op, kids);
          node = operands(kids, n.op, span, n.type);
        } else if (n.op == Op::in && ast_.nodes[n.kids[1]].kind == AstNode::Kind::list) {
          std::vector<int> kids{n.kids[0]};
          const auto& elements = ast_.nodes[n.kids[1]].kids;
          kids.insert(kids.end(), elements.begin(), elements.end());
          node = operands(kids, Op::in_elems, span, n.type);
        } else {
          const std::uint32_t left = lower(n.kids[0]);
          node = emit(n.op, left, lower(n.kids[1]), span, n.type);
        }
        break;
      case AstNode::Kind::call:
        if (n.op == Op::min || n.op == Op::max) {
          node = operands(n.kids, n.op, span, n.type);
        } else if (n.op == Op::contains) {
          const std::uint32_t left = lower(n.kids[0]);
          node = emit(n.op, left, lower(n.kids[1]), span, n.type);
        } else {
          node = emit(n.op, lower(n.kids[0]), 0, span, n.type);
        }
        break;
    }
    return fold(node, first_node, first_arg);
  }

  // The operands of a chain of one operator: a and (b and c) -> [a, b, c].
  void chain(int id, Op op, std::vector<int>& out) const {
    const AstNode& n = ast_.nodes[id];
    if (n.kind != AstNode::Kind::binary || n.op != op) {
      out.push_back(id);
      return;
    }
    chain(n.kids[0], op, out);
    chain(n.kids[1], op, out);
  }

  // A list used as a value holds constants only (the checker made sure).
  std::uint32_t list(const AstNode& n, Span span, std::size_t first_node) {
    std::vector<Value> elements;
    for (int kid : n.kids) {
      const std::uint32_t element = lower(kid);
      elements.push_back(program_.constants[program_.nodes[element].a]);
    }
    program_.nodes.resize(first_node);
    program_.spans.resize(first_node);
    return constant(Value::of_list(elements), span);
  }

  const Ast& ast_;
  Program program_;
};

}  // namespace

Program lower(const Ast& ast) { return Lowering(ast).run(); }

}  // namespace parley::expr
