#include "expr/expr_parser.hpp"

#include <algorithm>

#include "expr/expr_lexer.hpp"

namespace parley::expr {
namespace {

// Thrown inside the parser only, caught by parse().
struct SyntaxError {
  int offset;
  std::string message;
};

// Grammar, loosest binding first:
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | compare
//   compare := sum (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in") sum)?
//   sum     := product (("+" | "-") product)*
//   product := unary (("*" | "/") unary)*
//   unary   := "-" unary | primary
//   primary := number | string | true | false | null | name | name "(" args ")"
//            | "(" or ")" | "[" (or ("," or)*)? "]"
class Parser {
 public:
  Parser(std::string_view source, std::vector<Token> tokens)
      : src_(source), tokens_(std::move(tokens)) {}

  Ast run() {
    if (peek().kind == Tok::end) throw SyntaxError{0, "the expression is empty"};
    ast_.root = parse_or();
    if (peek().kind != Tok::end) {
      throw SyntaxError{peek().begin, "unexpected " + describe(peek(), src_) +
                                          " after a complete expression (missing 'and' or 'or'?)"};
    }
    return std::move(ast_);
  }

 private:
  // Bounds the recursion of the parser itself ("not not not ...", "((((").
  struct Nesting {
    explicit Nesting(Parser& p) : parser(p) {
      if (++parser.nesting_ > kMaxDepth) {
        throw SyntaxError{parser.peek().begin, "the expression is nested too deeply"};
      }
    }
    ~Nesting() { --parser.nesting_; }
    Parser& parser;
  };

