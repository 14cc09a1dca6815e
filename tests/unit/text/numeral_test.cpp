// parse_number() and to_chinese_numeral(): a table of forms, then round trips
// over random values in every style and in mixed forms, alone and inside a
// sentence through extract_mentions().
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>

#include "parley/text.hpp"
#include "text/numeral.hpp"

namespace parley {
namespace {

struct Case {
  const char* text;
  double value;
};

TEST_CASE("parse_number reads every form a buyer writes") {
  const Case cases[] = {
      {"150", 150}, {"150.5", 150.5}, {"150元", 150}, {"150块", 150}, {"¥150", 150}, {"150rmb", 150},
      {"一百五", 150}, {"一百五十", 150}, {"两百", 200}, {"二百五十块", 250}, {"一千二", 1200},
      {"一千零五十", 1050}, {"三万", 30000}, {"壹佰贰拾元", 120}, {"十块", 10}, {"十五", 15},
      {"一百二", 120}, {"两千五", 2500}, {"1千2", 1200}, {"1.5k", 1500}, {"2w", 20000}, {"2万5", 25000},
      {"3百", 300}, {"一万二", 12000}, {"十三万五", 135000}, {"一百零八", 108}, {"一千零一十", 1010},
      {"一千一十九", 1019}, {"一百一十一", 111}, {"一百十一", 111}, {"二〇〇二", 2002}, {"一二三", 123},
      {"零五", 5}, {"一点五", 1.5}, {"十二点零", 12}, {"一百点123", 100.123}, {"10.1万", 101000},
      {"负一千零一十", -1010}, {"-10.1", -10.1}, {"一亿五千万零六千三百五十五", 150006355},
      {"一万亿", 1e12}, {"一亿亿", 1e16}, {"四萬萬五千萬", 450000000}, {"兩千六", 2600},
      {"人民币壹拾万零壹佰壹拾壹元壹角壹分", 100111.11}, {"肆角叁分", 0.43}, {"壹分", 0.01},
      {"一块五", 1.5}, {"3块5", 3.5}, {"两块五毛", 2.5}, {"壹元整", 1}, {"１５０", 150}, {"1,200", 1200},
      {"廿二", 22}, {"8千3萬", 83000000}, {"100万三千", 1003000}, {"200亿零四千230", 20000004230},
      {" 150 ", 150}, {"六　八　九", 689},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto got = parse_number(c.text);
    REQUIRE(got.has_value());
    CHECK(*got == doctest::Approx(c.value).epsilon(1e-12));
  }
}

TEST_CASE("parse_number rejects what is not exactly one number") {
  const char* rejected[] = {"", "元整", "圆", "负", "零点", "点零", "零点点", "零点零大", "十一十二",
                            "10..1万", "10.1万零100", "345 abc", "三四十", "一两百", "块把钱",
                            "150元吗", "abc", "一下", "\xff\xfe", "1.2.3", "¥", "--5"};
  for (const char* rejected_text : rejected) {
    const std::string text = rejected_text;
    CAPTURE(text);
    CHECK_FALSE(parse_number(text).has_value());
  }
}

TEST_CASE("parse_number reads money at every level: 元角分, 块毛分, 大写") {
  const Case cases[] = {
      {"三块八毛五", 3.85}, {"十二块零五分", 12.05}, {"壹佰元贰角伍分", 100.25}, {"三块八毛", 3.8},
      {"三块八", 3.8}, {"八毛五", 0.85}, {"八毛五分", 0.85}, {"两毛五", 0.25}, {"五分钱", 0.05},
      {"一块零五", 1.05}, {"一块五分", 1.05}, {"十块零五毛", 10.5}, {"十二元零五分", 12.05},
      {"十二元五分", 12.05}, {"壹佰元零贰角", 100.2}, {"五角零五分", 0.55}, {"3块8毛5", 3.85},
      {"3元8角5分", 3.85}, {"一千二百三十四块五毛六", 1234.56}, {"两块钱", 2}, {"三块八毛钱", 3.8},
      {"零角零分", 0}, {"壹万元零角伍分", 10000.05}, {"¥3块5", 3.5},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto got = parse_number(c.text);
    REQUIRE(got.has_value());
    CHECK(*got == doctest::Approx(c.value).epsilon(1e-12));
  }
  for (const char* bad : {"一块五五", "三块八毛五六", "一块零", "八毛五毛", "五角角", "元五角", "块五"}) {
    const std::string text = bad;
    CAPTURE(text);
    CHECK_FALSE(parse_number(bad).has_value());
  }
}

TEST_CASE("parse_number: trailing units, mixed forms and the rarer spellings") {
  const Case cases[] = {
      {"一百一", 110}, {"两千一", 2100}, {"一万二", 12000}, {"1千2", 1200}, {"2w5", 25000}, {"1.5k", 1500},
      {"3k5", 3500}, {"一万零百一十一", 10111}, {"正五京三", 5e16 + 3}, {"2億5", 2.5e8},
      {"洞幺拐", 17}, {"洞么兩三刀伍陸拐杯勾", 123456789}, {"幺八九", 189},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto got = parse_number(c.text);
    REQUIRE(got.has_value());
    CHECK(*got == doctest::Approx(c.value).epsilon(1e-15));
  }
  // Radio digits only as a whole run of at least three with 洞, 拐 or 勾:
  // 五刀 is five yuan in slang, not 54.
  CHECK_FALSE(parse_number("五刀").has_value());
  CHECK_FALSE(parse_number("三杯").has_value());
}

TEST_CASE("NumberForms::standard reads only the standard written form") {
  const Case standard[] = {{"一百二十", 120}, {"壹佰贰拾元", 120}, {"十五", 15}, {"一千零十", 1010},
                           {"一千零一十一", 1011}, {"一万零百一十一", 10111}, {"负一千零一十", -1010},
                           {"一百点五", 100.5}, {"150", 150}, {"壹拾壹元壹角", 11.1}, {"零", 0}};
  for (const Case& c : standard) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto got = parse_number(c.text, NumberForms::standard);
    REQUIRE(got.has_value());
    CHECK(*got == doctest::Approx(c.value));
  }
  for (const char* everyday_only : {"一一", "壹壹", "一二三", "百十一", "千三", "萬五", "一百二", "两千五", "一万二",
                                    "8千3萬", "3百", "1千2", "2w", "1.5k", "100万", "一百十一"}) {
    const std::string text = everyday_only;
    CAPTURE(text);
    CHECK_FALSE(parse_number(everyday_only, NumberForms::standard).has_value());
    CHECK(parse_number(everyday_only).has_value());
  }
}

TEST_CASE("find_number reads the first number out of a free text") {
  const auto value = [](std::string_view text) { return find_number(text).value().value; };
  CHECK(value("345 abc") == 345);
  CHECK(value("***貳佰零伍元***") == 205);
  CHECK(value(" 二〇一二年") == 2012);
  CHECK(value("1000 and one") == 1000);
  CHECK(value("九龍") == 9);
  CHECK(value("共三块八毛五吧") == doctest::Approx(3.85));
  CHECK(value("一共三块八毛五吧") == 1);  // numbers, not their role: 一共 starts with one
  CHECK_FALSE(find_number("haha no numbers here").has_value());
  CHECK_FALSE(find_number("").has_value());
  CHECK_FALSE(find_number("\xff" "12").has_value());
  const std::string text = "价格：１５０元🙏吧";
  const NumberFound found = find_number(text).value();
  CHECK(found.value == 150);
  CHECK(text.substr(found.start, found.end - found.start) == "１５０元");
}

TEST_CASE("to_chinese_numeral in the three styles") {
  CHECK(to_chinese_numeral(0, NumeralStyle::everyday) == "零");
  CHECK(to_chinese_numeral(15, NumeralStyle::everyday) == "十五");
  CHECK(to_chinese_numeral(120, NumeralStyle::everyday) == "一百二十");
  CHECK(to_chinese_numeral(2500, NumeralStyle::everyday) == "两千五百");
  CHECK(to_chinese_numeral(1050, NumeralStyle::everyday) == "一千零五十");
  CHECK(to_chinese_numeral(10001, NumeralStyle::everyday) == "一万零一");
  CHECK(to_chinese_numeral(20000, NumeralStyle::everyday) == "两万");
  CHECK(to_chinese_numeral(150006355, NumeralStyle::everyday) == "一亿五千万六千三百五十五");
  CHECK(to_chinese_numeral(-11, NumeralStyle::everyday) == "负十一");
  CHECK(to_chinese_numeral(120, NumeralStyle::formal) == "壹佰贰拾");
  CHECK(to_chinese_numeral(15, NumeralStyle::formal) == "壹拾伍");
  CHECK(to_chinese_numeral(2500, NumeralStyle::formal) == "贰仟伍佰");
  CHECK(to_chinese_numeral(120, NumeralStyle::colloquial) == "一百二");
  CHECK(to_chinese_numeral(2500, NumeralStyle::colloquial) == "两千五");
  CHECK(to_chinese_numeral(25000, NumeralStyle::colloquial) == "两万五");
  CHECK(to_chinese_numeral(1050, NumeralStyle::colloquial) == "一千零五十");
  CHECK(to_chinese_numeral(105, NumeralStyle::colloquial) == "一百零五");
  CHECK_FALSE(to_chinese_numeral(INT64_MIN, NumeralStyle::everyday).empty());
}

// Mixed forms buyers type: 1千2, 2万5, 1.5k, 3百.
std::string mixed_form(std::int64_t n, std::mt19937_64& rng) {
  switch (rng() % 4) {
    case 0:
      if (n >= 1000 && n < 10000 && n % 100 == 0) {
        return std::to_string(n / 1000) + (n % 1000 ? "千" + std::to_string(n % 1000 / 100) : "千");
      }
      break;
    case 1:
      if (n >= 10000 && n < 1000000 && n % 1000 == 0) {
        return std::to_string(n / 10000) + (n % 10000 ? "万" + std::to_string(n % 10000 / 1000) : "万");
      }
      break;
    case 2:
      if (n >= 1000 && n < 100000 && n % 100 == 0) {
        char k[32];
        std::snprintf(k, sizeof k, "%gk", static_cast<double>(n) / 1000);
        return k;
      }
      break;
    default:
      if (n >= 100 && n < 1000 && n % 100 == 0) return std::to_string(n / 100) + "百";
  }
  return std::to_string(n);
}

TEST_CASE("round trip: random integers through every style and back") {
  std::mt19937_64 rng(20240618);
  const NumeralStyle styles[] = {NumeralStyle::everyday, NumeralStyle::formal, NumeralStyle::colloquial};
  for (int k = 0; k < 3000; ++k) {
    // Spread over magnitudes: uniform in the number of digits, 0..10^12.
    const int digits = static_cast<int>(rng() % 13);
    std::int64_t n = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(std::pow(10, digits) + 1));
    if (k % 3 == 0) n -= n % static_cast<std::int64_t>(std::pow(10, std::max(0, digits - 2)));  // 1200, 35000
    for (NumeralStyle style : styles) {
      const std::string written = to_chinese_numeral(n, style);
      CAPTURE(n);
      CAPTURE(written);
      const auto back = parse_number(written);
      REQUIRE(back.has_value());
      CHECK(*back == static_cast<double>(n));
    }
    const std::string mixed = mixed_form(n, rng);
    CAPTURE(mixed);
    const auto back = parse_number(mixed);
    REQUIRE(back.has_value());
    CHECK(*back == static_cast<double>(n));
  }
}

