// extract_mentions(): one left-to-right pass over the normalised text's code
// points. At each place a fixed phrase (半价, 抹零, 满300减30, 双十一) or a
// number may start, the phrase or the number is read and classified by the
// words around it: a currency mark or measure word after it, a relative-ask
// or ordinal word before it, bargaining words anywhere in the message.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>

#include "parley/money.hpp"
#include "parley/text.hpp"
#include "text/fold.hpp"
#include "text/numeral.hpp"
#include "util/utf8.hpp"

namespace parley {

std::string_view to_string(MentionKind kind) {
  switch (kind) {
    case MentionKind::money: return "money";
    case MentionKind::discount: return "discount";
    case MentionKind::relative: return "relative";
    case MentionKind::quantity: return "quantity";
    case MentionKind::size: return "size";
    case MentionKind::threshold: return "threshold";
    case MentionKind::date: return "date";
    case MentionKind::time: return "time";
    case MentionKind::duration: return "duration";
    case MentionKind::phone: return "phone";
    case MentionKind::id: return "id";
    case MentionKind::weight: return "weight";
    case MentionKind::count: return "count";
  }
  return "unknown";
}

namespace {

using text::NumberRead;

// Confidence of a bare number read as a price.
constexpr float kBareInBargain = 0.8f;   // 150行吗
constexpr float kBarePriceWord = 0.85f;  // 原价150, 按150算
constexpr float kBare = 0.5f;            // 150 and nothing to say what it is
constexpr float kBareLong = 0.3f;        // 12345: more likely some code

// A set of code points below U+A000 (ASCII, CJK punctuation, the ideographs:
// every character a number or a phrase is made of) as a bitmap built at
// compile time, so that a lookup costs one load. A member out of range does
// not compile.
class CharSet {
 public:
  constexpr CharSet(std::initializer_list<std::u32string_view> members, char32_t except = 0) {
    for (std::u32string_view chars : members) {
      for (char32_t cp : chars) bits_[cp >> 6] |= std::uint64_t{1} << (cp & 63);
    }
    if (except != 0) bits_[except >> 6] &= ~(std::uint64_t{1} << (except & 63));
  }
  constexpr bool contains(char32_t cp) const { return cp < kLimit && ((bits_[cp >> 6] >> (cp & 63)) & 1) != 0; }

 private:
  static constexpr char32_t kLimit = 0xA000;
  std::array<std::uint64_t, kLimit / 64> bits_{};
};

// Measure words that make a number a quantity (买10个, 两件).
constexpr CharSet kMeasureWords{U"个件套双袋包盒箱瓶罐份支只条张台本对组提桶串副顶辆听枚盆束捆款把根颗卷部片粒盘杯碗"};
bool is_measure_word(char32_t cp) { return kMeasureWords.contains(cp); }

// Where a Chinese numeral may begin: a digit (not 幺, which is "one" only
// inside phone numbers) or 十.
constexpr CharSet kChineseStarts{{text::kChineseDigits, U"十拾"}, U'幺'};
bool is_chinese_start(char32_t cp) { return kChineseStarts.contains(cp); }

// Every character at which Scanner::at() may find something: the first
// characters of the fixed phrases in Scanner::phrase() (keep the two in step),
// of numbers, and of ASCII words. Elsewhere the scan moves on at once.
constexpr CharSet kStarts{{U"双半第打对抹去零块满再少便", text::kChineseDigits, U"十拾", U"0123456789",
                           U"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"}};

// A word as a template argument, so that each word list is a constant.
template <std::size_t N>
struct Literal {
  // Implicit, so that a string literal can be written as the argument.
  constexpr Literal(const char32_t (&text)[N]) { std::copy_n(text, N, chars); }
  constexpr std::u32string_view view() const { return {chars, N - 1}; }
  char32_t chars[N];
};

// A word list's words grouped by the low six bits of one of their characters
// (the first, or the last), keeping their order within a group: a place is
// compared only with the words that could match there, and among those the
// first listed still wins.
template <std::size_t N>
class WordIndex {
 public:
  static constexpr std::size_t kGroups = 64;

  constexpr WordIndex(const std::array<std::u32string_view, N>& words, bool by_last) {
    std::size_t next = 0;
    for (std::size_t group = 0; group < kGroups; ++group) {
      begin_[group] = static_cast<std::uint8_t>(next);
      for (std::u32string_view w : words) {
        if (group_of(by_last ? w.back() : w.front()) == group) words_[next++] = w;
      }
    }
    begin_[kGroups] = static_cast<std::uint8_t>(next);
  }

