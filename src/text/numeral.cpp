// The numeral reader: a left-to-right state machine over digits, units and
// decimal points, with a small stack for the big units (万, 亿) so that
// 一千二百万三千 and 一万万亿 both come out right. Colloquial shortenings
// (一百二 = 120, 2万5 = 25000) are resolved at the end, when a lone digit
// follows a unit directly.
#include "text/numeral.hpp"

#include <cmath>
#include <limits>

#include "text/fold.hpp"

namespace parley::text {

int digit_value(char32_t cp) {
  if (cp >= '0' && cp <= '9') return static_cast<int>(cp - '0');
  switch (cp) {
    case U'零': case U'〇': return 0;
    case U'一': case U'壹': case U'幺': return 1;
    case U'二': case U'两': case U'贰': case U'兩': case U'貳': return 2;
    case U'三': case U'叁': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': case U'陸': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

double small_unit_value(char32_t cp) {
  switch (cp) {
    case U'十': case U'拾': return 10;
    case U'百': case U'佰': return 100;
    case U'千': case U'仟': return 1000;
    default: return 0;
  }
}

double big_unit_value(char32_t cp) {
  switch (cp) {
    case U'万': case U'萬': return 1e4;
    case U'亿': case U'億': return 1e8;
    case U'兆': return 1e12;
    case U'京': return 1e16;
    default: return 0;
  }
}

namespace {

bool is_zero_char(char32_t cp) { return cp == U'零' || cp == U'〇'; }

// An ASCII letter right after position i would make k/w part of a word
// ("kg", "wifi"), not a multiplier.
bool letter_at(std::u32string_view s, std::size_t i) {
  return i < s.size() && is_ascii_letter(s[i]);
}

struct Term {
  double value;
  double scale;
};

class Reader {
 public:
  Reader(std::u32string_view s, bool standard) : s_(s), standard_(standard) {}

  NumberRead run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      const std::size_t next = step(i);
      if (next == i) break;
      i = next;
    }
    if (end_ == 0) return {};
    result_.value = total();
    // The standard form has no shortening: 一百二 is no number in it.
    if (standard_ && colloquial_used_) return {};
    result_.length = end_;
    if (!result_.unit && !result_.fraction && !result_.chinese) result_.plain_digits = end_;
    return result_;
  }

 private:
  // Consumes one token at i and returns the position after it, or i when the
  // token cannot continue the number.
  std::size_t step(std::size_t i) {
    const char32_t c = s_[i];
    if (closed_) return big_after_fraction(i);
    if (is_ascii_digit(c)) return arabic(i);
    if (is_zero_char(c) && !has_pending_ && (any_unit_ || any_token_)) return zero_filler(i);
    if (digit_value(c) >= 0) return chinese_digit(i, digit_value(c));
    if (const double u = small_unit_value(c); u != 0) return small_unit(i, u, true);
    if ((c == U'廿' || c == U'卅') && !has_pending_) {  // 廿二 = 22
      set_pending(c == U'廿' ? 2 : 3, /*single=*/true);
      return small_unit(i, 10, true);
    }
    if (const double u = big_unit_value(c); u != 0) return big_unit(i, u);
    if ((c == 'k' || c == 'K') && pending_arabic_ && !standard_ && !letter_at(s_, i + 1)) {
      return small_unit(i, 1000, false);
    }
    // 2w = 20000, but 4000w is a power rating.
    if ((c == 'w' || c == 'W') && pending_arabic_ && !standard_ && pending_ < 1000 && !letter_at(s_, i + 1)) {
      return big_unit(i, 1e4);
    }
    if (c == U'点' && any_token_) return chinese_point(i);
    return i;
  }

  std::size_t arabic(std::size_t i) {
    if (has_pending_) return i;
    double value = 0;
    std::size_t j = i;
    while (j < s_.size() && is_ascii_digit(s_[j])) value = value * 10 + (s_[j++] - '0');
    const std::size_t int_digits = j - i;
    // 1,200: a thousands separator only when exactly three digits follow.
    while (int_digits <= 3 && j + 3 < s_.size() && s_[j] == ',' && is_ascii_digit(s_[j + 1]) &&
           is_ascii_digit(s_[j + 2]) && is_ascii_digit(s_[j + 3]) &&
           (j + 4 >= s_.size() || !is_ascii_digit(s_[j + 4]))) {
      value = value * 1000 + (s_[j + 1] - '0') * 100 + (s_[j + 2] - '0') * 10 + (s_[j + 3] - '0');
      j += 4;
      result_.unit = true;  // not a plain digit run any more
    }
    bool fraction = false;
    if (j + 1 < s_.size() && s_[j] == '.' && is_ascii_digit(s_[j + 1])) {
      fraction = true;
      double scale = 0.1;
      for (++j; j < s_.size() && is_ascii_digit(s_[j]); ++j, scale /= 10) value += (s_[j] - '0') * scale;
    }
    if (fraction && any_token_) return i;  // 10.1万零100
    set_pending(value, /*single=*/j - i == 1 && s_[i] != '0');
    pending_arabic_ = true;
    result_.fraction = result_.fraction || fraction;
    fraction_pending_ = fraction;
    any_token_ = true;
    end_ = j;
    return j;
  }

  std::size_t chinese_digit(std::size_t i, int d) {
    if (has_pending_) {
      // A run of digits with no unit (一二三, 二〇〇二, 八五) only at the start,
      // and not in the standard form.
      if (!run_ || any_unit_ || pending_arabic_ || standard_) return i;
      if (run_length_ == 1 && (d == static_cast<int>(pending_) + 1 ||
                               (pending_ == 1 && s_[i] == U'两'))) {
        range_low_ = pending_;  // 三四, 一两: maybe a range, settled by the unit
      } else {
        range_low_ = -1;
      }
      pending_ = pending_ * 10 + d;
      ++run_length_;
      single_ = false;
    } else {
      set_pending(d, /*single=*/true);
      run_ = !any_unit_ && !any_token_;
      run_length_ = 1;
      range_low_ = -1;
    }
    result_.chinese = true;
    any_token_ = true;
    end_ = i + 1;
    return i + 1;
  }

  std::size_t zero_filler(std::size_t i) {
    after_zero_ = true;
    last_token_big_ = false;
    last_unit_ = 0;
    return i + 1;  // end_ stays: a trailing 零 is not part of the number
  }

  std::size_t small_unit(std::size_t i, double unit, bool chinese) {
    double count;
    if (has_pending_) {
      if (run_length_ > 1) {
        if (run_length_ != 2 || range_low_ < 0) return i;  // 一二百 is no number
        result_.approximate = true;
        count = (range_low_ + (range_low_ + 1)) / 2;
      } else {
        count = pending_;
      }
    } else if ((unit == 10 && !any_token_) || after_zero_) {
      count = 1;  // 十五, 一千零十, 一万零百一十一 (cn2an's strict reading: 10111)
    } else if (!standard_ && (unit == 10 || !any_token_)) {
      count = 1;  // 一百十一, 千三: not in the standard form
    } else {
      return i;
    }
    if (standard_ && pending_arabic_) return i;  // 3百: Arabic digits stand alone there
    if (unit >= small_limit_) return i;  // 十一十二
    const bool decimal_count = fraction_pending_;
    section_ += count * unit;
    small_limit_ = unit;
    after_unit(unit, chinese);
    if (decimal_count) closed_ = true;  // 1.5k: only a bigger unit may follow
    end_ = i + 1;
    return i + 1;
  }

  std::size_t big_unit(std::size_t i, double unit) {
    double value = section_;
    if (has_pending_) {
      if (run_length_ == 2 && range_low_ >= 0) {
        result_.approximate = true;  // 三四万
        value += range_low_ + 0.5;
      } else if (single_ && colloquial_unit_ > 0 && colloquial_unit_ < unit) {
        value += pending_ * colloquial_unit_ / 10;  // 8千3萬 = 8300万
        colloquial_used_ = colloquial_used_ || colloquial_unit_ > 10;
      } else {
        value += pending_;
      }
    }
    const bool decimal_count = fraction_pending_;
    double scale = 1;
    bool absorbed = false;
    while (depth_ > 0 && stack_[depth_ - 1].scale <= unit) {
      value += stack_[depth_ - 1].value;
      scale = std::max(scale, stack_[depth_ - 1].scale);
      absorbed = true;
      --depth_;
    }
    if (standard_ && pending_arabic_) return i;  // 100万: not in the standard form
    if (value == 0 && !absorbed && !has_pending_) {
      if (depth_ > 0 && last_token_big_) {
        // 一万亿亿: a big unit right after a bigger one multiplies it.
        stack_[depth_ - 1].value *= unit;
        stack_[depth_ - 1].scale *= unit;
        end_ = i + 1;
        return i + 1;
      }
      if (any_token_ || standard_) return i;
      value = 1;  // 萬五 = 一万五
    }
    if (depth_ == kMaxDepth) return i;
    stack_[depth_++] = {value * unit, absorbed ? scale * unit : unit};
    section_ = 0;
    small_limit_ = std::numeric_limits<double>::infinity();
    after_unit(unit, true);
    last_token_big_ = true;
    if (decimal_count) closed_ = true;  // 10.1万零100 is no number
    end_ = i + 1;
    return i + 1;
  }

  // After a decimal count took its unit (1.5万, 1.5k) only 万/亿 may follow.
  std::size_t big_after_fraction(std::size_t i) {
    const double unit = big_unit_value(s_[i]);
    if (unit == 0 || unit <= last_unit_) return i;
    closed_ = false;
    const std::size_t next = big_unit(i, unit);
    closed_ = true;
    return next;
  }

  std::size_t chinese_point(std::size_t i) {
    if (result_.fraction || (after_zero_ && !has_pending_)) return i;
    double fraction = 0, scale = 0.1;
    std::size_t j = i + 1;
    for (; j < s_.size() && digit_value(s_[j]) >= 0; ++j, scale /= 10) {
      fraction += digit_value(s_[j]) * scale;
    }
    if (j == i + 1) return i;  // 一点 (a little): the point is not ours
    result_.fraction = true;
    result_.chinese = true;
    if (has_pending_ && !(single_ && colloquial_unit_ > 0)) {
      pending_ += fraction;
      single_ = false;
      fraction_pending_ = true;
      run_length_ = 1;  // 一二点三零 = 12.30: the run ends here
      range_low_ = -1;
    } else {
      // 一百点123, 一百二点五: the fraction belongs to the whole number.
      tail_fraction_ = fraction;
      closed_ = true;
      last_unit_ = std::numeric_limits<double>::infinity();
    }
    end_ = j;
    return j;
  }

  void set_pending(double value, bool single) {
    last_token_big_ = false;
    pending_ = value;
    has_pending_ = true;
    single_ = single;
    pending_arabic_ = false;
    fraction_pending_ = false;
    run_ = false;
    run_length_ = 1;
    // The colloquial tenth (一百二, 2万5, 2億5) follows the units of amounts
    // people say; after 兆 and 京 a digit counts units: 五京三 = 5京 and 3
    // (chinese-parseint's reading; no buyer shortens an amount that large).
    colloquial_unit_ = after_zero_ || last_unit_ > 1e8 ? 0 : last_unit_;
  }

  void after_unit(double unit, bool chinese) {
    last_token_big_ = false;
    has_pending_ = false;
    pending_ = 0;
    pending_arabic_ = false;
    fraction_pending_ = false;
    run_length_ = 0;
    any_unit_ = true;
    any_token_ = true;
    after_zero_ = false;
    last_unit_ = unit;
    result_.unit = true;
    result_.chinese = result_.chinese || chinese;
  }

  double total() {
    double sum = section_ + tail_fraction_;
    for (int k = 0; k < depth_; ++k) sum += stack_[k].value;
    if (has_pending_) {
      // 一百二 = 120, 2万5 = 25000: a lone digit right after a unit counts in
      // tenths of that unit.
      if (single_ && colloquial_unit_ > 0 && std::isfinite(colloquial_unit_)) {
        sum += pending_ * colloquial_unit_ / 10;
        colloquial_used_ = colloquial_used_ || colloquial_unit_ > 10;
      } else {
        sum += pending_;
      }
    }
    return sum;
  }

  static constexpr int kMaxDepth = 8;

  std::u32string_view s_;
  NumberRead result_;
  std::size_t end_ = 0;
  Term stack_[kMaxDepth];
  int depth_ = 0;
  double section_ = 0;
  double small_limit_ = std::numeric_limits<double>::infinity();
  double pending_ = 0;
  bool has_pending_ = false;
  bool single_ = false;          // pending is one digit
  bool pending_arabic_ = false;  // pending was written in Arabic digits
  bool fraction_pending_ = false;
  bool run_ = false;             // pending is a run of Chinese digits from the start
  std::size_t run_length_ = 0;
  double range_low_ = -1;
  double last_unit_ = 0;         // the unit just read, 0 after 零
  double colloquial_unit_ = 0;   // the unit right before the pending digit
  double tail_fraction_ = 0;
  bool any_unit_ = false;
  bool any_token_ = false;
  bool after_zero_ = false;
  bool last_token_big_ = false;  // the token just read was 万, 亿 ...
  bool closed_ = false;
  const bool standard_;          // the standard written form only (NumberForms::standard)
  bool colloquial_used_ = false; // a lone digit was read as a tenth of the unit before it
};

}  // namespace

CentsRead read_cents(std::u32string_view s, bool after_yuan) {
  CentsRead out;
  std::size_t i = 0;
  const auto at = [&](std::size_t k) { return k < s.size() ? s[k] : char32_t{0}; };
  // What follows a bare digit (一块五五, 3块5一个) is the caller's to judge.
  const auto digit = [&](std::size_t k) { return digit_value(at(k)); };
  const auto is_jiao = [](char32_t c) { return c == U'角' || c == U'毛'; };
  const auto is_zero = [](char32_t c) { return c == U'零' || c == U'〇'; };
  // 零 as a filler (一块零五, 十块零五毛), not the digit of 零角.
  bool zero = false;
  if (is_zero(at(i)) && !is_jiao(at(i + 1)) && at(i + 1) != U'分') {
    zero = true;
    ++i;
  }
  bool jiao = false;
  if (const int d = digit(i); d >= 0 && is_jiao(at(i + 1))) {
    out.cents = d * 10;
    i += 2;
    jiao = true;
    if (is_zero(at(i)) && digit(i + 1) >= 0 && at(i + 2) == U'分') ++i;  // 五角零五分
  }
  const int d = digit(i);
  if (d >= 0 && at(i + 1) == U'分') {
    out.cents += d;
    i += 2;
  } else if (d >= 0 && !is_jiao(at(i + 1)) && (jiao || zero)) {
    out.cents += d;  // 三块八毛五, 一块零五
    out.length = i + 1;
    out.bare_last = true;
    return out;
  } else if (d >= 0 && !is_jiao(at(i + 1)) && after_yuan && i == 0) {
    out.cents = d * 10;  // 一块五
    out.length = 1;
    out.bare_last = true;
    return out;
  } else if (!jiao) {
    return {};  // nothing, or a 零 with nothing after it
  }
  if (at(i) == U'钱') ++i;
  out.length = i;
  return out;
}

NumberRead read_number(std::u32string_view cps, NumberForms forms) {
  return Reader(cps, forms == NumberForms::standard).run();
}

}  // namespace parley::text
