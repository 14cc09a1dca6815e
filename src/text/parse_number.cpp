// parse_number() and to_chinese_numeral(): whole-string reading and writing.
#include <cmath>
#include <cstdlib>

#include "parley/text.hpp"
#include "text/fold.hpp"
#include "text/numeral.hpp"
#include "util/utf8.hpp"

namespace parley {
namespace {

using text::read_number;

bool starts_with(std::u32string_view s, std::u32string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool eat(std::u32string_view& s, std::u32string_view word) {
  if (!starts_with(s, word)) return false;
  s.remove_prefix(word.size());
  return true;
}

using Words = std::initializer_list<std::u32string_view>;

bool eat_any(std::u32string_view& s, Words words) {
  for (std::u32string_view word : words) {
    if (eat(s, word)) return true;
  }
  return false;
}

// A single digit with no unit: the 角 or 分 of a money amount.
std::optional<int> eat_digit(std::u32string_view& s) {
  const text::NumberRead r = read_number(s);
  if (r.length != 1 || r.unit || r.fraction) return std::nullopt;
  s.remove_prefix(1);
  return static_cast<int>(r.value);
}

// 角 and 分 after the yuan (or alone): 零壹分, 肆角叁分, 零角零分, 五毛, 一块五.
std::optional<double> parse_cents(std::u32string_view s, bool after_yuan) {
  double cents = 0;
  const auto part = [&](Words units, int scale) {
    std::u32string_view before = s;
    if (auto digit = eat_digit(s)) {
      if (eat_any(s, units)) {
        cents += *digit * scale;
        return;
      }
    }
    s = before;
    eat(s, U"零");
  };
  std::u32string_view before = s;
  if (auto jiao = eat_digit(s); jiao && after_yuan && s.empty()) return *jiao * 10.0;  // 一块五
  s = before;
  part({U"角", U"毛"}, 10);
  part({U"分"}, 1);
  eat_any(s, {U"钱", U"整", U"正"});
  if (!s.empty()) return std::nullopt;
  return cents;
}

std::optional<double> parse_folded(std::u32string_view s) {
  eat_any(s, {U"人民币", U"rmb", U"¥", U"$"});
  bool negative = false;
  if (eat_any(s, {U"负", U"負", U"-"})) {
    negative = true;
  } else {
    eat_any(s, {U"正", U"+"});
  }
  eat_any(s, {U"¥", U"$"});

  const text::NumberRead r = read_number(s);
  if (r.length == 0 || r.approximate) return std::nullopt;
  std::u32string_view rest = s.substr(r.length);
  double value;
  if (rest.empty()) {
    value = r.value;
  } else if (eat_any(rest, {U"元", U"圆", U"块", U"rmb"})) {
    const auto cents = parse_cents(rest, /*after_yuan=*/true);
    if (!cents) return std::nullopt;
    value = r.value + *cents / 100;
  } else {
    const auto cents = parse_cents(s, /*after_yuan=*/false);  // 肆角叁分, 壹分
    // Only a 角/分 amount may stand without a number before it.
    if (!cents || s == rest) return std::nullopt;
    value = *cents / 100;
  }
  if (value == 0) return 0.0;  // no negative zero
  return negative ? -value : value;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  std::u32string folded;
  folded.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp;
    const std::size_t length = utf8::decode(text, pos, &cp);
    if (length == 0) return std::nullopt;
    pos += length;
    cp = text::fold(cp);
    if (text::is_space(cp) || text::is_ignorable(cp)) continue;
    folded += cp;
  }
  return parse_folded(folded);
}

namespace {

constexpr std::u32string_view kEverydayDigits = U"零一二三四五六七八九";
constexpr std::u32string_view kFormalDigits = U"零壹贰叁肆伍陆柒捌玖";

// Writes 0 < n < 10^4 with 千百十; `leading` says nothing is written before it
// (else a gap in the upper places is written 零: 一万零五十).
void write_group(std::uint64_t n, bool leading, NumeralStyle style, std::u32string& out) {
  const bool formal = style == NumeralStyle::formal;
  const std::u32string_view digits = formal ? kFormalDigits : kEverydayDigits;
  static constexpr char32_t kEverydayUnits[] = {U'千', U'百', U'十', 0};
  static constexpr char32_t kFormalUnits[] = {U'仟', U'佰', U'拾', 0};
  const char32_t* units = formal ? kFormalUnits : kEverydayUnits;
  static constexpr std::uint64_t kPlace[] = {1000, 100, 10, 1};
  bool zero = false;
  bool started = !leading;
  for (int k = 0; k < 4; ++k) {
    const auto d = static_cast<int>(n / kPlace[k] % 10);
    if (d == 0) {
      if (started && n % kPlace[k] != 0) zero = true;
      continue;
    }
    if (zero) out += digits[0];
    zero = false;
    const bool ten_alone = k == 2 && d == 1 && !started && style != NumeralStyle::formal;
    if (!ten_alone) {
      const bool liang = d == 2 && k < 2 && style != NumeralStyle::formal;
      out += liang ? U'两' : digits[d];
    }
    if (units[k] != 0) out += units[k];
    started = true;
  }
}

// Writes n > 0 with 万 and 亿, recursing for the part above 亿 (一万亿, 一亿亿).
void write_positive(std::uint64_t n, bool leading, NumeralStyle style, std::u32string& out) {
  static constexpr std::uint64_t kYi = 100000000, kWan = 10000;
  if (n >= kYi) {
    write_positive(n / kYi, leading, style, out);
    out += U'亿';
    const std::uint64_t rest = n % kYi;
    if (rest == 0) return;
    write_positive(rest, false, style, out);
    return;
  }
  if (n >= kWan) {
    const std::uint64_t high = n / kWan;
    if (high == 2 && style != NumeralStyle::formal) {
      out += U'两';  // 两万, not 二万
    } else {
      write_group(high, leading, style, out);
    }
    out += U'万';
    const std::uint64_t rest = n % kWan;
    if (rest == 0) return;
    write_group(rest, false, style, out);
    return;
  }
  write_group(n, leading, style, out);
}

bool is_unit_char(char32_t cp) {
  return text::small_unit_value(cp) != 0 || text::big_unit_value(cp) != 0;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  for (char32_t cp : s) utf8::append(cp, out);
  return out;
}

}  // namespace

std::string to_chinese_numeral(std::int64_t value, NumeralStyle style) {
  if (value == 0) return "零";
  std::u32string out;
  // The magnitude as unsigned, so that INT64_MIN has one.
  const std::uint64_t magnitude =
      value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  if (value < 0) out += U'负';
  const std::size_t sign_length = out.size();
  write_positive(magnitude, true, style, out);
  if (style == NumeralStyle::colloquial) {
    // 一百二十 -> 一百二, 两万五千 -> 两万五: drop the trailing units when the
    // shorter form still reads back as the same number.
    std::size_t cut = out.size();
    while (cut > sign_length + 1 && is_unit_char(out[cut - 1])) --cut;
    if (cut < out.size() && cut >= sign_length + 2 && is_unit_char(out[cut - 2])) {
      const std::u32string_view shorter(out.data() + sign_length, cut - sign_length);
      const text::NumberRead r = text::read_number(shorter);
      if (r.length == shorter.size() && r.value == static_cast<double>(magnitude)) out.resize(cut);
    }
  }
  return to_utf8(out);
}

}  // namespace parley
