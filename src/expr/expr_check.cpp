#include "expr/expr_check.hpp"

#include <algorithm>
#include <optional>

#include "expr/expr_text.hpp"

namespace parley::expr {
namespace {

struct Function {
  std::string_view name;
  Op op;
  int min_args;
  int max_args;  // -1: any number
};

constexpr Function kFunctions[] = {
    {"has", Op::has, 1, 1},     {"min", Op::min, 1, -1},   {"max", Op::max, 1, -1},
    {"count", Op::count, 1, 1}, {"abs", Op::abs, 1, 1},    {"round", Op::round, 1, 1},
    {"contains", Op::contains, 2, 2},
};

std::string_view noun(Type type) {
  switch (type) {
    case Type::number: return "a number";
    case Type::boolean: return "a true/false value";
    case Type::string: return "text";
    case Type::list: return "a list";
    case Type::null: break;
  }
  return "null";
}

std::string_view operator_text(Op op) {
  switch (op) {
    case Op::and_: return "and";
    case Op::or_: return "or";
    case Op::not_: return "not";
    case Op::negate: case Op::sub: return "-";
    case Op::add: return "+";
    case Op::mul: return "*";
    case Op::div: return "/";
    case Op::lt: return "<";
    case Op::le: return "<=";
    case Op::gt: return ">";
    case Op::ge: return ">=";
    case Op::eq: return "==";
    case Op::ne: return "!=";
    default: return "in";
  }
}

// Every check returns the static type of its node, or nullopt when an error
// was reported inside it (so one mistake does not cascade into several).
using Result = std::optional<Type>;

class Checker {
 public:
  Checker(Ast& ast, std::string_view source, const Schema& schema, std::vector<CompileError>& errors)
      : ast_(ast), src_(source), schema_(schema), errors_(errors) {}

  bool run(Type want) {
    const std::size_t before = errors_.size();
    const Result type = check(ast_.root);
    if (type && want != Type::null && *type != want && *type != Type::null) {
      const AstNode& root = ast_.nodes[ast_.root];
      if (want == Type::boolean) {
        error(root.begin, "a condition must be true or false, but " + snippet(ast_.root) + " is " +
                              std::string(noun(*type)));
      } else {
        error(root.begin, "expected " + std::string(noun(want)) + ", but " + snippet(ast_.root) +
                              " is " + std::string(noun(*type)));
      }
    }
    return errors_.size() == before;
  }

 private:
  AstNode& node(int id) { return ast_.nodes[id]; }

  void error(int offset, std::string message) { errors_.push_back({offset, std::move(message)}); }

  std::string snippet(int id) {
    return std::string(shorten(src_.substr(node(id).begin, node(id).end - node(id).begin)));
  }

  bool is_null_literal(int id) {
    return node(id).kind == AstNode::Kind::literal && node(id).literal.type == Type::null;
  }

  // The Schema entry an identifier names, when that entry has symbols: the
  // other side of a comparison with it may then be a bare symbol.
  const NameInfo* symbolic(int id) {
    if (node(id).kind != AstNode::Kind::identifier) return nullptr;
    const NameInfo* info = schema_.find(node(id).text);
    return info != nullptr && !info->symbols.empty() ? info : nullptr;
  }

  std::string not_a_value(std::string_view value, const NameInfo& of) {
    return std::string(value) + " is not a value of " + of.name + " (one of: " +
           join_limited(of.symbols, 8) + ")";
  }

  // A string literal compared with a symbolic name must be one of its symbols.
  void check_symbol_literal(const NameInfo* of, int id) {
    const AstNode& n = node(id);
    if (of == nullptr || n.kind != AstNode::Kind::literal || n.literal.type != Type::string) return;
    if (std::find(of->symbols.begin(), of->symbols.end(), n.literal.string) == of->symbols.end()) {
      error(n.begin, not_a_value(snippet(id), *of));
    }
  }

  bool reads_names(int id) {
    const AstNode& n = node(id);
    if (n.slot >= 0) return true;
    return std::any_of(n.kids.begin(), n.kids.end(), [&](int kid) { return reads_names(kid); });
  }

