// The hot path: evaluation of a compiled condition. No allocation, no
// string work beyond comparing and searching views.
#include <cmath>

#include "rules/expr_program.hpp"

namespace parley::expr {
namespace {

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

// Overflow and division by zero give null, never inf or nan.
Value number(double x) { return std::isfinite(x) ? Value::of(x) : Value::null(); }

bool comparable(const Value& a, const Value& b) {
  return a.type == b.type && (a.type == Type::number || a.type == Type::string ||
                              a.type == Type::boolean);
}

}  // namespace

Value Program::eval(std::uint32_t index, Env env) const {
  const Node& n = nodes[index];
  switch (n.op) {
    case Op::constant: return constants[n.a];
    case Op::load: return n.a < env.size() ? env[n.a] : Value::null();
    case Op::not_: return Value::of(!eval(n.a, env).truthy());
    case Op::and_: return Value::of(eval(n.a, env).truthy() && eval(n.b, env).truthy());
    case Op::or_: return Value::of(eval(n.a, env).truthy() || eval(n.b, env).truthy());
    case Op::eq: return Value::of(equal(eval(n.a, env), eval(n.b, env)));
    case Op::ne: {
      const Value l = eval(n.a, env);
      const Value r = eval(n.b, env);
      return Value::of(comparable(l, r) && !equal(l, r));
    }
    case Op::lt: case Op::le: case Op::gt: case Op::ge: {
      const Value l = eval(n.a, env);
      const Value r = eval(n.b, env);
      if (l.type != Type::number || r.type != Type::number) return Value::of(false);
      switch (n.op) {
        case Op::lt: return Value::of(l.number < r.number);
        case Op::le: return Value::of(l.number <= r.number);
        case Op::gt: return Value::of(l.number > r.number);
        default: return Value::of(l.number >= r.number);
      }
    }
    case Op::in: {
      const Value needle = eval(n.a, env);
      const Value haystack = eval(n.b, env);
      if (haystack.type == Type::string) {
        return Value::of(needle.type == Type::string &&
                         haystack.string.find(needle.string) != std::string_view::npos);
      }
      if (haystack.type != Type::list) return Value::of(false);
      for (const Value& element : haystack.list) {
        if (equal(needle, element)) return Value::of(true);
      }
      return Value::of(false);
    }
    case Op::in_elems: {
      const Value needle = eval(args[n.a], env);
      for (std::uint32_t i = n.a + 1; i < n.a + n.b; ++i) {
        if (equal(needle, eval(args[i], env))) return Value::of(true);
      }
      return Value::of(false);
    }
    case Op::negate: {
      const Value v = eval(n.a, env);
      return v.type == Type::number ? Value::of(-v.number) : Value::null();
    }
    case Op::add: case Op::sub: case Op::mul: case Op::div: {
      const Value l = eval(n.a, env);
      const Value r = eval(n.b, env);
      if (l.type != Type::number || r.type != Type::number) return Value::null();
      switch (n.op) {
        case Op::add: return number(l.number + r.number);
        case Op::sub: return number(l.number - r.number);
        case Op::mul: return number(l.number * r.number);
        default: return r.number == 0 ? Value::null() : number(l.number / r.number);
      }
    }
    case Op::has: return Value::of(eval(n.a, env).type != Type::null);
    case Op::min: case Op::max: {
      // Absent values are skipped: max(floor, counter) is the floor when the
      // buyer named no price.
      Value best;
      for (std::uint32_t i = n.a; i < n.a + n.b; ++i) {
        const Value v = eval(args[i], env);
        if (v.type != Type::number) continue;
        if (best.type == Type::null || (n.op == Op::min ? v.number < best.number
                                                        : v.number > best.number)) {
          best = v;
        }
      }
      return best;
    }
    case Op::count: {
      const Value v = eval(n.a, env);
      return Value::of(v.type == Type::list ? static_cast<double>(v.list.size()) : 0.0);
    }
    case Op::abs: case Op::round: {
      const Value v = eval(n.a, env);
      if (v.type != Type::number) return Value::null();
      return Value::of(n.op == Op::abs ? std::fabs(v.number) : std::round(v.number));
    }
    case Op::contains: {
      const Value text = eval(n.a, env);
      const Value word = eval(n.b, env);
      return Value::of(text.type == Type::string && word.type == Type::string &&
                       text.string.find(word.string) != std::string_view::npos);
    }
  }
  return Value::null();
}

}  // namespace parley::expr
