// extract_mentions(): one pass of the lexicon's automaton over the normalised
// text (lexicon.hpp), then one left-to-right pass over its code points. At
// each place a phrase of the lexicon (半价, 抹零, 满300减30, 双十一) or a number
// may start, the phrase or the number is read and classified by the words
// around it, which the first pass has already found: a currency mark or
// measure word after it, a relative-ask or comparison word before it,
// bargaining words anywhere in the message.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include "parley/money.hpp"
#include "parley/text.hpp"
#include "text/fold.hpp"
#include "text/lexicon.hpp"
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
    case MentionKind::model: return "model";
  }
  return "unknown";
}

std::string_view to_string(PriceRole role) {
  switch (role) {
    case PriceRole::none: return "none";
    case PriceRole::offer: return "offer";
    case PriceRole::earlier: return "earlier";
    case PriceRole::elsewhere: return "elsewhere";
    case PriceRole::quoted: return "quoted";
  }
  return "unknown";
}

std::string_view to_string(PriceScope scope) {
  switch (scope) {
    case PriceScope::unspecified: return "unspecified";
    case PriceScope::per_unit: return "per_unit";
    case PriceScope::units_total: return "units_total";
    case PriceScope::cart_total: return "cart_total";
  }
  return "unknown";
}

std::string_view to_string(MentionFlag flag) {
  switch (flag) {
    case MentionFlag::round_down: return "round_down";
    case MentionFlag::second_item: return "second_item";
    case MentionFlag::festival: return "festival";
    case MentionFlag::amount_off: return "amount_off";
    case MentionFlag::gift: return "gift";
    case MentionFlag::free_shipping: return "free_shipping";
    case MentionFlag::beyond_range: return "beyond_range";
  }
  return "unknown";
}

namespace {

using text::bit;
using text::Cue;
using text::Cues;
using text::Lexicon;
using text::NumberRead;
using text::Phrase;

// Confidence of a bare number read as a price.
constexpr float kBareInBargain = 0.8f;   // 150行吗
constexpr float kBarePriceWord = 0.85f;  // 原价150, 按150算
constexpr float kBare = 0.5f;            // 150 and nothing to say what it is
constexpr float kBareLong = 0.3f;        // 12345: more likely some code

constexpr std::uint8_t flag(MentionFlag f) { return static_cast<std::uint8_t>(f); }

// A set of code points below U+A000 (ASCII, CJK punctuation, the ideographs)
// as a bitmap built at compile time, so that a lookup costs one load. These
// are classes of characters, not words: words are the lexicon's.
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

bool is_clause_mark(char32_t cp) {
  return cp == ',' || cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == ' ' || cp == '~';
}

// Storage that lives on the stack for the messages nearly all are (up to
// N elements) and on the heap for longer ones: no state kept between calls.
template <class T, std::size_t N>
class Buffer {
 public:
  T* get(std::size_t n) {
    if (n <= N) return small_.data();
    large_.resize(n);
    return large_.data();
  }

 private:
  std::array<T, N> small_;
  std::vector<T> large_;
};

// A word of the lexicon found in the text, in code points.
struct Hit {
  Cues cues;
  std::uint32_t start, end, word;
  std::int32_t next_same_start, next_same_end;  // -1 ends each list
};

// The words found, on the stack up to N of them.
template <std::size_t N>
class Hits {
 public:
  void push_back(const Hit& hit) {
    if (size_ < N) {
      small_[size_] = hit;
    } else {
      if (large_.empty()) large_.assign(small_.begin(), small_.end());
      large_.push_back(hit);
    }
    ++size_;
  }
  std::size_t size() const { return size_; }
  const Hit& operator[](std::int32_t k) const {
    return size_ <= N ? small_[static_cast<std::size_t>(k)] : large_[static_cast<std::size_t>(k)];
  }

 private:
  std::array<Hit, N> small_;
  std::vector<Hit> large_;
  std::size_t size_ = 0;
};

// The decoded text, the words of the lexicon found in it, and helpers to
// look at words before and after a place.
class Scanner {
 public:
  Scanner(const NormalizedText& text, std::vector<Mention>& out)
      : text_(text), out_(out), lexicon_(Lexicon::get()) {
    decode();
  }

  void run() {
    std::size_t i = 0;
    const std::size_t n = s_.size();
    while (i < n) {
      if (!lexicon_.may_start_mention(s_[i])) {
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
  static constexpr std::size_t kInline = 256;  // code points on the stack

  // ---- setting up ---------------------------------------------------------

  void decode() {
    const std::size_t size = text_.text.size();
    // A text has at most one code point per byte.
    char32_t* cps = cps_.get(size);
    std::uint32_t* offsets = offsets_.get(size + 1);
    std::uint32_t* cp_of_byte = cp_of_byte_.get(size + 1);
    const auto* bytes = reinterpret_cast<const unsigned char*>(text_.text.data());
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
          length = utf8::decode(text_.text, pos, &cp);
          if (length == 0) length = 1, cp = 0xFFFD;  // normalize() never leaves one
        }
      }
      cps[count] = cp;
      offsets[count] = static_cast<std::uint32_t>(pos);
      cp_of_byte[pos] = static_cast<std::uint32_t>(count);
      ++count;
      pos += length;
    }
    offsets[count] = static_cast<std::uint32_t>(size);
    cp_of_byte[size] = static_cast<std::uint32_t>(count);
    s_ = std::u32string_view(cps, count);
    offsets_view_ = offsets;
    cp_of_byte_view_ = cp_of_byte;
  }

