// How reply text is written: the check that a reply reads as typed by a
// person on a Chinese shop's chat (rules/README.md, "Reply text").
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace parley::rules {

// A half-width mark where Chinese writes a full-width one, or a space
// between Chinese characters.
struct PunctuationProblem {
  std::size_t offset = 0;   // byte offset of the character in the text
  char found = ' ';         // , . ! ? : ; ( ) or a space
  std::string_view write;   // what to write instead: "，", ... ("" for a space: leave it out)
};

// The problems of `text`. A mark is half-width on purpose only inside
// numbers and Latin text: it is a problem when the nearest character on
// either side (spaces skipped) is Chinese (an ideograph or a full-width
// mark), or when neither side is a Latin letter or digit (a mark between
// two fields, or after one at the end). So 1.5, 9:00, 3,000, E1 and "Hi,
// Tom" pass, and "150元, 包邮" or "{selling_point}. {offer}元" do not.
// With `fields` (a reply template), {name} fields count as Chinese text
// (what they show sits in a Chinese sentence) and are never looked into,
// and {{ }} are literal braces. Pure: no allocation beyond the result.
std::vector<PunctuationProblem> punctuation_problems(std::string_view text, bool fields);

}  // namespace parley::rules
