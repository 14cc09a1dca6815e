#include <doctest/doctest.h>

#include <cmath>

#include "simulate/stats.hpp"

using parley::simulate::Mean;
using parley::simulate::wilson;

TEST_CASE("Wilson intervals match the published values") {
  // 5 of 10: 0.2366 .. 0.7634 (Wilson 1927; Newcombe 1998, table I).
  auto i = wilson(5, 10);
  CHECK(i.value == doctest::Approx(0.5));
  CHECK(i.low == doctest::Approx(0.2366).epsilon(0.001));
  CHECK(i.high == doctest::Approx(0.7634).epsilon(0.001));
  // 0 of 10 keeps a non-empty upper side; 10 of 10 a lower one.
  auto none = wilson(0, 10);
  CHECK(none.low == 0);
  CHECK(none.high == doctest::Approx(0.2775).epsilon(0.001));
  auto all = wilson(10, 10);
  CHECK(all.high == doctest::Approx(1));
  CHECK(all.low == doctest::Approx(0.7225).epsilon(0.001));
  CHECK(wilson(0, 0).n == 0);
}

TEST_CASE("a mean's interval is mean +- 1.96 s / sqrt(n)") {
  Mean m;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) m.add(x);
  auto i = m.interval();
  CHECK(i.value == doctest::Approx(5.0));
  // sample sd = sqrt(32/7)
  double half = 1.959963984540054 * std::sqrt(32.0 / 7.0) / std::sqrt(8.0);
  CHECK(i.low == doctest::Approx(5.0 - half));
  CHECK(i.high == doctest::Approx(5.0 + half));
  Mean one;
  one.add(3);
  CHECK(one.interval().low == 3);
  CHECK(one.interval().high == 3);
}
