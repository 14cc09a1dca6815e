// Evaluation: null semantics, functions, lists, explain(), atom_groups(),
// a differential test against a naive evaluator, and random input.
#include <cmath>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "unit/expr/expr_testing.hpp"

using parley::expr::Env;
using parley::expr::Expression;
using parley::expr::TracePart;
using parley::expr::Type;
using parley::expr::Value;
using parley::expr::testing::Names;

namespace {

std::string_view operator""_sv(const char* s, std::size_t n) { return {s, n}; }

}  // namespace

TEST_CASE("null: comparisons false, arithmetic null, not null true") {
  Names names;  // every slot null
  for (const char* source : {"offer > 1", "offer < 1", "offer == 1", "offer != 1", "offer >= offer",
                             "stage == bargaining", "stage != bargaining", "offer in [1, 2]",
                             "\"a\" in message", "contains(message, \"a\")", "has(offer)",
                             "buyer.vip", "too_expensive and true", "offer + 1 > 0"}) {
    INFO(source);
    CHECK_FALSE(names.test(source));
  }
  for (const char* source : {"not (offer > 1)", "not has(offer)", "not buyer.vip", "not null",
                             "not (stage != bargaining)", "buyer.vip or true"}) {
    INFO(source);
    CHECK(names.test(source));
  }
  for (const char* source : {"offer + 1", "-offer", "offer * 0", "abs(offer)", "round(offer)",
                             "min(offer, counter)", "null + 1"}) {
    INFO(source);
    CHECK(names.eval(source).type == Type::null);
  }
  CHECK_FALSE(names.test("has(null)"));
}

TEST_CASE("arithmetic never yields inf: division by zero and overflow are null") {
  Names names;
  names.set("offer", Value::of(150.0)).set("floor", Value::of(0.0));
  CHECK(names.eval("offer / floor").type == Type::null);
  CHECK(names.eval("1 / 0").type == Type::null);
  CHECK(names.eval("offer / (floor - floor)").type == Type::null);
  const std::string big = std::string(300, '9');
  CHECK(names.eval(big + " * " + big).type == Type::null);
  CHECK(names.eval("offer * 1" + std::string(308, '0')).type == Type::null);
  CHECK(names.eval("offer / 4").number == 37.5);
  CHECK_FALSE(names.test("offer / floor > 1"));
}

TEST_CASE("every function") {
  Names names;
  const Value tags[] = {Value::of("vip"_sv), Value::of("new"_sv)};
  names.set("offer", Value::of(150.0)).set("floor", Value::of(120.0));
  names.set("message", Value::of("太贵了, 便宜点"_sv)).set("tags", Value::of_list(tags));
  CHECK(names.test("has(offer) and not has(counter)"));
  CHECK(names.eval("min(offer, floor, 130)").number == 120);
  CHECK(names.eval("max(offer, floor, counter)").number == 150);  // null skipped
  CHECK(names.eval("min(counter)").type == Type::null);
  CHECK(names.eval("count(tags)").number == 2);
  CHECK(names.eval("count([1, 2, 3])").number == 3);
  CHECK(names.eval("count([])").number == 0);
  CHECK(names.eval("abs(floor - offer)").number == 30);
  CHECK(names.eval("round(2.5)").number == 3);
  CHECK(names.eval("round(-2.5)").number == -3);
  CHECK(names.eval("round(offer / 7)").number == 21);
  CHECK(names.test("contains(message, \"贵\")"));
  CHECK_FALSE(names.test("contains(message, \"包邮\")"));
}

TEST_CASE("`in` over list literals, list names and text") {
  Names names;
  const Value tags[] = {Value::of("vip"_sv), Value::of(3.0)};
  names.set("offer", Value::of(150.0)).set("tags", Value::of_list(tags));
  names.set("message", Value::of("150包邮行吗"_sv)).set("stage", Value::of("closing"_sv));
  CHECK(names.test("offer in [100, 150]"));
  CHECK(names.test("offer in [100, floor, offer]"));
  CHECK_FALSE(names.test("offer in [100, 200]"));
  CHECK(names.test("offer not in [100, 200]"));
  CHECK(names.test("\"vip\" in tags"));
  CHECK(names.test("3 in tags"));
  CHECK_FALSE(names.test("\"new\" in tags"));
  CHECK(names.test("\"包邮\" in message"));
  CHECK_FALSE(names.test("\"便宜\" in message"));
  CHECK(names.test("stage in [greeting, closing]"));
  CHECK(names.test("stage in [\"closing\"]"));
  CHECK(names.test("1 in [1, 2] and \"a\" in \"abc\""));  // folded at compile time
}

