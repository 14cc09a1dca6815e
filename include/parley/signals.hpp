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

#include "parley/export.h"
#include "parley/text.hpp"

namespace parley {

// One intent as a rule set defines it. Keywords are matched on the normalised
// text and are normalised the same way when the rule set is built, so 太贵 and
// full-width or upper-case spellings all work.
struct IntentSpec {
  std::string name;
  std::vector<std::string> any;     // holds if one of these occurs...
  std::vector<std::string> all;     // ...and every one of these occurs...
  std::vector<std::string> unless;  // ...and none of these occurs
  std::vector<MentionKind> needs;   // a mention of each kind must be present
  // When true, a negator right before a keyword (不贵, 没有优惠) cancels the hit.
  // A rule set that wants plain substring matching turns it off.
  bool negatable = true;
};

// Confidence of an intent, in (0, 1]:
//   1    a keyword in the main clause: the whole message, or the
//        part after its last contrast word (价格还行, 就是担心质量 -> 担心);
//   0.5  found only before the last contrast word;
// and never more than the weakest piece of evidence it needs: with `all`
// keywords, the weakest of them; with `needs`, the confidence of the best
// mention of each needed kind (a bare number guessed to be a price counts
// less than 150元).
struct IntentScore {
  std::string name;
  int index = -1;         // position of the intent in the rule set
  float confidence = 0;
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
