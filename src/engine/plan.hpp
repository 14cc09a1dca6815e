// How the engine runs one rule set: which rules a message makes worth
// looking at, in what order, which names to fill, and what each product's
// names hold. Built once from the compiled rule set when an Engine is made,
// immutable afterwards, shared by every call.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "context/context.hpp"
#include "parley/engine.hpp"
#include "rules/compiled.hpp"
#include "expr/expr.hpp"

namespace parley {

struct Engine::Plan {
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
  std::vector<std::vector<int>> rules_by_intent;    // by intent index
  std::vector<expr::Expression::Atom> gate_atoms;   // atoms other than intents
  std::vector<std::vector<int>> rules_by_atom;      // parallel to gate_atoms

  // By rule index: the rule reads the upsell's or the cart's names (or is an
  // upsell): the engine works those out only once the rest of its condition
  // holds (Expression::test_early).
  std::vector<std::uint8_t> rule_reads_upsell, rule_reads_cart;
  // Some rule reads the concession policy's names or acts on them (concede,
  // trade, offer_extra); else the engine does not work them out.
  bool reads_policy = false;

  // The rows (indices into context::rows()) some rule, price or template
  // reads, by when they are filled. Rows nobody reads stay null.
  std::vector<int> message_rows;  // conversation, message and policy rows
  std::vector<int> upsell_rows, cart_rows, reply_rows;
  // Profile fields (by field index) and facts (by declaration index) read.
  std::vector<int> profile_fields, facts;
  bool reads_intents = false;  // some rule reads an intent or `primary`
  // The names that say a price (offer, list_price, cart_total, ...): a reply
  // showing one is not sent to a banned buyer (B37).
  std::vector<int> price_slots;
  int selling_point_slot = -1, topic_point_slot = -1;
  int offer_words_slot = -1;  // worked out only for a rule whose templates read it
  int price_said_slot = -1;
  // By rule: the intents (indices) its condition reads; a suggestion answers
  // those of them the message has (ranking covers every question asked).
  std::vector<std::vector<int>> rule_intents;

  // By product: the Env every message about it starts from: the product's
  // and the shop's names filled, every intent false, the rest null.
  std::vector<std::vector<expr::Value>> product_envs;
  // By product: the promotions covering it, as `promotions` shows them (the
  // product envs point into these; never resized once built).
  std::vector<std::string> product_promotions;

  // The load-time half of the compliance guard. A template's literal text
  // was checked when the rule set loaded; here, for each template and
  // product, bit f says that field f needs no scan when a reply is
  // rendered: a product value (the template was rendered with them and
  // found clean), or a number when no word holds a digit. Only the other
  // fields are scanned, with the characters next to them
  // (Compliance::first_hit_near).
  std::vector<std::uint32_t> first_template;  // by rule: its first template's index below
  std::vector<std::uint64_t> proven_fields;   // [(first_template[rule] + t) * products + product]
  std::uint64_t proven(int rule, std::size_t t, int product) const {
    return proven_fields[(first_template[rule] + t) * product_envs.size() + product];
  }
};

namespace engine {
using Plan = Engine::Plan;
Plan make_plan(const rules::Compiled& rules);
}  // namespace engine

}  // namespace parley