  // One pass of the lexicon's automaton; each word found is filed under the
  // code points where it starts and ends. Done at the first look, so that a
  // message in which nothing may start costs no pass.
  void find_words() const {
    if (found_words_) return;
    found_words_ = true;
    const std::size_t n = s_.size();
    start_cues_ = start_cues_buffer_.get(n + 1);
    end_cues_ = end_cues_buffer_.get(n + 1);
    start_head_ = start_head_buffer_.get(n + 1);
    end_head_ = end_head_buffer_.get(n + 1);
    std::fill_n(start_cues_, n + 1, Cues{0});
    std::fill_n(end_cues_, n + 1, Cues{0});
    std::fill_n(start_head_, n + 1, -1);
    std::fill_n(end_head_, n + 1, -1);
    const std::uint32_t* cp_of_byte = cp_of_byte_view_;
    lexicon_.words().for_each_match(text_.text, [&](const util::KeywordSet::Match& m) {
      // Keywords are whole UTF-8 characters, so a match starts and ends on
      // character boundaries of the (valid) text.
      const std::uint32_t start = cp_of_byte[m.start], end = cp_of_byte[m.end];
      const Cues cues = lexicon_.cues(m.keyword);
      hits_.push_back({cues, start, end, m.keyword, start_head_[start], end_head_[end]});
      const auto h = static_cast<std::int32_t>(hits_.size() - 1);
      start_head_[start] = h;
      end_head_[end] = h;
      start_cues_[start] |= cues;
      end_cues_[end] |= cues;
      message_cues_ |= cues;
    });
  }

  // ---- looking at words ---------------------------------------------------

  char32_t c(std::size_t i) const { return i < s_.size() ? s_[i] : 0; }

  // Length of the longest word with `cues` that starts at i, 0 when none.
  std::size_t match(std::size_t i, Cues cues) const {
    if (i >= s_.size() || !lexicon_.may_start_word(s_[i], c(i + 1))) return 0;
    find_words();
    if ((start_cues_[i] & cues) == 0) return 0;
    std::size_t best = 0;
    for (std::int32_t h = start_head_[i]; h >= 0; h = hits_[h].next_same_start) {
      if (hits_[h].cues & cues) best = std::max<std::size_t>(best, hits_[h].end - hits_[h].start);
    }
    return best;
  }
  std::size_t match(std::size_t i, Cue cue) const { return match(i, bit(cue)); }

  // Length of the longest word with `cues` that ends right before i.
  std::size_t match_before(std::size_t i, Cues cues) const {
    if (i == 0 || i > s_.size() || !lexicon_.may_end_word(i >= 2 ? s_[i - 2] : 0, s_[i - 1])) return 0;
    find_words();
    if ((end_cues_[i] & cues) == 0) return 0;
    std::size_t best = 0;
    for (std::int32_t h = end_head_[i]; h >= 0; h = hits_[h].next_same_end) {
      if (hits_[h].cues & cues) best = std::max<std::size_t>(best, hits_[h].end - hits_[h].start);
    }
    return best;
  }
  std::size_t match_before(std::size_t i, Cue cue) const { return match_before(i, bit(cue)); }

  // The cues among `cues` of the words inside s_[from, to), the ones starting
  // nearest to `to` first: the first that has any of them says which.
  Cues nearest_in(std::size_t from, std::size_t to, Cues cues) const {
    find_words();
    for (std::size_t k = to; k-- > from;) {
      if ((start_cues_[k] & cues) == 0) continue;
      for (std::int32_t h = start_head_[k]; h >= 0; h = hits_[h].next_same_start) {
        const Cues found = hits_[h].cues & cues;
        if (found && hits_[h].end <= to) return found;
      }
    }
    return 0;
  }

  bool in_message(Cue cue) const {
    find_words();
    return (message_cues_ & bit(cue)) != 0;
  }

  // The longest phrase starting at i, and its length.
  std::pair<const Phrase*, std::size_t> phrase_at(std::size_t i) const {
    const Phrase* best = nullptr;
    std::size_t length = 0;
    for (std::int32_t h = start_head_[i]; h >= 0; h = hits_[h].next_same_start) {
      const Phrase* p = lexicon_.phrase(hits_[h].word);
      if (p && hits_[h].end - hits_[h].start > length) {
        best = p;
        length = hits_[h].end - hits_[h].start;
      }
    }
    return {best, length};
  }

  // ---- writing mentions ---------------------------------------------------

