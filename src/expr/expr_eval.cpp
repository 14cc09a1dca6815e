// The hot path: evaluation of a compiled condition. No allocation, no
// string work beyond comparing and searching views.
#include <cmath>
#include <limits>

#include "expr/expr_program.hpp"

namespace parley::expr {
namespace {

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

double as_number(const Value& v) { return v.type == Type::number ? v.number : kNull; }

// Overflow gives null, never inf.
double finite_or_null(double x) { return std::isfinite(x) ? x : kNull; }

Value from_number(double x) { return std::isnan(x) ? Value::null() : Value::of(x); }

// Null equals nothing, itself included: comparisons with null are false.
bool equal(const Value& a, const Value& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case Type::number: return a.number == b.number;
    case Type::string: return a.string == b.string;
    case Type::boolean: return a.boolean == b.boolean;
    default: return false;
  }
}

bool is_number_op(Op op) {
  switch (op) {
    case Op::negate: case Op::add: case Op::sub: case Op::mul: case Op::div:
    case Op::min: case Op::max: case Op::count: case Op::abs: case Op::round:
      return true;
    default:
      return false;
  }
}

// Most operands are names or constants: read them without a call.
inline double operand(const Program& p, std::uint32_t index, Env env) {
  const Program::Node& n = p.nodes[index];
  if (n.op == Op::load) return n.a < env.size() ? as_number(env[n.a]) : kNull;
  if (n.op == Op::constant) return as_number(p.constants[n.a]);
  return p.number(index, env);
}

// A text name or constant, read without building a Value; nullptr for
// anything else (or a name that holds no text now: the slow path decides).
inline const std::string_view* text_operand(const Program& p, std::uint32_t index, Env env) {
  const Program::Node& n = p.nodes[index];
  if (n.op == Op::load) return n.a < env.size() && env[n.a].type == Type::string ? &env[n.a].string : nullptr;
  if (n.op == Op::constant) return p.constants[n.a].type == Type::string ? &p.constants[n.a].string : nullptr;
  return nullptr;
}

// == of two operands, by their static type.
bool equal_operands(const Program& p, std::uint32_t left, std::uint32_t right, Env env) {
  if (p.nodes[left].type == Type::number) return operand(p, left, env) == operand(p, right, env);
  return equal(p.eval(left, env), p.eval(right, env));
}

[[gnu::noinline]] double count(const Program& p, std::uint32_t list, Env env) {
  const Value v = p.eval(list, env);
  return v.type == Type::list ? static_cast<double>(v.list.size()) : 0.0;
}

// The conditions that need whole Values (text, lists, null checks), kept out
// of Program::truth so that its frame stays small for the common cases.
[[gnu::noinline]] bool slow_truth(const Program& p, std::uint32_t index, Env env) {
  const Program::Node& n = p.nodes[index];
  switch (n.op) {
    case Op::eq: return equal_operands(p, n.a, n.b, env);
    case Op::ne: {
      const Value l = p.eval(n.a, env);
      const Value r = p.eval(n.b, env);
      return l.type == r.type && l.type != Type::null && l.type != Type::list && !equal(l, r);
    }
    case Op::in_elems: {
      for (std::uint32_t i = n.a + 1; i < n.a + n.b; ++i) {
        if (equal_operands(p, p.args[n.a], p.args[i], env)) return true;
      }
      return false;
    }
    case Op::in: {
      const Value needle = p.eval(n.a, env);
      const Value haystack = p.eval(n.b, env);
      if (haystack.type == Type::string) {
        return needle.type == Type::string && haystack.string.find(needle.string) != std::string_view::npos;
      }
      if (haystack.type != Type::list) return false;
      for (const Value& element : haystack.list) {
        if (equal(needle, element)) return true;
      }
      return false;
    }
    case Op::has: return p.eval(n.a, env).type != Type::null;
    case Op::contains: {
      const Value text = p.eval(n.a, env);
      const Value word = p.eval(n.b, env);
      return text.type == Type::string && word.type == Type::string &&
             text.string.find(word.string) != std::string_view::npos;
    }
    default: return p.eval(index, env).truthy();
  }
}

// The parts of `and` and `or` chains that most conditions are made of, read
// in the chain's own loop: a name, `not` a name, has(name), a number name
// against a number name or constant, a text name against a constant. Returns
// 0 or 1, or -1 for anything else (then truth() is called).
[[gnu::always_inline]] inline int leaf_truth(const Program& p, std::uint32_t index, Env env) {
  const Program::Node& n = p.nodes[index];
  const auto slot = [&](std::uint32_t s) -> const Value* { return s < env.size() ? &env[s] : nullptr; };
  switch (n.op) {
    case Op::load: {
      const Value* v = slot(n.a);
      return v && v->truthy();
    }
    case Op::not_:
      if (p.nodes[n.a].op == Op::load) {
        const Value* v = slot(p.nodes[n.a].a);
        return !(v && v->truthy());
      }
      return -1;
    case Op::has:
      if (p.nodes[n.a].op == Op::load) {
        const Value* v = slot(p.nodes[n.a].a);
        return v && v->type != Type::null;
      }
      return -1;
    case Op::lt: case Op::le: case Op::gt: case Op::ge: case Op::eq: case Op::ne: {
      const Program::Node& l = p.nodes[n.a];
      const Program::Node& r = p.nodes[n.b];
      if (l.op != Op::load || (r.op != Op::load && r.op != Op::constant)) return -1;
      if (l.type == Type::number) {
        const double a = l.a < env.size() ? as_number(env[l.a]) : kNull;
        const double b = r.op == Op::load ? (r.a < env.size() ? as_number(env[r.a]) : kNull) : as_number(p.constants[r.a]);
        switch (n.op) {
          case Op::lt: return a < b;
          case Op::le: return a <= b;
          case Op::gt: return a > b;
          case Op::ge: return a >= b;
          case Op::eq: return a == b;
          default: return !std::isnan(a) && !std::isnan(b) && a != b;
        }
      }
      if (l.type == Type::string && r.op == Op::constant && (n.op == Op::eq || n.op == Op::ne)) {
        const Value* v = slot(l.a);
        const Value& c = p.constants[r.a];
        if (!v || v->type != Type::string || c.type != Type::string) return n.op == Op::eq ? 0 : -1;
        return (v->string == c.string) == (n.op == Op::eq);
      }
      return -1;
    }
    default: return -1;
  }
}

}  // namespace

