// parley/text.hpp: reading a buyer's message.
//
// Two stages, each usable on its own:
//   normalize()        full-width to half-width, case folding, spaces, emoji and
//                      repeated punctuation dropped, keeping a map back to the
//                      buyer's own bytes;
//   extract_mentions() prices, discounts, relative asks, quantities, sizes,
//                      thresholds, and the numbers that are none of these
//                      (dates, phone and order numbers), each with its span in
//                      the original text.
// Both are pure functions of their input and safe to call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/export.h"

namespace parley {

// Normalised text and where each of its bytes came from.
struct NormalizedText {
  std::string original;  // the buyer's own bytes, so mentions can quote them
  std::string text;
  // origin[i] is the byte offset in the original text of the character that
  // produced normalised byte i; origin.size() == text.size() + 1, and the last
  // entry is the original length, so a normalised span [b, e) maps to the
  // original span [origin[b], origin[e]).
  std::vector<std::uint32_t> origin;
};

// What normalize() does: full-width letters, digits and punctuation become
// ASCII, 。，、 become . , ,  and “” ‘’ 【】 become " ' [ ]; ASCII letters are
// lower-cased; emoji, variation selectors, joiners and control characters are
// dropped; a run of the same punctuation ("？？？", "!!!") becomes one; spaces
// are dropped, except that one is kept between two ASCII letters or digits
// ("iphone 13", "3 5"). Chinese characters are kept as they are.
// Throws parley::Error on invalid UTF-8 (with the byte offset of the fault).
PARLEY_EXPORT NormalizedText normalize(std::string_view original);
// Same, reusing out's buffers (the engine's hot path calls this one).
PARLEY_EXPORT void normalize(std::string_view original, NormalizedText& out);

enum class MentionKind : std::uint8_t {
  money,      // an amount of money: 150, 150元, ¥150, 一百五, 三块八毛五, 1.5k, 2w
  discount,   // 九折 -> 0.9, 八五折 -> 0.85, 半价 -> 0.5
  relative,   // 少10块 -> 10, 再少点 -> 0 (no amount), 抹个零 (flag round_down)
  quantity,   // 买10个 -> 10 (unit 个), 两件 -> 2
  size,       // 43码 -> 43, 175cm, 身高175, 一米七五 -> 175 (cm), 2尺4 -> 2.4, XL, 175/92A
  threshold,  // 满300减30 -> 300 / 30; 满3000送靠枕 -> 3000 (flag gift); 满68包邮
  date,       // 5月18号, 6.18, 618, 520 (not bargained over), 双十一
  time,       // 3点, 下午两点, 14:30
  duration,   // 3天, 两周
  phone,      // 11-digit mobile numbers
  id,         // order / tracking numbers: long digit runs, 订单号123
  weight,     // 2斤, 500g, 60kg, 体重120
  count,      // 80抽, 10000毫安, 1.5匹, 200w的吹风机: a count that is part of a product spec
  model,      // a product or model code: 3C, 4K, 5G, 128G, iPhone 15, 华为p60, a1234, 2020款
};
PARLEY_EXPORT std::string_view to_string(MentionKind kind);

// What a money mention is to the buyer. Only `offer` is a price the buyer
// would pay; the others are prices the buyer names for another reason.
enum class PriceRole : std::uint8_t {
  none,       // not money, or an amount beyond the range (flag beyond_range)
  offer,      // the price the buyer would pay: 150行吗, 150包邮, 一个130, 一共800
  earlier,    // what it cost before: 原价150, 之前是99, 上次买的120, 吊牌价
  elsewhere,  // another shop's price: 别家卖120, 京东才99, 隔壁
  quoted,     // any other price named but not offered: 是40吗, 299的湿巾,
              // 花了180, 便宜了5元, 券后才, a price worked out (为什么是),
              // a difference (差十元, 比别人贵20), a fee (运费10块), a coupon's
              // value (10元券), one item of a deal (第二件359吗)
};
PARLEY_EXPORT std::string_view to_string(PriceRole role);

// What an offered amount covers, from the words around it.
enum class PriceScope : std::uint8_t {
  unspecified,  // nothing says: usually one unit of the product discussed
  per_unit,     // one unit's price: 每个130, 单价, 一个130, 80一袋, 80/个
  units_total,  // a total for Mention::scope_units units: 两双1100, 三个390
  cart_total,   // the whole order: 一共800, 总共, 加起来, 合计
};
PARLEY_EXPORT std::string_view to_string(PriceScope scope);

// Qualifiers of a reading, as bits of Mention::flags (mention.has(flag)).
enum class MentionFlag : std::uint8_t {
  round_down = 1 << 0,     // relative: 抹零, 去掉零头 (value 0)
  second_item = 1 << 1,    // discount: 第二件半价
  festival = 1 << 2,       // date: 618, 双十一, 六一 (value 618, 1111, 61)
  amount_off = 1 << 3,     // threshold: 满300减30 (value2 30)
  gift = 1 << 4,           // threshold: 满3000送靠枕
  free_shipping = 1 << 5,  // threshold: 满68包邮
  // The number is beyond the range Money converts (|amount| > 10^12 yuan,
  // money.hpp), or beyond a double (a 309-digit run): such a money mention
  // has the role none and is never a price.
  beyond_range = 1 << 6,
};
// "round_down", "second_item", ...
PARLEY_EXPORT std::string_view to_string(MentionFlag flag);

struct Mention {
  MentionKind kind = MentionKind::money;
  PriceRole role = PriceRole::none;             // money only; none for other kinds
  PriceScope scope = PriceScope::unspecified;   // money with the role offer only
  std::uint8_t flags = 0;                       // MentionFlag bits
  // money: yuan; discount: the ratio paid (0.9); relative: yuan off, 0 when no
  // amount is named; quantity, size, weight, count, duration, model: the
  // number; threshold: the amount to reach (满300 -> 300). Always finite: a
  // number beyond a double is held as the largest double (flag beyond_range),
  // so every mention can be written as JSON.
  double value = 0;
  // threshold: the amount off (满300减30 -> 30), 0 for a gift or free shipping.
  double value2 = 0;
  // scope units_total: how many units the amount is for (两双1100 -> 2); else 0.
  double scope_units = 0;
  // The unit as written, when the kind has one: quantity/count: the measure
  // word (个, 件, 双, 抽); size: 码, cm, 号, "/" or the letter size (XL, 2XL);
  // weight: 斤, kg, g ...; duration: 天, 小时, 月 ...; empty for the others.
  std::string unit;
  std::string text;  // the surface text, as the buyer wrote it
  std::uint32_t start = 0, end = 0;  // byte span in the original text
  // 1 for an unambiguous reading; lower when the reading is a guess (a bare
  // number with no currency mark or bargaining word around it).
  float confidence = 1.0f;