  Mention& emit(MentionKind kind, std::size_t begin, std::size_t end, double value, float confidence = 1.0f,
                std::string_view unit = {}, double value2 = 0, std::uint8_t flags = 0) {
    // Overwrite the caller's old mentions first: their strings keep their
    // capacity, so a long surface text costs no allocation.
    Mention& m = written_ < out_.size() ? out_[written_] : out_.emplace_back();
    ++written_;
    // Always finite, so that every mention can be written as JSON: a number
    // beyond a double (a 309-digit run) is held as the largest one.
    if (!std::isfinite(value)) {
      value = std::copysign(std::numeric_limits<double>::max(), value);
      flags |= flag(MentionFlag::beyond_range);
    }
    if (!std::isfinite(value2)) {
      value2 = std::copysign(std::numeric_limits<double>::max(), value2);
      flags |= flag(MentionFlag::beyond_range);
    }
    const bool amount = kind == MentionKind::money || kind == MentionKind::relative || kind == MentionKind::threshold;
    if (amount && (!Money::in_range(value) || !Money::in_range(value2))) flags |= flag(MentionFlag::beyond_range);
    m.kind = kind;
    m.role = PriceRole::none;
    m.scope = PriceScope::unspecified;
    m.scope_units = 0;
    m.flags = flags;
    m.value = value;
    m.value2 = value2;
    m.unit.assign(unit);
    m.start = text_.origin[offsets_view_[begin]];
    m.end = text_.origin[offsets_view_[end]];
    // A dropped emoji right before `end` belongs to no mention: end at the
    // last kept character instead of at the next kept one.
    if (end > begin) {
      const std::uint32_t last_byte = offsets_view_[end] - 1;
      const std::uint32_t last_start = text_.origin[last_byte];
      char32_t cp;
      const std::size_t length = utf8::decode(text_.original, last_start, &cp);
      m.end = last_start + static_cast<std::uint32_t>(length == 0 ? 1 : length);
    }
    m.text.assign(text_.original, m.start, m.end - m.start);
    m.confidence = confidence;
    if (kind == MentionKind::quantity) last_quantity_ = {begin, end, value};
    return m;
  }

  // A money mention over [begin, end), its role and scope from the words
  // around it.
  void emit_money(std::size_t begin, std::size_t end, double value, float confidence) {
    Mention& m = emit(MentionKind::money, begin, end, value, confidence);
    if (m.has(MentionFlag::beyond_range)) return;  // no price role: never a price
    m.role = role(begin, end);
    scope(begin, end, m);
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
    if (!lexicon_.may_start_phrase(s_[i], c(i + 1))) return i;
    find_words();
    if ((start_cues_[i] & bit(text::kPhrase)) == 0) return i;
    const auto [p, n] = phrase_at(i);
    switch (p->action) {
      case Phrase::Action::mention:
        emit(p->kind, i, i + n, p->value, 1, {}, 0, p->flags);
        return i + n;
      case Phrase::Action::relative_ask:
        if (s_[i] == U'少' && c(i - 1) == U'多' && i > 0) return i;  // 多少点
        emit(MentionKind::relative, i, i + n, 0);
        return i + n;
      case Phrase::Action::skip:
        return i + n;
      case Phrase::Action::ordinal:
        // 第二, 第3次: an ordinal is no amount.
        if (const NumberRead r = text::read_number(s_.substr(i + 1)); r.length > 0) return i + 1 + r.length;
        return i;
      case Phrase::Action::threshold:
        return threshold(i);
    }
    return i;
  }

  // 满300减30, 满3000送靠枕, 满68包邮; a bare 满300 is a threshold with no reward.
  std::size_t threshold(std::size_t i) {
    const NumberRead over = text::read_number(s_.substr(i + 1));
    if (over.length == 0) return i;
    std::size_t e = i + 1 + over.length;
    e += match(e, text::kThresholdYuan);
    if (is_measure_word(c(e)) && !match(e, text::kFreeShipping)) return i;  // 满2件: a quantity condition
    e += match(e, text::kThresholdLink);
    if (const std::size_t n = match(e, text::kThresholdMinus)) {
      const NumberRead off = text::read_number(s_.substr(e + n));
      if (off.length > 0) {
        std::size_t end = e + n + off.length;
        end += match(end, text::kThresholdYuan);
        emit(MentionKind::threshold, i, end, over.value, 1, {}, off.value, flag(MentionFlag::amount_off));
        return end;
      }
    }
    if (const std::size_t n = match(e, text::kFreeShipping)) {
      emit(MentionKind::threshold, i, e + n, over.value, 1, {}, 0, flag(MentionFlag::free_shipping));
      return e + n;
    }
    if (const std::size_t n = match(e, text::kThresholdGift)) {
      emit(MentionKind::threshold, i, e + n, over.value, 1, {}, 0, flag(MentionFlag::gift));
      return e + n;
    }
    emit(MentionKind::threshold, i, e, over.value, 0.8f);
    return e;
  }

  // The value of the first run of ASCII digits in s_[from, to), 0 when none.
  double first_digits(std::size_t from, std::size_t to) const {
    std::size_t k = from;
    while (k < to && !text::is_ascii_digit(s_[k])) ++k;
    double value = 0;
    for (; k < to && text::is_ascii_digit(s_[k]); ++k) value = value * 10 + (s_[k] - '0');
    return value;
  }

