// Property test: every amount from 0.01 to 10^8 yuan (every fen up to 100
// yuan, then a dense random sample of every magnitude, plus the edges),
// written in each way buyers and invoices write it, reads back to the same
// fen through parse_number(), and through extract_mentions() inside a
// sentence.
//
// The writer here is the test's own, built from the rules of written
// Chinese numerals, and shares no code with to_chinese_numeral(), so the test
// is not circular; a second pass checks to_chinese_numeral() against it.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "parley/money.hpp"
#include "parley/text.hpp"

namespace parley {
namespace {

struct Style {
  std::string name;
  bool formal = false;       // 壹贰叁 拾佰仟 (大写), else 一二三 十百千 (小写)
  bool liang = false;        // 两 for 2 before 百, 千 and alone before 万/亿 (两百, 两万); 两块, 两毛
  bool one_ten = false;      // 一十五 rather than 十五 at the front
  const char* yuan = "元";   // 元, 块 or 圆
  const char* jiao = "角";   // 角 or 毛
  bool zero_before_fen = true;  // 十二元零五分 rather than 十二元五分
  bool drop_last_unit = false;  // 三块八毛五, 三块八: the last unit left out as people say it
  bool whole_zheng = false;     // 壹佰元整 for whole amounts
  bool arabic = false;          // 1234.56元, 3块8毛5 (Arabic digits with Chinese units)
  // Mixed: Arabic digits with every Chinese unit (1千2百3十4元), or Arabic
  // groups between 亿 and 万 (12万3456, 1亿零500) as buyers type them.
  enum class Mixed { none, digit_units, groups } mixed = Mixed::none;
};

const std::u8string_view kSmallDigits[] = {u8"零", u8"一", u8"二", u8"三", u8"四", u8"五", u8"六", u8"七", u8"八", u8"九"};
const std::u8string_view kBigDigits[] = {u8"零", u8"壹", u8"贰", u8"叁", u8"肆", u8"伍", u8"陆", u8"柒", u8"捌", u8"玖"};

std::string str(std::u8string_view s) { return std::string(s.begin(), s.end()); }

class Writer {
 public:
  explicit Writer(const Style& style) : style_(style) {}

  std::string digit(int d, bool before_big_unit) const {
    if (style_.mixed != Style::Mixed::none && d == 0) return "零";  // 1千零5: 0 alone is no gap
    if (style_.arabic || style_.mixed != Style::Mixed::none) return std::string(1, static_cast<char>('0' + d));
    if (d == 2 && style_.liang && !style_.formal && before_big_unit) return "两";
    return str(style_.formal ? kBigDigits[d] : kSmallDigits[d]);
  }

  // 0 < n < 10^4. `front`: nothing written before this group.
  std::string group(int n, bool front) const {
    static const char* kSmallUnits[] = {"千", "百", "十", ""};
    static const char* kBigUnits[] = {"仟", "佰", "拾", ""};
    const char** units = style_.formal ? kBigUnits : kSmallUnits;
    const int place_value[] = {1000, 100, 10, 1};
    std::string out;
    bool written = false, gap = false;
    if (!front && n < 1000) gap = true;  // 一万零五百
    for (int k = 0; k < 4; ++k) {
      const int d = n / place_value[k] % 10;
      if (d == 0) {
        if (written) gap = true;
        continue;
      }
      if (gap) out += digit(0, false);
      gap = false;
      const bool bare_ten = k == 2 && d == 1 && front && !written && !style_.formal && !style_.one_ten &&
                            style_.mixed == Style::Mixed::none;
      if (!bare_ten) out += digit(d, k < 2);
      out += units[k];
      written = true;
    }
    return out;
  }

