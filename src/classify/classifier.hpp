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
  Classifier(std::vector<IntentSpec> intents, std::vector<std::string> topics);

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
    };
    std::vector<KeywordSet::Match> hits;
    std::vector<Span> negators;
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

 private:
  // What a keyword means; one keyword may mean several things.
  enum class Role : std::uint8_t {
    any, all, unless, topic,                       // rule-set keywords
    negator, contrast, condition, commitment, ask,  // built-in cue words
    present,  // not a keyword: marks a keywordless intent for evaluation
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
  // Intents with no `any` or `all` keyword: decided by `needs`
  // (and `unless`) alone, so they are checked on every message.
  std::vector<std::uint32_t> keywordless_;
  bool intents_need_mentions_ = false;  // some intent has `needs`
};

}  // namespace parley::classify
