#include "parley/money.hpp"

#include <cmath>
#include <cstdlib>

namespace parley {

Money Money::from_yuan(double yuan) { return Money(std::llround(yuan * 100.0)); }

std::string Money::to_string() const {
  std::int64_t abs = fen_ < 0 ? -fen_ : fen_;
  std::string out = fen_ < 0 ? "-" : "";
  out += std::to_string(abs / 100);
  int cents = static_cast<int>(abs % 100);
  if (cents != 0) {
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) out += static_cast<char>('0' + cents % 10);
  }
  return out;
}

}  // namespace parley