  // The words whose indexed character may be cp, in list order.
  constexpr std::span<const std::u32string_view> candidates(char32_t cp) const {
    const std::size_t group = group_of(cp);
    return {words_.data() + begin_[group], words_.data() + begin_[group + 1]};
  }

 private:
  static constexpr std::size_t group_of(char32_t cp) { return cp & (kGroups - 1); }

  std::array<std::u32string_view, N> words_{};
  std::array<std::uint8_t, kGroups + 1> begin_{};
  static_assert(N < 256, "group bounds are bytes");
};

// Words looked for in order, the first that matches wins.
template <std::size_t N>
struct WordList {
  WordIndex<N> by_first, by_last;
};

template <Literal... W>
inline constexpr WordList<sizeof...(W)> kWords = [] {
  constexpr std::array<std::u32string_view, sizeof...(W)> words{W.view()...};
  return WordList<sizeof...(W)>{WordIndex(words, false), WordIndex(words, true)};
}();

// The decoded text, with helpers to look at words before and after a place.
class Scanner {
 public:
  Scanner(const NormalizedText& text, std::vector<Mention>& out) : text_(text), out_(out) {
    // Per-thread buffers, grown to the longest text seen and never shrunk: a
    // text has at most one code point per byte.
    thread_local std::u32string cps;
    thread_local std::vector<std::uint32_t> offsets;
    if (cps.size() < text.text.size()) cps.resize(text.text.size());
    if (offsets.size() < text.text.size() + 1) offsets.resize(text.text.size() + 1);
    char32_t* cp_out = cps.data();
    std::uint32_t* offset_out = offsets.data();
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.text.data());
    const std::size_t size = text.text.size();
    std::size_t count = 0;
    std::size_t pos = 0;
    while (pos < size) {
      char32_t cp = bytes[pos];
      std::size_t length = 1;
      if (cp >= 0x80) {
        if (size - pos >= 3 && text::is_ideograph_utf8(bytes + pos)) {
          cp = text::decode_ideograph_utf8(bytes + pos);
          length = 3;
        } else {
          length = utf8::decode(text.text, pos, &cp);
          if (length == 0) length = 1, cp = 0xFFFD;  // normalize() never leaves one
        }
      }
      cp_out[count] = cp;
      offset_out[count++] = static_cast<std::uint32_t>(pos);
      pos += length;
    }
    offset_out[count] = static_cast<std::uint32_t>(text.text.size());
    s_ = std::u32string_view(cp_out, count);
    offsets_ = offset_out;
  }

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      if (!kStarts.contains(s_[i])) {
        ++i;
        continue;
      }
      const std::size_t next = at(i);
      i = next > i ? next : i + 1;
    }
    // Mentions beyond those written are left over from the caller's last use.
    out_.resize(written_);
  }

 private:
  char32_t c(std::size_t i) const { return i < s_.size() ? s_[i] : 0; }

  // Length of the first of the words found at i, 0 when none.
  template <std::size_t N>
  std::size_t match(std::size_t i, const WordList<N>& list) const {
    if (i >= s_.size()) return 0;
    const char32_t first = s_[i];
    for (std::u32string_view w : list.by_first.candidates(first)) {
      if (w[0] == first && s_.substr(i, w.size()) == w) return w.size();
    }
    return 0;
  }
  // Length of the first of the words that ends right before i, 0 when none.
  template <std::size_t N>
  std::size_t match_before(std::size_t i, const WordList<N>& list) const {
    if (i == 0 || i > s_.size()) return 0;
    const char32_t last = s_[i - 1];
    for (std::u32string_view w : list.by_last.candidates(last)) {
      if (w.back() == last && w.size() <= i && s_.substr(i - w.size(), w.size()) == w) return w.size();
    }
    return 0;
  }
  // Whether any of the words occurs in s_[from, to).
  template <std::size_t N>
  bool contains(const WordList<N>& list, std::size_t from = 0, std::size_t to = std::u32string_view::npos) const {
    const std::u32string_view range = s_.substr(from, to - from);
    for (std::size_t k = 0; k < range.size(); ++k) {
      for (std::u32string_view w : list.by_first.candidates(range[k])) {
        if (w[0] == range[k] && range.substr(k, w.size()) == w) return true;
      }
    }
    return false;
  }

  void emit(MentionKind kind, std::size_t begin, std::size_t end, double value,
            float confidence = 1.0f, std::string_view unit = {}, double value2 = 0) {
    // Overwrite the caller's old mentions first: their strings keep their
    // capacity, so a long surface text costs no allocation.
    Mention& m = written_ < out_.size() ? out_[written_] : out_.emplace_back();
    ++written_;
    m.kind = kind;
    m.value = value;
    m.value2 = value2;
    m.unit.assign(unit);
    m.start = text_.origin[offsets_[begin]];
    m.end = text_.origin[offsets_[end]];
    // A dropped emoji right before `end` belongs to no mention: end at the
    // last kept character instead of at the next kept one.
    if (end > begin) {
      const std::uint32_t last_byte = offsets_[end] - 1;
      const std::uint32_t last_start = text_.origin[last_byte];
      char32_t cp;
      const std::size_t length = utf8::decode(text_.original, last_start, &cp);
      m.end = last_start + static_cast<std::uint32_t>(length == 0 ? 1 : length);
    }
    m.text.assign(text_.original, m.start, m.end - m.start);
    m.confidence = confidence;
  }

  // The unit text as written, for weight/size/duration mentions.
  std::string unit_text(std::size_t begin, std::size_t end) const {
    std::string unit;
    for (std::size_t k = begin; k < end; ++k) utf8::append(s_[k], unit);
    return unit;
  }

  std::size_t at(std::size_t i) {
    if (const std::size_t next = phrase(i); next > i) return next;
    const char32_t ch = s_[i];
    if (text::is_ascii_digit(ch)) {
      if (i > 0 && (text::is_ascii_digit(s_[i - 1]) || s_[i - 1] == '.')) return i;
      return number(i);
    }
    if (is_chinese_start(ch)) return number(i);
    if (text::is_ascii_letter(ch)) return letters(i);
    return i;
  }

  // ---- fixed phrases ------------------------------------------------------

  std::size_t phrase(std::size_t i) {
    std::size_t n;
    switch (s_[i]) {
      case U'双':
        if ((n = match(i, kWords<U"双十一", U"双11">))) return emit(MentionKind::date, i, i + n, 1111, 1, "festival"), i + n;
        if ((n = match(i, kWords<U"双十二", U"双12">))) return emit(MentionKind::date, i, i + n, 1212, 1, "festival"), i + n;
        break;
      case U'半':
        if ((n = match(i, kWords<U"半价">))) return emit(MentionKind::discount, i, i + n, 0.5), i + n;
        break;
      case U'第':
        if ((n = match(i, kWords<U"第二件半价", U"第2件半价", U"第二件五折", U"第2件5折">))) {
          return emit(MentionKind::discount, i, i + n, 0.5, 1, "second_item"), i + n;
        }
        // 第二, 第3次: an ordinal is no amount.
        if (const NumberRead r = text::read_number(s_.substr(i + 1)); r.length > 0) return i + 1 + r.length;
        break;
      case U'打':
      case U'对':
        if ((n = match(i, kWords<U"打个对折", U"打对折", U"对折">))) return emit(MentionKind::discount, i, i + n, 0.5), i + n;
        break;
      case U'抹':
        if ((n = match(i, kWords<U"抹个零头", U"抹掉零头", U"抹了零头", U"抹零头", U"抹个零", U"抹掉零", U"抹零">))) {
          return emit(MentionKind::relative, i, i + n, 0, 1, "round_down"), i + n;
        }
        break;
      case U'去':
        if ((n = match(i, kWords<U"去个零头", U"去掉零头", U"去零头">))) {
          return emit(MentionKind::relative, i, i + n, 0, 1, "round_down"), i + n;
        }
        break;
      case U'零':
        if ((n = match(i, kWords<U"零头抹", U"零头去掉", U"零头不要">))) {
          return emit(MentionKind::relative, i, i + n, 0, 1, "round_down"), i + n;
        }
        if (match(i, kWords<U"零头">)) return i + 2;
        break;
      case U'块':
        if ((n = match(i, kWords<U"块把钱">))) return i + n;  // "a yuan or so": no price
        break;
      case U'满':
        return threshold(i);
      case U'再':
      case U'少':
      case U'便':
        if (match_before(i, kWords<U"多">) && s_[i] == U'少') break;  // 多少
        if ((n = match(i, kWords<U"再少一点", U"再少点", U"再少些", U"再便宜一点", U"再便宜点", U"再便宜些", U"再优惠点", U"再优惠一点", U"少一点", U"少点", U"少些">))) {
          return emit(MentionKind::relative, i, i + n, 0), i + n;
        }
        break;
      default:
        break;
    }
    return i;
  }

  // 满300减30, 满3000送靠枕, 满68包邮; a bare 满300 is a threshold with no reward.
  std::size_t threshold(std::size_t i) {
    const NumberRead over = text::read_number(s_.substr(i + 1));
    if (over.length == 0) return i;
    std::size_t e = i + 1 + over.length;
    e += match(e, kWords<U"元", U"块">);
    if (is_measure_word(c(e)) && !match(e, kWords<U"包邮">)) return i;  // 满2件: a quantity condition
    e += match(e, kWords<U"还", U"再", U"就">);
    if (const std::size_t n = match(e, kWords<U"减", U"-">)) {
      const NumberRead off = text::read_number(s_.substr(e + n));
      if (off.length > 0) {
        std::size_t end = e + n + off.length;
        end += match(end, kWords<U"元", U"块">);
        emit(MentionKind::threshold, i, end, over.value, 1, "减", off.value);
        return end;
      }
    }
    if (const std::size_t n = match(e, kWords<U"包邮">)) {
      emit(MentionKind::threshold, i, e + n, over.value, 1, "包邮");
      return e + n;
    }
    if (const std::size_t n = match(e, kWords<U"送", U"赠", U"就送">)) {
      emit(MentionKind::threshold, i, e + n, over.value, 1, "送");
      return e + n;
    }
    emit(MentionKind::threshold, i, e, over.value, 0.8f);
    return e;
  }

  // Letter sizes (XL, xxl, 2xl; S/M/L only before 码 or 号) and ASCII words,
  // skipped whole so that a model number's digits are not read as a price.
  std::size_t letters(std::size_t i) {
    if (i > 0 && text::is_ascii_alnum(s_[i - 1])) return i;
    std::size_t e = i;
    while (e < s_.size() && text::is_ascii_letter(s_[e])) ++e;
    const std::u32string_view word = s_.substr(i, e - i);
    if (word == U"rmb" && text::is_ascii_digit(c(e))) return e;  // rmb150: the number reads it
    static constexpr std::array<std::u32string_view, 6> kAlways = {U"xs", U"xl", U"xxl", U"xxxl", U"xxxxl", U"xxs"};
    bool size = false;
    for (std::u32string_view s : kAlways) size = size || word == s;
    const bool before_size_word = c(e) == U'码' || c(e) == U'号';
    if (!size && (word == U"s" || word == U"m" || word == U"l") && before_size_word) size = true;
    if (size) {
      std::string unit;
      for (char32_t cp : word) unit += static_cast<char>(cp >= 'a' && cp <= 'z' ? cp - 32 : cp);
      const std::size_t end = e + (before_size_word ? 1 : 0);
      emit(MentionKind::size, i, end, 0, 1, unit);
      return end;
    }
    // A word glued to digits (iphone13, a1234) is a model number: skip it.
    while (e < s_.size() && (text::is_ascii_alnum(s_[e]) || s_[e] == '-')) ++e;
    return e;
  }

  // ---- numbers ------------------------------------------------------------

  std::size_t number(std::size_t i) {
    NumberRead r = text::read_number(s_.substr(i));
    if (r.length == 0) return i;
    // 六十一袋 is "sixty a bag" unless the buyer is counting (买六十一袋).
    // 二百一包邮 is 210 with free shipping: 包 there is no measure word.
    if (r.chinese && r.length >= 3 && s_[i + r.length - 1] == U'一' && is_measure_word(c(i + r.length)) &&
        !match(i + r.length, kWords<U"包邮">) && !match_before(i, kWords<U"买", U"要", U"拿", U"订", U"来">)) {
      r = text::read_number(s_.substr(i, r.length - 1));
    }
    std::size_t s = i, e = i + r.length;
    double value = r.value;

    // hh:mm
    if (r.plain_digits > 0 && r.plain_digits <= 2 && c(e) == ':' && text::is_ascii_digit(c(e + 1)) &&
        text::is_ascii_digit(c(e + 2))) {
      emit(MentionKind::time, s, e + 3, value);
      return e + 3;
    }
    // A long run of digits is a phone or order number, unless a currency
    // mark says it is an amount (100000000元).
    const bool yuan_after = match(e, kWords<U"元", U"块", U"圆">) > 0;
    if (r.plain_digits == 11 && s_[s] == '1' && !yuan_after) return emit(MentionKind::phone, s, e, value), e;
    if (r.plain_digits >= 9 && !yuan_after) return emit(MentionKind::id, s, e, value), e;
    if (r.plain_digits > 0 && match_before(s, kWords<U"订单号", U"单号", U"订单", U"尾号", U"编号", U"货号", U"型号", U"号码">)) {
      return emit(MentionKind::id, s, e, value), e;
    }
    if (r.plain_digits > 0 && match(e, kWords<U"结尾", U"尾号">)) return emit(MentionKind::id, s, e, value), e;
    if (s > 0 && text::is_ascii_letter(s_[s - 1]) && !match_before(s, kWords<U"rmb">)) return e;  // a1234

    // 175/92a
    if (r.plain_digits > 0 && c(e) == '/' && text::is_ascii_digit(c(e + 1))) {
      std::size_t end = e + 1;
      while (text::is_ascii_digit(c(end))) ++end;
      while (text::is_ascii_letter(c(end))) ++end;
      emit(MentionKind::size, s, end, value, 1, "/");
      return end;
    }

    if (const std::size_t next = with_unit(r, s, e); next != 0) return next;
    return bare(r, s, e, value);
  }

  // A number followed by a word that says what it counts; 0 when none does.
  std::size_t with_unit(const NumberRead& r, std::size_t s, std::size_t e) {
    const double value = r.value;
    std::size_t n;
    if (r.chinese && value == 11 && e - s == 2 && match(e, kWords<U"活动", U"期间", U"假", U"放假", U"那天", U"前", U"后">)) {
      return emit(MentionKind::date, s, e, value, 0.9f, "festival"), e;  // 十一: National Day
    }
    if (r.plain_digits > 0 && (n = match(e, kWords<U"xl", U"xs">)) && !text::is_ascii_letter(c(e + n))) {
      std::string unit = std::to_string(static_cast<int>(value)) + (s_[e + 1] == 'l' ? "XL" : "XS");
      return emit(MentionKind::size, s, e + n, 0, 1, unit), e + n;  // 2xl
    }
    // A relative ask or a currency mark before the number.
    std::size_t rel = match_before(s, kWords<U"再少", U"再便宜", U"再减", U"再让", U"少个", U"减个", U"便宜个", U"少", U"便宜", U"减", U"优惠", U"返", U"降", U"让">);
    if (rel > 0 && match_before(s - rel, kWords<U"多">) && s_[s - rel] == U'少') rel = 0;  // 多少
    std::size_t cur = match_before(s, kWords<U"人民币", U"rmb", U"¥", U"$">);

    if ((n = match(e, kWords<U"块钱", U"元钱", U"元", U"块", U"圆", U"rmb", U"大洋">))) {
      std::size_t end = e + n;
      double amount = value;
      // 3块5, 十块五, 一块五毛, 三块八毛五, 十二块零五分: 角 and 分 after the yuan.
      if (!r.fraction) {
        const text::CentsRead cents = text::read_cents(s_.substr(end), /*after_yuan=*/true);
        if (cents.length > 0 && (!cents.bare_last || bare_cents_end(end + cents.length))) {
          amount += cents.cents / 100.0;
          end += cents.length;
        }
      }
      end += match(end, kWords<U"整">);
      if (rel > 0) return emit(MentionKind::relative, s - rel, end, amount), end;
      // 一块的, 一块儿 mean "together".
      if (s_[e] == U'块' && n == 1 && r.chinese && value == 1 && match(end, kWords<U"的", U"儿", U"去", U"来">)) return end;
      emit(MentionKind::money, s - cur, end, amount, 1, money_unit(s - cur, end));
      return end;
    }
    // 五毛, 八毛五, 贰角伍分, 五分钱: 角 and 分 alone.
    if (!r.unit && !r.fraction && e - s == 1 && (c(e) == U'毛' || c(e) == U'角' || (c(e) == U'分' && (r.chinese || c(e + 1) == U'钱')))) {
      const text::CentsRead cents = text::read_cents(s_.substr(s), /*after_yuan=*/false);
      if (cents.length > 0 && (!cents.bare_last || bare_cents_end(s + cents.length))) {
        const std::size_t end = s + cents.length;
        if (rel > 0) return emit(MentionKind::relative, s - rel, end, cents.cents / 100.0), end;
        return emit(MentionKind::money, s, end, cents.cents / 100.0, 1, money_unit(s, end)), end;
      }
    }
    if (c(e) == U'折') {
      const double ratio = value < 10 ? value / 10 : value / 100;
      if (value <= 0 || value >= 100) return e + 1;
      const std::size_t hit = match_before(s, kWords<U"打个", U"打">);
      emit(MentionKind::discount, s - hit, e + 1, ratio);
      return e + 1;
    }
    if (cur > 0) return emit(MentionKind::money, s - cur, e, value, 1, money_unit(s - cur, e)), e;
    if (rel > 0 && !r.fraction) {
      // 便宜20, 减五十: a relative ask needs an amount that reads like one.
      if (r.plain_digits > 0 || r.unit || value >= 10) {
        emit(MentionKind::relative, s - rel, e, value, rel == 2 && s_[s - 2] == U'便' ? 0.9f : 1.0f);
        return e;
      }
    }
    // 300-30 as sellers write it, or 300减30.
    if ((n = match(e, kWords<U"-", U"减">)) && r.plain_digits > 0) {
      const NumberRead off = text::read_number(s_.substr(e + n));
      if (off.length > 0 && off.value < value) {
        std::size_t end = e + n + off.length;
        end += match(end, kWords<U"元", U"块">);
        emit(MentionKind::threshold, s, end, value, c(e) == '-' ? 0.7f : 0.9f, "减", off.value);
        return end;
      }
    }
    // Dates: 6月18号, 18号, 2023年.
    if (c(e) == U'月' && value >= 1 && value <= 12 && !r.fraction) {
      std::size_t end = e + 1;
      double date = value;
      const NumberRead day = text::read_number(s_.substr(end));
      if (day.length > 0 && (n = match(end + day.length, kWords<U"号", U"日">))) {
        date = value * 100 + day.value;
        end += day.length + n;
      }
      emit(MentionKind::date, s, end, date);
      return end;
    }
    if ((n = match(e, kWords<U"号", U"日">)) && !r.fraction) {
      if (match_before(s, kWords<U"穿", U"码">)) return emit(MentionKind::size, s, e + n, value, 1, "号"), e + n;
      return emit(MentionKind::date, s, e + n, value), e + n;
    }
    if (c(e) == U'年' && value >= 1900 && value <= 2100) return emit(MentionKind::date, s, e + 1, value), e + 1;
    // Durations before measure words: 3个月 is no quantity.
    if ((n = match(e, kWords<U"个多月", U"个月", U"个星期", U"个礼拜", U"个小时", U"个钟头", U"小时", U"分钟", U"钟头", U"天", U"周", U"星期", U"礼拜", U"年", U"秒">))) {
      emit(MentionKind::duration, s, e + n, value, 1, unit_text(e + (s_[e] == U'个' ? 1 : 0), e + n));
      return e + n;
    }
    if (c(e) == U'点' && !r.fraction) return time(r, s, e);
    if ((n = match(e, kWords<U"公斤", U"千克", U"kg", U"斤", U"克", U"g", U"ml", U"毫升", U"升">)) &&
        !text::is_ascii_letter(c(e + n))) {
      if (s_[e] == 'g' && n == 1 && value < 10) return e + 1;  // 4G, 5G: memory, networks
      return emit(MentionKind::weight, s, e + n, value, 1, unit_text(e, e + n)), e + n;
    }
    if ((n = match(e, kWords<U"码", U"寸", U"cm", U"厘米", U"mm", U"毫米", U"米">)) && !text::is_ascii_letter(c(e + n))) {
      return emit(MentionKind::size, s, e + n, value, 1, unit_text(e, e + n)), e + n;
    }
    if (c(e) == U'抽') return emit(MentionKind::count, s, e + 1, value, 1, "抽"), e + 1;
    if (is_measure_word(c(e)) && !r.fraction && !match(e, kWords<U"包邮">)) {
      emit(MentionKind::quantity, s, e + 1, value, 1, unit_text(e, e + 1));
      return e + 1;
    }
    // Numbers that count something else: 8%, 3岁, 5楼, 4.8分, 2倍, 八成新.
    if (match(e, kWords<U"成交">)) return 0;  // 145成交: a price, not 八成新
    if (match(e, kWords<U"%", U"岁", U"楼", U"层", U"倍", U"分", U"成", U"次", U"遍", U"位", U"人", U"名", U"期", U"级", U"度", U"代", U"集", U"w", U"k", U"a", U"v">)) {
      return e + 1;
    }
    return 0;
  }

  std::size_t time(const NumberRead& r, std::size_t s, std::size_t e) {
    const bool hour = r.value >= 0 && r.value <= 24 && r.value == std::floor(r.value);
    const bool said_time =
        match_before(s, kWords<U"上午", U"下午", U"晚上", U"早上", U"中午", U"凌晨", U"今天", U"明天", U"后天", U"今晚", U"明早", U"傍晚">) > 0 ||
        match(e + 1, kWords<U"前", U"之前", U"以前", U"钟", U"半", U"左右", U"后", U"以后", U"到", U"发", U"多", U"整">) > 0;
    if (!hour || (r.chinese && !said_time)) return e;  // 便宜一点: "a little"
    std::size_t end = e + 1 + match(e + 1, kWords<U"钟", U"半">);
    emit(MentionKind::time, s, end, r.value);
    return end;
  }

  // Whether a digit read as 角 or 分 with no unit after it (一块五, 三块八毛五)
  // ends there: not when a number goes on (一块五十), nor before a measure
  // word (十块五个: ten yuan, five of them), except 一个 and the like (3块5一个).
  bool bare_cents_end(std::size_t e) const {
    if (per_unit(e)) return true;
    if (text::digit_value(c(e)) >= 0 || text::small_unit_value(c(e)) != 0 || c(e) == '.') return false;
    return !is_measure_word(c(e)) || match(e, kWords<U"包邮">);
  }

  // 80一袋, 80/个, 80每个: a price per item.
  bool per_unit(std::size_t e) const {
    return (c(e) == U'一' || c(e) == '/' || c(e) == U'每') && (is_measure_word(c(e + 1)) || c(e + 1) == U'斤');
  }

  // A number with nothing after it that says what it is.
  std::size_t bare(const NumberRead& r, std::size_t s, std::size_t e, double value) {
    if (r.chinese && !r.unit) {
      // 六一, 五一: festivals, written as digit strings.
      if (value == 61 || value == 51) return emit(MentionKind::date, s, e, value, 0.9f, "festival"), e;
      return e;  // 一下, 三思, 一二三: no amount
    }
    if (r.chinese && value == 10 && e - s == 1) return e;  // 十分, 十足
    if (r.plain_digits > 0 && (value == 618 || value == 1111 || value == 1212)) {
      return emit(MentionKind::date, s, e, value, 0.9f, "festival"), e;
    }
    if (r.fraction && !r.chinese && (value == 6.18 || value == 11.11 || value == 12.12)) {
      return emit(MentionKind::date, s, e, value, 0.9f, "festival"), e;
    }
    if (r.approximate) return emit(MentionKind::money, s, e, value, kBare, money_unit(s, e)), e;
    if (match_before(s, kWords<U"送", U"赠">)) return e;  // 送5: a gift count
    if (match_before(s, kWords<U"穿">)) return emit(MentionKind::size, s, e, value, 0.9f, "码"), e;  // 平时穿42
    if (match_before(s, kWords<U"身高">)) return emit(MentionKind::size, s, e, value, 0.9f, "cm"), e;
    if (match_before(s, kWords<U"体重">)) return emit(MentionKind::weight, s, e, value, 0.9f), e;
    if (match_before(s, kWords<U"尺寸是", U"尺码是", U"尺寸", U"尺码", U"规格">)) return emit(MentionKind::size, s, e, value, 0.8f), e;
    if (const std::size_t n = match_before(s, kWords<U"超过", U"满">)) {
      return emit(MentionKind::threshold, s - n, e, value, 0.7f), e;
    }
    // 一块的, 一块儿: "together", not one yuan.
    if (r.chinese && value == 1 && e - s == 1) return e;
    // 一袋80: the price of one item.
    const bool after_item = s >= 2 && s_[s - 2] == U'一' && is_measure_word(s_[s - 1]);
    if (per_unit(e) || after_item) {
      emit(MentionKind::money, s, e, value, kBareInBargain, quoted(s, e) ? "quoted" : "per_unit");
      return e;
    }
    if (match(e, kWords<U"包邮">)) return emit(MentionKind::money, s, e, value, 1, money_unit(s, e)), e;
    float confidence = kBare;
    if (match_before(s, kWords<U"价格", U"原价", U"现价", U"价", U"卖", U"花了", U"付了", U"只要", U"才", U"就", U"按", U"到手", U"最低", U"算", U"给你", U"给我", U"出", U"要">)) {
      confidence = kBarePriceWord;
    } else if (bargaining()) {
      confidence = kBareInBargain;
    }
    if (r.plain_digits >= 5) confidence = kBareLong;
    emit(MentionKind::money, s, e, value, confidence, money_unit(s, e));
    return e;
  }

  std::string_view money_unit(std::size_t s, std::size_t e) {
    if (quoted(s, e)) return "quoted";
    return per_unit(e) ? "per_unit" : "";
  }

  // A price the buyer quotes rather than offers: what it used to cost (之前269,
  // 原价150), what another shop asks (其它店28元), what they have spent (我都180了),
  // a price they check (是40吗, 不是99) or name an item by (299的湿巾), a saving
  // (便宜了5元). Only the words between the previous number or punctuation and
  // this one are looked at, so 原价150现在120行吗 offers 120.
  bool quoted(std::size_t s, std::size_t e) {
    std::size_t from = s;
    while (from > 0 && s - from < 8 && !text::is_ascii_digit(s_[from - 1]) && !is_chinese_start(s_[from - 1]) &&
           !is_clause_mark(s_[from - 1])) {
      --from;
    }
    if (contains(kWords<U"之前", U"以前", U"原来", U"原价", U"本来", U"标价", U"现价", U"吊牌", U"不是", U"别家",
                         U"别人家", U"别的店", U"其它店", U"其他店", U"其他家", U"其它家", U"人家", U"隔壁", U"外面",
                         U"拼多多", U"京东", U"涨到", U"涨了", U"降到", U"便宜了", U"花了", U"付了", U"买的时候",
                         U"收到", U"券就", U"券才", U"券只", U"爆价", U"上次", U"去年", U"昨天">,
                 from, s)) {
      return true;
    }
    // 是40吗, 是366元: a price being checked, but not 就是100 or 要是100.
    if (match_before(s, kWords<U"是", U"都", U"变", U"变成">) &&
        !match_before(s, kWords<U"就是", U"要是", U"若是", U"还是", U"就都">)) {
      return true;
    }
    if (c(e) == U'的' && !match(e, kWords<U"的话", U"的价", U"的吧", U"的啊", U"的呗">)) return true;  // 299的湿巾
    if (asks_how_ < 0) asks_how_ = contains(kWords<U"区别", U"怎么变", U"算算", U"为什么", U"为啥", U"怎么算">);
    return asks_how_ > 0;
  }

  static bool is_clause_mark(char32_t cp) {
    return cp == ',' || cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == ' ' || cp == '~';
  }

  bool bargaining() {
    if (bargaining_ < 0) {
      bargaining_ = contains(kWords<U"行吗", U"行不行", U"可以吗", U"可以不", U"可不可以", U"卖不卖", U"卖吗", U"包邮",
                                    U"能不能", U"便宜", U"成交", U"给吗", U"能给", U"好不好", U"出吗", U"走吗",
                                    U"怎么样", U"最低", U"最少", U"到手", U"优惠", U"能少", U"贵", U"拍", U"吧",
                                    U"价">);
    }
    return bargaining_ > 0;
  }

  const NormalizedText& text_;
  std::vector<Mention>& out_;
  std::u32string_view s_;
  const std::uint32_t* offsets_ = nullptr;
  std::size_t written_ = 0;  // mentions emitted into out_ so far
  // Message-wide word searches, done once: -1 not looked for yet.
  int bargaining_ = -1;
  int asks_how_ = -1;  // 区别, 为什么: the buyer works a price out, not offers it
};

}  // namespace

void extract_mentions(const NormalizedText& text, std::vector<Mention>& out) {
  // Not from normalize(): spans could not be mapped back.
  if (text.origin.size() != text.text.size() + 1 || text.origin.back() != text.original.size()) {
    out.clear();
    return;
  }
  Scanner(text, out).run();
}

std::vector<Mention> extract_mentions(const NormalizedText& text) {
  std::vector<Mention> out;
  extract_mentions(text, out);
  return out;
}

}  // namespace parley