TEST_CASE("explain() gives one part per conjunct, with values and outcome") {
  Names names;
  names.set("too_expensive", Value::of(true)).set("round", Value::of(2.0));
  names.set("offer", Value::of(150.0)).set("floor", Value::of(120.0));
  names.set("stage", Value::of("bargaining"_sv));
  const Expression e = names.compile("too_expensive and round >= 3 and offer > floor");
  const std::vector<TracePart> parts = e.explain(names.env);
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].text == "too_expensive");
  CHECK(parts[0].values == "too_expensive = true");
  CHECK(parts[0].holds);
  CHECK(parts[1].text == "round >= 3");
  CHECK(parts[1].values == "round = 2");
  CHECK_FALSE(parts[1].holds);
  CHECK(parts[2].text == "offer > floor");
  CHECK(parts[2].values == "offer = 150, floor = 120");
  CHECK(parts[2].holds);
  for (const TracePart& part : parts) CHECK(part.depth == 0);
  CHECK_FALSE(e.test(names.env));
}

TEST_CASE("explain() expands nested and/or/not with depth") {
  Names names;
  names.set("offer", Value::of(150.0)).set("floor", Value::of(120.0)).set("buyer.vip", Value::of(false));
  names.set("stage", Value::of("bargaining"_sv));
  const auto parts = names.compile(
      "stage == bargaining and (offer - floor > 50 or buyer.vip) and not (offer < floor or offer > 1000)")
      .explain(names.env);
  std::vector<std::string> lines;
  for (const TracePart& p : parts) {
    lines.push_back(std::string(p.depth * 2, ' ') + p.text + " [" + p.values + "] " +
                    (p.holds ? "yes" : "no"));
  }
  CHECK(lines == std::vector<std::string>{
                     "stage == bargaining [stage = \"bargaining\"] yes",
                     "(offer - floor > 50 or buyer.vip) [offer = 150, floor = 120, buyer.vip = false] no",
                     "  offer - floor > 50 [offer = 150, floor = 120] no",
                     "  buyer.vip [buyer.vip = false] no",
                     "not (offer < floor or offer > 1000) [offer = 150, floor = 120] yes",
                     "  offer < floor [offer = 150, floor = 120] no",
                     "  offer > 1000 [offer = 150] no",
                 });
  // A single comparison is one part; null reads as null.
  const auto single = Names().compile("offer > floor").explain(Names().env);
  REQUIRE(single.size() == 1);
  CHECK(single[0].values == "offer = null, floor = null");
  CHECK_FALSE(single[0].holds);
}

TEST_CASE("values print for explanations") {
  const Value list[] = {Value::of("a"_sv), Value::of(1.5)};
  CHECK(Value::of(150.0).to_string() == "150");
  CHECK(Value::of(0.85).to_string() == "0.85");
  CHECK(Value::of(169 * 0.9).to_string() == "152.1");
  CHECK(Value::of(-0.0000001).to_string() == "0");
  CHECK(Value::of("paid"_sv).to_string() == "\"paid\"");
  CHECK(Value::of(true).to_string() == "true");
  CHECK(Value::null().to_string() == "null");
  CHECK(Value::of_list(list).to_string() == "[\"a\", 1.5]");
  CHECK(parley::expr::to_string(Type::boolean) == "boolean");
}

TEST_CASE("an Env shorter than the schema reads missing slots as null") {
  Names names;
  const Expression e = names.compile("has(tags) or offer > 1");
  CHECK_FALSE(e.test(Env{}));
  CHECK(e.explain(Env{}).size() == 2);
}

// ---- Differential test: compiled programs against a naive tree walker. ----

namespace {

// A random well-typed expression: its source and a direct evaluator.
struct Generated {
  std::string source;
  std::function<Value(const std::vector<Value>&)> eval;
};

class Generator {
 public:
  Generator(const Names& names, std::mt19937& rng) : names_(names), rng_(rng) {}