  // The whole yuan, 0 < n <= 10^8.
  std::string integer(std::int64_t n) const {
    if (style_.arabic) return std::to_string(n);
    const int yi = static_cast<int>(n / 100000000);
    const int wan = static_cast<int>(n / 10000 % 10000);
    const int rest = static_cast<int>(n % 10000);
    std::string out;
    if (style_.mixed == Style::Mixed::groups) {
      // 1亿2345万6789, 12万零500, 1亿零500: a group after a bigger one that
      // lacks its thousands is written after 零.
      if (yi > 0) out += std::to_string(yi) + "亿";
      if (wan > 0) out += (yi > 0 && wan < 1000 ? "零" : "") + std::to_string(wan) + "万";
      if (rest > 0) out += (n >= 10000 && (rest < 1000 || wan == 0) ? "零" : "") + std::to_string(rest);
      return out;
    }
    const auto big = [&](int g, const char* unit, bool front) {
      out += g == 2 && style_.liang && !style_.formal ? std::string("两") : group(g, front);
      out += unit;
    };
    if (yi > 0) big(yi, "亿", true);
    if (wan > 0) big(wan, "万", yi == 0);
    if (rest > 0) {
      if (yi > 0 && wan == 0) out += digit(0, false);  // 一亿零五百
      out += group(rest, wan == 0);
    }
    return out;
  }

  std::string amount(std::int64_t fen) const {
    const std::int64_t yuan = fen / 100;
    const int jiao = static_cast<int>(fen / 10 % 10), cents = static_cast<int>(fen % 10);
    std::string out;
    if (yuan > 0) {
      out += yuan == 2 && style_.liang && !style_.formal && !style_.arabic ? std::string("两") : integer(yuan);
      out += style_.yuan;
    }
    if (jiao == 0 && cents == 0) {
      if (yuan > 0 && style_.whole_zheng) out += "整";
      return out;
    }
    if (jiao > 0) {
      out += digit(jiao, true);
      if (!(style_.drop_last_unit && cents == 0 && yuan > 0)) out += style_.jiao;
    } else if (yuan > 0 && style_.zero_before_fen) {
      out += digit(0, false);
    }
    if (cents > 0) {
      out += digit(cents, true);
      const bool unit_implied = style_.drop_last_unit && (jiao > 0 || (yuan > 0 && style_.zero_before_fen));
      if (!unit_implied) out += "分";
      // 9分 in Arabic digits alone reads as a score: a buyer writes 9分钱.
      if ((style_.arabic || style_.mixed != Style::Mixed::none) && yuan == 0 && jiao == 0) out += "钱";
    }
    return out;
  }