  // Letter sizes (XL, xxl, 2xl; S/M/L only before 码 or 号), model codes
  // (iphone13, a1234, iphone 15) and other ASCII words, read whole so that a
  // model number's digits are not read as a price.
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
    // A word glued to digits is a model code (iphone13, a1234, p60), or with
    // a long run of digits a tracking number (SF1234567890).
    if (text::is_ascii_digit(c(e))) {
      const std::size_t digits = e;
      while (text::is_ascii_digit(c(e))) ++e;
      const bool tracking = e - digits >= 9;
      while (e < s_.size() && (text::is_ascii_alnum(s_[e]) || s_[e] == '-')) ++e;
      emit(tracking ? MentionKind::id : MentionKind::model, i, e, first_digits(i, e));
      return e;
    }
    // A brand's name, a space, a number: iphone 15, mate 60.
    if (c(e) == ' ' && text::is_ascii_digit(c(e + 1)) && match_before(e, text::kBrandBefore) == e - i) {
      std::size_t end = e + 1;
      while (end < s_.size() && (text::is_ascii_alnum(s_[end]) || s_[end] == '-')) ++end;
      if (!match(end, text::kYuanAfter)) {
        emit(MentionKind::model, i, end, first_digits(e, end));
        return end;
      }
    }
    while (e < s_.size() && (text::is_ascii_alnum(s_[e]) || s_[e] == '-')) ++e;
    return e;
  }

  // ---- numbers ------------------------------------------------------------