  const Token& peek(int ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& take() { return tokens_[std::min(pos_++, tokens_.size() - 1)]; }
  bool accept(Tok kind) {
    if (peek().kind != kind) return false;
    ++pos_;
    return true;
  }
  const Token& expect(Tok kind, std::string_view what) {
    if (peek().kind != kind) {
      throw SyntaxError{peek().begin, "expected " + std::string(what) + ", found " + describe(peek(), src_)};
    }
    return take();
  }

  int add(AstNode node) {
    for (int kid : node.kids) {
      node.depth = std::max(node.depth, ast_.nodes[kid].depth + 1);
    }
    if (node.depth > kMaxDepth) throw SyntaxError{node.begin, "the expression is nested too deeply"};
    ast_.nodes.push_back(std::move(node));
    return static_cast<int>(ast_.nodes.size()) - 1;
  }

  static AstNode make(AstNode::Kind kind, int begin, int end, int op_offset) {
    AstNode node;
    node.kind = kind;
    node.begin = begin;
    node.end = end;
    node.op_offset = op_offset;
    return node;
  }

  int unary(Op op, const Token& token, int operand) {
    AstNode node = make(AstNode::Kind::unary, token.begin, ast_.nodes[operand].end, token.begin);
    node.op = op;
    node.kids = {operand};
    return add(std::move(node));
  }

  int binary(Op op, const Token& token, int left, int right) {
    AstNode node = make(AstNode::Kind::binary, ast_.nodes[left].begin, ast_.nodes[right].end,
                        token.begin);
    node.op = op;
    node.kids = {left, right};
    return add(std::move(node));
  }

  int parse_or() {
    Nesting nesting(*this);
    int left = parse_and();
    while (peek().kind == Tok::kw_or) {
      const Token& op = take();
      left = binary(Op::or_, op, left, parse_and());
    }
    return left;
  }

  int parse_and() {
    int left = parse_not();
    while (peek().kind == Tok::kw_and) {
      const Token& op = take();
      left = binary(Op::and_, op, left, parse_not());
    }
    return left;
  }

  int parse_not() {
    if (peek().kind != Tok::kw_not) return parse_compare();
    Nesting nesting(*this);
    const Token& op = take();
    return unary(Op::not_, op, parse_not());
  }

  static bool comparison(Tok kind) {
    return kind == Tok::eq || kind == Tok::ne || kind == Tok::lt || kind == Tok::le ||
           kind == Tok::gt || kind == Tok::ge || kind == Tok::kw_in;
  }

  static Op comparison_op(Tok kind) {
    switch (kind) {
      case Tok::eq: return Op::eq;
      case Tok::ne: return Op::ne;
      case Tok::lt: return Op::lt;
      case Tok::le: return Op::le;
      case Tok::gt: return Op::gt;
      case Tok::ge: return Op::ge;
      default: return Op::in;
    }
  }

  int parse_compare() {
    int left = parse_sum();
    const bool negated = peek().kind == Tok::kw_not && peek(1).kind == Tok::kw_in;
    if (!negated && !comparison(peek().kind)) return left;
    const Token& op = negated ? tokens_[pos_ + 1] : peek();
    const Token& first = take();
    if (negated) take();
    int node = binary(comparison_op(op.kind), op, left, parse_sum());
    if (negated) {
      // `x not in y` reads as `not (x in y)` but keeps its own span.
      node = unary(Op::not_, first, node);
      ast_.nodes[node].begin = ast_.nodes[left].begin;
    }
    if (comparison(peek().kind)) {
      throw SyntaxError{peek().begin, "comparisons cannot be chained: write 'a < b and b < c'"};
    }
    return node;
  }

  int parse_sum() {
    int left = parse_product();
    while (peek().kind == Tok::plus || peek().kind == Tok::minus) {
      const Token& op = take();
      left = binary(op.kind == Tok::plus ? Op::add : Op::sub, op, left, parse_product());
    }
    return left;
  }

  int parse_product() {
    int left = parse_unary();
    while (peek().kind == Tok::star || peek().kind == Tok::slash) {
      const Token& op = take();
      left = binary(op.kind == Tok::star ? Op::mul : Op::div, op, left, parse_unary());
    }
    return left;
  }

  int parse_unary() {
    if (peek().kind != Tok::minus) return parse_primary();
    Nesting nesting(*this);
    const Token& op = take();
    return unary(Op::negate, op, parse_unary());
  }

  int literal(const Token& token, Value value) {
    AstNode node = make(AstNode::Kind::literal, token.begin, token.end, token.begin);
    node.literal = value;
    return add(std::move(node));
  }

  int parse_primary() {
    const Token& token = take();
    switch (token.kind) {
      case Tok::number: return literal(token, Value::of(token.number));
      case Tok::string:
        ast_.strings.push_back(token.text);
        return literal(token, Value::of(std::string_view(ast_.strings.back())));
      case Tok::kw_true: return literal(token, Value::of(true));
      case Tok::kw_false: return literal(token, Value::of(false));
      case Tok::kw_null: return literal(token, Value::null());
      case Tok::identifier: return peek().kind == Tok::lparen ? call(token) : name(token);
      case Tok::lparen: {
        const int inner = parse_or();
        // The span takes in the parentheses, so that an enclosing node's
        // text ("not (a or b)") is whole.
        ast_.nodes[inner].begin = token.begin;
        ast_.nodes[inner].end =
            expect(Tok::rparen, "')' to close the '(' at offset " + std::to_string(token.begin)).end;
        return inner;
      }
      case Tok::lbracket: return list(token);
      default:
        throw SyntaxError{token.begin, "expected a value, found " + describe(token, src_)};
    }
  }

  int name(const Token& token) {
    AstNode node = make(AstNode::Kind::identifier, token.begin, token.end, token.begin);
    node.text = src_.substr(token.begin, token.end - token.begin);
    return add(std::move(node));
  }

  // Reads "(" (or ("," or)*)? close into kids; returns the end offset.
  int items(Tok close, std::string_view what, std::vector<int>& kids) {
    Nesting nesting(*this);
    if (peek().kind != close) {
      do {
        kids.push_back(parse_or());
      } while (accept(Tok::comma));
    }
    return expect(close, what).end;
  }

  int call(const Token& token) {
    take();  // "("
    AstNode node = make(AstNode::Kind::call, token.begin, token.end, token.begin);
    node.text = src_.substr(token.begin, token.end - token.begin);
    node.end = items(Tok::rparen, "',' or ')' in the call", node.kids);
    return add(std::move(node));
  }

  int list(const Token& token) {
    AstNode node = make(AstNode::Kind::list, token.begin, token.end, token.begin);
    node.end = items(Tok::rbracket, "',' or ']' in the list", node.kids);
    return add(std::move(node));
  }

  std::string_view src_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int nesting_ = 0;
  Ast ast_;
};

}  // namespace

std::optional<Ast> parse(std::string_view source, std::vector<CompileError>& errors) {
  std::vector<Token> tokens;
  if (!tokenize(source, tokens, errors)) return std::nullopt;
  try {
    return Parser(source, std::move(tokens)).run();
  } catch (const SyntaxError& e) {
    errors.push_back({e.offset, e.message});
    return std::nullopt;
  }
}

}  // namespace parley::expr
