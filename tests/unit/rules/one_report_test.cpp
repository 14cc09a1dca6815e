// One layer owns each check: what the loader reports about intents and
// topics, the classifier does not report again.
#include <doctest/doctest.h>

#include "load_testing.hpp"

using parley::test::kSmallShop;
using parley::test::load_problems;
using parley::test::replaced;

TEST_CASE("the small shop loads") { CHECK(load_problems(kSmallShop).empty()); }

TEST_CASE("a keyword that normalises to nothing is reported once, at its place") {
  const auto problems = load_problems(replaced(kSmallShop, "[太贵, 便宜点]", "[太贵, '  ']"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] ==
        "shop.yaml:6:29: error: intent 'too_expensive': keyword '  ' is nothing once normalised "
        "(spaces, emoji and control characters are dropped)");
}

TEST_CASE("an empty keyword is reported once") {
  const auto problems = load_problems(replaced(kSmallShop, "[太贵, 便宜点]", "[太贵, '']"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:6:29: error: intent 'too_expensive' has an empty keyword");
}

TEST_CASE("an intent that tests nothing is reported once, with one reason") {
  const auto problems = load_problems(replaced(kSmallShop, "{any: [太贵, 便宜点]}", "{negatable: false}"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] ==
        "shop.yaml:6:18: error: intent 'too_expensive' has no keywords (any, all), no patterns and needs no mention: "
        "it could never hold");
}

TEST_CASE("an intent defined twice in two files is reported once") {
  const std::string more = "intents:\n  too_expensive: {any: [贵]}\n";
  const auto problems = load_problems({{"shop.yaml", kSmallShop}, {"more.yaml", more}});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "more.yaml:2:3: error: intent 'too_expensive' is defined twice");
}

TEST_CASE("regex is no longer part of the format") {
  const auto problems = load_problems(replaced(kSmallShop, "{any: [太贵, 便宜点]}", "{any: [太贵], regex: '太.*贵'}"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] ==
        "shop.yaml:6:37: error: intent 'too_expensive': regex is not part of the format any more: "
        "list the words under any (or all)");
}

TEST_CASE("a selling point that normalises to nothing is reported once") {
  const auto problems = load_problems(
      replaced(kSmallShop, "floor: 132}", "floor: 132, selling_points: {'😀': 额定功率4000W}}"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:4:71: error: selling point '😀' is nothing once normalised: name a keyword");
}

TEST_CASE("an intent or fact twice in one file is one report: the key set twice") {
  const auto problems = load_problems(replaced(kSmallShop, "  too_expensive: {any: [太贵, 便宜点]}\n",
                                               "  too_expensive: {any: [太贵, 便宜点]}\n  too_expensive: {any: [贵]}\n"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:7:3: error: 'too_expensive' is set twice in this mapping (first at line 6): say it once");
  const auto facts = load_problems(std::string(kSmallShop) + "facts: {paid: boolean, paid: string}\n");
  REQUIRE(facts.size() == 1);
  CHECK(facts[0] == "shop.yaml:13:24: error: 'paid' is set twice in this mapping (first at line 13): say it once");
}