  std::size_t number(std::size_t i) {
    NumberRead r = text::read_number(s_.substr(i));
    if (r.length == 0) return i;
    // 六十一袋 is "sixty a bag" unless the buyer is counting (买六十一袋);
    // 二百一包邮 is 210 with free shipping: 包 there is no measure word.
    if (r.chinese && r.length >= 3 && s_[i + r.length - 1] == U'一' && is_measure_word(c(i + r.length)) &&
        !match(i + r.length, text::kFreeShipping) && !match_before(i, text::kCountingVerb)) {
      r = text::read_number(s_.substr(i, r.length - 1));
    }
    std::size_t s = i, e = i + r.length;
    double value = r.value;

    // Chinese digits with no unit (一下, 一样, 三思) are most numbers in a
    // message, and only a word right before or after them could make them
    // an amount, a date or a count (一块, 三月, 两件, ¥五): when none can, the
    // reading is bare()'s at once.
    if (r.chinese && !r.unit && !r.fraction && !r.approximate && !may_say_what(e) &&
        !lexicon_.may_end_word(s >= 2 ? s_[s - 2] : 0, c(s - 1))) {
      return bare(r, s, e, value);
    }

    // hh:mm
    if (r.plain_digits > 0 && r.plain_digits <= 2 && c(e) == ':' && text::is_ascii_digit(c(e + 1)) &&
        text::is_ascii_digit(c(e + 2))) {
      emit(MentionKind::time, s, e + 3, value);
      return e + 3;
    }
    // A long run of digits is a phone or order number, unless a currency
    // mark says it is an amount (100000000元).
    const bool yuan_after = r.plain_digits >= 9 && (match(e, text::kThresholdYuan) > 0 || c(e) == U'圆');
    if (r.plain_digits == 11 && s_[s] == '1' && !yuan_after) return emit(MentionKind::phone, s, e, value), e;
    if (r.plain_digits >= 9 && !yuan_after) return emit(MentionKind::id, s, e, value), e;
    if (r.plain_digits > 0 && match_before(s, text::kIdBefore)) return emit(MentionKind::id, s, e, value), e;
    if (r.plain_digits > 0 && match(e, text::kIdAfter)) return emit(MentionKind::id, s, e, value), e;
    if (s > 0 && text::is_ascii_letter(s_[s - 1]) && !match_before(s, text::kRmb)) return e;  // a1234

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
    if (r.chinese && value == 11 && e - s == 2 && match(e, text::kNationalDayAfter)) {
      return emit(MentionKind::date, s, e, value, 0.9f, {}, 0, flag(MentionFlag::festival)), e;  // 十一: National Day
    }
    if (r.plain_digits > 0 && (n = match(e, text::kLetterSizeAfter)) && !text::is_ascii_letter(c(e + n))) {
      std::string unit = std::to_string(static_cast<int>(value)) + (s_[e + 1] == 'l' ? "XL" : "XS");
      return emit(MentionKind::size, s, e + n, 0, 1, unit), e + n;  // 2xl
    }
    // 8+256g: memory and storage.
    if (r.plain_digits > 0 && c(e) == '+' && text::is_ascii_digit(c(e + 1))) {
      std::size_t k = e + 1;
      while (text::is_ascii_digit(c(k))) ++k;
      if (c(k) == 'g' || c(k) == 't') return emit(MentionKind::model, s, e, value), e;
    }
    // 4k电视, 2k屏: a resolution, not 4000.
    if (e - s == 2 && text::is_ascii_digit(s_[s]) && s_[s + 1] == 'k' &&
        (match(e, text::kDisplayAfter) || (c(e) == U'的' && match(e + 1, text::kDisplayAfter)))) {
      return emit(MentionKind::model, s, e, s_[s] - '0'), e;
    }
    // 200w的吹风机, 功率1500w: watts, not 200万.
    // (4000w never reads as 万, so its w is still to come.)
    if (const std::size_t w_end = r.unit && e - s >= 2 && s_[e - 1] == 'w' && text::is_ascii_digit(s_[e - 2]) ? e
                                  : r.plain_digits > 0 && c(e) == 'w' && !text::is_ascii_letter(c(e + 1))  ? e + 1
                                                                                                           : 0;
        w_end > 0 && (match(w_end, text::kPowerWord) || (c(w_end) == U'的' && match(w_end + 1, text::kPowerWord)) ||
                      match_before(s, text::kPowerWord))) {
      return emit(MentionKind::count, s, w_end, first_digits(s, w_end), 1, "w"), w_end;
    }
    // A relative ask or a currency mark before the number.
    std::size_t rel = match_before(s, text::kRelativeBefore);
    if (rel > 0 && s_[s - rel] == U'少' && c(s - rel - 1) == U'多' && s - rel > 0) rel = 0;  // 多少
    const std::size_t cur = match_before(s, text::kCurrencyBefore);

    if ((n = match(e, text::kYuanAfter))) {
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
      end += match(end, text::kWhole);
      if (rel > 0) return emit(MentionKind::relative, s - rel, end, amount), end;
      // 一块的, 一块儿 mean "together".
      if (s_[e] == U'块' && n == 1 && r.chinese && value == 1 && match(end, text::kTogetherAfter)) return end;
      // 买了一块屏幕, 一块手表: 块 counts pieces.
      if (s_[e] == U'块' && n == 1 && end == e + 1 && pieces(r, s, e)) {
        return emit(MentionKind::quantity, s, e + 1, value, 1, "块"), e + 1;
      }
      emit_money(s - cur, end, amount, 1);
      return end;
    }
    // 五毛, 八毛五, 贰角伍分, 五分钱: 角 and 分 alone.
    if (!r.unit && !r.fraction && e - s == 1 &&
        (c(e) == U'毛' || c(e) == U'角' || (c(e) == U'分' && c(e + 1) != U'钟' && (r.chinese || c(e + 1) == U'钱')))) {
      const text::CentsRead cents = text::read_cents(s_.substr(s), /*after_yuan=*/false);
      if (cents.length > 0 && (!cents.bare_last || bare_cents_end(s + cents.length))) {
        const std::size_t end = s + cents.length;
        if (rel > 0) return emit(MentionKind::relative, s - rel, end, cents.cents / 100.0), end;
        emit_money(s, end, cents.cents / 100.0, 1);
        return end;
      }
    }
    if (c(e) == U'折') {
      const double ratio = value < 10 ? value / 10 : value / 100;
      if (value <= 0 || value >= 100) return e + 1;
      const std::size_t hit = match_before(s, text::kFoldBefore);
      emit(MentionKind::discount, s - hit, e + 1, ratio);
      return e + 1;
    }
    if (cur > 0) return emit_money(s - cur, e, value, 1), e;
    if (rel > 0 && !r.fraction) {
      // 便宜20, 减五十: a relative ask needs an amount that reads like one.
      if (r.plain_digits > 0 || r.unit || value >= 10) {
        emit(MentionKind::relative, s - rel, e, value, rel == 2 && s_[s - 2] == U'便' ? 0.9f : 1.0f);
        return e;
      }
    }
    // 300-30 as sellers write it, or 300减30.
    if ((n = match(e, text::kThresholdMinus)) && r.plain_digits > 0) {
      const NumberRead off = text::read_number(s_.substr(e + n));
      if (off.length > 0 && off.value < value) {
        std::size_t end = e + n + off.length;
        end += match(end, text::kThresholdYuan);
        emit(MentionKind::threshold, s, end, value, c(e) == '-' ? 0.7f : 0.9f, {}, off.value,
             flag(MentionFlag::amount_off));
        return end;
      }
    }
    // Dates: 6月18号, 18号, 2023年.
    if (c(e) == U'月' && value >= 1 && value <= 12 && !r.fraction) {
      std::size_t end = e + 1;
      double date = value;
      const NumberRead day = text::read_number(s_.substr(end));
      if (day.length > 0 && (n = match(end + day.length, text::kDayAfter))) {
        date = value * 100 + day.value;
        end += day.length + n;
      }
      emit(MentionKind::date, s, end, date);
      return end;
    }
    if ((n = match(e, text::kDayAfter)) && !r.fraction) {
      if (match_before(s, text::kShoeSizeBefore)) return emit(MentionKind::size, s, e + n, value, 1, "号"), e + n;
      return emit(MentionKind::date, s, e + n, value), e + n;
    }
    if (c(e) == U'年' && value >= 1900 && value <= 2100) return emit(MentionKind::date, s, e + 1, value), e + 1;
    // Durations before measure words: 3个月 is no quantity.
    if ((n = match(e, text::kDurationAfter))) {
      emit(MentionKind::duration, s, e + n, value, 1, unit_text(e + (s_[e] == U'个' ? 1 : 0), e + n));
      return e + n;
    }
    if (c(e) == U'点' && !r.fraction) return time(r, s, e);
    // 128gb, 8g, 5g: memory and networks, not weights.
    if (r.plain_digits > 0 && (n = match(e, text::kStorageAfter)) && !text::is_ascii_letter(c(e + n))) {
      return emit(MentionKind::model, s, e + n, value), e + n;
    }
    if ((n = match(e, text::kWeightAfter)) && !text::is_ascii_letter(c(e + n))) {
      const bool storage = value < 10 || value == 16 || value == 32 || value == 64 || value == 128 || value == 256 ||
                           value == 512;
      if (s_[e] == 'g' && n == 1 && storage && r.plain_digits > 0) return emit(MentionKind::model, s, e + 1, value), e + 1;
      return emit(MentionKind::weight, s, e + n, value, 1, unit_text(e, e + n)), e + n;
    }
    if (const std::size_t end = height(r, s, e); end > e) return end;
    if ((n = match(e, text::kSizeAfter)) && !text::is_ascii_letter(c(e + n))) {
      return emit(MentionKind::size, s, e + n, value, 1, unit_text(e, e + n)), e + n;
    }
    if (c(e) == U'抽') return emit(MentionKind::count, s, e + 1, value, 1, "抽"), e + 1;
    // 2020款, 2023版: a model year.
    if (year_like(r) && (c(e) == U'款' || c(e) == U'版')) return emit(MentionKind::model, s, e + 1, value), e + 1;
    if (is_measure_word(c(e)) && !r.fraction && !match(e, text::kFreeShipping)) {
      emit(MentionKind::quantity, s, e + 1, value, 1, unit_text(e, e + 1));
      return e + 1;
    }
    // Numbers that count something else: 8%, 3岁, 5楼, 4.8分, 2倍, 八成新.
    if (match(e, text::kDealAfter)) return 0;  // 145成交: a price, not 八成新
    if (match(e, text::kOtherCountAfter)) return e + 1;
    if ((n = match(e, text::kSpecUnitAfter))) {
      return emit(MentionKind::count, s, e + n, value, 1, unit_text(e, e + n)), e + n;
    }
    if (match(e, text::kAddressAfter)) return e + 1;  // 3栋302室
    // 三千里: a distance (not 里面, inside).
    if (r.chinese && r.unit && c(e) == U'里' && c(e + 1) != U'面' && c(e + 1) != U'头' && c(e + 1) != U'边') {
      return e + 1;
    }
    // 80后, 95后: a generation.
    if (r.plain_digits == 2 && c(e) == U'后' && std::fmod(value, 5) == 0) return e + 1;
    // Digits glued to letters: 3c, 5a, a model code.
    if (r.plain_digits > 0 && text::is_ascii_letter(c(e))) {
      std::size_t end = e;
      while (end < s_.size() && (text::is_ascii_alnum(s_[end]) || s_[end] == '-')) ++end;
      return emit(MentionKind::model, s, end, value), end;
    }
    return 0;
  }

