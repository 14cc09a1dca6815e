// The `conditions:` section: named conditions, each reported once at its
// place inside the condition when it does not compile.
#include <doctest/doctest.h>

#include "load_testing.hpp"

using parley::test::kSmallShop;
using parley::test::load_problems;
using parley::test::replaced;

namespace {

std::string with_conditions(const std::string& conditions, const std::string& when = "too_expensive") {
  std::string shop = replaced(kSmallShop, "    when: too_expensive\n", "    when: " + when + "\n");
  shop = replaced(shop, "say: 亲, 这个价格很实在了", "say: 亲，这个价格很实在了");
  return shop + "conditions:\n" + conditions;
}

}  // namespace

TEST_CASE("a named condition is usable by name in when:") {
  CHECK(load_problems(with_conditions("  push: too_expensive and offer > floor\n", "push and round > 1")).empty());
  // Conditions use the ones before them; a number is a condition too.
  CHECK(load_problems(with_conditions("  margin: list_price - floor\n  room: offer - floor > margin / 3\n",
                                      "too_expensive and room"))
            .empty());
}

TEST_CASE("an error inside a condition is at its line and column") {
  const auto problems = load_problems(with_conditions("  push: too_expensiv and offer > floor\n", "push"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:14:9: error: in condition 'push': unknown name 'too_expensiv' "
                       "(did you mean 'too_expensive'?)");
}

TEST_CASE("a condition may use only those before it, never itself") {
  auto problems = load_problems(with_conditions("  a: b and too_expensive\n  b: round > 1\n", "a"));
  // Reported once: the rule that uses `a` says nothing more about it.
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:14:6: error: in condition 'a': 'b' is defined after 'a': a condition may use "
                       "only those before it");
  problems = load_problems(with_conditions("  a: a or too_expensive\n"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:14:6: error: in condition 'a': condition 'a' uses itself");
}

TEST_CASE("a condition's name may not be taken") {
  auto problems = load_problems(with_conditions("  too_expensive: round > 1\n"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("shop.yaml:14:3: error: condition name 'too_expensive' is already a name") == 0);
  problems = load_problems(with_conditions("  offer: round > 1\n"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("condition name 'offer' is already a name") != std::string::npos);
  problems = load_problems(with_conditions("  has: round > 1\n"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:14:3: error: condition name 'has' is a word of the condition language; pick another");
  problems = load_problems(with_conditions("  还价: round > 1\n"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("must be letters, digits and _") != std::string::npos);
}

TEST_CASE("a condition defined in two files is reported once") {
  const std::string more = "conditions:\n  push: too_expensive\n";
  const auto problems = load_problems({{"shop.yaml", with_conditions("  push: round > 1\n")}, {"more.yaml", more}});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "more.yaml:2:3: error: condition 'push' is defined twice");
}

TEST_CASE("where a rule uses a condition, its type is checked") {
  const auto problems = load_problems(with_conditions("  margin: list_price - floor\n", "margin and too_expensive"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:9:11: error: rule 'hold': in 'when': 'and' joins conditions (true or false), "
                       "but margin is a number");
}
