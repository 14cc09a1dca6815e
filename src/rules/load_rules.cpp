// The `rules:` section and each rule's examples.
#include "rules/load_context.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "rules/limits.hpp"
#include "util/strings.hpp"

namespace parley::rules {

void LoadContext::report(YamlReader& f, const YAML::Node& scalar, const std::vector<expr::CompileError>& errors,
                         std::string_view rule_id, std::string_view what) {
  for (const expr::CompileError& e : errors) {
    f.error(f.at(scalar, e.offset), std::string(what) + ": " + e.message, rule_id);
  }
}

void LoadContext::read_rules() {
  std::set<std::string> seen;
  for (const Located& item : lists_["rules"]) {
    current_ = item;
    if (!within(impl_->rules.size() + 1, limits::kRules, item, "rules")) break;
    YamlReader& f = *item.file;
    const YAML::Node& node = item.node;
    std::string id;
    if (node.IsMap() && node["id"] && node["id"].IsScalar()) id = node["id"].Scalar();
    if (!f.check_map(node, "a rule",
                     {"id", "playbook", "when", "do", "say", "score", "price", "extra", "gives",
                      "stage", "hold_first", "examples"},
                     id)) {
      continue;
    }
    CompiledRule rule;
    rule.where = f.at(node);
    rule.order = static_cast<int>(impl_->rules.size());
    if (id.empty()) {
      f.error(node, "a rule needs an 'id'");
      id = "#" + std::to_string(rule.order + 1);
    } else if (!seen.insert(id).second) {
      f.error(node["id"], "rule id '" + id + "' is used twice", id);
    }
    rule.id = id;

    if (node["playbook"]) {
      rule.playbook = f.strings(node["playbook"], "playbook", id);
      for (const std::string& b : rule.playbook) {
        bool ok = b.size() >= 2 && b[0] == 'B' &&
                  std::all_of(b.begin() + 1, b.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        if (!ok) f.error(node["playbook"], "playbook '" + b + "' should name a behaviour such as B3", id);
        rule.playbook_joined += (rule.playbook_joined.empty() ? "" : ",") + b;
      }
    }

    if (!node["do"]) {
      f.error(node, "the rule needs 'do', its action (hold, concede, accept, offer_extra, trade, close, retreat, ask, answer, upsell, handoff)", id);
    } else if (auto name = f.string(node["do"], "do", id)) {
      if (auto action = action_from_string(*name)) {
        rule.action = *action;
      } else {
        std::vector<std::string> actions = {"hold", "concede", "accept", "offer_extra", "trade", "close",
                                            "retreat", "ask", "answer", "upsell", "handoff"};
        std::string message = "unknown action '" + *name + "'";
        std::string guess = util::closest_word(*name, actions);
        if (!guess.empty()) message += " (did you mean '" + guess + "'?)";
        f.error(node["do"], message, id);
      }
    }

    if (!node["score"]) {
      f.error(node, "the rule needs a 'score' (higher ranks first)", id);
    } else if (auto score = f.number(node["score"], "score", id)) {
      rule.score = *score;
    }

    if (const YAML::Node& when = node["when"]) {
      if (auto source = f.string(when, "when", id)) {
        std::vector<expr::CompileError> errors;
        rule.when = expr::Expression::compile(*source, impl_->schema, errors, expr::Type::boolean);
        report(f, when, errors, id, "in 'when'");
      }
    }
    if (const YAML::Node& price = node["price"]) {
      if (auto source = f.string(price, "price", id)) {
        std::vector<expr::CompileError> errors;
        rule.price = expr::Expression::compile(*source, impl_->schema, errors, expr::Type::number);
        report(f, price, errors, id, "in 'price'");
      }
    }

    if (!node["say"]) {
      f.error(node, "the rule needs 'say', one reply template or a list of them", id);
    } else {
      const YAML::Node& say = node["say"];
      std::vector<YAML::Node> items;
      if (say.IsSequence()) for (const YAML::Node& s : say) items.push_back(s);
      else items.push_back(say);
      for (const YAML::Node& s : items) {
        auto source = f.string(s, "a reply template", id);
        if (!source) continue;
        std::vector<expr::CompileError> errors;
        if (auto t = expr::Template::compile(*source, impl_->schema, errors)) rule.say.push_back(std::move(*t));
        report(f, s, errors, id, "in a reply");
        for (const std::string& word : impl_->compliance.hits(*source)) {
          f.error(s, "the reply contains '" + word + "', which the compliance list forbids", id);
        }
      }
      if (items.empty()) f.error(say, "'say' is empty: give at least one reply", id);
    }

    if (node["extra"]) {
      rule.extra = f.string(node["extra"], "extra", id).value_or("");
      if (std::find(ladder_.begin(), ladder_.end(), rule.extra) == ladder_.end()) {
        f.error(node["extra"], "extra '" + rule.extra + "' is not in negotiation.extras_ladder", id);
      }
      if (rule.action != Action::offer_extra) f.error(node["extra"], "'extra' goes with do: offer_extra", id);
    }
    if (node["gives"]) {
      rule.gives = f.string(node["gives"], "gives", id).value_or("");
      if (rule.action != Action::trade) f.error(node["gives"], "'gives' goes with do: trade", id);
    }
    if (rule.action == Action::trade && rule.gives.empty()) {
      f.error(node, "a trade needs 'gives': what the buyer gives in return (B6)", id);
    }
    if (node["hold_first"]) {
      rule.hold_first = f.boolean(node["hold_first"], "hold_first", id).value_or(true);
      if (rule.action != Action::concede) f.error(node["hold_first"], "'hold_first' goes with do: concede", id);
    }
    if (node["stage"]) {
      rule.next_stage = f.string(node["stage"], "stage", id).value_or("");
      const auto& stages = stage_names();
      if (std::find(stages.begin(), stages.end(), rule.next_stage) == stages.end()) {
        f.error(node["stage"], "unknown stage '" + rule.next_stage + "'", id);
      }
    }

    if (const YAML::Node& examples = node["examples"]) {
      if (!examples.IsSequence()) f.error(examples, "examples should be a list of buyer messages", id);
      else if (examples.size() > limits::kExamplesPerRule) {
        f.error(examples, fmt::format("{} examples: a rule may have at most {}", examples.size(), limits::kExamplesPerRule), id);
      } else {
        for (const YAML::Node& e : examples) read_example(f, e, rule);
      }
    }
    impl_->rules.push_back(std::move(rule));
  }
}

void LoadContext::read_example(YamlReader& f, const YAML::Node& node, CompiledRule& rule) {
  RuleExample example;
  example.where = f.at(node);
  std::string product;
  if (node.IsScalar()) {
    example.text = node.Scalar();
  } else if (f.check_map(node, "an example", {"text", "state", "buyer", "facts", "product"}, rule.id)) {
    if (node["text"]) example.text = f.string(node["text"], "text", rule.id).value_or("");
    else f.error(node, "an example needs 'text', the buyer's message", rule.id);
    if (node["product"]) product = f.string(node["product"], "product", rule.id).value_or("");
    if (node["state"]) f.read_state(node["state"], example.conversation, rule.id);
    if (node["buyer"]) f.read_buyer(node["buyer"], example.conversation.buyer, rule.id);
    if (node["facts"]) f.read_facts(node["facts"], fact_decls_, example.conversation.facts, rule.id);
  } else {
    return;
  }
  // Without products the rule set has failed already ("has no products"):
  // an example has nothing to be about.
  if (impl_->products.empty()) return;
  if (product.empty()) product = impl_->products.front().id;
  int index = impl_->product_index(product);
  if (index < 0) {
    f.error(node["product"], "unknown product '" + product + "'", rule.id);
    return;
  }
  Conversation& c = example.conversation;
  c.product_id = product;
  if (c.cart.empty()) c.cart[product] = 1;
  for (const std::string& id : c.extras_granted) {
    const auto& extras = impl_->terms[index].extras;
    auto e = std::find_if(extras.begin(), extras.end(), [&](const Extra& x) { return x.id == id; });
    if (e == extras.end()) f.error(node, "extra '" + id + "' is not in this product's ladder", rule.id);
    else c.extras_cost += e->cost;
  }
  rule.examples.push_back(std::move(example));
}

}  // namespace parley::rules