 private:
  const Style& style_;
};

const Style kStyles[] = {
    {.name = "小写 元角分"},
    {.name = "小写 元角分, 两, no 零", .liang = true, .zero_before_fen = false},
    {.name = "块毛分", .liang = true, .yuan = "块", .jiao = "毛"},
    {.name = "块毛, last unit dropped", .liang = true, .yuan = "块", .jiao = "毛", .drop_last_unit = true},
    {.name = "块毛, 二, 一十", .one_ten = true, .yuan = "块", .jiao = "毛", .zero_before_fen = false},
    {.name = "大写", .formal = true, .whole_zheng = true},
    {.name = "大写 圆, no 零", .formal = true, .yuan = "圆", .zero_before_fen = false},
    {.name = "Arabic 元角分", .zero_before_fen = false, .arabic = true},
    {.name = "Arabic 块毛", .yuan = "块", .jiao = "毛", .zero_before_fen = false, .drop_last_unit = true, .arabic = true},
    {.name = "mixed 1千2百3十4元5角6分", .mixed = Style::Mixed::digit_units},
    {.name = "mixed 1千2百块零5分", .yuan = "块", .jiao = "毛", .mixed = Style::Mixed::digit_units},
    {.name = "mixed 12万3456元", .zero_before_fen = false, .mixed = Style::Mixed::groups},
    {.name = "mixed 12万零500块8毛5", .yuan = "块", .jiao = "毛", .drop_last_unit = true, .mixed = Style::Mixed::groups},
};

// The amounts: every fen up to 100 yuan, a log-uniform random sample up to
// 10^8 yuan (cents random, or whole yuan, or round numbers), and edges.
std::vector<std::int64_t> amounts() {
  std::vector<std::int64_t> out;
  for (std::int64_t fen = 1; fen <= 10000; ++fen) out.push_back(fen);
  std::mt19937_64 rng(20250618);
  for (int k = 0; k < 20000; ++k) {
    const int digits = 1 + static_cast<int>(rng() % 8);  // yuan below 10^8
    const auto top = static_cast<std::uint64_t>(std::pow(10, digits));
    std::int64_t yuan = static_cast<std::int64_t>(rng() % top);
    if (k % 4 == 1) yuan -= yuan % static_cast<std::int64_t>(std::pow(10, std::max(0, digits - 2)));  // 1200, 35000
    if (k % 4 == 2) yuan -= yuan % 10000 - yuan % 10;  // gaps: 10000005, 3000020
    const int cents = k % 3 == 0 ? 0 : static_cast<int>(rng() % 100);
    if (yuan * 100 + cents > 0) out.push_back(yuan * 100 + cents);
  }
  for (std::int64_t yuan : {10, 11, 20, 100, 101, 110, 1000, 1001, 1010, 10000, 10001, 10010, 10100, 100000, 1000000,
                            10000000, 20000000, 99999999, 100000000}) {
    for (int cents : {0, 1, 5, 10, 20, 25, 50, 99}) {
      if (yuan < 100000000 || cents == 0) out.push_back(yuan * 100 + cents);
    }
  }
  out.push_back(9999999999);  // 99999999.99
  return out;
}

std::string arabic_decimal(std::int64_t fen) {
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(fen / 100), static_cast<long long>(fen % 100));
  return text;
}

// Whether `written` reads back as exactly `fen`.
bool reads_as(const std::string& written, std::int64_t fen) {
  const std::optional<double> value = parse_number(written);
  if (!value) return false;
  const std::optional<Money> money = Money::from_yuan_checked(*value);
  return money && money->fen() == fen;
}

TEST_CASE("writer sanity: the test's own writer writes what a person writes") {
  CHECK(Writer(kStyles[0]).amount(1205) == "十二元零五分");
  CHECK(Writer(kStyles[1]).amount(1205) == "十二元五分");
  CHECK(Writer(kStyles[3]).amount(385) == "三块八毛五");
  CHECK(Writer(kStyles[3]).amount(380) == "三块八");
  CHECK(Writer(kStyles[3]).amount(1205) == "十二块零五");
  CHECK(Writer(kStyles[5]).amount(10025) == "壹佰元贰角伍分");
  CHECK(Writer(kStyles[5]).amount(10000) == "壹佰元整");
  CHECK(Writer(kStyles[2]).amount(20050) == "两百块五毛");
  CHECK(Writer(kStyles[2]).amount(200) == "两块");
  CHECK(Writer(kStyles[0]).amount(1000050000) == "一千万零五百元");
  CHECK(Writer(kStyles[0]).amount(1000000500) == "一千万零五元");
  CHECK(Writer(kStyles[0]).amount(10000010000) == "一亿零一百元");
  CHECK(Writer(kStyles[0]).amount(10010000000) == "一亿零一十万元");
  CHECK(Writer(kStyles[4]).amount(1500) == "一十五块");
  CHECK(Writer(kStyles[7]).amount(123456) == "1234元5角6分");
  CHECK(Writer(kStyles[8]).amount(385) == "3块8毛5");
  CHECK(Writer(kStyles[8]).amount(9) == "9分钱");
  CHECK(Writer(kStyles[9]).amount(123456) == "1千2百3十4元5角6分");
  CHECK(Writer(kStyles[9]).amount(1500) == "1十5元");
  CHECK(Writer(kStyles[10]).amount(100505) == "1千零5块零5分");
  CHECK(Writer(kStyles[11]).amount(12345678900) == "1亿2345万6789元");
  CHECK(Writer(kStyles[11]).amount(10000050000) == "1亿零500元");
  CHECK(Writer(kStyles[11]).amount(10005000000) == "1亿零5万元");
  CHECK(Writer(kStyles[12]).amount(12050085) == "12万零500块8毛5");
  CHECK(Writer(kStyles[12]).amount(100000100) == "100万零1块");
}

TEST_CASE("round trip: every amount from 0.01 to 10^8 yuan in every written style") {
  const std::vector<std::int64_t> all = amounts();
  REQUIRE(all.size() > 29000);
  for (const Style& style : kStyles) {
    const Writer writer(style);
    int failures = 0;
    for (std::int64_t fen : all) {
      const std::string written = writer.amount(fen);
      if (reads_as(written, fen)) continue;
      if (++failures <= 5) {
        CAPTURE(style.name);
        CAPTURE(fen);
        CAPTURE(written);
        CHECK(parse_number(written).value_or(-1) == static_cast<double>(fen) / 100);
      }
    }
    CAPTURE(style.name);
    CHECK(failures == 0);
  }
  // Arabic decimals with and without the yuan mark.
  int failures = 0;
  for (std::int64_t fen : all) {
    const std::string text = arabic_decimal(fen);
    failures += !reads_as(text, fen) + !reads_as(text + "元", fen) + !reads_as("¥" + text, fen);
  }
  CHECK(failures == 0);
}

TEST_CASE("round trip: whole amounts, with the last unit dropped as buyers do (一百一, 两千一, 一万二)") {
  // Every whole yuan amount with two significant digits next to each other
  // (110, 2100, 12000, 35000000): the only ones whose last unit can be left out.
  int checked = 0;
  for (std::int64_t scale = 1; scale <= 1000000; scale *= 10) {
    for (int two = 11; two <= 99; ++two) {
      if (two % 10 == 0) continue;
      const std::int64_t yuan = two * scale * 10;  // 110, 1100, ...
      std::string full = Writer(kStyles[2]).integer(yuan);
      // Drop the last unit character (十 百 千) when the number does not end
      // with 万 or 亿, whose shortening is the next group's business.
      static const std::string kUnits[] = {"十", "百", "千"};
      bool dropped = false;
      for (const std::string& unit : kUnits) {
        if (full.size() > unit.size() && full.compare(full.size() - unit.size(), unit.size(), unit) == 0) {
          full.resize(full.size() - unit.size());
          dropped = true;
          break;
        }
      }
      if (!dropped) continue;  // 十一万: ends with 万, nothing to leave out
      CAPTURE(yuan);
      CAPTURE(full);
      CHECK(reads_as(full, yuan * 100));
      CHECK(reads_as(full + "块", yuan * 100));
      ++checked;
    }
  }
  CHECK(checked == 3 * 81);  // 110..990, 1100..9900, 11000..99000
  CHECK(reads_as("一百一", 11000));
  CHECK(reads_as("两千一", 210000));
  CHECK(reads_as("一万二", 1200000));
}

// The shortened mixed forms of a whole amount, as buyers type them: one or
// two significant digits before 千/k, 万/w or 亿 (3k, 1千2, 1k2, 2w5, 2万5,
// 2亿5), or a decimal before the unit (1.5k, 12.5万, 3.25w). Empty for an
// amount that has none.
std::vector<std::string> shortened(std::int64_t yuan) {
  std::vector<std::string> out;
  struct Unit {
    std::int64_t value;
    std::vector<const char*> names;
  };
  const Unit units[] = {{1000, {"千", "k"}}, {10000, {"万", "w"}}, {100000000, {"亿"}}};
  for (const Unit& unit : units) {
    if (yuan < unit.value) continue;
    const std::int64_t whole = yuan / unit.value, rest = yuan % unit.value;
    const std::int64_t tenth = unit.value / 10;
    for (const char* name : unit.names) {
      // 4000w is a power rating (watts), not 4000万: w only after a smaller count.
      if (name == std::string_view("w") && whole >= 1000) continue;
      if (rest == 0 && whole < 10000) out.push_back(std::to_string(whole) + name);  // 3k, 30万
      // 1千2, 2w5: the digit after the unit is a tenth of it.
      if (whole < 10 && rest != 0 && rest % tenth == 0) {
        out.push_back(std::to_string(whole) + name + std::to_string(rest / tenth));
      }
      // 1.5k, 12.25万: at most two decimals.
      if (rest != 0 && rest % (unit.value / 100) == 0 && whole < 1000) {
        char text[48];
        std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(whole),
                      static_cast<long long>(rest / (unit.value / 100)));
        std::string decimal = text;
        if (decimal.back() == '0') decimal.pop_back();
        out.push_back(decimal + name);
      }
    }
  }
  return out;
}

