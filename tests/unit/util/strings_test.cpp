#include <doctest/doctest.h>

#include <random>
#include <string>

#include "util/strings.hpp"

using parley::util::find_ascii_digit;

TEST_CASE("find_ascii_digit: the first ASCII digit at or after a place, whatever the bytes around it") {
  CHECK(find_ascii_digit("") == 0);
  CHECK(find_ascii_digit("abc") == 3);
  CHECK(find_ascii_digit("太贵了,150行吗") == 10);
  CHECK(find_ascii_digit("太贵了,150行吗", 11) == 11);
  CHECK(find_ascii_digit("太贵了,150行吗", 13) == 19);
  CHECK(find_ascii_digit("/:/:/:/:/:/:/:/:9") == 16);  // the bytes right below and above '0'..'9'

  // Against the plain byte loop, on random bytes of every value (the bit
  // trick must not take a byte above 0x7F for a digit, nor miss one).
  std::mt19937 rng(7);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int length = static_cast<int>(rng() % 40);
    for (int k = 0; k < length; ++k) {
      const auto byte = static_cast<unsigned char>(rng());
      // Mostly non-digits, so that digits land anywhere in a long run.
      text += (byte >= '0' && byte <= '9' && rng() % 8 != 0) ? static_cast<char>(byte + 0x80) : static_cast<char>(byte);
    }
    const std::size_t from = rng() % (text.size() + 1);
    std::size_t expected = from;
    while (expected < text.size() && (text[expected] < '0' || text[expected] > '9')) ++expected;
    CHECK(find_ascii_digit(text, from) == expected);
  }
}
