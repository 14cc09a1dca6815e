// parley/testing.hpp: unit-testing a negotiation policy.
//
// Three tools, from the smallest up:
//   - Haggle: drive a conversation from C++ (doctest, GoogleTest, anything):
//     say what the buyer says, look at the suggestions, send one.
//   - Transcript: a conversation in YAML or JSON (what `parley replay` and
//     `parley test` read), with optional expectations per turn: a scenario.
//   - check_examples: run every rule's `examples` and report the rules that
//     do not fire on them or are always outranked (shadowed).
// See rules/README.md for the file formats and examples/ for both styles.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/conversation.hpp"
#include "parley/engine.hpp"
#include "parley/error.hpp"
#include "parley/export.h"

namespace parley::testing {

// What must hold at one turn of a scenario. Unset fields are not checked.
struct Expectation {
  std::optional<std::string> rule;     // the top suggestion's rule
  std::optional<std::string> action;   // the top suggestion's action
  std::optional<Money> offer_min;      // the top suggestion's price, bounds inclusive
  std::optional<Money> offer_max;
  bool no_offer = false;               // `offer: null`: the top suggestion names no price
  std::vector<std::string> says;       // words the top reply contains
  std::vector<std::string> not_says;   // words it does not contain
  std::optional<std::string> intent;   // the primary intent
  std::vector<std::string> intents;    // intents that hold
  std::vector<std::string> has_rule;   // rules among the suggestions
  std::vector<std::string> no_rule;    // rules not among them
  std::vector<std::string> extras;     // extras the top suggestion grants
  std::optional<std::string> stage;    // the stage after the turn is applied
  bool no_suggestion = false;          // `rule: none`: nothing is suggested
};

struct TranscriptTurn {
  std::string buyer;                  // the buyer's message
  int pick = 1;                       // which suggestion the seller sends (1-based)
  std::optional<std::string> seller;  // or the seller's own words
  std::optional<Expectation> expect;
  SourceLocation where;
};

struct Transcript {
  std::string name;
  std::vector<std::string> playbook;  // behaviours a scenario proves
  std::string product;                // empty: the rule set's first product
  BuyerProfile buyer;
  std::map<std::string, Fact> facts;
  std::uint64_t seed = 0;
  std::vector<TranscriptTurn> turns;
  SourceLocation where;
};

// Reads a transcript (YAML or JSON). Facts are checked against the rule set's
// declarations. Throws parley::Error with every problem and its place.
PARLEY_EXPORT Transcript load_transcript(const std::filesystem::path& path, const RuleSet& rules);
PARLEY_EXPORT Transcript parse_transcript(std::string_view name, std::string_view content, const RuleSet& rules);

// One buyer turn as run.
struct TurnResult {
  int turn = 0;  // 1-based
  std::string buyer;
  SuggestResult result;
  std::optional<Suggestion> applied;   // the suggestion sent, if any
  std::optional<std::string> seller;   // the seller's own words, if typed
  Conversation state;                  // after the turn
  std::vector<std::string> failures;   // unmet expectations, one line each
  SourceLocation where;
};

// Runs every turn: suggest, check the expectation, apply the pick (or the
// seller's words). A pick beyond the suggestions is a failure of that turn,
// and the conversation moves on with the buyer's message alone.
PARLEY_EXPORT std::vector<TurnResult> run(const Engine& engine, const Transcript& transcript);

// True when no turn failed.
PARLEY_EXPORT bool passed(const std::vector<TurnResult>& results);

// Every rule example that does not fire its rule, and every rule that another
// rule outranks on all of its examples (shadowed), as diagnostics at the
// example's or the rule's place. A rule with no examples is reported too.
PARLEY_EXPORT std::vector<Diagnostic> check_examples(const Engine& engine);

// A conversation driven from C++:
//
//   parley::testing::Haggle h(engine, "pdu");
//   CHECK(h.say("太贵了").top().action == parley::Action::hold);
//   h.send();                       // the agent sends the top suggestion
//   CHECK(h.say("140行吗").top().offer == parley::Money::from_yuan(140));
class PARLEY_EXPORT Haggle {
 public:
  Haggle(const Engine& engine, std::string_view product_id, std::uint64_t seed = 0);

  // The buyer says `text`; the suggestions are kept until send() or say().
  Haggle& say(std::string_view text);
  const SuggestResult& result() const { return result_; }
  // The top suggestion; throws parley::Error when there is none.
  const Suggestion& top() const;
  // The first suggestion of `rule_id`, or nullptr.
  const Suggestion* find(std::string_view rule_id) const;
  // The agent sends suggestion `k` (1-based) or types `text`.
  Haggle& send(int k = 1);
  Haggle& send_text(std::string_view text);

  Conversation& conversation() { return conversation_; }
  const Conversation& conversation() const { return conversation_; }

 private:
  const Engine& engine_;
  Conversation conversation_;
  std::string pending_;
  SuggestResult result_;
};

}  // namespace parley::testing
