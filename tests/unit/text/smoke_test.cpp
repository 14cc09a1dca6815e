#include <doctest/doctest.h>
#include "parley/text.hpp"
TEST_CASE("smoke") { CHECK(parley::parse_number("一百二") == 120); }
