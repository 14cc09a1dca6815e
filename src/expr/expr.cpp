#include "expr/expr.hpp"

#include <algorithm>
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
  for (const auto& d : definitions_) names.push_back(d->name);
  return closest_of(names, name);
}

namespace {
// Offsets are ints, and no condition a person writes comes near this.
constexpr std::size_t kMaxSource = 1 << 16;
}  // namespace

bool Schema::define(std::string name, std::string_view source, std::vector<CompileError>& errors, std::string help) {
  if (find(name) != nullptr || definition(name) != nullptr) {
    throw std::logic_error("expr::Schema: '" + name + "' declared or defined twice");
  }
  if (source.size() > kMaxSource) {
    errors.push_back({0, "the expression is longer than " + std::to_string(kMaxSource) + " bytes"});
    return false;
  }
  auto d = std::make_shared<Definition>();
  d->name = std::move(name);
  d->source = std::string(source);
  d->help = std::move(help);
  std::optional<Ast> ast = parse(d->source, errors);  // its texts point into d->source
  if (!ast) return false;
  d->ast = std::move(*ast);
  if (!check(d->ast, d->source, *this, Type::null, errors)) return false;
  d->type = d->ast.nodes[d->ast.root].type;
  d->depth = tree_depth(d->ast, d->ast.root);
  definitions_.push_back(std::move(d));
  return true;
}

const std::shared_ptr<const Definition>* Schema::definition(std::string_view name) const {
  for (const auto& d : definitions_) {
    if (d->name == name) return &d;
  }
  return nullptr;
}

std::vector<Schema::DefinedName> Schema::defined() const {
  std::vector<DefinedName> out;
  for (const auto& d : definitions_) out.push_back({d->name, d->source, d->type, d->help});
  return out;
}

struct Expression::Impl {
  std::string source;
  std::vector<std::shared_ptr<const Definition>> uses;  // whose sources spans may point into
  Program program;
  std::vector<int> slots_read;
  std::vector<std::uint32_t> early;  // the top-level `and` parts (nodes) that read no deferred name
  std::vector<std::vector<Expression::Atom>> atom_groups;
  Type type = Type::null;  // the static type of the result

  std::string_view text(std::uint32_t node) const {
    const Program::Span& span = program.spans[node];
    const std::string& in = span.source == 0 ? source : uses[span.source - 1]->source;
    return std::string_view(in).substr(span.begin, span.end - span.begin);
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

Expression::Expression(std::unique_ptr<Impl> impl) : impl_(std::move(impl)), program_(&impl_->program) {}
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;
Expression::~Expression() = default;

std::optional<Expression> Expression::compile(std::string_view source, const Schema& schema,
                                              std::vector<CompileError>& errors, Type want) {
  if (source.size() > kMaxSource) {
    errors.push_back({0, "the expression is longer than " + std::to_string(kMaxSource) + " bytes"});
    return std::nullopt;
  }
  std::optional<Ast> ast = parse(source, errors);
  if (!ast || !check(*ast, source, schema, want, errors)) return std::nullopt;

  auto impl = std::make_unique<Impl>();
  impl->source = std::string(source);
  impl->program = lower(*ast);
  impl->uses = std::move(ast->uses);
  impl->type = ast->nodes[ast->root].type;

  std::vector<std::uint32_t> conjuncts;
  impl->chain(impl->program.root, Op::and_, conjuncts);
  for (std::uint32_t node : conjuncts) {
    std::vector<std::uint32_t> loads;
    impl->loads(node, loads);
    if (std::none_of(loads.begin(), loads.end(), [&](std::uint32_t load) {
          return schema.names()[impl->program.nodes[load].a].deferred;
        })) {
      impl->early.push_back(node);
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
bool Expression::test(Env env) const { return program_->truth(program_->root, env); }

bool Expression::test_early(Env env) const {
  for (std::uint32_t part : impl_->early) {
    if (!impl_->program.truth(part, env)) return false;
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