  std::size_t time(const NumberRead& r, std::size_t s, std::size_t e) {
    const bool hour = r.value >= 0 && r.value <= 24 && r.value == std::floor(r.value);
    const bool said_time = match_before(s, text::kTimeBefore) > 0 || match(e + 1, text::kTimeAfter) > 0;
    if (!hour || (r.chinese && !said_time)) return e;  // 便宜一点: "a little"
    std::size_t end = e + 1 + match(e + 1, text::kTimeTail);
    emit(MentionKind::time, s, end, r.value);
    return end;
  }

  // Four Arabic digits that may be a year of this century: 2000 to 2035.
  static bool year_like(const NumberRead& r) {
    return r.plain_digits == 4 && r.value >= 2000 && r.value <= 2035;
  }

  // 一块 counting pieces: a small Chinese count, then a thing counted by 块
  // (一块屏幕), or a counting verb before it (买了一块) and nothing after 块
  // that goes on with an amount.
  bool pieces(const NumberRead& r, std::size_t s, std::size_t e) const {
    if (!r.chinese || r.fraction || r.value > 10 || r.value != std::floor(r.value)) return false;
    if (match(e + 1, text::kPieceAfter)) return true;
    if (!match_before(s, text::kCountingVerb)) return false;
    const char32_t next = c(e + 1);
    return next == 0 || is_clause_mark(next) || next == U'了' || next == U'吧';
  }

  // A height or length with its tail: 一米七五 and 1米75 (175 cm), 1米8 (180),
  // 2尺4 (2.4 尺): the digits after 米 are centimetres, after 尺 tenths.
  std::size_t height(const NumberRead& r, std::size_t s, std::size_t e) {
    const char32_t unit = c(e);
    if ((unit != U'米' && unit != U'尺') || r.fraction || r.unit || r.value < 1 || r.value > 3) return e;
    const std::size_t t = e + 1;
    int tail = 0;
    std::size_t digits = 0;
    while (digits < 3 && text::digit_value(c(t + digits)) >= 0) tail = tail * 10 + text::digit_value(c(t + digits++));
    if (digits == 0 || digits > 2 || text::small_unit_value(c(t + digits)) != 0 || c(t + digits) == '.') return e;
    if (text::is_ascii_digit(c(t)) != text::is_ascii_digit(s_[s])) return e;  // 1米七: not one number
    if (unit == U'尺') {
      if (digits != 1) return e;
      emit(MentionKind::size, s, t + 1, r.value + tail / 10.0, 1, "尺");
      return t + 1;
    }
    const double cm = r.value * 100 + (digits == 1 ? tail * 10 : tail);
    emit(MentionKind::size, s, t + digits, cm, 1, "cm");
    return t + digits;
  }

  // Whether what starts at e may say what a number before it counts: a word
  // of the lexicon, a measure word, or one of the characters with_unit()
  // reads itself (年 月 点 折 毛 角 分 抽 and marks).
  bool may_say_what(std::size_t e) const {
    static constexpr CharSet kReadAfter{U"年月点折毛角分抽钱圆:/+-."};
    const char32_t next = c(e);
    return lexicon_.may_start_word(next, c(e + 1)) || is_measure_word(next) || kReadAfter.contains(next) ||
           text::is_ascii_letter(next);
  }

