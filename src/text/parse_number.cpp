// parse_number() and to_chinese_numeral(): whole-string reading and writing.
#include <cmath>
#include <cstdlib>
#include <vector>

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

// What a converter built for radio and military use reads (chinese-parseint):
// 洞幺两三刀五六拐八勾 for 0-9, 么 for 幺 and 杯 for 八. Only a whole string of
// at least three such digits with one of the unmistakable 洞 拐 勾 in it is
// read this way: 五刀 is five yuan, not 54.
int radio_digit(char32_t cp) {
  switch (cp) {
    case U'洞': return 0;
    case U'么': return 1;
    case U'刀': return 4;
    case U'拐': return 7;
    case U'杯': return 8;
    case U'勾': return 9;
    default: return text::digit_value(cp);
  }
}

std::optional<double> radio_digits(std::u32string_view s) {
  if (s.size() < 3 || s.find_first_of(U"洞拐勾") == std::u32string_view::npos) return std::nullopt;
  double value = 0;
  for (char32_t cp : s) {
    const int d = radio_digit(cp);
    if (d < 0 || cp == '.') return std::nullopt;
    value = value * 10 + d;
  }
  return value;
}

struct AmountRead {
  double value = 0;
  std::size_t length = 0;  // code points; 0 when no number starts here
};

// One number with what may surround it as an amount: 人民币, ¥ or $ before
// it, a sign, then the number, then 元/块/圆 with its 角 and 分 (or 角 and 分
// alone), then 钱, 整 or 正. The longest such reading at the front of s.
AmountRead read_amount(std::u32string_view s, NumberForms forms) {
  const std::u32string_view whole = s;
  eat_any(s, {U"人民币", U"rmb", U"¥", U"$"});
  bool negative = false;
  if (eat_any(s, {U"负", U"負", U"-"})) {
    negative = true;
  } else {
    eat_any(s, {U"正", U"+"});
  }
  eat_any(s, {U"¥", U"$"});

  const text::NumberRead r = read_number(s, forms);
  double value = 0;
  std::u32string_view rest = s.substr(r.length);
  bool money = false;
  // 肆角叁分, 八毛五, 壹分: a single digit with its 角 or 分.
  const text::CentsRead alone = r.unit || r.fraction ? text::CentsRead{} : text::read_cents(s, /*after_yuan=*/false);
  if (alone.length > r.length) {
    value = alone.cents / 100.0;
    rest = s.substr(alone.length);
    money = true;
  } else {
    if (r.length == 0 || r.approximate) return {};
    value = r.value;
    if (eat_any(rest, {U"元", U"圆", U"块", U"rmb"})) {
      money = true;
      eat(rest, U"钱");
      if (!r.fraction) {
        const text::CentsRead cents = text::read_cents(rest, /*after_yuan=*/true);
        value += cents.cents / 100.0;
        rest.remove_prefix(cents.length);
      }
    }
  }
  if (money) eat_any(rest, {U"钱", U"整", U"正"});
  if (value != 0 && negative) value = -value;  // no negative zero
  return {value, whole.size() - rest.size()};
}

std::optional<double> parse_folded(std::u32string_view s, NumberForms forms) {
  if (std::optional<double> radio = radio_digits(s)) return radio;
  const AmountRead a = read_amount(s, forms);
  if (a.length == 0 || a.length != s.size()) return std::nullopt;
  return a.value;
}

// The text folded as normalize() folds it, spaces and emoji dropped, with the
// byte offset each code point came from (and the text's length at the end).
bool fold_text(std::string_view text, std::u32string& folded, std::vector<std::uint32_t>* offsets) {
  folded.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp;
    const std::size_t length = utf8::decode(text, pos, &cp);
    if (length == 0) return false;
    cp = text::fold(cp);
    if (!text::is_space(cp) && !text::is_ignorable(cp)) {
      folded += cp;
      if (offsets) offsets->push_back(static_cast<std::uint32_t>(pos));
    }
    pos += length;
  }
  if (offsets) offsets->push_back(static_cast<std::uint32_t>(text.size()));
  return true;
}

}  // namespace

std::optional<double> parse_number(std::string_view text, NumberForms forms) {
  std::u32string folded;
  if (!fold_text(text, folded, nullptr)) return std::nullopt;
  return parse_folded(folded, forms);
}

std::optional<NumberFound> find_number(std::string_view text) {
  std::u32string folded;
  std::vector<std::uint32_t> offsets;
  if (!fold_text(text, folded, &offsets)) return std::nullopt;
  const std::u32string_view s = folded;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const AmountRead a = read_amount(s.substr(i), NumberForms::everyday);
    if (a.length == 0) continue;
    // The span ends after the last character read, not at the next one kept.
    const std::uint32_t last = offsets[i + a.length - 1];
    char32_t cp;
    const std::size_t length = utf8::decode(text, last, &cp);
    return NumberFound{a.value, offsets[i], static_cast<std::uint32_t>(last + length)};
  }
  return std::nullopt;
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
