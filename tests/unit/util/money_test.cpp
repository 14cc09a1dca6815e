#include <doctest/doctest.h>

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