  Result check(int id, const NameInfo* symbols_of = nullptr) {
    struct Depth {
      explicit Depth(int& d) : depth(++d) {}
      ~Depth() { --depth; }
      int& depth;
    } depth(depth_);
    AstNode& n = node(id);
    Result type;
    switch (n.kind) {
      case AstNode::Kind::literal: type = n.literal.type; break;
      case AstNode::Kind::identifier: type = identifier(id, symbols_of); break;
      case AstNode::Kind::list: type = list(id); break;
      case AstNode::Kind::call: type = call(id); break;
      case AstNode::Kind::unary: type = unary(id); break;
      case AstNode::Kind::binary: type = binary(id); break;
    }
    if (type) node(id).type = *type;
    return type;
  }

  Result identifier(int id, const NameInfo* symbols_of) {
    AstNode& n = node(id);
    if (symbols_of != nullptr && std::find(symbols_of->symbols.begin(), symbols_of->symbols.end(),
                                           n.text) != symbols_of->symbols.end()) {
      n.symbol = true;
      return Type::string;
    }
    if (const NameInfo* info = schema_.find(n.text)) {
      n.slot = info->slot;
      return info->type;
    }
    if (const auto* definition = schema_.definition(n.text)) return graft(id, *definition);
    if (symbols_of != nullptr) {
      error(n.begin, not_a_value("'" + std::string(n.text) + "'", *symbols_of));
    } else {
      std::string message = "unknown name '" + std::string(n.text) + "'";
      if (std::string guess = schema_.closest(n.text); !guess.empty()) {
        message += " (did you mean '" + guess + "'?)";
      }
      error(n.begin, message);
    }
    return std::nullopt;
  }

  // Reads a definition's checked tree in place of the identifier `id`: its
  // nodes are appended (their texts still in the definition's source, which
  // the tree keeps through `uses`), and `id` becomes the copy of its root,
  // with the identifier's own place in this source.
  Result graft(int id, const std::shared_ptr<const Definition>& definition) {
    const Definition& d = *definition;
    if (depth_ + d.depth > kMaxExpandedDepth) {
      error(node(id).begin, "'" + d.name + "' nests named conditions too deeply here (more than " +
                                std::to_string(kMaxExpandedDepth) + " levels)");
      return std::nullopt;
    }
    // Where each of the definition's sources goes in this tree's uses.
    auto use = [&](const std::shared_ptr<const Definition>& u) {
      auto at = std::find(ast_.uses.begin(), ast_.uses.end(), u);
      if (at == ast_.uses.end()) at = ast_.uses.insert(ast_.uses.end(), u);
      return static_cast<std::uint16_t>(at - ast_.uses.begin() + 1);
    };
    std::vector<std::uint16_t> sources{use(definition)};
    for (const auto& u : d.ast.uses) sources.push_back(use(u));
    const int offset = static_cast<int>(ast_.nodes.size());
    for (AstNode copy : d.ast.nodes) {
      for (int& kid : copy.kids) kid += offset;
      copy.source = sources[copy.source];
      ast_.nodes.push_back(std::move(copy));
    }
    const AstNode& self = node(id);
    AstNode root = ast_.nodes[offset + d.ast.root];
    root.begin = self.begin;
    root.end = self.end;
    root.op_offset = self.op_offset;
    root.source = self.source;
    node(id) = std::move(root);
    return d.type;
  }

  // A list used as a value: its elements are fixed values of one type.
  Result list(int id) {
    bool ok = true;
    std::optional<Type> element;
    for (int kid : node(id).kids) {
      const Result type = check(kid);
      if (!type) {
        ok = false;
      } else if (reads_names(kid)) {
        error(node(kid).begin, "a list here may only hold fixed values, but " + snippet(kid) +
                                   " changes from message to message");
        ok = false;
      } else if (*type == Type::null || *type == Type::list) {
        error(node(kid).begin, "a list may hold numbers, text or true/false, but " + snippet(kid) +
                                   " is " + std::string(noun(*type)));
        ok = false;
      } else if (element && *element != *type) {
        error(node(kid).begin, "a list holds values of one kind, but " + snippet(kid) + " is " +
                                   std::string(noun(*type)) + " and the first is " +
                                   std::string(noun(*element)));
        ok = false;
      } else {
        element = type;
      }
    }
    return ok ? Result(Type::list) : std::nullopt;
  }

