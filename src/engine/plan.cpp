#include "engine/plan.hpp"

#include <algorithm>
#include <numeric>

#include "context/profile_fields.hpp"

namespace parley::engine {
namespace {

using context::Lifetime;

// Files the rule under what must hold for it to fire: one top-level part
// of its condition that is an intent, an `or` of intents, or an `or` of
// atoms (has(relative), conditional). The engine then looks at it only
// when that holds. Intents are preferred (the classifier lists the ones
// present), then the fewest atoms.
void file_rule(const rules::Compiled& rules, const rules::CompiledRule& rule, int rank, Plan& plan) {
  const std::vector<int>& intent_slots = rules.names.intent_slots;
  const auto intent_of = [&](const expr::Expression::Atom& a) -> int {
    if (a.has) return -1;
    auto it = std::find(intent_slots.begin(), intent_slots.end(), a.slot);
    return it == intent_slots.end() ? -1 : static_cast<int>(it - intent_slots.begin());
  };
  const std::vector<expr::Expression::Atom>* gate = nullptr;
  const auto cost = [&](const std::vector<expr::Expression::Atom>& group) {
    const bool intents_only = std::all_of(group.begin(), group.end(), [&](const auto& a) { return intent_of(a) >= 0; });
    return std::pair(!intents_only, group.size());
  };
  if (rule.when) {
    for (const auto& group : rule.when->atom_groups()) {
      if (!gate || cost(group) < cost(*gate)) gate = &group;
    }
  }
  if (!gate) {
    plan.rules_on_every_message.push_back(rank);
    return;
  }
  for (const expr::Expression::Atom& a : *gate) {
    if (const int intent = intent_of(a); intent >= 0) {
      plan.rules_by_intent[intent].push_back(rank);
      continue;
    }
    auto it = std::find(plan.gate_atoms.begin(), plan.gate_atoms.end(), a);
    if (it == plan.gate_atoms.end()) {
      plan.gate_atoms.push_back(a);
      plan.rules_by_atom.emplace_back();
      it = plan.gate_atoms.end() - 1;
    }
    plan.rules_by_atom[it - plan.gate_atoms.begin()].push_back(rank);
  }
}

bool acts_on_policy(Action action) {
  return action == Action::concede || action == Action::trade || action == Action::offer_extra;
}

}  // namespace

Plan make_plan(const rules::Compiled& rules) {
  Plan plan;
  const context::Names& names = rules.names;
  const auto row_list = context::rows();

  plan.by_rank.resize(rules.rules.size());
  std::iota(plan.by_rank.begin(), plan.by_rank.end(), 0);
  std::stable_sort(plan.by_rank.begin(), plan.by_rank.end(),
                   [&](int a, int b) { return rules.rules[a].score > rules.rules[b].score; });
  std::vector<int> rank(plan.by_rank.size());
  for (std::size_t r = 0; r < plan.by_rank.size(); ++r) rank[plan.by_rank[r]] = static_cast<int>(r);

  plan.rules_by_intent.assign(rules.intents.size(), {});
  plan.rule_reads_upsell.assign(rules.rules.size(), 0);
  plan.rule_reads_cart.assign(rules.rules.size(), 0);
  std::vector<bool> read(names.schema.size(), false);
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    const rules::CompiledRule& rule = rules.rules[i];
    file_rule(rules, rule, rank[i], plan);
    auto reads = [&](const std::vector<int>& slots) {
      for (int s : slots) {
        read[s] = true;
        const context::Row* row = names.row_of(s);
        if (!row) continue;
        plan.rule_reads_upsell[i] |= row->lifetime == Lifetime::upsell;
        plan.rule_reads_cart[i] |= row->lifetime == Lifetime::cart;
        plan.reads_policy |= row->lifetime == Lifetime::policy;
      }
    };
    if (rule.when) reads(rule.when->slots_read());
    if (rule.price) reads(rule.price->slots_read());
    for (const expr::Template& t : rule.say) reads(t.fields());
    if (rule.action == Action::upsell) plan.rule_reads_upsell[i] = 1;
    plan.reads_policy |= acts_on_policy(rule.action);
  }

  for (std::size_t r = 0; r < row_list.size(); ++r) {
    const context::Row& row = row_list[r];
    const int slot = names.row_slots[r];
    if (row.refill_in_reply || row.lifetime == Lifetime::reply) {
      if (read[slot]) plan.reply_rows.push_back(static_cast<int>(r));
    }
    if (!read[slot]) continue;
    switch (row.lifetime) {
      case Lifetime::conversation:
      case Lifetime::message:
      case Lifetime::policy: plan.message_rows.push_back(static_cast<int>(r)); break;
      case Lifetime::upsell: plan.upsell_rows.push_back(static_cast<int>(r)); break;
      case Lifetime::cart: plan.cart_rows.push_back(static_cast<int>(r)); break;
      case Lifetime::product:
      case Lifetime::reply: break;
    }
  }
  for (std::size_t f = 0; f < names.profile_slots.size(); ++f) {
    if (read[names.profile_slots[f]]) plan.profile_fields.push_back(static_cast<int>(f));
  }
  for (std::size_t f = 0; f < names.fact_slots.size(); ++f) {
    if (read[names.fact_slots[f]]) plan.facts.push_back(static_cast<int>(f));
  }
  plan.reads_intents = read[names.primary] ||
                       std::any_of(names.intent_slots.begin(), names.intent_slots.end(), [&](int s) { return read[s]; });

  for (const Product& product : rules.products) {
    std::vector<expr::Value> env(names.schema.size(), expr::Value::null());
    for (int slot : names.intent_slots) env[slot] = expr::Value::of(false);
    context::Situation s;
    s.shop = &rules.shop;
    s.product = &product;
    for (std::size_t r = 0; r < row_list.size(); ++r) {
      if (row_list[r].lifetime == Lifetime::product) env[names.row_slots[r]] = row_list[r].fill(s);
    }
    plan.product_envs.push_back(std::move(env));
  }
  return plan;
}

}  // namespace parley::engine
