// src/util/keyword_set.hpp: many keywords found in one pass over a text.
//
// KeywordSet has the shape of RE2::Set: add() keywords, compile() once, then
// match() any number of texts, from any number of threads. It reports every
// occurrence of every keyword, overlapping and nested ones included, and the
// cost per text byte does not depend on how many keywords there are.
//
// Inside is an Aho-Corasick automaton over bytes turned into a full DFA: one
// table lookup per text byte, no failure links followed at match time. Bytes
// that occur in no keyword share one column. Measured with 2-4 character
// Chinese keywords: 100 keywords 0.2 MB, 1,000 1.2 MB, 3,000 3.2 MB, 10,000
// 9 MB (memory_bytes() says how much). Beyond a few thousand keywords the
// table outgrows the caches; sparse rows for deep states would be the next
// step. Keywords are plain bytes: callers normalise both sides first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley::util {

class KeywordSet {
 public:
  struct Match {
    std::uint32_t keyword;     // the index add() returned
    std::uint32_t start, end;  // byte span [start, end) in the text
  };

  // Adds a keyword and returns its index: 0, 1, 2, ... in order of addition.
  // A keyword added twice gets two indices, and both are reported. Returns -1
  // for an empty keyword or after compile().
  int add(std::string_view keyword);

  // Builds the automaton. Throws parley::Error if the table would not fit in
  // 32-bit offsets (hundreds of thousands of long keywords).
  void compile();

  bool compiled() const { return !table_.empty(); }
  std::size_t size() const { return lengths_.size(); }
  std::size_t memory_bytes() const;

  // Calls on_match(Match) for every occurrence, in order of end position
  // (longer keywords first among those ending at the same byte). Reports
  // nothing before compile().
  template <class OnMatch>
  void for_each_match(std::string_view text, OnMatch&& on_match) const;

  // Replaces out's contents with every occurrence (out keeps its capacity).
  void match(std::string_view text, std::vector<Match>& out) const;

 private:
  // A table entry is the row offset of the next state. States where some
  // keyword ends come last, from row offset first_output_row_ on.
  static constexpr std::uint32_t kMaxRows = 0x7FFFFFFFu;
  static constexpr std::uint32_t kEndOfOutputs = ~0u;

  std::vector<std::string> pending_;  // keywords until compile()
  std::vector<std::uint32_t> lengths_;

  std::uint16_t byte_class_[256] = {};
  // A row holds one entry per byte class, then, in its last column, where
  // the state's keywords start in outputs_ (so no division at match time).
  std::uint32_t classes_ = 0;
  std::uint32_t first_output_row_ = 0;
  std::vector<std::uint32_t> table_;
  // Keyword indices, each state's run ended by kEndOfOutputs.
  std::vector<std::uint32_t> outputs_;
};

template <class OnMatch>
void KeywordSet::for_each_match(std::string_view text, OnMatch&& on_match) const {
  if (table_.empty()) return;
  // Locals, so that nothing is loaded again after on_match() runs.
  const std::uint32_t* table = table_.data();
  const std::uint16_t* byte_class = byte_class_;
  const std::uint32_t first_output = first_output_row_;
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* const stop = begin + text.size();
  std::uint32_t row = 0;  // the root's
  for (const unsigned char* p = begin; p != stop; ++p) {
    row = table[row + byte_class[*p]];
    if (row >= first_output) {
      const auto end = static_cast<std::uint32_t>(p - begin + 1);
      for (const std::uint32_t* k = &outputs_[table[row + classes_]]; *k != kEndOfOutputs; ++k) {
        on_match(Match{*k, end - lengths_[*k], end});
      }
    }
  }
}

}  // namespace parley::util
