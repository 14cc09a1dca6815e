// parley/conversation.hpp: where a conversation with one buyer stands.
//
// Plain data owned by the host, which stores it between messages (as JSON,
// see json.hpp), so any number of stateless processes can serve one shop.
// Engine::suggest reads it; Engine::apply and Engine::observe_seller_text
// return the next one. Nothing here points into a RuleSet.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "parley/money.hpp"

namespace parley {

// The buyer as the shop's back office shows them (PLAYBOOK B21, B36, B37).
struct BuyerProfile {
  std::string credit;               // buyer credit level, as the platform shows it
  double good_rate_given = 1.0;     // share of good reviews the buyer gives (0-1)
  double good_rate_received = 1.0;  // share of good reviews the buyer receives (0-1)
  bool member = false;
  bool vip = false;
  bool coupon_claimed = false;
  int orders = 0;                   // orders placed in this shop
  double total_spent = 0;           // yuan spent in this shop
  int last_order_days = -1;         // days since the last order, -1 when none
  std::vector<std::string> groups;  // the shop's customer groups, e.g. 禁止购买
  std::string notes;                // the agent's remarks
};

// Where a conversation stands. The rule set says which replies move it
// (rules/README.md, "Stages"); conditions read it as the `stage` symbol.
enum class Stage : std::uint8_t {
  open,        // nothing said about the price yet
  bargaining,  // the buyer has said what they want
  agreed,      // a price was agreed or the agent asked the buyer to pay (B8)
  retreated,   // the buyer said a firm no and the agent let go (B17)
  handoff,     // a person took over
  after_sale,  // the order was paid: parcel, returns, reviews
};
inline constexpr std::array<std::string_view, 6> kStageNames = {"open",      "bargaining", "agreed",
                                                               "retreated", "handoff",    "after_sale"};
constexpr std::string_view to_string(Stage stage) { return kStageNames[static_cast<std::size_t>(stage)]; }
// The stage spelled `name`, or nullopt.
constexpr std::optional<Stage> stage_from_string(std::string_view name) {
  for (std::size_t i = 0; i < kStageNames.size(); ++i) {
    if (kStageNames[i] == name) return static_cast<Stage>(i);
  }
  return std::nullopt;
}

// A value the host sets (order status, parcel status, ...). The rule set
// declares each fact's name and type under `facts:`.
using Fact = std::variant<bool, double, std::string>;

struct Turn {
  enum class Speaker { buyer, seller };
  Speaker speaker = Speaker::buyer;
  std::string text;
  std::string rule_id;         // seller turns sent from a suggestion: its rule
  std::optional<Money> offer;  // the price this turn named, if any
};

// Turns dropped from the front of Conversation::history by a host that keeps
// it bounded (`parley serve` keeps a stored conversation's last N turns),
// counted. The engine reads no history, so dropping turns changes no
// suggestion: round, topic_counts and the negotiation fields already hold
// what the turns added up to.
struct EarlierTurns {
  int buyer = 0;      // buyer turns dropped
  int seller = 0;     // seller turns dropped
  int suggested = 0;  // of the seller's, those sent from a suggestion
  int priced = 0;     // turns dropped that named a price

  bool operator==(const EarlierTurns&) const = default;
};

// What the seller has said so far, as the engine needs it to reply as a
// person would: a value argument before any discount (B2), selling points
// and questions not repeated, the same words not sent twice. Bounded: a
// long conversation does not make it grow without end.
struct SellerMemory {
  int value_arguments = 0;                 // replies that argued the value (rules with argues_value)
  std::vector<std::string> points;         // selling-point keywords named, in order (each once)
  std::map<std::string, int> rules_sent;   // rule id -> replies sent from it
  // Hashes of the last kRecentTexts replies sent (suggested or typed), so
  // the same words are not suggested again.
  static constexpr std::size_t kRecentTexts = 16;
  std::vector<std::uint64_t> recent_texts;

  bool operator==(const SellerMemory&) const = default;
};

// A product of the cart that is not in focus: where its own haggle stood
// when the conversation moved to another product.
struct ParkedNegotiation {
  std::optional<Money> offer;  // none: the list price
  int concessions = 0;
  Money last_step;
  std::optional<Money> buyer_best;
  std::vector<std::string> extras_granted;
  Money extras_cost;

  bool operator==(const ParkedNegotiation&) const = default;
};

struct Conversation {
  // Of the JSON form. Version 2 added `said` and `parked`; version 1
  // documents still load (both start empty).
  static constexpr int kVersion = 2;

  std::string product_id;               // the product being discussed
  std::map<std::string, int> cart;      // product id -> quantity; holds product_id too
  std::optional<Money> offer;           // current quoted price; none: the list price
  int concessions = 0;                  // price concessions made
  // Replies that held the price (hold actions: a quote, a value argument,
  // an answer with the price). B2 reads said.value_arguments instead.
  int holds = 0;
  Money last_step;                      // size of the last concession
  std::optional<Money> buyer_best;      // highest price the buyer has named
  std::vector<std::string> extras_granted;  // extra ids, in order granted
  Money extras_cost;                    // what the granted extras cost the shop
  int round = 0;                        // buyer messages so far
  Stage stage = Stage::open;
  std::map<std::string, int> topic_counts;  // selling-point keywords the buyer used
  BuyerProfile buyer;
  std::map<std::string, Fact> facts;
  std::vector<Turn> history;
  EarlierTurns earlier;  // turns no longer in history
  SellerMemory said;
  // The haggle of each cart product that is not product_id (by product id):
  // when the buyer turns to another product its state is parked here, and
  // taken back when the buyer returns to it.
  std::map<std::string, ParkedNegotiation> parked;
  std::uint64_t seed = 0;  // picks among a rule's reply templates, so replays repeat
};

}  // namespace parley