  Generated number(int depth) {
    const int pick = uniform(depth <= 0 ? 2 : 10);
    switch (pick) {
      case 0: {
        const double value = uniform(7) - 2;
        return {fmt(value), [value](const auto&) { return Value::of(value); }};
      }
      case 1: {
        static const char* kNames[] = {"offer", "floor", "round", "counter"};
        const char* name = kNames[uniform(4)];
        const int slot = names_.slot(name);
        return {name, [slot](const auto& env) { return env[slot]; }};
      }
      case 2: case 3: case 4: case 5: {
        static const char* kOps[] = {"+", "-", "*", "/"};
        const int op = pick - 2;
        Generated l = number(depth - 1), r = number(depth - 1);
        return {"(" + l.source + " " + kOps[op] + " " + r.source + ")",
                [op, l = l.eval, r = r.eval](const auto& env) {
                  const Value a = l(env), b = r(env);
                  if (a.type == Type::null || b.type == Type::null) return Value::null();
                  double x = op == 0 ? a.number + b.number : op == 1 ? a.number - b.number
                           : op == 2 ? a.number * b.number : a.number / b.number;
                  if (op == 3 && b.number == 0) return Value::null();
                  return std::isfinite(x) ? Value::of(x) : Value::null();
                }};
      }
      case 6: {
        Generated x = number(depth - 1);
        return {"-" + x.source, [x = x.eval](const auto& env) {
                  const Value v = x(env);
                  return v.type == Type::null ? v : Value::of(-v.number);
                }};
      }
      case 7: case 8: {
        const bool is_min = pick == 7;
        Generated a = number(depth - 1), b = number(depth - 1);
        return {std::string(is_min ? "min(" : "max(") + a.source + ", " + b.source + ")",
                [is_min, a = a.eval, b = b.eval](const auto& env) {
                  const Value x = a(env), y = b(env);
                  if (x.type == Type::null) return y;
                  if (y.type == Type::null) return x;
                  return Value::of(is_min ? std::min(x.number, y.number) : std::max(x.number, y.number));
                }};
      }
      default: {
        const bool is_abs = uniform(2) == 0;
        Generated x = number(depth - 1);
        return {std::string(is_abs ? "abs(" : "round(") + x.source + ")",
                [is_abs, x = x.eval](const auto& env) {
                  const Value v = x(env);
                  if (v.type == Type::null) return v;
                  return Value::of(is_abs ? std::fabs(v.number) : std::round(v.number));
                }};
      }
    }
  }

  Generated boolean(int depth) {
    const int pick = uniform(depth <= 0 ? 3 : 9);
    switch (pick) {
      case 0: {
        const bool value = uniform(2) == 0;
        return {value ? "true" : "false", [value](const auto&) { return Value::of(value); }};
      }
      case 1: {
        const char* name = uniform(2) == 0 ? "too_expensive" : "buyer.vip";
        const int slot = names_.slot(name);
        return {name, [slot](const auto& env) { return env[slot]; }};
      }
      case 2: {
        static const char* kStages[] = {"greeting", "bargaining", "closing"};
        const std::string stage = kStages[uniform(3)];
        const bool equal = uniform(2) == 0;
        const int slot = names_.slot("stage");
        return {std::string("stage ") + (equal ? "== " : "!= ") + stage,
                [stage, equal, slot](const auto& env) {
                  const Value v = env[slot];
                  if (v.type == Type::null) return Value::of(false);
                  return Value::of((v.string == stage) == equal);
                }};
      }
      case 3: case 4: {
        static const char* kOps[] = {"==", "!=", "<", "<=", ">", ">="};
        const int op = uniform(6);
        Generated l = number(depth - 1), r = number(depth - 1);
        return {"(" + l.source + " " + kOps[op] + " " + r.source + ")",
                [op, l = l.eval, r = r.eval](const auto& env) {
                  const Value a = l(env), b = r(env);
                  if (a.type == Type::null || b.type == Type::null) return Value::of(false);
                  const double x = a.number, y = b.number;
                  const bool results[] = {x == y, x != y, x < y, x <= y, x > y, x >= y};
                  return Value::of(results[op]);
                }};
      }
      case 5: case 6: {
        const bool is_and = pick == 5;
        Generated l = boolean(depth - 1), r = boolean(depth - 1);
        return {"(" + l.source + (is_and ? " and " : " or ") + r.source + ")",
                [is_and, l = l.eval, r = r.eval](const auto& env) {
                  const bool a = l(env).truthy(), b = r(env).truthy();
                  return Value::of(is_and ? a && b : a || b);
                }};
      }
      case 7: {
        Generated x = boolean(depth - 1);
        return {"not " + x.source, [x = x.eval](const auto& env) { return Value::of(!x(env).truthy()); }};
      }
      default: {
        Generated needle = number(depth - 1), a = number(depth - 1), b = number(depth - 1);
        if (uniform(2) == 0) {
          return {"has(" + needle.source + ")",
                  [x = needle.eval](const auto& env) { return Value::of(x(env).type != Type::null); }};
        }
        return {needle.source + " in [" + a.source + ", " + b.source + "]",
                [n = needle.eval, a = a.eval, b = b.eval](const auto& env) {
                  const Value x = n(env);
                  if (x.type == Type::null) return Value::of(false);
                  for (const Value& y : {a(env), b(env)}) {
                    if (y.type == Type::number && y.number == x.number) return Value::of(true);
                  }
                  return Value::of(false);
                }};
      }
    }
  }

