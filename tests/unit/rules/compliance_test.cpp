#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rules/compliance.hpp"

using parley::Compliance;

namespace {

Compliance lists() {
  Compliance c;
  c.set_words({"最低价", "100%", "绝对"}, {"微信", "qq", "绝对"});
  return c;
}

}  // namespace

TEST_CASE("compliance: every word found, forbidden first, each list in its order") {
  const Compliance c = lists();
  CHECK(c.hits("加我微信, 绝对最低价") == std::vector<std::string>{"最低价", "绝对", "微信", "绝对"});
  CHECK(c.first_hit("加我微信, 绝对最低价") == "最低价");
  CHECK(c.first_hit("加我微信吧") == "微信");
  CHECK(c.hits("亲, 这个价格很实在了").empty());
  CHECK(c.first_hit("亲, 这个价格很实在了").empty());
}

TEST_CASE("compliance: the reply is normalised the way buyer text is") {
  const Compliance c = lists();
  CHECK(c.first_hit("加ＱＱ聊") == "qq");
  CHECK(c.first_hit("微 信") == "微信");
  CHECK(c.first_hit("１００％正品") == "100%");
}

TEST_CASE("compliance: invalid UTF-8 is a hit of its own; no lists, no hits") {
  const Compliance c = lists();
  const std::string bad = "abc\xff";
  CHECK(c.first_hit(bad) == "(invalid UTF-8)");
  CHECK(c.hits(bad) == std::vector<std::string>{"(invalid UTF-8)"});
  const Compliance none;
  CHECK(none.first_hit(bad).empty());
  CHECK(none.hits("微信").empty());
}
