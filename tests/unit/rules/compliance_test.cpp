#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "rules/compliance.hpp"

using parley::Compliance;
using parley::NormalizedText;

namespace {

Compliance lists() {
  Compliance c;
  c.set_words({"最低价", "100%", "绝对"}, {"微信", "qq", "绝对"});
  return c;
}

std::string first(const Compliance& c, std::string_view text) {
  NormalizedText scratch;
  return std::string(c.first_hit(text, scratch));
}

}  // namespace

TEST_CASE("compliance: every word found, forbidden first, each list in its order") {
  const Compliance c = lists();
  CHECK(c.hits("加我微信, 绝对最低价") == std::vector<std::string>{"最低价", "绝对", "微信", "绝对"});
  CHECK(first(c, "加我微信, 绝对最低价") == "最低价");
  CHECK(first(c, "加我微信吧") == "微信");
  CHECK(c.hits("亲, 这个价格很实在了").empty());
  CHECK(first(c, "亲, 这个价格很实在了").empty());
}

TEST_CASE("compliance: the reply is normalised the way buyer text is") {
  const Compliance c = lists();
  CHECK(first(c, "加ＱＱ聊") == "qq");
  CHECK(first(c, "微 信") == "微信");
  CHECK(first(c, "１００％正品") == "100%");
}

TEST_CASE("compliance: invalid UTF-8 is a hit of its own; no lists, no hits") {
  const Compliance c = lists();
  const std::string bad = "abc\xff";
  CHECK(first(c, bad) == "(invalid UTF-8)");
  CHECK(c.hits(bad) == std::vector<std::string>{"(invalid UTF-8)"});
  const Compliance none;
  CHECK(first(none, bad).empty());
  CHECK(none.hits("微信").empty());
}

TEST_CASE("compliance: scanning next to the fields finds what a scan of the whole reply finds") {
  // Replies built like rendered templates: literal pieces with no word in
  // them, and field values that may hold words, halves of words, digits,
  // spaces, full-width forms and emoji, so that words form across the
  // seams. Scanning only near the fields must give the whole scan's answer.
  const Compliance c = lists();
  const std::vector<std::string> literals = {"亲, ", "给您", "元", "，", "最低", "价", "微", "信", "绝", "对", "",
                                             "1", "00", "%", "q", " ", "😀", "好的", "Ｑ", "这款", "包邮哦"};
  const std::vector<std::string> values = {"150", "100", "0", "99.5", "最低价", "低价", "最", "微信", "信", "q", "qq",
                                           "Q", "绝对", "对", "%", "00%", "1", "", " ", "😀", "１００", "柔软舒适", "加微"};
  std::mt19937 rng(11);
  NormalizedText scratch;
  int with_hit = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string reply;
    std::vector<Compliance::Span> fields;
    const int pieces = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < pieces; ++k) {
      if (rng() % 2 == 0) {
        // A literal piece is clean on its own, as the loader makes sure.
        const std::string& literal = literals[rng() % literals.size()];
        if (!c.hits(literal).empty()) continue;
        reply += literal;
      } else {
        const auto begin = static_cast<std::uint32_t>(reply.size());
        reply += values[rng() % values.size()];
        fields.push_back({begin, static_cast<std::uint32_t>(reply.size())});
      }
    }
    // Literal text joined may still form a word across literal seams; the
    // guard relies on the loader for each template's whole literal text.
    std::string literal_only;
    std::size_t at = 0;
    for (const auto& f : fields) {
      literal_only.append(reply, at, f.begin - at);
      literal_only += "\x01";
      at = f.end;
    }
    literal_only.append(reply, at);
    if (!c.hits(literal_only).empty() && fields.empty()) continue;
    CAPTURE(reply);
    const std::string whole = first(c, reply);
    if (!c.hits(literal_only).empty()) continue;  // a template the loader would have refused
    with_hit += !whole.empty();
    CHECK(std::string(c.first_hit_near(reply, fields, scratch)) == whole);
  }
  CHECK(with_hit > 1000);  // the cases above do form words across seams
}

TEST_CASE("compliance: a separator is a character no word holds") {
  const Compliance c = lists();
  REQUIRE(c.separator() != 0);
  CHECK(c.hits(std::string("最") + c.separator() + "低价").empty());
  CHECK(c.words_have_digits());
  CHECK(c.max_word_chars() == 4);  // 100%
}

TEST_CASE("compliance: a number between literal texts joins a word only if the text next to it allows") {
  Compliance c;
  c.set_words({"100%", "第1", "最便宜"}, {});
  using Ctx = std::optional<std::string_view>;
  CHECK_FALSE(c.number_may_join(Ctx("给您"), Ctx("元")));  // neither % after nor 第 before
  CHECK(c.number_may_join(Ctx("给您"), Ctx("%正品")));    // 100%
  CHECK(c.number_may_join(Ctx("第"), Ctx("元")));          // 第1
  CHECK(c.number_may_join(Ctx("给您"), std::nullopt));     // another field follows: unknown
  CHECK_FALSE(c.number_may_join(Ctx(""), Ctx("")));        // the whole reply is the number
  Compliance digits;
  digits.set_words({"110"}, {});
  CHECK(digits.number_may_join(Ctx("给您"), Ctx("元")));   // a word of digits only
}
