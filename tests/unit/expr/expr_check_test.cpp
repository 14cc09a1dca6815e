// Names, symbols and types: every error, with its offset and wording.
#include <string>

#include "unit/expr/expr_testing.hpp"

using parley::expr::Type;
using parley::expr::Value;
using parley::expr::testing::Names;

namespace {

// Every error of `source` (a condition), as "offset: message".
std::vector<std::string> errors_of(std::string_view source, Type want = Type::boolean) {
  std::vector<std::string> out;
  for (const auto& error : Names().errors(source, want)) {
    out.push_back(std::to_string(error.offset) + ": " + error.message);
  }
  return out;
}

using Errors = std::vector<std::string>;

}  // namespace

TEST_CASE("unknown names are reported, all of them, with a guess") {
  CHECK(errors_of("offr > 1") == Errors{"0: unknown name 'offr' (did you mean 'offer'?)"});
  CHECK(errors_of("offr > 1 and flor < 2 or buyer.vpi") ==
        Errors{"0: unknown name 'offr' (did you mean 'offer'?)",
               "13: unknown name 'flor' (did you mean 'floor'?)",
               "25: unknown name 'buyer.vpi' (did you mean 'buyer.vip'?)"});
  CHECK(errors_of("xyzzy_quux") == Errors{"0: unknown name 'xyzzy_quux'"});
  CHECK(errors_of("bargaining") == Errors{"0: unknown name 'bargaining'"});
}

TEST_CASE("type errors point at the operand of the wrong kind") {
  CHECK(errors_of("offer > \"abc\"") == Errors{"8: '>' compares numbers, but \"abc\" is text"});
  CHECK(errors_of("not 5") == Errors{"4: 'not' needs a condition (true or false), but 5 is a number"});
  CHECK(errors_of("offer and floor") ==
        Errors{"0: 'and' joins conditions (true or false), but offer is a number",
               "10: 'and' joins conditions (true or false), but floor is a number"});
  CHECK(errors_of("offer + message > 1") == Errors{"8: '+' needs numbers, but message is text"});
  CHECK(errors_of("-stage == 1") == Errors{"1: '-' needs a number, but stage is text"});
  CHECK(errors_of("offer == message") ==
        Errors{"9: offer is a number but message is text, so they cannot be compared"});
  CHECK(errors_of("offer == null") ==
        Errors{"9: comparing with null is never true: write has(x) or not has(x)"});
  CHECK(errors_of("tags == tags") == Errors{"5: lists cannot be compared with '==': use 'in'"});
  CHECK(errors_of("offer") == Errors{"0: a condition must be true or false, but offer is a number"});
  CHECK(errors_of("message", Type::number) == Errors{"0: expected a number, but message is text"});
  // Errors in separate parts are all reported; one mistake is not repeated.
  CHECK(errors_of("not 5 or offr > \"x\" or offer < true") ==
        Errors{"4: 'not' needs a condition (true or false), but 5 is a number",
               "9: unknown name 'offr' (did you mean 'offer'?)",
               "16: '>' compares numbers, but \"x\" is text",
               "31: '<' compares numbers, but true is a true/false value"});
}

TEST_CASE("functions check their name, arity and arguments") {
  CHECK(errors_of("abs(1, 2) > 0") == Errors{"0: abs() takes 1 value, not 2"});
  CHECK(errors_of("min() > 0") == Errors{"0: min() takes at least 1 value, not 0"});
  CHECK(errors_of("contains(message)") == Errors{"0: contains() takes 2 values, not 1"});
  CHECK(errors_of("mx(1, 2) > 0") == Errors{"0: unknown function 'mx' (did you mean 'max'?)"});
  CHECK(errors_of("frobnicate(1) > 0") ==
        Errors{"0: unknown function 'frobnicate' (the functions are has, min, max, count, abs, "
               "round, contains)"});
  CHECK(errors_of("count(offer) > 0") == Errors{"6: count() needs a list, but offer is a number"});
  CHECK(errors_of("contains(offer, \"x\")") == Errors{"9: contains() needs text, but offer is a number"});
  CHECK(errors_of("max(1, stage) > 0") == Errors{"7: max() needs numbers, but stage is text"});
  CHECK(errors_of("count([offer, 1]) > 0") ==
        Errors{"7: a list here may only hold fixed values, but offer changes from message to message"});
  CHECK(errors_of("count([1, \"a\"]) > 0") ==
        Errors{"10: a list holds values of one kind, but \"a\" is text and the first is a number"});
}

TEST_CASE("bare symbols are legal only against a name that has them") {
  Names names;
  names.set("facts.order_status", Value::of(std::string_view("paid")));
  names.set("stage", Value::of(std::string_view("bargaining")));
  CHECK(names.test("facts.order_status == paid"));
  CHECK(names.test("paid == facts.order_status"));
  CHECK(names.test("facts.order_status != unpaid"));
  CHECK(names.test("facts.order_status in [paid, shipped]"));
  CHECK(names.test("stage == \"bargaining\""));
  CHECK_FALSE(names.test("stage in [greeting, closing]"));

  CHECK(errors_of("facts.order_status == paied") ==
        Errors{"22: 'paied' is not a value of facts.order_status (one of: none, unpaid, paid, "
               "shipped, delivered, refunded, cancelled, disputed, ...)"});
  CHECK(errors_of("stage in [greeting, closng] or stage == \"bargainin\"") ==
        Errors{"20: 'closng' is not a value of stage (one of: greeting, bargaining, closing)",
               "40: \"bargainin\" is not a value of stage (one of: greeting, bargaining, closing)"});
  // A symbol is a value of its own name only.
  CHECK(errors_of("stage == paid") ==
        Errors{"9: 'paid' is not a value of stage (one of: greeting, bargaining, closing)"});
  CHECK(errors_of("message == paid") == Errors{"11: unknown name 'paid'"});
}

TEST_CASE("intents are boolean names, and symbols of `intent`") {
  Names names;
  names.set("too_expensive", Value::of(true)).set("free_shipping", Value::of(false));
  names.set("intent", Value::of(std::string_view("too_expensive")));
  CHECK_FALSE(names.test("too_expensive and free_shipping"));
  CHECK(names.test("too_expensive and not free_shipping"));
  // Against `intent`, too_expensive is the symbol, not the boolean name.
  CHECK(names.test("intent == too_expensive"));
  CHECK(names.test("intent in [counter_offer, too_expensive]"));
  CHECK_FALSE(names.test("intent == shop_around"));
}

TEST_CASE("`in` takes a list literal, a list name or text") {
  CHECK(errors_of("offer in [1, \"a\"]") ==
        Errors{"13: offer is a number but \"a\" is text, so it can never match"});
  CHECK(errors_of("\"x\" in offer") == Errors{"7: 'in' needs a list or text after it, but offer is a number"});
  CHECK(errors_of("offer in message") ==
        Errors{"0: 'in' with text on its right looks for text in it, but offer is a number"});
  CHECK(errors_of("tags in tags") == Errors{"0: 'in' looks for one value in a list, but tags is itself a list"});
  CHECK(errors_of("offer in [1, null]") ==
        Errors{"13: comparing with null is never true: write has(x) or not has(x)"});
}
