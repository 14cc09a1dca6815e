#include "expr/expr.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "expr/expr_check.hpp"
#include "expr/expr_parser.hpp"
#include "expr/expr_program.hpp"
#include "expr/expr_text.hpp"

namespace parley::expr {

std::string_view to_string(Type type) {
  switch (type) {
    case Type::number: return "number";
    case Type::boolean: return "boolean";
    case Type::string: return "string";
    case Type::list: return "list";
    case Type::null: break;
  }
  return "null";
}

std::string Value::to_string() const {
  std::string out;
  append_value(*this, out, Style::explain);
  return out;
}

int Schema::add(std::string name, Type type, std::string help, std::vector<std::string> symbols) {
  if (find(name) != nullptr) throw std::logic_error("expr::Schema: '" + name + "' declared twice");
  const int slot = static_cast<int>(names_.size());
  names_.push_back({std::move(name), type, slot, std::move(symbols), std::move(help)});
  return slot;
}

const NameInfo* Schema::find(std::string_view name) const {
  for (const NameInfo& info : names_) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::string Schema::closest(std::string_view name) const {
  std::vector<std::string> names;
  for (const NameInfo& info : names_) names.push_back(info.name);
  return closest_of(names, name);
}

// A top-level `and` part in a form test() reads without walking the program:
// a boolean name or `not` one, has(name) or `not has(name)`, a number name
// compared with a number name or constant, a text name compared with a text
// constant, or an `or` of such. Anything else is left to Program::truth().
struct Expression::Part {
  enum class Kind : std::uint8_t { program, is_true, is_false, has, has_not, compare, text_eq, text_ne, any };
  Kind kind = Kind::program;
  Op op = Op::eq;            // compare: eq ne lt le gt ge
  bool right_is_slot = false;
  std::uint32_t node = 0;    // program: the part's node
  std::uint32_t left = 0;    // the slot the leaf kinds read
  std::uint32_t right = 0;   // compare: the right slot when right_is_slot
  double constant = 0;       // compare: the right constant otherwise
  std::string_view text;     // text_eq, text_ne: into the program's constants
  std::vector<Part> alternatives;  // any

  static const Value* slot(Env env, std::uint32_t s) { return s < env.size() ? &env[s] : nullptr; }
  static double number(Env env, std::uint32_t s) {
    const Value* v = slot(env, s);
    return v && v->type == Type::number ? v->number : std::numeric_limits<double>::quiet_NaN();
  }

  // As Program::truth() decides: null (NaN) compares false, != included.
  bool holds(const Program& program, Env env) const {
    switch (kind) {
      case Kind::is_true: { const Value* v = slot(env, left); return v && v->truthy(); }
      case Kind::is_false: { const Value* v = slot(env, left); return !(v && v->truthy()); }
      case Kind::has: { const Value* v = slot(env, left); return v && v->type != Type::null; }
      case Kind::has_not: { const Value* v = slot(env, left); return !(v && v->type != Type::null); }
      case Kind::text_eq: { const Value* v = slot(env, left); return v && v->type == Type::string && v->string == text; }
      case Kind::text_ne: { const Value* v = slot(env, left); return v && v->type == Type::string && v->string != text; }
      case Kind::compare: {
        const double l = number(env, left);
        const double r = right_is_slot ? number(env, right) : constant;
        switch (op) {
          case Op::eq: return l == r;
          case Op::ne: return l == l && r == r && l != r;
          case Op::lt: return l < r;
          case Op::le: return l <= r;
          case Op::gt: return l > r;
          default: return l >= r;
        }
      }
      case Kind::any:
        for (const Part& p : alternatives) {
          if (p.holds(program, env)) return true;
        }
        return false;
      default: return program.truth(node, env);
    }
  }

  static Part of(const Program& program, std::uint32_t node) {
    const Program::Node& n = program.nodes[node];
    Part part;
    part.node = node;
    auto load = [&](std::uint32_t operand) { return program.nodes[operand].op == Op::load; };
    auto has_of_load = [&](std::uint32_t operand) {
      return program.nodes[operand].op == Op::has && load(program.nodes[operand].a);
    };
    auto leaf = [&](Kind kind, std::uint32_t load_node) {
      part.kind = kind;
      part.left = program.nodes[load_node].a;
      return part;
    };
    const bool comparison = n.op == Op::eq || n.op == Op::ne || n.op == Op::lt || n.op == Op::le ||
                            n.op == Op::gt || n.op == Op::ge;
    if (n.op == Op::load) return leaf(Kind::is_true, node);
    if (n.op == Op::not_ && load(n.a)) return leaf(Kind::is_false, n.a);
    if (has_of_load(node)) return leaf(Kind::has, n.a);
    if (n.op == Op::not_ && has_of_load(n.a)) return leaf(Kind::has_not, program.nodes[n.a].a);
    if (n.op == Op::or_) {
      part.kind = Kind::any;
      program.for_each_operand(node, [&](std::uint32_t operand) { part.alternatives.push_back(of(program, operand)); });
      return part;
    }
    if (!comparison || !load(n.a)) return part;
    const Program::Node& left = program.nodes[n.a];
    const Program::Node& right = program.nodes[n.b];
    if (left.type == Type::number && right.type == Type::number) {
      if (right.op == Op::load) {
        part.right_is_slot = true;
        part.right = right.a;
      } else if (right.op == Op::constant && program.constants[right.a].type == Type::number) {
        part.constant = program.constants[right.a].number;
      } else {
        return part;
      }
      part.op = n.op;
      return leaf(Kind::compare, n.a);
    }
    if ((n.op == Op::eq || n.op == Op::ne) && left.type == Type::string && right.op == Op::constant &&
        program.constants[right.a].type == Type::string) {
      part.text = program.constants[right.a].string;
      return leaf(n.op == Op::eq ? Kind::text_eq : Kind::text_ne, n.a);
    }
    return part;
  }
};


struct Expression::Impl {
  using Part = Expression::Part;
  std::string source;
  Program program;
  std::vector<Part> parts;  // the top-level `and` parts (or the whole), for test()
  std::vector<int> slots_read;
  std::vector<std::uint32_t> early;  // the parts (indices) that read no deferred name
  std::vector<std::vector<Expression::Atom>> atom_groups;
  Type type = Type::null;  // the static type of the result

  std::string_view text(std::uint32_t node) const {
    const Program::Span& span = program.spans[node];
    return std::string_view(source).substr(span.begin, span.end - span.begin);
  }

  // The operands of `node` if it is an `op` (lowering made chains one
  // node), else the node itself.
  void chain(std::uint32_t node, Op op, std::vector<std::uint32_t>& out) const {
    if (program.nodes[node].op != op) {
      out.push_back(node);
      return;
    }
    program.for_each_operand(node, [&](std::uint32_t operand) { out.push_back(operand); });
  }

  // The atom `node` is (a boolean name, or has() of a name), if it is one.
  // Deferred names are not filled when rules are picked, so they make none.
  std::optional<Expression::Atom> atom(std::uint32_t node, const Schema& schema) const {
    const Program::Node& n = program.nodes[node];
    std::optional<Expression::Atom> found;
    if (n.op == Op::load && schema.names()[n.a].type == Type::boolean) {
      found = Expression::Atom{static_cast<int>(n.a), false};
    } else if (n.op == Op::has && program.nodes[n.a].op == Op::load) {
      found = Expression::Atom{static_cast<int>(program.nodes[n.a].a), true};
    }
    if (found && schema.names()[found->slot].deferred) found.reset();
    return found;
  }

  void loads(std::uint32_t node, std::vector<std::uint32_t>& out) const {
    if (program.nodes[node].op == Op::load) {
      const bool seen = std::any_of(out.begin(), out.end(), [&](std::uint32_t other) {
        return program.nodes[other].a == program.nodes[node].a;
      });
      if (!seen) out.push_back(node);
      return;
    }
    program.for_each_operand(node, [&](std::uint32_t operand) { loads(operand, out); });
  }

  void explain(std::uint32_t node, int depth, Env env, std::vector<TracePart>& parts) const {
    TracePart part;
    part.text = text(node);
    part.holds = program.eval(node, env).truthy();
    part.depth = depth;
    std::vector<std::uint32_t> names;
    loads(node, names);
    for (std::uint32_t load : names) {
      if (!part.values.empty()) part.values += ", ";
      part.values += text(load);
      part.values += " = ";
      append_value(program.eval(load, env), part.values, Style::explain);
    }
    parts.push_back(std::move(part));
    explain_operands(node, depth + 1, env, parts);
  }

  // Expands and/or into their operands and `not` of a compound condition
  // into its condition; comparisons and names are leaves.
  void explain_operands(std::uint32_t node, int depth, Env env, std::vector<TracePart>& parts) const {
    const Program::Node& n = program.nodes[node];
    if (n.op == Op::and_ || n.op == Op::or_) {
      std::vector<std::uint32_t> operands;
      chain(node, n.op, operands);
      for (std::uint32_t operand : operands) explain(operand, depth, env, parts);
    } else if (n.op == Op::not_) {
      const Op inner = program.nodes[n.a].op;
      if (inner == Op::and_ || inner == Op::or_) {
        explain_operands(n.a, depth, env, parts);
      } else if (inner == Op::not_) {
        explain(n.a, depth, env, parts);
      }
    }
  }
};

Expression::Expression(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)), parts_(impl_->parts.data()), part_count_(impl_->parts.size()) {}
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;
Expression::~Expression() = default;

std::optional<Expression> Expression::compile(std::string_view source, const Schema& schema,
                                              std::vector<CompileError>& errors, Type want) {
  // Offsets are ints, and no condition a person writes comes near this.
  constexpr std::size_t kMaxSource = 1 << 16;
  if (source.size() > kMaxSource) {
    errors.push_back({0, "the expression is longer than " + std::to_string(kMaxSource) + " bytes"});
    return std::nullopt;
  }
  std::optional<Ast> ast = parse(source, errors);
  if (!ast || !check(*ast, source, schema, want, errors)) return std::nullopt;

  auto impl = std::make_unique<Impl>();
  impl->source = std::string(source);
  impl->program = lower(*ast);
  impl->type = ast->nodes[ast->root].type;

  std::vector<std::uint32_t> conjuncts;
  impl->chain(impl->program.root, Op::and_, conjuncts);
  for (std::uint32_t node : conjuncts) {
    std::vector<std::uint32_t> loads;
    impl->loads(node, loads);
    impl->parts.push_back(Part::of(impl->program, node));
    if (std::none_of(loads.begin(), loads.end(), [&](std::uint32_t load) {
          return schema.names()[impl->program.nodes[load].a].deferred;
        })) {
      impl->early.push_back(static_cast<std::uint32_t>(impl->parts.size() - 1));
    }
  }
  for (std::uint32_t node : conjuncts) {
    std::vector<std::uint32_t> alternatives;
    impl->chain(node, Op::or_, alternatives);
    std::vector<Atom> group;
    for (std::uint32_t alternative : alternatives) {
      std::optional<Atom> a = impl->atom(alternative, schema);
      if (!a) {
        group.clear();
        break;
      }
      if (std::find(group.begin(), group.end(), *a) == group.end()) group.push_back(*a);
    }
    if (!group.empty()) impl->atom_groups.push_back(std::move(group));
  }
  for (const Program::Node& n : impl->program.nodes) {
    if (n.op == Op::load) impl->slots_read.push_back(static_cast<int>(n.a));
  }
  std::sort(impl->slots_read.begin(), impl->slots_read.end());
  impl->slots_read.erase(std::unique(impl->slots_read.begin(), impl->slots_read.end()),
                         impl->slots_read.end());
  return Expression(std::move(impl));
}

Type Expression::type() const { return impl_->type; }

Value Expression::evaluate(Env env) const { return impl_->program.eval(impl_->program.root, env); }
bool Expression::test(Env env) const {
  for (std::size_t i = 0; i < part_count_; ++i) {
    if (!parts_[i].holds(impl_->program, env)) return false;
  }
  return true;
}

bool Expression::test_early(Env env) const {
  for (std::uint32_t part : impl_->early) {
    if (!impl_->parts[part].holds(impl_->program, env)) return false;
  }
  return true;
}

std::vector<TracePart> Expression::explain(Env env) const {
  std::vector<TracePart> parts;
  const std::uint32_t root = impl_->program.root;
  const Op op = impl_->program.nodes[root].op;
  if (op == Op::and_ || op == Op::or_) {
    impl_->explain_operands(root, 0, env, parts);
  } else {
    impl_->explain(root, 0, env, parts);
  }
  return parts;
}

const std::string& Expression::source() const { return impl_->source; }
const std::vector<int>& Expression::slots_read() const { return impl_->slots_read; }
const std::vector<std::vector<Expression::Atom>>& Expression::atom_groups() const { return impl_->atom_groups; }

}  // namespace parley::expr
