// The `rules:` section and each rule's examples.
#include "rules/fields.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "rules/limits.hpp"
#include "rules/reply_style.hpp"
#include "util/strings.hpp"

namespace parley::rules {
namespace {

struct RuleDraft {
  CompiledRule rule;
  std::set<std::string>& seen;  // the ids so far
  bool argues_value_set = false;
};

// Without `argues_value`: a hold that implements a value behaviour (B2
// justify, B9 explain, B11 too expensive, B13 elsewhere, B24 doubt) argues
// the value; a quote (B1) or an answer does not.
bool argues_value_by_default(const CompiledRule& rule) {
  if (rule.action != Action::hold) return false;
  return std::any_of(rule.playbook.begin(), rule.playbook.end(), [](const std::string& b) {
    return b == "B2" || b == "B9" || b == "B11" || b == "B13" || b == "B24";
  });
}
using RuleReading = Reading<RuleDraft>;

void compile_expression(RuleReading& r, const YAML::Node& v, const char* key, expr::Type type,
                        std::optional<expr::Expression>& out) {
  const std::string& id = r.out.rule.id;
  if (auto source = r.f.string(v, key, id)) {
    std::vector<expr::CompileError> errors;
    out = expr::Expression::compile(*source, r.load.impl_->names.schema, errors, type);
    r.load.report(r.f, v, errors, id, std::string("in '") + key + "'");
  }
}

constexpr Field<RuleDraft> kRuleFields[] = {
    {"id", "names the rule in suggestions, explanations and errors",
     [](RuleReading& r, const YAML::Node& v) {
       // Read before the table (every message names the rule): here only
       // its being used twice.
       if (v.IsScalar() && !r.out.seen.insert(v.Scalar()).second) {
         r.f.error(v, "rule id '" + v.Scalar() + "' is used twice", r.out.rule.id);
       }
     }},
    {"playbook", "the behaviours it implements (B3, ...)",
     [](RuleReading& r, const YAML::Node& v) {
       CompiledRule& rule = r.out.rule;
       rule.playbook = r.f.strings(v, "playbook", rule.id);
       for (const std::string& b : rule.playbook) {
         bool ok = b.size() >= 2 && b[0] == 'B' &&
                   std::all_of(b.begin() + 1, b.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
         if (!ok) r.f.error(v, "playbook '" + b + "' should name a behaviour such as B3", rule.id);
         rule.playbook_joined += (rule.playbook_joined.empty() ? "" : ",") + b;
       }
     }},
    {"do", "the action: hold, concede, accept, offer_extra, trade, close, retreat, ask, answer, upsell, handoff",
     [](RuleReading& r, const YAML::Node& v) {
       CompiledRule& rule = r.out.rule;
       auto name = r.f.string(v, "do", rule.id);
       if (!name) return;
       if (auto action = action_from_string(*name)) {
         rule.action = *action;
         return;
       }
       const std::vector<std::string> actions = {"hold", "concede", "accept", "offer_extra", "trade", "close",
                                                 "retreat", "ask", "answer", "upsell", "handoff"};
       std::string message = "unknown action '" + *name + "'";
       std::string guess = util::closest_word(*name, actions);
       if (!guess.empty()) message += " (did you mean '" + guess + "'?)";
       r.f.error(v, message, rule.id);
     },
     "the rule needs 'do', its action (hold, concede, accept, offer_extra, trade, close, retreat, ask, answer, "
     "upsell, handoff)"},
    {"score", "higher ranks first",
     [](RuleReading& r, const YAML::Node& v) {
       if (auto score = r.f.number(v, "score", r.out.rule.id)) r.out.rule.score = *score;
     },
     "the rule needs a 'score' (higher ranks first)"},
    {"when", "the condition (below); without it the rule may fire on every message",
     [](RuleReading& r, const YAML::Node& v) { compile_expression(r, v, "when", expr::Type::boolean, r.out.rule.when); }},
    {"price", "an expression for the price a concede, accept or trade offers",
     [](RuleReading& r, const YAML::Node& v) { compile_expression(r, v, "price", expr::Type::number, r.out.rule.price); }},
    {"say", "one reply template or a list of them (below)",
     [](RuleReading& r, const YAML::Node& v) {
       CompiledRule& rule = r.out.rule;
       std::vector<YAML::Node> items;
       if (v.IsSequence()) for (const YAML::Node& s : v) items.push_back(s);
       else items.push_back(v);
       for (const YAML::Node& s : items) {
         auto source = r.f.string(s, "a reply template", rule.id);
         if (!source) continue;
         std::vector<expr::CompileError> errors;
         if (auto t = expr::Template::compile(*source, r.load.impl_->names.schema, errors)) rule.say.push_back(std::move(*t));
         r.load.report(r.f, s, errors, rule.id, "in a reply");
         r.load.warn_punctuation(r.f, s, true, rule.id);
         for (const std::string& word : r.load.impl_->compliance.hits(*source)) {
           r.f.error(s, "the reply contains '" + word + "', which the compliance list forbids", rule.id);
         }
       }
       if (items.empty()) r.f.error(v, "'say' is empty: give at least one reply", rule.id);
     },
     "the rule needs 'say', one reply template or a list of them"},
    {"extra", "offer_extra: which extra of the ladder",
     [](RuleReading& r, const YAML::Node& v) {
       CompiledRule& rule = r.out.rule;
       rule.extra = r.f.string(v, "extra", rule.id).value_or("");
       const auto& ladder = r.load.ladder_;
       if (std::find(ladder.begin(), ladder.end(), rule.extra) == ladder.end()) {
         r.f.error(v, "extra '" + rule.extra + "' is not in negotiation.extras_ladder", rule.id);
       }
       if (rule.action != Action::offer_extra) r.f.error(v, "'extra' goes with do: offer_extra", rule.id);
     }},
    {"gives", "trade: what the buyer gives in return (B6)",
     [](RuleReading& r, const YAML::Node& v) {
       CompiledRule& rule = r.out.rule;
       rule.gives = r.f.string(v, "gives", rule.id).value_or("");
       r.load.warn_punctuation(r.f, v, false, rule.id);
       if (rule.action != Action::trade) r.f.error(v, "'gives' goes with do: trade", rule.id);
     }},
    {"hold_first", "concede: hold once first, over the policy's hold_first",
     [](RuleReading& r, const YAML::Node& v) {
       CompiledRule& rule = r.out.rule;
       rule.hold_first = r.f.boolean(v, "hold_first", rule.id).value_or(true);
       if (rule.action != Action::concede) r.f.error(v, "'hold_first' goes with do: concede", rule.id);
     }},
    {"argues_value", "the reply argues the product's value (B2): with it sent, the price may move",
     [](RuleReading& r, const YAML::Node& v) {
       CompiledRule& rule = r.out.rule;
       rule.argues_value = r.f.boolean(v, "argues_value", rule.id).value_or(false);
       r.out.argues_value_set = true;
     }},
    {"stage", "the stage the conversation moves to when the reply is sent",
     [](RuleReading& r, const YAML::Node& v) {
       CompiledRule& rule = r.out.rule;
       if (auto name = r.f.string(v, "stage", rule.id)) {
         rule.next_stage = stage_from_string(*name);
         if (!rule.next_stage) r.f.error(v, "unknown stage '" + *name + "'" + stage_list(), rule.id);
       }
     }},
    {"examples", "buyer messages that must fire it (checked by parley check), at most 100",
     [](RuleReading& r, const YAML::Node& v) {
       CompiledRule& rule = r.out.rule;
       if (!v.IsSequence()) {
         r.f.error(v, "examples should be a list of buyer messages", rule.id);
       } else if (v.size() > limits::kExamplesPerRule) {
         r.f.error(v, fmt::format("{} examples: a rule may have at most {}", v.size(), limits::kExamplesPerRule), rule.id);
       } else {
         for (const YAML::Node& e : v) r.load.read_example(r.f, e, rule);
       }
     }},
};

struct ExampleDraft {
  RuleExample example;
  std::string product;
  const CompiledRule& rule;
};
using ExampleReading = Reading<ExampleDraft>;

constexpr Field<ExampleDraft> kExampleFields[] = {
    {"text", "the buyer's message",
     [](ExampleReading& r, const YAML::Node& v) {
       r.out.example.text = r.f.string(v, "text", r.out.rule.id).value_or("");
     },
     "an example needs 'text', the buyer's message"},
    {"product", "the product the conversation is about (default: the first)",
     [](ExampleReading& r, const YAML::Node& v) { r.out.product = r.f.string(v, "product", r.out.rule.id).value_or(""); }},
    {"state", "the conversation so far, as conditions see it: round, offer, stage, ...",
     [](ExampleReading& r, const YAML::Node& v) { r.f.read_state(v, r.out.example.conversation, r.out.rule.id); }},
    {"buyer", "the buyer's profile: member, vip, orders, ...",
     [](ExampleReading& r, const YAML::Node& v) { r.f.read_buyer(v, r.out.example.conversation.buyer, r.out.rule.id); }},
    {"facts", "facts the host set, as declared under facts:",
     [](ExampleReading& r, const YAML::Node& v) {
       r.f.read_facts(v, r.load.fact_decls_, r.out.example.conversation.facts, r.out.rule.id);
     }},
};

}  // namespace

std::vector<TableDoc> rule_tables() {
  return {document<RuleDraft>("## Rules", "a rule", kRuleFields),
          document<ExampleDraft>("## Rules", "an example", kExampleFields)};
}

void LoadContext::report(YamlReader& f, const YAML::Node& scalar, const std::vector<expr::CompileError>& errors,
                         std::string_view rule_id, std::string_view what) {
  for (const expr::CompileError& e : errors) {
    if (!failed_conditions_.empty() && scalar.IsScalar()) {
      const std::string_view used = name_at(scalar.Scalar(), e.offset);
      if (std::find(failed_conditions_.begin(), failed_conditions_.end(), used) != failed_conditions_.end()) continue;
    }
    f.error(f.at(scalar, e.offset), std::string(what) + ": " + e.message, rule_id);
  }
}

void LoadContext::warn_punctuation(YamlReader& f, const YAML::Node& scalar, bool fields, std::string_view rule_id) {
  if (!scalar.IsScalar()) return;
  const std::vector<PunctuationProblem> problems = punctuation_problems(scalar.Scalar(), fields);
  if (problems.empty()) return;
  const PunctuationProblem& p = problems.front();
  std::string message = p.found == ' ' ? "a space between Chinese characters: leave it out"
                                       : fmt::format("half-width '{}' in Chinese text: write '{}'", p.found, p.write);
  if (problems.size() > 1) message += fmt::format(" ({} more in this text)", problems.size() - 1);
  f.warning(f.at(scalar, static_cast<int>(p.offset)), message, rule_id);
}

void LoadContext::read_rules() {
  std::set<std::string> seen;
  for (const Located& item : lists_["rules"]) {
    current_ = item;
    if (!within(impl_->rules.size() + 1, limits::kRules, item, "rules")) break;
    YamlReader& f = *item.file;
    const YAML::Node& node = item.node;
    RuleDraft draft{CompiledRule(), seen};
    CompiledRule& rule = draft.rule;
    rule.where = f.at(node);
    rule.order = static_cast<int>(impl_->rules.size());
    if (node.IsMap() && node["id"] && node["id"].IsScalar()) rule.id = node["id"].Scalar();
    RuleReading r{*this, f, node, draft, rule.id};
    if (!read_fields<RuleDraft>(r, "a rule", kRuleFields)) continue;
    if (rule.id.empty()) {
      f.error(node, "a rule needs an 'id'");
      rule.id = "#" + std::to_string(rule.order + 1);
    }
    if (rule.action == Action::trade && rule.gives.empty()) {
      f.error(node, "a trade needs 'gives': what the buyer gives in return (B6)", rule.id);
    }
    if (!draft.argues_value_set) rule.argues_value = argues_value_by_default(rule);
    impl_->rules.push_back(std::move(rule));
  }
}

void LoadContext::read_example(YamlReader& f, const YAML::Node& node, CompiledRule& rule) {
  ExampleDraft draft{RuleExample(), {}, rule};
  draft.example.where = f.at(node);
  if (node.IsScalar()) {
    draft.example.text = f.string(node, "an example", rule.id).value_or("");
  } else {
    ExampleReading r{*this, f, node, draft, rule.id};
    if (!read_fields<ExampleDraft>(r, "an example", kExampleFields)) return;
  }
  // Without products the rule set has failed already ("has no products"):
  // an example has nothing to be about.
  if (impl_->products.empty()) return;
  std::string& product = draft.product;
  if (product.empty()) {
    product = impl_->products.front().id;
    if (auto it = singles_.find("examples_product"); it != singles_.end()) {
      product = it->second.file->string(it->second.node, "examples_product").value_or(product);
    }
  }
  int index = impl_->product_index(product);
  if (index < 0) {
    // Not an error: the rules were written for another shop's products (the
    // demo shop's, in a folder `parley init` wrote). The example cannot run
    // here; say so once per product.
    if (missing_example_products_.insert(product).second) {
      f.warning(node.IsMap() && node["product"] ? node["product"] : node,
                "example about product '" + product +
                    "', which this rule set does not have: skipped, as are its other examples about it",
                rule.id);
    }
    ++rule.skipped_examples;
    return;
  }
  Conversation& c = draft.example.conversation;
  c.product_id = product;
  if (c.cart.empty()) c.cart[product] = 1;
  for (const std::string& id : c.extras_granted) {
    const auto& extras = impl_->terms[index].extras;
    auto e = std::find_if(extras.begin(), extras.end(), [&](const Extra& x) { return x.id == id; });
    if (e == extras.end()) f.error(node, "extra '" + id + "' is not in this product's ladder", rule.id);
    else c.extras_cost += e->cost;
  }
  rule.examples.push_back(std::move(draft.example));
}

}  // namespace parley::rules
