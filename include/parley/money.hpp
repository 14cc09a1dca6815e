// parley/money.hpp: an amount of money, exact to the fen.
//
// Prices are never held in floating point inside the policy: a Money is a
// whole number of fen (1/100 yuan), so sums, differences and comparisons are
// exact. Conversions from double (rule files, expressions, parsed text) round
// to the nearest fen.
#pragma once

#include <cstdint>
#include <compare>
#include <string>

namespace parley {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(std::int64_t fen) { return Money(fen); }
  static Money from_yuan(double yuan);  // rounded to the nearest fen

  constexpr std::int64_t fen() const { return fen_; }
  double yuan() const { return static_cast<double>(fen_) / 100.0; }
  constexpr bool is_whole_yuan() const { return fen_ % 100 == 0; }

  // "150", "150.5", "150.05", "-3": no trailing zeros, as a shop writes prices.
  std::string to_string() const;

  constexpr Money operator+(Money o) const { return Money(fen_ + o.fen_); }
  constexpr Money operator-(Money o) const { return Money(fen_ - o.fen_); }
  constexpr Money operator*(std::int64_t k) const { return Money(fen_ * k); }
  constexpr Money& operator+=(Money o) { fen_ += o.fen_; return *this; }
  constexpr Money& operator-=(Money o) { fen_ -= o.fen_; return *this; }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t fen) : fen_(fen) {}
  std::int64_t fen_ = 0;
};

}  // namespace parley