TEST_CASE("round trip: shortened mixed forms of every amount that has one (3k, 1千2, 2w5, 1.5万)") {
  CHECK(shortened(1200) == std::vector<std::string>{"1千2", "1.2千", "1k2", "1.2k"});
  CHECK(shortened(25000) == std::vector<std::string>{"25千", "25k", "2万5", "2.5万", "2w5", "2.5w"});
  CHECK(shortened(3000) == std::vector<std::string>{"3千", "3k"});
  std::vector<std::int64_t> whole;
  for (std::int64_t fen : amounts()) {
    if (fen % 100 == 0) whole.push_back(fen / 100);
  }
  // Every amount with one or two significant digits, 1000 to 10^8.
  for (std::int64_t scale = 100; scale <= 10000000; scale *= 10) {
    for (int two = 1; two <= 99; ++two) whole.push_back(two * scale);
  }
  int checked = 0, failures = 0;
  for (std::int64_t yuan : whole) {
    for (const std::string& form : shortened(yuan)) {
      ++checked;
      const bool alone = reads_as(form, yuan * 100) && reads_as(form + "块", yuan * 100);
      const std::vector<Mention> mentions = extract_mentions(normalize("老板" + form + "行吗"));
      const bool in_sentence = mentions.size() == 1 && mentions[0].is_offer() && mentions[0].text == form &&
                               Money::from_yuan_checked(mentions[0].value) == Money::from_fen(yuan * 100);
      if ((!alone || !in_sentence) && ++failures <= 5) {
        CAPTURE(yuan);
        CAPTURE(form);
        CHECK(alone);
        CHECK(in_sentence);
      }
    }
  }
  CHECK(failures == 0);
  CHECK(checked > 3000);
}