  // Whether a digit read as 角 or 分 with no unit after it (一块五, 三块八毛五)
  // ends there: not when a number goes on (一块五十), nor before a measure
  // word (十块五个: ten yuan, five of them), except 一个 and the like (3块5一个).
  bool bare_cents_end(std::size_t e) const {
    if (per_unit(e)) return true;
    if (text::digit_value(c(e)) >= 0 || text::small_unit_value(c(e)) != 0 || c(e) == '.') return false;
    return !is_measure_word(c(e)) || match(e, text::kFreeShipping);
  }

  // 80一袋, 80/个, 80每个: a price per item.
  bool per_unit(std::size_t e) const {
    return (c(e) == U'一' || c(e) == '/' || c(e) == U'每') && (is_measure_word(c(e + 1)) || c(e + 1) == U'斤');
  }

  // A number with nothing after it that says what it is.
  std::size_t bare(const NumberRead& r, std::size_t s, std::size_t e, double value) {
    if (r.chinese && !r.unit) {
      // 六一, 五一: festivals, written as digit strings.
      if (value == 61 || value == 51) {
        return emit(MentionKind::date, s, e, value, 0.9f, {}, 0, flag(MentionFlag::festival)), e;
      }
      return e;  // 一下, 三思, 一二三: no amount
    }
    if (r.chinese && value == 10 && e - s == 1) return e;  // 十分, 十足
    if (r.plain_digits > 0 && (value == 618 || value == 1111 || value == 1212)) {
      return emit(MentionKind::date, s, e, value, 0.9f, {}, 0, flag(MentionFlag::festival)), e;
    }
    // 520 (May 20th, a shopping day too) unless the buyer bargains: 520行吗.
    if (r.plain_digits == 3 && value == 520 && !in_message(text::kBargaining)) {
      return emit(MentionKind::date, s, e, value, 0.8f, {}, 0, flag(MentionFlag::festival)), e;
    }
    if (r.fraction && !r.chinese && (value == 6.18 || value == 11.11 || value == 12.12)) {
      return emit(MentionKind::date, s, e, value, 0.9f, {}, 0, flag(MentionFlag::festival)), e;
    }
    // 2020纯棉的: a model year or product code, unless the message bargains
    // or a price word is before it.
    if (year_like(r) && std::fmod(value, 100) != 0 && !in_message(text::kBargaining) &&
        !match_before(s, text::kPriceWordBefore)) {
      return emit(MentionKind::model, s, e, value, 0.6f), e;
    }
    // 苹果15, 小米14: a model, not a price.
    if (r.plain_digits > 0) {
      if (const std::size_t n = match_before(s, text::kBrandBefore)) return emit(MentionKind::model, s - n, e, value), e;
    }
    if (r.approximate) return emit_money(s, e, value, kBare), e;
    if (match_before(s, text::kGiftBefore)) return e;  // 送5: a gift count
    if (match_before(s, text::kWearBefore)) return emit(MentionKind::size, s, e, value, 0.9f, "码"), e;  // 平时穿42
    if (match_before(s, text::kHeightBefore)) return emit(MentionKind::size, s, e, value, 0.9f, "cm"), e;
    if (match_before(s, text::kBodyWeightBefore)) return emit(MentionKind::weight, s, e, value, 0.9f), e;
    if (match_before(s, text::kSpecBefore)) return emit(MentionKind::size, s, e, value, 0.8f), e;
    if (c(e) == U'的' && c(e + 1) == U'穿') return emit(MentionKind::size, s, e, value, 0.8f), e;  // 175的穿L码
    if (const std::size_t n = match_before(s, text::kOverBefore)) {
      return emit(MentionKind::threshold, s - n, e, value, 0.7f), e;
    }
    // 一块的, 一块儿: "together", not one yuan.
    if (r.chinese && value == 1 && e - s == 1) return e;
    // 一袋80: the price of one item.
    if (per_unit(e) || after_one_item(s)) return emit_money(s, e, value, kBareInBargain), e;
    if (match(e, text::kFreeShipping)) return emit_money(s, e, value, 1), e;
    float confidence = kBare;
    if (match_before(s, text::kPriceWordBefore) || each_before(s)) {
      confidence = kBarePriceWord;
    } else if (in_message(text::kBargaining)) {
      confidence = kBareInBargain;
    }
    if (r.plain_digits >= 5) confidence = kBareLong;
    emit_money(s, e, value, confidence);
    return e;
  }

  // 每个130, 单价130: a word that makes the price one unit's right before s.
  bool each_before(std::size_t s) const {
    return match_before(s, text::kEach) || (s > 0 && is_measure_word(s_[s - 1]) && match_before(s - 1, text::kEach));
  }

  // 第二件, 第3份 right before s.
  bool after_ordinal_item(std::size_t s) const {
    if (s < 3 || !is_measure_word(s_[s - 1])) return false;
    std::size_t k = s - 1;
    for (int digits = 0; digits < 2 && k > 0 && text::digit_value(s_[k - 1]) >= 0; ++digits) --k;
    return k < s - 1 && k > 0 && s_[k - 1] == U'第';
  }

  // 一袋80, 一个130: one item right before the number.
  bool after_one_item(std::size_t s) const { return s >= 2 && s_[s - 2] == U'一' && is_measure_word(s_[s - 1]); }