TEST_CASE("round trip: random decimals") {
  std::mt19937_64 rng(99);
  for (int k = 0; k < 2000; ++k) {
    const double cents = static_cast<double>(rng() % 10000000);
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", cents / 100);
    CAPTURE(text);
    const auto back = parse_number(text);
    REQUIRE(back.has_value());
    CHECK(*back == doctest::Approx(cents / 100).epsilon(1e-12));
  }
}

TEST_CASE("round trip: numbers inside a sentence come out as the one money mention") {
  std::mt19937_64 rng(7);
  const NumeralStyle styles[] = {NumeralStyle::everyday, NumeralStyle::formal, NumeralStyle::colloquial};
  for (int k = 0; k < 1500; ++k) {
    const int digits = 1 + static_cast<int>(rng() % 8);
    const auto n = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(std::pow(10, digits)) + 1);
    std::string forms[] = {to_chinese_numeral(n, styles[k % 3]), mixed_form(n, rng)};
    for (const std::string& form : forms) {
      const std::string sentence = "这个" + form + "元行吗";
      CAPTURE(sentence);
      const std::vector<Mention> mentions = extract_mentions(normalize(sentence));
      REQUIRE(mentions.size() == 1);
      CHECK(mentions[0].kind == MentionKind::money);
      CHECK(mentions[0].value == static_cast<double>(n));
      CHECK(mentions[0].text == form + "元");
    }
  }
}

// The mention scanner only tries a number where kChineseDigits or 0-9 says
// one may begin, so the list must be exactly what digit_value() reads.
TEST_CASE("kChineseDigits lists every character digit_value reads besides 0-9") {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const bool listed = text::kChineseDigits.find(cp) != std::u32string_view::npos;
    const bool digit = text::digit_value(cp) >= 0;
    if (digit != (listed || (cp >= '0' && cp <= '9'))) {
      CAPTURE(static_cast<std::uint32_t>(cp));
      FAIL("kChineseDigits and digit_value() disagree");
    }
  }
  CHECK(text::digit_value(U'〇') == 0);
  CHECK(text::digit_value(U'兩') == 2);
}

}  // namespace
}  // namespace parley
