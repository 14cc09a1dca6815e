// parley/money.hpp: an amount of money, exact to the fen.
//
// Prices are never held in floating point inside the policy: a Money is a
// whole number of fen (1/100 yuan), so sums, differences and comparisons are
// exact.
//
// Range. parley handles amounts of at most kMaxYuan (10^12 yuan, 10^14 fen)
// either way. Every amount that comes from outside (rule files, JSON, a
// buyer's or an agent's text, rule expressions) enters through one checked
// conversion, from_yuan_checked(), which rounds to the nearest fen and says
// no (nullopt) to NaN, to infinities and to anything beyond the range; no
// caller casts a double to fen itself. Inside the range a double holds an
// amount with two decimals exactly enough that rounding gives back the fen
// the writer meant.
//
// Arithmetic. +, -, * and the compound forms are exact over int64 fen: a
// result may leave the conversion range (a cart of many costly units) and is
// still exact. A result that would overflow int64 throws parley::Error
// ("money overflow") instead: never a wrapped value, never undefined
// behaviour. The policy keeps its own inputs far inside int64 (policy.hpp),
// so this is a last line of defence, not a code path.
//
// Thread safety: a value type; no shared state.
#pragma once

#include <cstdint>
#include <compare>
#include <optional>
#include <string>

#include "parley/export.h"

namespace parley {

class PARLEY_EXPORT Money {
 public:
  // The conversion range: |amount| <= kMaxYuan. JSON carries every amount in
  // it exactly (io writes and reads money only within it).
  static constexpr std::int64_t kMaxYuan = 1'000'000'000'000;
  static constexpr std::int64_t kMaxFen = kMaxYuan * 100;

  constexpr Money() = default;
  // Any int64 number of fen: for amounts already counted in fen (the
  // policy's own sums, constants). Amounts from outside use
  // from_yuan_checked().
  static constexpr Money from_fen(std::int64_t fen) { return Money(fen); }

  // The one conversion from yuan: rounded to the nearest fen (halves away
  // from zero); nullopt when `yuan` is NaN, infinite or |yuan| > kMaxYuan.
  // Whole yuan read as integers (JSON, digits) convert exactly through it:
  // every integer up to kMaxYuan is a double.
  static std::optional<Money> from_yuan_checked(double yuan);
  // Same for an amount already in fen that may have a fraction (a share of
  // a price, a percentage): nullopt when NaN, infinite or |fen| > kMaxFen.
  static std::optional<Money> from_fen_checked(double fen);
  // from_yuan_checked() for amounts the caller knows to be in range
  // (constants, tests): throws parley::Error when the amount is not.
  static Money from_yuan(double yuan);

  // Whether from_yuan_checked(yuan) has a value.
  static constexpr bool in_range(double yuan) { return yuan >= -kMaxYuan && yuan <= kMaxYuan; }

  constexpr std::int64_t fen() const { return fen_; }
  double yuan() const { return static_cast<double>(fen_) / 100.0; }
  constexpr bool is_whole_yuan() const { return fen_ % 100 == 0; }

  // "150", "150.5", "150.05", "-3": no trailing zeros, as a shop writes
  // prices. Any int64 fen, INT64_MIN included.
  std::string to_string() const;

  // Throw parley::Error on int64 overflow (see above).
  constexpr Money operator+(Money o) const {
    std::int64_t out = 0;
    if (__builtin_add_overflow(fen_, o.fen_, &out)) throw_overflow();
    return Money(out);
  }
  constexpr Money operator-(Money o) const {
    std::int64_t out = 0;
    if (__builtin_sub_overflow(fen_, o.fen_, &out)) throw_overflow();
    return Money(out);
  }
  constexpr Money operator*(std::int64_t k) const {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(fen_, k, &out)) throw_overflow();
    return Money(out);
  }
  constexpr Money& operator+=(Money o) { return *this = *this + o; }
  constexpr Money& operator-=(Money o) { return *this = *this - o; }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t fen) : fen_(fen) {}
  [[noreturn]] static void throw_overflow();

  std::int64_t fen_ = 0;
};

}  // namespace parley
