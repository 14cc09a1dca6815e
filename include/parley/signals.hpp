// parley/signals.hpp: what a buyer's message means.
//
// Signals are the output of the text and classify stages: the normalised text,
// the mentions found in it, and the intents that hold, each with a confidence.
// Intents are defined by the rule set (IntentSpec), not hard-coded: keyword sets
// matched by one automaton built at load, and required mentions. zh-CN
// negation (不贵), contrast (价格还行, 就是担心质量) and conditional rejections
// (太贵了, 除非包邮) are understood by the classifier itself. Signals own
// everything they hold, so a result may be kept after the RuleSet that
// produced it is gone (a reload).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parley/error.hpp"
#include "parley/export.h"
#include "parley/text.hpp"

namespace parley {

// A word class (a concept): a name and the words that say it, from the rule
// set's `words:` section (price words, discount asks, question particles, ...).
// Patterns name classes; words are normalised like keywords.
struct WordClass {
  std::string name;
  std::vector<std::string> words;
};

// A pattern over word classes (rules/README.md, "Patterns"): items in order,
// each a word class with how far it may stand from the item before, all in
// one clause, and words the clause must (or must not) hold. The rule-set
// loader parses the written form and reports errors at file:line:col; here it
// is checked only as far as not to crash (an out-of-range class is skipped).
struct PatternSpec {
  static constexpr int kAnywhere = -1;  // gap: anywhere later in the clause
  struct Item {
    enum class Kind : std::uint8_t { word, start, end };  // a class, the message's start or end
    Kind kind = Kind::word;
    std::uint32_t word_class = 0;  // index into the classes given to the classifier
    bool negated = false;          // !@x: only where a negator reaches the word (不好用)
    int max_gap = 0;               // characters between the item before and this one; kAnywhere
  };
  std::string source;  // as written, for explanations
  SourceLocation where;
  std::vector<Item> items;
  std::vector<std::uint32_t> with;     // the clause holds a word of each of these classes
  std::vector<std::uint32_t> without;  // ...and of none of these
  float weight = 1;                    // the confidence a match gives, in (0, 1]
  bool fallback = false;               // counts only when no intent holds otherwise
};

// One intent as a rule set defines it. Keywords are matched on the normalised
// text and are normalised the same way when the rule set is built, so 太贵 and
// full-width or upper-case spellings all work.
struct IntentSpec {
  std::string name;
  std::vector<std::string> any;     // holds if one of these occurs...
  std::vector<std::string> all;     // ...and every one of these occurs...
  std::vector<std::string> unless;  // ...and none of these occurs
  std::vector<PatternSpec> patterns;  // holds also if one of these matches
  std::vector<MentionKind> needs;   // a mention of each kind must be present
  // When true, a negator right before a keyword (不贵, 没有优惠) cancels the hit.
  // A rule set that wants plain substring matching turns it off.
  bool negatable = true;
};

// Confidence of an intent, in (0, 1]:
//   1    a keyword in the main clause: the whole message, or the
//        part after its last contrast word (价格还行, 就是担心质量 -> 担心);
//   0.5  found only before the last contrast word;
//   a pattern's own confidence (PatternSpec::weight), halved likewise;
// and never more than the weakest piece of evidence it needs: with `all`
// keywords, the weakest of them; with `needs`, the confidence of the best
// mention of each needed kind (a bare number guessed to be a price counts
// less than 150元).
struct IntentScore {
  std::string name;
  int index = -1;         // position of the intent in the rule set
  float confidence = 0;
  // The best evidence, for explanations (RuleSet::why_intent): a keyword or
  // a pattern (its index among the intent's patterns) and the span of
  // normalized text it matched; `needs` alone: no span.
  enum class Evidence : std::uint8_t { keyword, pattern, needs, fallback };
  Evidence evidence = Evidence::keyword;
  std::uint32_t pattern = 0;
  std::uint32_t start = 0, end = 0;
};

struct PARLEY_EXPORT Signals {
  NormalizedText normalized;
  // Numbers and amounts in the message; empty when SuggestOptions::mentions is false.
  std::vector<Mention> mentions;
  // Every intent that holds, highest confidence first, ties in rule-set order;
  // intents.front() is the primary intent.
  std::vector<IntentScore> intents;
  // Topic keywords (the products' selling-point keys, 功率, 安全, ...) in this
  // message, once each, in order of first occurrence. The engine adds them up
  // across the conversation to find what the buyer keeps coming back to (B20).
  std::vector<std::string> topics;
  // The buyer attaches a condition to buying (太贵了, 除非包邮; 包邮就要;
  // 如果能便宜点我就拍; 少十块我就拍): a negotiating move, not a real no (B16).
  // A firm no (算了不要了, 铁定不买) leaves it false.
  bool conditional = false;

  bool has_intent(std::string_view name) const;
  // The price the buyer offers in this message: the most confident money
  // mention with the role offer (Mention::is_offer(); not 原价150, 别家120, an
  // amount beyond the range; ties: the first), or nullptr.
  const Mention* price() const;
};

}  // namespace parley
