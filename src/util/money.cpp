#include "parley/money.hpp"

#include <cmath>

#include "parley/error.hpp"

namespace parley {

std::optional<Money> Money::from_fen_checked(double fen) {
  // Written so that NaN fails both comparisons. Within the range the cast of
  // the rounded value is exact and defined.
  if (!(fen >= -static_cast<double>(kMaxFen) && fen <= static_cast<double>(kMaxFen))) return std::nullopt;
  return Money(static_cast<std::int64_t>(std::round(fen)));
}

std::optional<Money> Money::from_yuan_checked(double yuan) {
  if (!in_range(yuan)) return std::nullopt;  // also NaN
  return from_fen_checked(yuan * 100.0);
}

Money Money::from_yuan(double yuan) {
  if (std::optional<Money> m = from_yuan_checked(yuan)) return *m;
  throw Error("amount out of range: " + std::to_string(yuan) + " yuan (parley handles at most " +
              std::to_string(kMaxYuan) + " yuan either way)");
}

void Money::throw_overflow() { throw Error("money overflow: a sum or product of amounts beyond int64 fen"); }

std::string Money::to_string() const {
  // The magnitude as unsigned, so that INT64_MIN has one.
  const std::uint64_t abs = fen_ < 0 ? 0 - static_cast<std::uint64_t>(fen_) : static_cast<std::uint64_t>(fen_);
  std::string out = fen_ < 0 ? "-" : "";
  out += std::to_string(abs / 100);
  const int cents = static_cast<int>(abs % 100);
  if (cents != 0) {
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) out += static_cast<char>('0' + cents % 10);
  }
  return out;
}

}  // namespace parley
