// Reply templates: fields, specs, escapes, errors with offsets.
#include <random>
#include <string>

#include "unit/expr/expr_testing.hpp"

using parley::expr::CompileError;
using parley::expr::Template;
using parley::expr::Type;
using parley::expr::Value;
using parley::expr::testing::Names;

namespace {

std::string_view operator""_sv(const char* s, std::size_t n) { return {s, n}; }

std::string render(const Names& names, std::string_view source) {
  std::vector<CompileError> errors;
  const auto t = Template::compile(source, names.schema, errors);
  INFO(source, ": ", errors.empty() ? "" : errors[0].message);
  REQUIRE(t.has_value());
  CHECK(t->source() == source);
  std::string out;
  t->render(names.env, out);
  return out;
}

std::vector<std::string> errors_of(std::string_view source) {
  Names names;
  std::vector<CompileError> errors;
  CHECK_FALSE(Template::compile(source, names.schema, errors).has_value());
  std::vector<std::string> out;
  for (const CompileError& e : errors) out.push_back(std::to_string(e.offset) + ": " + e.message);
  return out;
}

using Errors = std::vector<std::string>;

}  // namespace

TEST_CASE("fields render numbers without trailing zeros, booleans and text") {
  Names names;
  names.set("offer", Value::of(150.0)).set("floor", Value::of(150.5)).set("round", Value::of(0.85));
  names.set("buyer.vip", Value::of(true)).set("product.name", Value::of("PDU插座"_sv));
  CHECK(render(names, "诚心要的话给您{offer}元, 利润真的很薄了") == "诚心要的话给您150元, 利润真的很薄了");
  CHECK(render(names, "{floor}/{round}/{buyer.vip}") == "150.5/0.85/true");
  CHECK(render(names, "亲, 这款{product.name}很实在") == "亲, 这款PDU插座很实在");
  CHECK(render(names, "{offer}{offer}") == "150150");
  CHECK(render(names, "") == "");
  CHECK(render(names, "没有字段") == "没有字段");
}

TEST_CASE("format specs apply to the value") {
  Names names;
  names.set("offer", Value::of(150.0)).set("round", Value::of(0.855)).set("product.name", Value::of("插座"_sv));
  CHECK(render(names, "{offer:.2f}元") == "150.00元");
  CHECK(render(names, "{round:.1f}") == "0.9");
  CHECK(render(names, "{offer:08.2f}") == "00150.00");
  CHECK(render(names, "[{offer:>6}]") == "[   150]");
  CHECK(render(names, "[{product.name:<4}]") == "[插座]");
}

TEST_CASE("braces escape by doubling") {
  Names names;
  names.set("offer", Value::of(99.0));
  CHECK(render(names, "{{offer}} = {offer}") == "{offer} = 99");
  CHECK(render(names, "}}{{") == "}{");
  CHECK(render(names, "{{{offer}}}") == "{99}");
}

TEST_CASE("a null field renders as nothing; render appends") {
  Names names;
  std::vector<CompileError> errors;
  const auto t = Template::compile("给您{offer}元", names.schema, errors);
  REQUIRE(t.has_value());
  CHECK(t->fields() == std::vector<int>{names.slot("offer")});
  std::string out = "前缀:";
  t->render(names.env, out);
  CHECK(out == "前缀:给您元");
  names.set("offer", Value::of(120.0));
  t->render(names.env, out);
  CHECK(out == "前缀:给您元给您120元");
  out.clear();
  t->render({}, out);  // a short Env reads null
  CHECK(out == "给您元");
}

TEST_CASE("template errors carry offsets, all of them") {
  CHECK(errors_of("给您{ofer}元") == Errors{"7: unknown field 'ofer' (did you mean 'offer'?)"});
  CHECK(errors_of("给您{offer") ==
        Errors{"6: '{' is never closed: end the field with '}', or write '{{' for a brace"});
  CHECK(errors_of("a } b") == Errors{"2: '}' closes nothing: write '}}' for a brace"});
  CHECK(errors_of("{}") == Errors{"1: empty field: name the value to show, such as {offer}"});
  CHECK(errors_of("{ofer} and {flor} and {offer")  ==
        Errors{"1: unknown field 'ofer' (did you mean 'offer'?)",
               "12: unknown field 'flor' (did you mean 'floor'?)",
               "22: '{' is never closed: end the field with '}', or write '{{' for a brace"});
  const Errors spec = errors_of("{offer:.2x}");
  REQUIRE(spec.size() == 1);
  CHECK(spec[0].rfind("7: bad format '.2x' for offer (number): ", 0) == 0);
  CHECK(errors_of("{offer {floor}}").size() == 2);
}

TEST_CASE("random templates never crash") {
  Names names;
  names.set("offer", Value::of(150.0)).set("stage", Value::of("closing"_sv));
  static const char* kPieces[] = {"{", "}", "offer", "stage", ":", ".2f", ">5", "{{", "}}", "贵", "\xff", "x"};
  std::mt19937 rng(11);
  for (int i = 0; i < 5000; ++i) {
    std::string source;
    for (int j = std::uniform_int_distribution<int>(0, 8)(rng); j > 0; --j) {
      source += kPieces[std::uniform_int_distribution<std::size_t>(0, std::size(kPieces) - 1)(rng)];
    }
    std::vector<CompileError> errors;
    const auto t = Template::compile(source, names.schema, errors);
    if (t) {
      std::string out;
      t->render(names.env, out);
      CHECK(errors.empty());
    } else {
      CHECK_FALSE(errors.empty());
    }
  }
}

TEST_CASE("a field may be an expression, checked like a condition") {
  Names names;
  names.set("offer", Value::of(142.0)).set("floor", Value::of(150.0));
  CHECK(render(names, "省了{floor - offer}元") == "省了8元");
  CHECK(render(names, "{max(offer, floor):.1f}") == "150.0");
  std::vector<CompileError> errors;
  auto t = Template::compile("省了{floor - ofer}元", names.schema, errors);
  CHECK_FALSE(t.has_value());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == 15);  // the 'ofer' inside the field
  errors.clear();
  auto fields = Template::compile("{floor - offer}", names.schema, errors);
  REQUIRE(fields.has_value());
  CHECK(fields->fields().size() == 2);  // both names must have values
}