  // Requires `type` (or the literal null, which fits anywhere) of an operand.
  bool require(int id, const Result& type, Type wanted, std::string_view what) {
    if (!type || *type == wanted || *type == Type::null) return type.has_value();
    error(node(id).begin, std::string(what) + ", but " + snippet(id) + " is " + std::string(noun(*type)));
    return false;
  }

  bool forbid_null(int id, const Result& type) {
    if (!type) return false;
    if (!is_null_literal(id)) return true;
    error(node(id).begin, "comparing with null is never true: write has(x) or not has(x)");
    return false;
  }

  Result unary(int id) {
    const Op op = node(id).op;
    const int kid = node(id).kids[0];
    const Result type = check(kid);
    if (op == Op::not_) {
      return require(kid, type, Type::boolean, "'not' needs a condition (true or false)")
                 ? Result(Type::boolean) : std::nullopt;
    }
    return require(kid, type, Type::number, "'-' needs a number") ? Result(Type::number)
                                                                  : std::nullopt;
  }

  Result binary(int id) {
    const Op op = node(id).op;
    const int left = node(id).kids[0];
    const int right = node(id).kids[1];
    switch (op) {
      case Op::and_: case Op::or_: {
        const std::string what = "'" + std::string(operator_text(op)) +
                                 "' joins conditions (true or false)";
        const bool l = require(left, check(left), Type::boolean, what);
        const bool r = require(right, check(right), Type::boolean, what);
        return l && r ? Result(Type::boolean) : std::nullopt;
      }
      case Op::add: case Op::sub: case Op::mul: case Op::div: {
        const std::string what = "'" + std::string(operator_text(op)) + "' needs numbers";
        const bool l = require(left, check(left), Type::number, what);
        const bool r = require(right, check(right), Type::number, what);
        return l && r ? Result(Type::number) : std::nullopt;
      }
      case Op::lt: case Op::le: case Op::gt: case Op::ge: {
        const std::string what = "'" + std::string(operator_text(op)) + "' compares numbers";
        const Result lt = check(left);
        const Result rt = check(right);
        const bool l = forbid_null(left, lt) && require(left, lt, Type::number, what);
        const bool r = forbid_null(right, rt) && require(right, rt, Type::number, what);
        return l && r ? Result(Type::boolean) : std::nullopt;
      }
      case Op::eq: case Op::ne: return equality(id, left, right);
      default: return membership(left, right);
    }
  }

  Result equality(int id, int left, int right) {
    const NameInfo* left_symbols = symbolic(left);
    const NameInfo* right_symbols = symbolic(right);
    const Result lt = check(left, right_symbols);
    const Result rt = check(right, left_symbols);
    if (!forbid_null(left, lt) || !forbid_null(right, rt)) return std::nullopt;
    const std::size_t before = errors_.size();
    check_symbol_literal(left_symbols, right);
    check_symbol_literal(right_symbols, left);
    if (errors_.size() != before) return std::nullopt;
    if (*lt != *rt) {
      error(node(right).begin, snippet(left) + " is " + std::string(noun(*lt)) + " but " +
                                   snippet(right) + " is " + std::string(noun(*rt)) +
                                   ", so they cannot be compared");
      return std::nullopt;
    }
    if (*lt == Type::list) {
      error(node(id).op_offset, "lists cannot be compared with '" +
                                    std::string(operator_text(node(id).op)) + "': use 'in'");
      return std::nullopt;
    }
    return Type::boolean;
  }

