// The compliance guard's word lists (rules/README.md, "Compliance").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/keyword_set.hpp"

namespace parley {

class Compliance {
 public:
  std::vector<std::string> banned_groups;  // buyers in these groups get no sale (B37)

  // Sets the two word lists, normalised: absolute and medical claims, and
  // what moves the buyer off the platform (WeChat, QQ, bank transfer, ...).
  // Builds the matcher that hits() and first_hit() use.
  void set_words(std::vector<std::string> forbidden, std::vector<std::string> off_platform);

  // The words of either list that `text` contains (forbidden first, each list
  // in its order), after normalising it the way buyer messages are (so 微 信
  // or ＱＱ do not slip through). Invalid UTF-8 is reported as a hit of its own.
  std::vector<std::string> hits(std::string_view text) const;

  // hits(text).front(), or empty when there is none. The engine's guard calls
  // it on every reply. Replies differ mostly in their prices, so the thread
  // remembers the answers for a few thousand texts with their numbers
  // blanked out (where that cannot change the answer; see remember_key).
  std::string_view first_hit(std::string_view text) const;

 private:
  // Calls on_word(index into words_) for each word found, in no set order;
  // false when text is not valid UTF-8.
  template <class OnWord>
  bool scan(std::string_view text, OnWord&& on_word) const;

  // The first hit's index into words_, words_.size() for none, or kInvalid.
  std::uint32_t first_index(std::string_view text) const;

  std::vector<std::string> words_;  // forbidden, then off_platform
  util::KeywordSet set_;        // words_, keyword k = words_[k]
  // The key first_hit() remembers text's answer by.
  void remember_key(std::string_view text, std::string& key) const;

  std::vector<std::string> digit_parts_;  // the runs of digits in words_ ("100" of 100%)
  char stand_in_ = 0;  // a digit in none of them; 0: every digit is, remember nothing
  std::uint64_t id_ = 0;  // tells apart the lists a thread remembers answers for
};

}  // namespace parley
