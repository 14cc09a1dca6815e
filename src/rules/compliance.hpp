// The compliance guard's word lists (rules/README.md, "Compliance").
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parley/text.hpp"
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

  // hits(text).front(), or empty when there is none; `scratch` holds the
  // normalised text (reused from call to call).
  std::string_view first_hit(std::string_view text, NormalizedText& scratch) const;

  // The same for a reply whose text outside `fields` is known to contain no
  // word (a template's literal text, checked at load, and the values proven
  // at load; see Plan): only the fields and up to max_word_chars() - 1
  // characters either side of each are looked at. Equal to
  // first_hit(text) for such replies (the compliance tests check it).
  struct Span {
    std::uint32_t begin, end;  // bytes of text
  };
  std::string_view first_hit_near(std::string_view text, std::span<const Span> fields,
                                  NormalizedText& scratch) const;

  // A character normalising keeps as it is and that is in no word, so that
  // writing it where a value goes can join no word across that place (for
  // proofs at load); 0 when there is none.
  char separator() const { return separator_; }
  // Some word holds an ASCII digit (100%): then a number written into a
  // reply may complete a word.
  bool words_have_digits() const { return words_have_digits_; }
  // Whether a number written between `before` and `after` (normalised text:
  // the literal text that precedes and follows it, empty at the reply's
  // edges; nullopt when another field comes first) could complete a word.
  // False is a proof: every word with a digit in it needs, next to its
  // digits, a character that is not there.
  bool number_may_join(std::optional<std::string_view> before, std::optional<std::string_view> after) const;
  // The longest word, in characters.
  std::size_t max_word_chars() const { return max_word_chars_; }

 private:
  // Calls on_word(index into words_) for each word found, in no set order;
  // false when text is not valid UTF-8.
  template <class OnWord>
  bool scan(std::string_view text, NormalizedText& normalized, OnWord&& on_word) const;
  // The first hit's index into words_, words_.size() for none, or kInvalid.
  std::uint32_t first_index(std::string_view text, NormalizedText& normalized) const;
  std::uint32_t first_index_plain(std::string_view text) const;  // text that normalising leaves as it is
  std::string_view word(std::uint32_t index) const;

  std::vector<std::string> words_;  // forbidden, then off_platform
  util::KeywordSet set_;        // words_, keyword k = words_[k]
  char separator_ = 0;
  bool words_have_digits_ = false;
  std::size_t max_word_chars_ = 0;
};

}  // namespace parley