  // `x in [a, b]`, `x in some_list`, `"word" in some_text`.
  Result membership(int left, int right) {
    if (node(right).kind == AstNode::Kind::list) {
      const NameInfo* symbols = symbolic(left);
      const Result lt = check(left);
      bool ok = forbid_null(left, lt);
      if (ok && *lt == Type::list) {
        error(node(left).begin, "'in' looks for one value in a list, but " + snippet(left) +
                                    " is itself a list");
        ok = false;
      }
      for (int kid : node(right).kids) {
        const Result type = check(kid, symbols);
        if (!forbid_null(kid, type)) {
          ok = false;
          continue;
        }
        const std::size_t before = errors_.size();
        check_symbol_literal(symbols, kid);
        if (errors_.size() != before) {
          ok = false;
        } else if (ok && *type != *lt) {
          error(node(kid).begin, snippet(left) + " is " + std::string(noun(*lt)) + " but " +
                                     snippet(kid) + " is " + std::string(noun(*type)) +
                                     ", so it can never match");
          ok = false;
        }
      }
      node(right).type = Type::list;
      return ok ? Result(Type::boolean) : std::nullopt;
    }
    const Result rt = check(right);
    const Result lt = check(left, symbolic(right));
    if (!forbid_null(left, lt) || !forbid_null(right, rt)) return std::nullopt;
    if (*rt == Type::string) {
      return require(left, lt, Type::string, "'in' with text on its right looks for text in it")
                 ? Result(Type::boolean) : std::nullopt;
    }
    if (*rt != Type::list) {
      error(node(right).begin, "'in' needs a list or text after it, but " + snippet(right) +
                                   " is " + std::string(noun(*rt)));
      return std::nullopt;
    }
    if (*lt == Type::list) {
      error(node(left).begin, "'in' looks for one value in a list, but " + snippet(left) +
                                  " is itself a list");
      return std::nullopt;
    }
    return Type::boolean;
  }

  Result call(int id) {
    AstNode& n = node(id);
    const auto* function = std::find_if(std::begin(kFunctions), std::end(kFunctions),
                                        [&](const Function& f) { return f.name == n.text; });
    const std::vector<int> args = n.kids;
    std::vector<Result> types;
    for (int arg : args) {
      types.push_back(node(arg).kind == AstNode::Kind::list ? list(arg) : check(arg));
      if (types.back()) node(arg).type = *types.back();
    }
    if (function == std::end(kFunctions)) {
      std::vector<std::string> names;
      for (const Function& f : kFunctions) names.emplace_back(f.name);
      std::string message = "unknown function '" + std::string(n.text) + "'";
      if (std::string guess = closest_of(names, n.text); !guess.empty()) {
        message += " (did you mean '" + guess + "'?)";
      } else {
        message += " (the functions are " + join_limited(names, names.size()) + ")";
      }
      error(n.begin, message);
      return std::nullopt;
    }
    node(id).op = function->op;
    const int count = static_cast<int>(args.size());
    if (count < function->min_args || (function->max_args >= 0 && count > function->max_args)) {
      std::string expected = function->max_args < 0
                                 ? "at least " + std::to_string(function->min_args)
                                 : std::to_string(function->min_args);
      error(node(id).begin, std::string(function->name) + "() takes " + expected +
                                (function->min_args == 1 ? " value" : " values") +
                                ", not " + std::to_string(count));
      return std::nullopt;
    }
    const std::string what = std::string(function->name) + "() needs ";
    bool ok = true;
    for (std::size_t i = 0; i < args.size(); ++i) {
      switch (function->op) {
        case Op::has: ok = ok && types[i].has_value(); break;
        case Op::count: ok = require(args[i], types[i], Type::list, what + "a list") && ok; break;
        case Op::contains: ok = require(args[i], types[i], Type::string, what + "text") && ok; break;
        default: ok = require(args[i], types[i], Type::number, what + "numbers") && ok; break;
      }
    }
    if (!ok) return std::nullopt;
    switch (function->op) {
      case Op::has: case Op::contains: return Type::boolean;
      default: return Type::number;
    }
  }

  Ast& ast_;
  std::string_view src_;
  const Schema& schema_;
  std::vector<CompileError>& errors_;
  int depth_ = 0;  // of check()'s recursion, for the depth definitions add
};

}  // namespace

bool check(Ast& ast, std::string_view source, const Schema& schema, Type want,
           std::vector<CompileError>& errors) {
  return Checker(ast, source, schema, errors).run(want);
}

int tree_depth(const Ast& ast, int node) {
  int depth = 1;
  for (int kid : ast.nodes[node].kids) depth = std::max(depth, tree_depth(ast, kid) + 1);
  return depth;
}

}  // namespace parley::expr
