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

TEST_CASE("compliance: remembered answers equal fresh ones whatever the numbers") {
  const Compliance c = lists();
  // The same reply shapes with other numbers: answers come from the thread's
  // memory after the first, and must still see 100% wherever it is written.
  const std::vector<std::string> replies = {
      "亲, 给您150元, 不能再少了", "亲, 给您100元, 不能再少了", "亲, 给您99元, 绝对不能再少了",
      "好评返现50%", "好评返现100%", "好评返现1100%", "好评返现10%, 满100%", "返100 %",
      "返1😀00%", "返１00%", "返1 00%", "200%", "100%", "a100%", "加微信150", "加微信9",
      "价格1.5元, 100%", "价格100.5%", "0", "", "12345678901234567890%"};
  for (int pass = 0; pass < 2; ++pass) {
    for (const std::string& reply : replies) {
      CAPTURE(reply);
      const std::vector<std::string> all = c.hits(reply);
      CHECK(c.first_hit(reply) == (all.empty() ? std::string() : all.front()));
    }
  }
  // Words with every digit in them: nothing can stand in for a number.
  Compliance digits;
  digits.set_words({"0123456789"}, {"1号"});
  for (const std::string& reply : {"第1号", "第2号", "0123456789", "01234567890", "第3号"}) {
    CAPTURE(reply);
    const std::vector<std::string> all = digits.hits(reply);
    CHECK(digits.first_hit(reply) == (all.empty() ? std::string() : all.front()));
  }
}

TEST_CASE("compliance: two word lists on one thread do not share answers") {
  Compliance a, b;
  a.set_words({"微信"}, {});
  b.set_words({"qq"}, {});
  CHECK(a.first_hit("加微信") == "微信");
  CHECK(b.first_hit("加微信").empty());
  CHECK(a.first_hit("加微信") == "微信");
}
