#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <optional>

#include "parley/error.hpp"
#include "parley/money.hpp"

using parley::Money;

TEST_CASE("Money prints prices the way shops write them") {
  CHECK(Money::from_yuan(150).to_string() == "150");
  CHECK(Money::from_yuan(150.5).to_string() == "150.5");
  CHECK(Money::from_yuan(150.05).to_string() == "150.05");
  CHECK(Money::from_yuan(-3).to_string() == "-3");
  CHECK(Money::from_fen(-250).to_string() == "-2.5");
}

TEST_CASE("Money converts from yuan to the nearest fen") {
  CHECK(Money::from_yuan(0.1 + 0.2).fen() == 30);
  CHECK(Money::from_yuan(19.999).fen() == 2000);
  CHECK((Money::from_yuan(1.1) + Money::from_yuan(2.2)) == Money::from_yuan(3.3));
}

TEST_CASE("Diagnostics name file, line, column and rule") {
  parley::Diagnostic d{.where = {"rules/shop.yaml", 14, 9}, .rule_id = "step-down",
                       .message = "unknown field 'scroe' (did you mean 'score'?)"};
  CHECK(d.to_string() ==
        "rules/shop.yaml:14:9: error: rule 'step-down': unknown field 'scroe' (did you mean 'score'?)");
  parley::Error e({d, d});
  CHECK(e.diagnostics().size() == 2);
  CHECK(std::string(e.what()).find('\n') != std::string::npos);
}

TEST_CASE("the one checked conversion: the range is 10^12 yuan either way, nothing else") {
  constexpr double kMax = 1e12;
  REQUIRE(Money::from_yuan_checked(kMax));
  CHECK(Money::from_yuan_checked(kMax)->fen() == 100'000'000'000'000);
  CHECK(Money::from_yuan_checked(-kMax)->fen() == -100'000'000'000'000);
  CHECK_FALSE(Money::from_yuan_checked(kMax + 1));
  CHECK_FALSE(Money::from_yuan_checked(-kMax - 1));
  CHECK_FALSE(Money::from_yuan_checked(1e300));
  CHECK_FALSE(Money::from_yuan_checked(std::numeric_limits<double>::infinity()));
  CHECK_FALSE(Money::from_yuan_checked(-std::numeric_limits<double>::infinity()));
  CHECK_FALSE(Money::from_yuan_checked(std::numeric_limits<double>::quiet_NaN()));
  CHECK_FALSE(Money::from_fen_checked(std::numeric_limits<double>::quiet_NaN()));
  CHECK_FALSE(Money::from_fen_checked(1e14 + 1));
  CHECK(Money::from_fen_checked(12.5)->fen() == 13);  // halves away from zero
  CHECK(Money::from_fen_checked(-12.5)->fen() == -13);
  CHECK(Money::from_yuan_checked(-3.25)->fen() == -325);
  CHECK(Money::in_range(kMax));
  CHECK_FALSE(Money::in_range(kMax + 1));
  CHECK_FALSE(Money::in_range(std::numeric_limits<double>::quiet_NaN()));
  // The throwing form is the same check.
  CHECK(Money::from_yuan(kMax).fen() == Money::kMaxFen);
  CHECK_THROWS_AS(Money::from_yuan(kMax + 1), parley::Error);
  CHECK_THROWS_AS(Money::from_yuan(std::numeric_limits<double>::quiet_NaN()), parley::Error);
}

TEST_CASE("every amount with two decimals within the range converts back exactly") {
  // Whole yuan near the top of the range, and every fen of a few yuan there.
  for (std::int64_t yuan : {std::int64_t{0}, std::int64_t{1}, std::int64_t{999'999'999'999}, Money::kMaxYuan}) {
    for (int fen = 0; fen < 100 && (yuan < Money::kMaxYuan || fen == 0); ++fen) {
      const double value = static_cast<double>(yuan) + fen / 100.0;
      const std::optional<Money> m = Money::from_yuan_checked(value);
      REQUIRE(m);
      CHECK(m->fen() == yuan * 100 + fen);
      CHECK(Money::from_yuan_checked(-value)->fen() == -(yuan * 100 + fen));
    }
  }
}

TEST_CASE("Money arithmetic throws on int64 overflow instead of wrapping") {
  const Money big = Money::from_fen(std::numeric_limits<std::int64_t>::max());
  const Money small = Money::from_fen(std::numeric_limits<std::int64_t>::min());
  CHECK_THROWS_AS(big + Money::from_fen(1), parley::Error);
  CHECK_THROWS_AS(small - Money::from_fen(1), parley::Error);
  CHECK_THROWS_AS(big * 2, parley::Error);
  CHECK_THROWS_AS(small * -1, parley::Error);
  Money m = big;
  CHECK_THROWS_AS(m += Money::from_fen(1), parley::Error);
  CHECK(m == big);  // a throwing compound operation leaves the value as it was
  CHECK_THROWS_AS(m -= small, parley::Error);
  // Exact results beyond the conversion range are still fine.
  const Money top = Money::from_fen(Money::kMaxFen);
  CHECK((top * 1000).fen() == Money::kMaxFen * 1000);
  CHECK((top + top - top) == top);
  CHECK((Money::from_yuan(2.5) * 3).fen() == 750);
}

TEST_CASE("to_string has a text for every int64 of fen") {
  CHECK(Money::from_fen(std::numeric_limits<std::int64_t>::min()).to_string() == "-92233720368547758.08");
  CHECK(Money::from_fen(std::numeric_limits<std::int64_t>::max()).to_string() == "92233720368547758.07");
  CHECK(Money::from_fen(5).to_string() == "0.05");
  CHECK(Money::from_fen(-5).to_string() == "-0.05");
}
