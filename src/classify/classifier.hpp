// src/classify/classifier.hpp: from a buyer's message to Signals.
//
// A Classifier is built once per rule set from its intents and topic keywords
// and is then immutable: classify() may be called from any number of threads.
// Every keyword (of every intent, the topics and the built-in zh-CN cue words
// for negation, contrast and conditions) lives in one KeywordSet, so a message
// is scanned once whatever the number of keywords.
//
// How the cue words act (the confidence scale is in parley/signals.hpp):
//   negation     不, 没, 没有, 别, 不是, 不算, 并不 right before a keyword, or
//                with at most two adverbs between (不太贵, 没那么贵了), cancel
//                the hit for a negatable intent; a second negator right before
//                the first cancels it in turn (不是不想买), and the 不/没 of an
//                A-not-A question (有没有便宜点, 是不是太贵) negates nothing.
//   contrast     after 但是, 不过, 只是, 就是, 可是, ... the clause is the main one;
//                keywords found only before the last contrast word count less.
//   conditional  除非, 如果, 要是, 只要, ...的话 with something to bargain for
//                (包邮, 便宜, 少, a price), or a price or ask followed by 就要,
//                就拍, 就买: Signals::conditional.
// A rule set's word classes named `negation`, `contrast` and `condition` add
// their words to these built-in lists.
//
// Patterns (PatternSpec) are read from the same pass: every word of every
// class is a keyword, its hits become occurrences of its classes, and each
// pattern is tried only from occurrences of its first class. Clauses end at
// , . ! ? ; ~ … (a '.' between digits is a decimal point). A pattern's items
// must lie in one clause. Pictographs (👌, 😡) are dropped by normalize(), so
// class words that are pictographs are matched on the original text, only
// when it holds a byte that may start one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/keyword_set.hpp"
#include "parley/signals.hpp"

namespace parley::classify {

using util::KeywordSet;  // the automaton is shared with the text part (src/util/keyword_set.hpp)

class Classifier {
 public:
  // Keywords are normalised with parley::normalize(), so specs may be written
  // full-width or in upper case. The specs are checked by the rule-set loader,
  // which reports each problem once with its file:line:col; here a keyword
  // that is not valid UTF-8 or normalises to nothing is skipped, and an
  // intent with no `any` or `all` keyword is decided by `needs` and `unless`
  // alone. Does not throw parley::Error.
  Classifier(std::vector<IntentSpec> intents, std::vector<std::string> topics,
             std::vector<WordClass> classes = {});

  // The buffers classify() works in: pass the same one each call (one per
  // thread) and it allocates only while they grow.
  struct Scratch {
    struct Span {
      std::uint32_t start, end;
    };
    struct Event {
      std::uint32_t intent;
      std::uint8_t role;  // Role, as a number for sorting
      std::uint32_t slot;
      float confidence;
      std::uint32_t start = 0, end = 0;  // the evidence's span
    };
    // A word of a class found in the text.
    struct Occurrence {
      std::uint32_t word_class;
      std::uint32_t start, end;
      std::uint32_t clause;
    };
    std::vector<KeywordSet::Match> hits;
    std::vector<Span> negators;
    std::vector<Span> breaks;  // clause ends
    std::vector<Occurrence> occurrences;
    std::vector<std::uint8_t> present;  // by class: some occurrence of it
    std::vector<Event> events;
  };

  // Fills every field of out, reusing its buffers; out owns all it holds.
  // Throws parley::Error when original is not valid UTF-8 (from
  // normalize()). With `mentions` false, out.mentions stays empty unless an
  // intent needs them; then no price-like mention counts as an ask for
  // `conditional` either.
  void classify(std::string_view original, Signals& out, Scratch& scratch, bool mentions = true) const;
  void classify(std::string_view original, Signals& out, bool mentions = true) const;

  const std::vector<IntentSpec>& intents() const { return intents_; }
  const std::vector<std::string>& topics() const { return topics_; }
  const KeywordSet& keywords() const { return keywords_; }
  const std::vector<WordClass>& classes() const { return classes_; }

 private:
  // What a keyword means; one keyword may mean several things.
  enum class Role : std::uint8_t {
    any, all, unless, topic,                       // rule-set keywords
    negator, contrast, condition, commitment, ask,  // built-in cue words
    present,  // not a keyword: marks a keywordless intent for evaluation
    pattern,  // not a keyword: a pattern matched
    fallback,  // not a keyword: a fallback pattern matched
    word,     // a word of a class (target: the class)
    clause_break,
  };
  struct Use {
    Role role;
    std::uint32_t target = 0;  // intent or topic index
    std::uint32_t slot = 0;    // position in IntentSpec::all
  };
  std::vector<IntentSpec> intents_;
  std::vector<std::string> topics_;
  KeywordSet keywords_;
  std::vector<std::uint32_t> use_begin_;  // uses of keyword k: uses_[use_begin_[k] .. use_begin_[k + 1])
  std::vector<Use> uses_;
  std::vector<WordClass> classes_;
  // Patterns, flattened: which intent, which of its patterns.
  struct PatternRef {
    std::uint32_t intent, index;
    std::uint32_t lead;  // the position of its first class item
    std::uint32_t required_begin, required_end;  // its classes (items and +@), in required_
  };
  std::vector<std::uint32_t> required_;
  std::vector<PatternRef> patterns_;
  std::vector<std::vector<std::uint32_t>> patterns_by_class_;  // class -> patterns_ led by it
  // Class words that normalise to nothing (pictographs), matched on the original text.
  KeywordSet pictographs_;
  std::vector<std::uint32_t> pictograph_class_;  // pictographs_ keyword -> class
  void match_patterns(std::string_view text, Scratch& s, std::uint32_t main_start) const;
  // Intents with no `any` or `all` keyword: decided by `needs`
  // (and `unless`) alone, so they are checked on every message.
  std::vector<std::uint32_t> keywordless_;
  bool intents_need_mentions_ = false;  // some intent has `needs`
};

}  // namespace parley::classify
