// The compiled form of a rule set, as the engine reads it. Built once by the
// loader (loader.cpp), immutable afterwards.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "classify/classifier.hpp"
#include "rules/compliance.hpp"
#include "parley/conversation.hpp"
#include "parley/rule_set.hpp"
#include "parley/suggestion.hpp"
#include "rules/expr.hpp"
#include "rules/names.hpp"

namespace parley {

// A message a rule must fire on, with the conversation it is said in.
struct RuleExample {
  std::string text;
  Conversation conversation;  // round, offer, buyer, facts, ... as the example sets them
  SourceLocation where;
};

struct CompiledRule {
  // What the engine reads of every rule it looks at comes first, in one
  // cache line; the rest is read only when the rule fires.
  std::optional<expr::Expression> when;
  // Reads the upsell's names (or upsells), the cart's names: the engine works
  // those out only once the rest of such a rule's condition holds.
  bool reads_upsell = false;
  bool reads_cart = false;

  std::string id;
  std::vector<std::string> playbook;
  std::string playbook_joined;  // "B2,B3": Suggestion::playbook, joined once at load
  Action action = Action::hold;
  double score = 0;
  int order = 0;  // position in the rule set; breaks ties in ranking
  std::optional<expr::Expression> price;
  std::vector<expr::Template> say;
  std::string extra;       // offer_extra: which extra; empty: the next one
  std::string gives;       // trade
  std::string next_stage;  // stage after the reply is sent
  bool hold_first = true;
  std::vector<RuleExample> examples;
  SourceLocation where;
};

struct ShopInfo {
  std::string name;
  int ship_within_days = 2;
  int arrive_min_days = 2;
  int arrive_max_days = 4;
  std::string service_hours;
};

struct RuleSet::Impl {
  std::uint64_t id = 0;  // unique among the rule sets loaded in this process (never 0)
  ShopInfo shop;
  std::vector<Product> products;
  std::vector<ProductTerms> terms;               // by product index
  std::vector<ConcessionPolicy> concession;      // by product index
  std::vector<Promotion> promotions;
  // Every product's name and aliases, normalised (how a message names it),
  // in one automaton; keyword k names product product_of_word[k].
  util::KeywordSet product_word_set;
  std::vector<int> product_of_word;
  std::vector<IntentSpec> intents;
  std::unique_ptr<classify::Classifier> classifier;
  Compliance compliance;
  expr::Schema schema;
  rules::Slots slots{};
  std::vector<CompiledRule> rules;
  // Rule indices in ranking order: score descending, then the rule written
  // first. Suggestions come out in this order.
  std::vector<int> by_rank;
  // Which rules a message makes worth evaluating, as positions in by_rank.
  // A rule is filed under one top-level part of its condition that must hold
  // for it to fire: an intent, or each atom of an `or` of atoms
  // (`too_expensive or has(relative)`). The engine evaluates the lists of the
  // intents present and of the atoms that hold, and the rules filed under
  // nothing.
  std::vector<int> rules_on_every_message;
  std::vector<std::vector<int>> rules_by_intent;  // by intent index
  std::vector<expr::Expression::Atom> gate_atoms;  // atoms other than intents
  std::vector<std::vector<int>> rules_by_atom;     // parallel to gate_atoms
  bool reads_upsell = false;
  bool reads_cart = false;
  // Some rule reads the concession policy's names or acts on them (concede,
  // trade, offer_extra); else the engine does not work them out.
  bool reads_policy = false;
  // Some rule reads what comes from the buyer's mentions (a price, an amount,
  // a quantity, `conditional`, the cart), or acts on the buyer's price
  // (concede, accept, trade); else suggest() does not extract mentions.
  bool reads_mentions = false;
  // By product: the slot values every message about it starts from
  // (product_env below). Strings point into this Impl.
  std::vector<std::vector<expr::Value>> product_envs;
  std::vector<Diagnostic> warnings;

  int product_index(std::string_view id) const;
  const CompiledRule* find_rule(std::string_view id) const;
};

// The slot values that are the same for every message about `product`: the
// product's and the shop's names and numbers, every intent false, the rest
// null. The engine starts each message's Env from a copy, so it sets only
// what the message and the conversation change.
std::vector<expr::Value> product_env(const RuleSet::Impl& rules, int product);

}  // namespace parley