  bool has(MentionFlag flag) const { return (flags & static_cast<std::uint8_t>(flag)) != 0; }
  // A price the buyer would pay: money with the role offer.
  bool is_offer() const { return kind == MentionKind::money && role == PriceRole::offer; }
};

// Mentions in order of position. Spans refer to the original text. Never
// throws. A date's value is month * 100 + day when both are given (6月18号 ->
// 618), else the one number (18号 -> 18); a time's is the hour.
//
// A number's role comes from the words around it: a currency mark or measure
// word after it, a relative-ask, ordinal or comparison word before it (原价,
// 别家, 是 ... 吗), bargaining words anywhere in the message. The words are
// plain data (src/text/lexicon.cpp) compiled once into one automaton, which
// makes one pass over the text.
//
// Threads: safe to call from any thread; no state is kept between calls. The
// second form reuses out's elements and their strings' capacity.
PARLEY_EXPORT std::vector<Mention> extract_mentions(const NormalizedText& text);
PARLEY_EXPORT void extract_mentions(const NormalizedText& text, std::vector<Mention>& out);

// Which written forms parse_number() accepts.
enum class NumberForms : std::uint8_t {
  // Every form below (the default): what buyers write.
  everyday,
  // Only the standard written form, as on a form or an invoice: every digit
  // with its unit (一百二十, 壹佰贰拾元), 零 for a gap, only 十 without a digit
  // before it (十五), no digit strings (一一), no dropped trailing unit
  // (一百二), no Arabic digits mixed with Chinese units (3百, 2w), no leading
  // 百/千/万 (百十一, 千三).
  standard,
};

// Reads a whole string as one number in Arabic digits, Chinese numerals
// (everyday or formal: 一百二十 -> 120, 壹佰贰拾 -> 120, 一千零五十 -> 1050), the
// colloquial shortenings (一百二 -> 120, 两千一 -> 2100, 一万二 -> 12000, 千三 ->
// 1300, 萬五 -> 15000) or a mix (1千2 -> 1200, 1.5k -> 1500, 3k5 -> 3500, 2w ->
// 20000, 2w5 / 2万5 -> 25000). Also reads
//   digit strings (一二三 -> 123, 二〇〇二 -> 2002, 洞幺拐 -> 17 as radio
//   operators spell digits), decimals (10.5, 一点五, 一百点五), a sign (负, -),
//   big units stacked (一万亿, 四萬萬), traditional characters (萬 億 兩), and
//   money amounts at every level with their marks: ¥150, 150元, 150块,
//   人民币壹拾元整, 壹佰元贰角伍分 -> 100.25, 三块八毛五 -> 3.85, 十二块零五分 ->
//   12.05, 一块五 -> 1.5, 一块零五 -> 1.05, 八毛五 -> 0.85, 肆角叁分 -> 0.43.
// A lone digit after a unit is a tenth of it (一百二 = 120) up to 亿; after 兆
// and 京 it counts units (五京三 = 5京 + 3).
// Spaces and full-width forms are ignored as normalize() ignores them.
// nullopt when the string is not exactly one number: empty, extra text
// ("345 abc"), a range (三四十), malformed (十一十二, 10..1, 零点) or invalid
// UTF-8, or (NumberForms::standard) not in the standard form. The value may
// be beyond any amount (一万亿亿, 10^400 is +infinity): callers that want
// money convert it with Money::from_yuan_checked(). Never throws.
PARLEY_EXPORT std::optional<double> parse_number(std::string_view text, NumberForms forms = NumberForms::everyday);

// The first number in a free text, as parse_number() reads one: the longest
// reading at the first place where one starts ("345 abc" -> 345,
// "***貳佰零伍元***" -> 205, "九龍" -> 9). Its span is in bytes of `text`.
// nullopt when there is none or the text is not UTF-8. Never throws. This
// reads numbers, not their role: extract_mentions() says what a number is.
struct NumberFound {
  double value = 0;
  std::uint32_t start = 0, end = 0;
};
PARLEY_EXPORT std::optional<NumberFound> find_number(std::string_view text);

// How to write an integer in Chinese numerals, for replies and tests.
enum class NumeralStyle {
  everyday,     // 一百二十, 两千五百 (两 before 百/千/万), 十五
  formal,       // 壹佰贰拾 (financial characters)
  colloquial,   // 一百二, 两千五: trailing unit dropped as buyers write
};
// parse_number() reads every result back to `value` (exactly up to 2^53).
PARLEY_EXPORT std::string to_chinese_numeral(std::int64_t value, NumeralStyle style);

}  // namespace parley
