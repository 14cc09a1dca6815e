// The compiled form of a rule set: what the loader produces and the engine
// reads. Plain data, built once by the loader (loader.cpp) and immutable
// afterwards. How rules are picked for a message (the dispatch index) is the
// engine's business and lives there (src/engine/plan.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "classify/classifier.hpp"
#include "context/context.hpp"
#include "parley/conversation.hpp"
#include "parley/rule_set.hpp"
#include "parley/suggestion.hpp"
#include "rules/compliance.hpp"
#include "expr/expr.hpp"

namespace parley::rules {

// A message a rule must fire on, with the conversation it is said in.
struct RuleExample {
  std::string text;
  Conversation conversation;  // round, offer, buyer, facts, ... as the example sets them
  SourceLocation where;
};

struct CompiledRule {
  std::string id;
  std::vector<std::string> playbook;
  std::string playbook_joined;  // "B2,B3": Suggestion::playbook, joined once at load
  Action action = Action::hold;
  double score = 0;
  int order = 0;  // position in the rule set; breaks ties in ranking
  std::optional<expr::Expression> when;
  std::optional<expr::Expression> price;
  std::vector<expr::Template> say;
  std::string extra;                // offer_extra: which extra; empty: the next one
  std::string gives;                // trade
  std::optional<Stage> next_stage;  // `stage:`: the stage after the reply is sent
  bool hold_first = true;
  bool argues_value = false;  // a reply from it argues the value (B2)
  std::vector<RuleExample> examples;
  // Examples about products this rule set does not have (skipped, with a
  // warning): the rule has examples, none of which can run here.
  std::size_t skipped_examples = 0;
  SourceLocation where;
};

inline constexpr std::size_t kActionCount = static_cast<std::size_t>(Action::handoff) + 1;

// How replies and buyer messages move the stage (the `stages:` section).
struct StageMoves {
  // The stage a reply with this action moves to, unless its rule says.
  std::array<std::optional<Stage>, kActionCount> after_action{};
  // A buyer message with at least one intent moves `open` to this stage.
  std::optional<Stage> open_on_intent;
};
// How suggestions are ordered past their scores (the `ranking:` section).
struct Ranking {
  bool diverse = true;  // the top ones answer every question and differ in action (rules/README.md, "Ranking")
};

// accept and close -> agreed, retreat -> retreated, handoff -> handoff; a
// message with an intent moves open -> bargaining.
StageMoves default_stage_moves();

}  // namespace parley::rules

namespace parley {

struct RuleSet::Compiled {
  Shop shop;
  std::vector<Product> products;
  std::vector<ProductTerms> terms;           // by product index
  std::vector<ConcessionPolicy> concession;  // by product index
  std::vector<Promotion> promotions;
  // Every product's name and aliases, normalised (how a message names it),
  // in one automaton; keyword k names product product_of_word[k].
  util::KeywordSet product_word_set;
  std::vector<int> product_of_word;
  std::vector<IntentSpec> intents;
  std::vector<WordClass> word_classes;  // the `words:` section, then one class per literal word of a pattern
  std::unique_ptr<classify::Classifier> classifier;
  Compliance compliance;
  context::Names names;
  rules::StageMoves stages = rules::default_stage_moves();
  rules::Ranking ranking;
  std::vector<rules::CompiledRule> rules;  // in the order written
  std::vector<Diagnostic> warnings;

  int product_index(std::string_view id) const;  // -1 when unknown
  const rules::CompiledRule* find_rule(std::string_view id) const;
};

// The engine's door to a RuleSet's compiled form, and the loader's way to
// wrap one.
struct RuleSetAccess {
  static const RuleSet::Compiled& compiled(const RuleSet& rule_set) { return *rule_set.compiled_; }
  static std::shared_ptr<const RuleSet> wrap(std::unique_ptr<const RuleSet::Compiled> compiled) {
    return std::shared_ptr<const RuleSet>(new RuleSet(std::move(compiled)));
  }
};

namespace rules {
using Compiled = RuleSet::Compiled;
using Access = RuleSetAccess;
}  // namespace rules

}  // namespace parley
