// Named conditions: a definition is checked once and read in place of its
// name by later expressions, which evaluate, index and explain it as if its
// text were written out there.
#include <doctest/doctest.h>

#include "expr_testing.hpp"

using namespace parley::expr;
using parley::expr::testing::Names;
using namespace std::literals;

namespace {

Names with_definitions() {
  Names names;
  std::vector<CompileError> errors;
  REQUIRE(names.schema.define("push", "too_expensive or free_shipping", errors, "a price push"));
  REQUIRE(names.schema.define("margin", "list_price - floor", errors));
  REQUIRE(names.schema.define("room", "offer - floor > margin / 3", errors));
  REQUIRE(names.schema.define("late", "stage == closing or facts.order_status in [paid, shipped]", errors));
  REQUIRE(errors.empty());
  return names;
}

}  // namespace

TEST_CASE("a definition evaluates as its text written out") {
  Names names = with_definitions();
  names.set("list_price", Value::of(150.0)).set("floor", Value::of(132.0)).set("offer", Value::of(150.0));
  names.set("too_expensive", Value::of(true)).set("stage", Value::of("bargaining"sv));
  CHECK(names.test("push and room and not late"));
  CHECK(names.eval("margin").number == 18);
  names.set("offer", Value::of(136.0));
  CHECK_FALSE(names.test("room"));
  CHECK(names.test("push and not room"));
  names.set("facts.order_status", Value::of("paid"sv));
  CHECK(names.test("late"));
  // Its type is its expression's: a number compares as one.
  CHECK(names.test("margin > 10"));
}

TEST_CASE("a definition's parts are the expression's own: indexed and read") {
  Names names = with_definitions();
  using Atom = Expression::Atom;
  const Expression e = names.compile("push and round > 1");
  CHECK(e.atom_groups() == std::vector<std::vector<Atom>>{
                               {{names.slot("too_expensive"), false}, {names.slot("free_shipping"), false}}});
  const std::vector<int> reads = names.compile("room").slots_read();
  CHECK(reads == std::vector<int>{names.slot("offer"), names.slot("floor"), names.slot("list_price")});
}

TEST_CASE("explain() shows the definition by name, then its parts in its own words") {
  Names names = with_definitions();
  names.set("too_expensive", Value::of(false)).set("free_shipping", Value::of(true)).set("round", Value::of(1.0));
  const auto parts = names.compile("push and round > 1").explain(names.env);
  std::vector<std::string> lines;
  for (const TracePart& p : parts) {
    lines.push_back(std::string(p.depth * 2, ' ') + p.text + " [" + p.values + "] " + (p.holds ? "yes" : "no"));
  }
  CHECK(lines == std::vector<std::string>{
                     "push [too_expensive = false, free_shipping = true] yes",
                     "  too_expensive [too_expensive = false] no",
                     "  free_shipping [free_shipping = true] yes",
                     "round > 1 [round = 1] no",
                 });
}

TEST_CASE("definitions use earlier ones; a later one, or itself, is unknown") {
  Names names = with_definitions();
  std::vector<CompileError> errors;
  CHECK(names.schema.define("stuck", "push and not room", errors));
  CHECK_FALSE(names.schema.define("loop", "loop or push", errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == 0);
  CHECK(errors[0].message.rfind("unknown name 'loop'", 0) == 0);
  // A failed definition is not defined.
  CHECK(names.schema.definition("loop") == nullptr);
  CHECK(names.schema.definition("stuck") != nullptr);
  errors.clear();
  CHECK_FALSE(names.schema.define("bad", "offer > 'high'", errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == 8);
}

TEST_CASE("a definition's type is checked where it is used") {
  Names names = with_definitions();
  auto errors = names.errors("margin and push");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == 0);
  CHECK(errors[0].message == "'and' joins conditions (true or false), but margin is a number");
  errors = names.errors("stage == push");
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].offset == 9);
  // A typo of a definition gets a guess.
  errors = names.errors("pussh");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "unknown name 'pussh' (did you mean 'push'?)");
}

TEST_CASE("a symbol wins over a definition of the same spelling") {
  Names names;
  std::vector<CompileError> errors;
  REQUIRE(names.schema.define("closing", "round > 3", errors));
  names.set("stage", Value::of("closing"sv)).set("round", Value::of(1.0));
  CHECK(names.test("stage == closing"));
  CHECK_FALSE(names.test("closing"));
}

TEST_CASE("a template field may be a definition") {
  Names names = with_definitions();
  names.set("list_price", Value::of(150.0)).set("floor", Value::of(132.0));
  std::vector<CompileError> errors;
  auto t = Template::compile("还有{margin}元的空间", names.schema, errors);
  REQUIRE(t.has_value());
  std::string out;
  t->render(names.env, out);
  CHECK(out == "还有18元的空间");
}

TEST_CASE("definitions nested past the depth bound are refused where used") {
  Names names;
  std::vector<CompileError> errors;
  REQUIRE(names.schema.define("d0", "round > 1", errors));
  std::string previous = "d0";
  bool refused = false;
  for (int i = 1; i < 400 && !refused; ++i) {
    const std::string name = "d" + std::to_string(i);
    // Each level nests the one before under 60 parentheses' worth of depth.
    std::string source = std::string(30, '(') + "not " + previous + std::string(30, ')');
    if (!names.schema.define(name, source, errors)) {
      refused = true;
      REQUIRE_FALSE(errors.empty());
      CHECK(errors.back().message.find("nests named conditions too deeply") != std::string::npos);
    }
    previous = name;
  }
  CHECK(refused);
}
