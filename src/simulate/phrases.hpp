// The simulated buyers' phrase bank: a Move written as a Chinese buyer types.
//
// Written from how buyers on Chinese shop chats talk (particles 亲/哈/呗/啊/吧,
// 咋/啥/多钱, homophone slips of the input method), independently of any rule
// set's keyword lists, so that a rule set is measured on words it was not
// written from. Numbers come in Arabic digits, Chinese numerals (一百二,
// 一百二十) and mixes (1百5), per unit or as a total (两个260).
#pragma once

#include <string>
#include <string_view>

#include "parley/money.hpp"
#include "simulate/move.hpp"
#include "simulate/rng.hpp"

namespace parley::simulate {

struct Wording {
  std::string_view unit = "个";    // the product's measure word
  double typo_rate = 0;
};

// Writes `move` (fills nothing else). Every call draws from `rng`.
std::string write(const Move& move, const Wording& wording, Rng& rng);

// A price as a buyer writes it: 130, 130元, 130块, 一百三, 一百三十块, 1百3.
// Whole yuan are written whole; fen as a decimal.
std::string say_price(Money price, Rng& rng);
// 两个, 2个, 三双.
std::string say_quantity(int quantity, std::string_view unit, Rng& rng);

}  // namespace parley::simulate