  void randomize(std::vector<Value>& env) {
    static const std::string_view kStages[] = {"greeting", "bargaining", "closing"};
    for (const char* name : {"offer", "floor", "round", "counter"}) {
      env[names_.slot(name)] = uniform(5) == 0 ? Value::null() : Value::of(double(uniform(9) - 3));
    }
    for (const char* name : {"too_expensive", "buyer.vip"}) {
      env[names_.slot(name)] = uniform(4) == 0 ? Value::null() : Value::of(uniform(2) == 0);
    }
    env[names_.slot("stage")] = uniform(4) == 0 ? Value::null() : Value::of(kStages[uniform(3)]);
  }

 private:
  int uniform(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  static std::string fmt(double value) {
    return value < 0 ? "(" + std::to_string(static_cast<int>(value)) + ")"
                     : std::to_string(static_cast<int>(value));
  }

  const Names& names_;
  std::mt19937& rng_;
};

bool same(const Value& a, const Value& b) {
  if (a.type != b.type) return false;
  if (a.type == Type::number) return a.number == b.number || (std::isnan(a.number) && std::isnan(b.number));
  return a.type != Type::boolean || a.boolean == b.boolean;
}

}  // namespace

TEST_CASE("compiled evaluation agrees with a naive evaluator on random expressions") {
  Names names;
  std::mt19937 rng(20240611);
  Generator generator(names, rng);
  std::vector<Value> env(names.schema.size());
  for (int i = 0; i < 3000; ++i) {
    const bool want_boolean = i % 2 == 0;
    const Generated g = want_boolean ? generator.boolean(4) : generator.number(4);
    const Expression e = names.compile(g.source, want_boolean ? Type::boolean : Type::number);
    for (int round = 0; round < 5; ++round) {
      generator.randomize(env);
      const Value expected = g.eval(env);
      const Value actual = e.evaluate(env);
      INFO(g.source, " -> expected ", expected.to_string(), ", got ", actual.to_string());
      REQUIRE(same(expected, actual));
      REQUIRE(e.test(env) == expected.truthy());
      if (want_boolean) {
        // Every explained part is a well-formed piece of the source.
        for (const TracePart& part : e.explain(env)) {
          CHECK(g.source.find(part.text) != std::string::npos);
        }
      }
    }
  }
}

TEST_CASE("random bytes never crash compile, evaluate or explain") {
  Names names;
  const Value tags[] = {Value::of("vip"_sv)};
  names.set("offer", Value::of(150.0)).set("floor", Value::of(0.0)).set("tags", Value::of_list(tags));
  names.set("stage", Value::of("closing"_sv)).set("message", Value::of("太贵了"_sv));
  static const char* kPieces[] = {"offer", "floor", "stage", "closing", "tags", "message", "buyer.vip",
                                  " and ", " or ", "not ", " in ", "==", "!=", "<", ">=", "+", "-",
                                  "*", "/", "(", ")", "[", "]", ",", "\"", "'", "1", "0", ".5",
                                  "null", "true", "min(", "count(", "has(", "contains(", "round(",
                                  "贵", "\xff", "\xe4\xbd", "\\", " ", "."};
  std::mt19937 rng(7);
  int compiled = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string source;
    const int length = std::uniform_int_distribution<int>(0, 12)(rng);
    for (int j = 0; j < length; ++j) {
      if (i % 3 == 0) {
        source += static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
      } else {
        source += kPieces[std::uniform_int_distribution<std::size_t>(0, std::size(kPieces) - 1)(rng)];
      }
    }
    std::vector<parley::expr::CompileError> errors;
    const auto e = Expression::compile(source, names.schema, errors, Type::null);
    if (e) {
      ++compiled;
      (void)e->evaluate(names.env);
      (void)e->explain(names.env);
      CHECK(errors.empty());
    } else {
      REQUIRE_FALSE(errors.empty());
      for (const auto& error : errors) {
        CHECK(error.offset >= 0);
        CHECK(error.offset <= static_cast<int>(source.size()));
        CHECK_FALSE(error.message.empty());
      }
    }
  }
  CHECK(compiled > 100);  // the alphabet does reach valid expressions
}

