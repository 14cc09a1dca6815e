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
  money,      // a price: 150, 150元, ¥150, 一百五, 1.5k, 2w
  discount,   // 九折 -> 0.9, 八五折 -> 0.85, 半价 -> 0.5
  relative,   // 少10块 -> 10, 再少点 -> 0 (no amount), 抹个零 (unit "round_down")
  quantity,   // 买10个 -> 10 (unit 个), 两件 -> 2
  size,       // 43码 -> 43, XL, 175/92A
  threshold,  // 满300减30 -> 300 / 30; 满3000送靠枕 -> 3000 (unit 送); 满68包邮
  date,       // 6月18号, 618, 双十一
  time,       // 3点, 下午两点
  duration,   // 3天, 两周
  phone,      // 11-digit mobile numbers
  id,         // order / tracking numbers: long digit runs
  weight,     // 2斤, 500g
  count,      // 80抽: a count that is part of a product spec
};
PARLEY_EXPORT std::string_view to_string(MentionKind kind);

struct Mention {
  MentionKind kind = MentionKind::money;
  // money: yuan; discount: the ratio paid (0.9); relative: yuan off, 0 when no
  // amount is named; quantity, size, weight, count, duration: the number;
  // threshold: the amount to reach (满300 -> 300).
  double value = 0;
  // threshold: the amount off (满300减30 -> 30), 0 for a gift or free shipping.
  double value2 = 0;
  // quantity/count: the measure word (个, 件, 双); size: 码 or the letter size;
  // threshold: 减, 送 or 包邮; relative: "round_down" for 抹零, else empty;
  // money: "per_unit" when the price is per item (80一袋), "quoted" when the
  // buyer only quotes a price rather than offering it (之前269, 别家28元, 是40吗);
  // discount: "second_item" for 第二件半价; weight/size: the unit as written
  // (斤, kg, 码, cm); duration: 天, 小时, 月 ...; date: "festival" for 618, 双十一.
  std::string unit;
  std::string text;  // the surface text, as the buyer wrote it
  std::uint32_t start = 0, end = 0;  // byte span in the original text
  // 1 for an unambiguous reading; lower when the reading is a guess (a bare
  // number with no currency mark or bargaining word around it).
  float confidence = 1.0f;
};

// Mentions in order of position. Spans refer to the original text. Never
// throws. A date's value is month * 100 + day when both are given (6月18号 ->
// 618), else the one number (18号 -> 18); a time's is the hour.
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