TEST_CASE("round trip: to_chinese_numeral agrees with the independent writer") {
  const std::vector<std::int64_t> all = amounts();
  const Style& everyday = kStyles[0];
  const Style formal{.name = "大写", .formal = true};
  int checked = 0;
  for (std::int64_t fen : all) {
    if (fen % 100 != 0) continue;
    const std::int64_t yuan = fen / 100;
    // to_chinese_numeral writes 两 before 百/千/万; the everyday writer
    // writes 二: compare what each reads back as, and the formal texts.
    CHECK(reads_as(to_chinese_numeral(yuan, NumeralStyle::everyday), fen));
    CHECK(reads_as(to_chinese_numeral(yuan, NumeralStyle::colloquial), fen));
    CHECK(to_chinese_numeral(yuan, NumeralStyle::formal) == Writer(formal).integer(yuan));
    CHECK(reads_as(Writer(everyday).integer(yuan), fen));
    ++checked;
  }
  CHECK(checked > 5000);
}

TEST_CASE("round trip: amounts with 角 and 分 inside a sentence are one money mention") {
  std::mt19937_64 rng(518);
  const std::vector<std::int64_t> all = amounts();
  int failures = 0;
  for (int k = 0; k < 6000; ++k) {
    const std::int64_t fen = all[rng() % all.size()];
    const Style& style = kStyles[k % std::size(kStyles)];
    const std::string written = Writer(style).amount(fen);
    const std::string sentence = "老板" + written + "行吗";
    const std::vector<Mention> mentions = extract_mentions(normalize(sentence));
    const bool ok = mentions.size() == 1 && mentions[0].kind == MentionKind::money &&
                    Money::from_yuan_checked(mentions[0].value) == Money::from_fen(fen) && mentions[0].text == written;
    if (!ok && ++failures <= 5) {
      CAPTURE(sentence);
      CHECK(ok);
    }
  }
  CHECK(failures == 0);
}

}  // namespace
}  // namespace parley