TEST_CASE("test_early() tests only the parts that read no deferred name") {
  Names names;
  names.schema.set_deferred(names.slot("list_price"));
  names.set("too_expensive", Value::of(false)).set("round", Value::of(2.0));
  const Expression e = names.compile("list_price > 100 and too_expensive and round >= 2");
  // The deferred list_price is still null: the rest alone decides.
  CHECK_FALSE(e.test_early(names.env));
  names.set("too_expensive", Value::of(true));
  CHECK(e.test_early(names.env));
  CHECK_FALSE(e.test(names.env));  // list_price not filled yet
  names.set("list_price", Value::of(150.0));
  CHECK(e.test(names.env));

  // Without deferred names, the same as test().
  const Expression plain = names.compile("too_expensive and offer > floor");
  names.set("offer", Value::of(1.0)).set("floor", Value::of(2.0));
  CHECK(plain.test_early(names.env) == plain.test(names.env));
  // An `or` at the top is one part: it reads list_price, so nothing is tested early.
  CHECK(names.compile("list_price > 1000 or round > 5").test_early(names.env));
}

TEST_CASE("atom_groups(): the top-level parts that are an `or` of booleans and has()") {
  Names names;
  using Atom = Expression::Atom;
  const int too_expensive = names.slot("too_expensive"), free_shipping = names.slot("free_shipping"),
            vip = names.slot("buyer.vip"), offer = names.slot("offer");
  CHECK(names.compile("too_expensive and round > 1").atom_groups() ==
        std::vector<std::vector<Atom>>{{{too_expensive, false}}});
  CHECK(names.compile("(too_expensive or has(offer) or free_shipping) and not buyer.vip").atom_groups() ==
        std::vector<std::vector<Atom>>{{{too_expensive, false}, {offer, true}, {free_shipping, false}}});
  CHECK(names.compile("buyer.vip and (free_shipping or free_shipping)").atom_groups() ==
        std::vector<std::vector<Atom>>{{{vip, false}}, {{free_shipping, false}}});
  // An `or` with anything else in it requires no atom; nor does a negation.
  CHECK(names.compile("too_expensive or round > 2").atom_groups().empty());
  CHECK(names.compile("not too_expensive and offer > 1").atom_groups().empty());
  // Deferred names are filled too late to pick rules by.
  names.schema.set_deferred(offer);
  CHECK(names.compile("has(offer) and too_expensive").atom_groups() ==
        std::vector<std::vector<Atom>>{{{too_expensive, false}}});
}

TEST_CASE("test() agrees with evaluate() on the parts it reads directly, nulls included") {
  Names names;
  const std::vector<std::string> conditions = {
      "stage in [greeting, closing]", "not (stage in [greeting])", "stage == bargaining", "stage != closing",
      "not (stage == closing)", "not has(offer)", "has(offer) and not (offer > floor)", "offer != floor",
      "offer == 3", "not (offer >= floor) or too_expensive", "not not buyer.vip", "facts.order_status in [paid, shipped]",
      "(has(offer) or stage in [closing]) and not too_expensive", "round < 2 and not (round != 1)"};
  const std::vector<Value> numbers = {Value::null(), Value::of(1.0), Value::of(3.0)};
  const std::vector<Value> stages = {Value::null(), Value::of(std::string_view("greeting")),
                                     Value::of(std::string_view("closing")), Value::of(std::string_view("bargaining"))};
  const std::vector<Value> flags = {Value::null(), Value::of(true), Value::of(false)};
  for (const std::string& condition : conditions) {
    const Expression e = names.compile(condition);
    for (const Value& offer : numbers) {
      for (const Value& floor : numbers) {
        for (const Value& stage : stages) {
          for (const Value& flag : flags) {
            names.set("offer", offer).set("floor", floor).set("round", floor).set("stage", stage);
            names.set("facts.order_status", stage).set("too_expensive", flag).set("buyer.vip", flag);
            CAPTURE(condition);
            CHECK(e.test(names.env) == e.evaluate(names.env).truthy());
          }
        }
      }
    }
  }
}
