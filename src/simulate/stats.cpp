#include "simulate/stats.hpp"

#include <algorithm>
#include <cmath>

namespace parley::simulate {

namespace {
constexpr double kZ = 1.959963984540054;
}

Interval wilson(std::size_t k, std::size_t n) {
  Interval out;
  out.n = n;
  if (n == 0) return out;
  double nn = static_cast<double>(n), p = static_cast<double>(k) / nn, z2 = kZ * kZ;
  double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  double half = kZ * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  out.value = p;
  out.low = std::max(0.0, centre - half);
  out.high = std::min(1.0, centre + half);
  return out;
}

Interval Mean::interval() const {
  Interval out;
  out.n = n_;
  out.value = out.low = out.high = mean();
  if (n_ < 2) return out;
  double nn = static_cast<double>(n_);
  double var = std::max(0.0, (sumsq_ - sum_ * sum_ / nn) / (nn - 1));
  double half = kZ * std::sqrt(var / nn);
  out.low = out.value - half;
  out.high = out.value + half;
  return out;
}

}  // namespace parley::simulate
