// text/numeral.hpp: reading one number written in Arabic digits, Chinese
// numerals or a mix, from the front of a run of (folded) code points.
//
// The mention extractor calls read_number() at each place a number may start;
// parse_number() calls it on a whole string. Neither allocates.
#pragma once

#include <cstddef>
#include <string_view>

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
NumberRead read_number(std::u32string_view cps);

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
