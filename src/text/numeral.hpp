// text/numeral.hpp: reading one number written in Arabic digits, Chinese
// numerals or a mix, from the front of a run of (folded) code points.
//
// The mention extractor calls read_number() at each place a number may start;
// parse_number() calls it on a whole string. Neither allocates.
#pragma once

#include <cstddef>
#include <string_view>

#include "parley/text.hpp"

namespace parley::text {

struct NumberRead {
  double value = 0;
  std::size_t length = 0;     // code points consumed; 0 when no number starts here
  bool chinese = false;       // a Chinese digit or unit was read
  bool unit = false;          // a unit was read: 十 百 千 万 亿 k w ...
  bool fraction = false;      // a decimal point was read
  bool approximate = false;   // 三四十, 一两百: a range, value is its middle
  // A plain run of ASCII digits (no point, no unit): its length, else 0.
  // Phone and order numbers are told apart by this.
  std::size_t plain_digits = 0;
};

// Reads the longest number at the front of cps. Stops before anything that
// cannot continue it, so "一百二三" reads 一百二 and "一点" reads 一.
// With NumberForms::standard, only the standard written form (see
// parse_number()).
NumberRead read_number(std::u32string_view cps, NumberForms forms = NumberForms::everyday);

// The 角 and 分 of an amount, read after its yuan (after_yuan: 元, 块 or 圆
// was just read: 三块八毛五, 十二块零五分, 壹佰元贰角伍分, 一块五, 一块零五) or
// standing alone (八毛五, 贰角伍分, 五分钱). A digit with no unit after it is
// 角 right after the yuan (一块五) and 分 after 角/毛 or after 零 (三块八毛五,
// 一块零五). 钱 after 角/毛/分 is read too (五毛钱); 整 is the caller's.
struct CentsRead {
  int cents = 0;
  std::size_t length = 0;  // code points consumed; 0 when no 角 or 分 starts here
  bool bare_last = false;  // ends with a digit that has no unit after it
};
CentsRead read_cents(std::u32string_view cps, bool after_yuan);

// 0..9 for Arabic and Chinese digits (零〇一壹二两贰...), -1 otherwise.
int digit_value(char32_t cp);

// Every character besides 0-9 that digit_value() reads, for a scanner that
// wants to know at compile time where a number may begin.
inline constexpr std::u32string_view kChineseDigits = U"零〇一壹幺二两贰兩貳三叁四肆五伍六陆陸七柒八捌九玖";

// 10, 100, 1000 for 十拾 百佰 千仟; 0 otherwise.
double small_unit_value(char32_t cp);

// 1e4, 1e8, ... for 万萬 亿億 兆 京; 0 otherwise.
double big_unit_value(char32_t cp);

}  // namespace parley::text