bool Program::truth(std::uint32_t index, Env env) const {
  const Node& n = nodes[index];
  switch (n.op) {
    case Op::constant: return constants[n.a].truthy();
    case Op::load: return n.a < env.size() && env[n.a].truthy();
    case Op::not_: return !truth(n.a, env);
    case Op::and_:
      for (std::uint32_t i = n.a; i < n.a + n.b; ++i) {
        const int leaf = leaf_truth(*this, args[i], env);
        if (leaf == 0 || (leaf < 0 && !truth(args[i], env))) return false;
      }
      return true;
    case Op::or_:
      for (std::uint32_t i = n.a; i < n.a + n.b; ++i) {
        const int leaf = leaf_truth(*this, args[i], env);
        if (leaf == 1 || (leaf < 0 && truth(args[i], env))) return true;
      }
      return false;
    case Op::lt: return operand(*this, n.a, env) < operand(*this, n.b, env);
    case Op::le: return operand(*this, n.a, env) <= operand(*this, n.b, env);
    case Op::gt: return operand(*this, n.a, env) > operand(*this, n.b, env);
    case Op::ge: return operand(*this, n.a, env) >= operand(*this, n.b, env);
    case Op::eq:
      if (nodes[n.a].type == Type::number) return operand(*this, n.a, env) == operand(*this, n.b, env);
      if (const std::string_view* l = text_operand(*this, n.a, env), *r = text_operand(*this, n.b, env); l && r) {
        return *l == *r;
      }
      return slow_truth(*this, index, env);
    case Op::ne:
      if (nodes[n.a].type == Type::number) {
        const double l = operand(*this, n.a, env);
        const double r = operand(*this, n.b, env);
        return !std::isnan(l) && !std::isnan(r) && l != r;
      }
      return slow_truth(*this, index, env);
    case Op::has:
      if (nodes[n.a].op == Op::load) return nodes[n.a].a < env.size() && env[nodes[n.a].a].type != Type::null;
      return slow_truth(*this, index, env);
    default: return slow_truth(*this, index, env);
  }
}

double Program::number(std::uint32_t index, Env env) const {
  const Node& n = nodes[index];
  switch (n.op) {
    case Op::constant: return as_number(constants[n.a]);
    case Op::load: return n.a < env.size() ? as_number(env[n.a]) : kNull;
    case Op::negate: return -operand(*this, n.a, env);
    case Op::add: return finite_or_null(operand(*this, n.a, env) + operand(*this, n.b, env));
    case Op::sub: return finite_or_null(operand(*this, n.a, env) - operand(*this, n.b, env));
    case Op::mul: return finite_or_null(operand(*this, n.a, env) * operand(*this, n.b, env));
    case Op::div: {
      const double l = operand(*this, n.a, env);
      const double r = operand(*this, n.b, env);
      return r == 0 ? kNull : finite_or_null(l / r);  // division by zero is null
    }
    case Op::min: case Op::max: {
      // Absent values are skipped: max(floor, counter) is the floor when the
      // buyer named no price.
      double best = kNull;
      for (std::uint32_t i = n.a; i < n.a + n.b; ++i) {
        const double v = operand(*this, args[i], env);
        if (std::isnan(best) || (n.op == Op::min ? v < best : v > best)) best = v;
      }
      return best;
    }
    case Op::count: return count(*this, n.a, env);
    case Op::abs: return std::fabs(operand(*this, n.a, env));
    case Op::round: return std::round(operand(*this, n.a, env));
    default: return as_number(eval(index, env));
  }
}

Value Program::eval(std::uint32_t index, Env env) const {
  const Node& n = nodes[index];
  if (n.op == Op::constant) return constants[n.a];
  if (n.op == Op::load) return n.a < env.size() ? env[n.a] : Value::null();
  if (is_number_op(n.op)) return from_number(number(index, env));
  return Value::of(truth(index, env));
}

}  // namespace parley::expr
