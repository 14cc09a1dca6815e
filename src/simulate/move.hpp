// What a simulated buyer means by a message, before it is put into words.
//
// The buyer decides a Move; phrases.cpp writes it in Chinese. Baseline
// sellers read the Move itself (they stand for a seller who understands the
// buyer perfectly); the rule-set seller reads only the text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <vector>

#include "parley/money.hpp"
#include "parley/suggestion.hpp"

namespace parley::simulate {

enum class MoveKind {
  greet,        // 在吗
  ask_price,    // 多少钱
  ask_quality,  // 质量咋样
  push,         // 太贵了, 便宜点: a price push without a number
  counter,      // 130行吗: names a price
  ask_extra,    // 包邮吗, 送点啥
  compare,      // 别家才卖120: another shop's price
  accept,       // 好的, 拍了
  leave_firm,   // 算了不要了: a firm no
  leave_soft,   // 我再看看: leaves to compare
  nudge,        // 人呢: after a turn without a reply
  replay,       // a recorded line, meaning unknown
};
std::string_view to_string(MoveKind kind);

// A move that asks for a better price or extras: what a time-dependent
// seller answers with its next step.
inline bool is_price_move(MoveKind k) {
  return k == MoveKind::push || k == MoveKind::counter || k == MoveKind::ask_extra || k == MoveKind::compare;
}

struct Move {
  MoveKind kind = MoveKind::greet;
  std::optional<Money> bid;  // counter: the unit price offered
  int quantity = 1;          // units the buyer wants (said in the message when > 1)
  bool total = false;        // counter: the number is said as the total for `quantity`
  bool mention_quantity = false;  // say how many units
  std::string extra;         // ask_extra / counter: "free_shipping" or "gift" asked along
  bool again = false;        // push: the buyer has pushed before
  bool paid = false;         // accept: said as done (我付款了), not as agreeing (好的就这个价)
  Money competitor;          // compare: the other shop's price (0: none named)
  std::string text;          // the message as written
};

// What the seller did, as the buyer reads it: the Suggestion's structured
// fields for the rule set, the baseline's own decision otherwise.
struct SellerMove {
  bool silent = false;            // no reply at all
  Action action = Action::hold;
  std::optional<Money> offer;     // the unit price named
  std::vector<std::string> extras;  // extras granted by this reply
  std::string text;
  std::string rule_id;
};

}  // namespace parley::simulate
