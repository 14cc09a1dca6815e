// Confidence intervals for the simulator's figures (95%, z = 1.96).
#pragma once

#include <cstddef>

#include "parley/simulate.hpp"

namespace parley::simulate {

// The Wilson score interval for k successes in n trials; {0, 0, 0} for n = 0.
Interval wilson(std::size_t k, std::size_t n);

// A running mean with the normal-approximation interval
// mean +- 1.96 * s / sqrt(n) (s the sample standard deviation). Sums are
// added in the order values come, so equal inputs give equal results.
class Mean {
 public:
  void add(double x) {
    ++n_;
    sum_ += x;
    sumsq_ += x * x;
  }
  std::size_t n() const { return n_; }
  double mean() const { return n_ ? sum_ / static_cast<double>(n_) : 0; }
  Interval interval() const;

 private:
  std::size_t n_ = 0;
  double sum_ = 0, sumsq_ = 0;
};

}  // namespace parley::simulate