  // Where the clause before `s` starts: at most 8 characters back, not past
  // a number or a clause mark, so that 原价150现在120行吗 offers 120.
  std::size_t clause_start(std::size_t s) const {
    std::size_t from = s;
    while (from > 0 && s - from < 8 && !text::is_ascii_digit(s_[from - 1]) && !is_chinese_start(s_[from - 1]) &&
           !is_clause_mark(s_[from - 1])) {
      --from;
    }
    return from;
  }

  // A price the buyer names rather than offers: what it used to cost (之前269,
  // 原价150), what another shop asks (其它店28元), what they have spent (我都180了),
  // a price they check (是40吗, 不是99) or name an item by (299的湿巾), a saving
  // (便宜了5元); else an offer.
  PriceRole role(std::size_t s, std::size_t e) {
    std::size_t from = clause_start(s);
    // 别家两双才200: the clause goes on before a quantity the price is for.
    if (last_quantity_.end > 0 && last_quantity_.end <= s && last_quantity_.end >= from) {
      from = clause_start(last_quantity_.start);
    }
    // 差十元, 多花了20, 比别人贵20: a difference, not a price.
    if (match_before(s, text::kDifferenceBefore)) return PriceRole::quoted;
    if (match_before(s, text::kCompareBefore) && nearest_in(from, s, bit(text::kComparison))) return PriceRole::quoted;
    const Cues which = nearest_in(from, s, bit(text::kEarlier) | bit(text::kElsewhere) | bit(text::kQuoted));
    if (which & bit(text::kElsewhere)) return PriceRole::elsewhere;
    if (which & bit(text::kEarlier)) return PriceRole::earlier;
    if (which & bit(text::kQuoted)) return PriceRole::quoted;
    // 你说的168是吗, 300够满减吗: a price checked, or a total against a threshold.
    if (match(e, text::kCheckAfter)) return PriceRole::quoted;
    // 10元券, 三块钱的红包: what a coupon is worth.
    if (match(e, text::kCouponAfter)) return PriceRole::quoted;
    // 第二件359吗, 第二份359: the price of one item of a deal, checked or
    // told; 第二件100行吗 offers it.
    if (after_ordinal_item(s) && !match(e, text::kBargaining)) return PriceRole::quoted;
    // 是40吗, 是366元: a price being checked, but not 就是100 or 要是100.
    if (match_before(s, text::kCheckBefore) && !match_before(s, text::kNotCheckBefore)) return PriceRole::quoted;
    if (c(e) == U'的' && !match(e, text::kNotNamingAfter)) return PriceRole::quoted;  // 299的湿巾
    // 区别, 为什么: the buyer works a price out, not offers it.
    if (in_message(text::kWorkedOut)) return PriceRole::quoted;
    return PriceRole::offer;
  }

  // What the amount at [s, e) covers: one unit (每个130, 一个130, 80一袋), a
  // total for N units (两双1100, 1100两双), or the whole order (一共800).
  void scope(std::size_t s, std::size_t e, Mention& m) {
    // Back over words that may stand between a quantity and its price
    // (两件一起200, 三个要390).
    std::size_t p = s;
    for (std::size_t n; p > 0 && (n = match_before(p, text::kScopeFiller)) > 0;) p -= n;
    if (per_unit(e) || after_one_item(s) || after_one_item(p) || each_before(p)) {
      m.scope = PriceScope::per_unit;
      return;
    }
    if (last_quantity_.end == p && p > 0 && last_quantity_.value >= 2) {
      m.scope = PriceScope::units_total;
      m.scope_units = last_quantity_.value;
      return;
    }
    // 1100两双, 200元2件: a quantity right after.
    if (const NumberRead q = text::is_ascii_digit(c(e)) || is_chinese_start(c(e)) ? text::read_number(s_.substr(e))
                                                                                 : NumberRead{};
        q.length > 0 && !q.fraction && q.value >= 2 &&
                                                              is_measure_word(c(e + q.length)) &&
                                                              !match(e + q.length, text::kFreeShipping)) {
      m.scope = PriceScope::units_total;
      m.scope_units = q.value;
      return;
    }
    if (nearest_in(clause_start(s), s, bit(text::kCartTotal))) m.scope = PriceScope::cart_total;
  }

  struct LastQuantity {
    std::size_t start = 0, end = 0;
    double value = 0;
  };

  const NormalizedText& text_;
  std::vector<Mention>& out_;
  const Lexicon& lexicon_;
  std::u32string_view s_;
  const std::uint32_t* offsets_view_ = nullptr;
  const std::uint32_t* cp_of_byte_view_ = nullptr;
  std::size_t written_ = 0;  // mentions emitted into out_ so far
  LastQuantity last_quantity_;

  Buffer<char32_t, kInline> cps_;
  Buffer<std::uint32_t, kInline + 1> offsets_;
  Buffer<std::uint32_t, 3 * kInline + 1> cp_of_byte_;
  // The words found, filled in by find_words() at the first look.
  mutable bool found_words_ = false;
  mutable Buffer<Cues, kInline + 1> start_cues_buffer_, end_cues_buffer_;
  mutable Buffer<std::int32_t, kInline + 1> start_head_buffer_, end_head_buffer_;
  mutable Cues* start_cues_ = nullptr;
  mutable Cues* end_cues_ = nullptr;
  mutable std::int32_t* start_head_ = nullptr;
  mutable std::int32_t* end_head_ = nullptr;
  mutable Hits<kInline> hits_;
  mutable Cues message_cues_ = 0;  // every cue of every word in the message
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
