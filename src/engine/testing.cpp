#include "parley/testing.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "rules/compiled.hpp"
#include "rules/yaml_reader.hpp"

namespace parley::testing {
namespace {

using rules::YamlReader;

void read_expectation(YamlReader& f, const YAML::Node& node, Expectation& e) {
  if (!f.check_map(node, "expect",
                   {"rule", "action", "offer", "says", "not_says", "intent", "intents", "has_rule",
                    "no_rule", "extras", "stage"})) {
    return;
  }
  if (node["rule"]) {
    e.rule = f.string(node["rule"], "rule");
    if (e.rule == "none") {
      e.rule.reset();
      e.no_suggestion = true;
    }
  }
  if (node["action"]) {
    e.action = f.string(node["action"], "action");
    if (e.action && !action_from_string(*e.action)) f.error(node["action"], "unknown action '" + *e.action + "'");
  }
  if (const YAML::Node& offer = node["offer"]) {
    if (offer.IsNull() || (offer.IsScalar() && offer.Scalar() == "none")) {
      e.no_offer = true;
    } else if (offer.IsMap()) {
      if (f.check_map(offer, "offer", {"min", "max"})) {
        if (offer["min"]) e.offer_min = f.money(offer["min"], "min");
        if (offer["max"]) e.offer_max = f.money(offer["max"], "max");
      }
    } else if (auto m = f.money(offer, "offer")) {
      e.offer_min = e.offer_max = *m;
    }
  }
  if (node["says"]) e.says = f.strings(node["says"], "says");
  if (node["not_says"]) e.not_says = f.strings(node["not_says"], "not_says");
  if (node["intent"]) e.intent = f.string(node["intent"], "intent");
  if (node["intents"]) e.intents = f.strings(node["intents"], "intents");
  if (node["has_rule"]) e.has_rule = f.strings(node["has_rule"], "has_rule");
  if (node["no_rule"]) e.no_rule = f.strings(node["no_rule"], "no_rule");
  if (node["extras"]) e.extras = f.strings(node["extras"], "extras");
  if (node["stage"]) e.stage = f.string(node["stage"], "stage");
}

std::string describe(const std::optional<Money>& m) { return m ? m->to_string() : "none"; }

std::vector<std::string> check(const Expectation& e, const TurnResult& r) {
  std::vector<std::string> failures;
  const auto& suggestions = r.result.suggestions;
  const Suggestion* top = suggestions.empty() ? nullptr : &suggestions.front();
  auto fail = [&](std::string what) { failures.push_back(std::move(what)); };
  if (e.no_suggestion && top) fail("expected no suggestion, got rule " + top->rule_id + ": " + top->text);
  bool needs_top = e.rule || e.action || e.offer_min || e.offer_max || e.no_offer || !e.says.empty() ||
                   !e.not_says.empty() || !e.extras.empty();
  if (needs_top && !top) {
    fail("expected a suggestion, got none");
  } else if (top) {
    if (e.rule && top->rule_id != *e.rule) fail("rule: expected " + *e.rule + ", got " + top->rule_id + " (" + top->text + ")");
    if (e.action && std::string(to_string(top->action)) != *e.action) {
      fail("action: expected " + *e.action + ", got " + std::string(to_string(top->action)) + " (rule " + top->rule_id + ")");
    }
    if (e.no_offer && top->offer) fail("offer: expected none, got " + describe(top->offer));
    if (e.offer_min || e.offer_max) {
      bool ok = top->offer && (!e.offer_min || *top->offer >= *e.offer_min) && (!e.offer_max || *top->offer <= *e.offer_max);
      if (!ok) {
        std::string want = e.offer_min == e.offer_max ? describe(e.offer_min)
                                                      : "between " + describe(e.offer_min) + " and " + describe(e.offer_max);
        fail("offer: expected " + want + ", got " + describe(top->offer) + " (rule " + top->rule_id + ")");
      }
    }
    for (const std::string& w : e.says) {
      if (top->text.find(w) == std::string::npos) fail("says: expected '" + w + "' in: " + top->text);
    }
    for (const std::string& w : e.not_says) {
      if (top->text.find(w) != std::string::npos) fail("not_says: '" + w + "' appears in: " + top->text);
    }
    for (const std::string& x : e.extras) {
      if (std::find(top->extras.begin(), top->extras.end(), x) == top->extras.end()) {
        fail("extras: expected " + x + " from rule " + top->rule_id);
      }
    }
  }
  const auto& intents = r.result.signals.intents;
  if (e.intent) {
    std::string primary = intents.empty() ? "none" : std::string(intents.front().name);
    if (primary != *e.intent) fail("intent: expected " + *e.intent + ", got " + primary);
  }
  for (const std::string& name : e.intents) {
    if (!r.result.signals.has_intent(name)) fail("intents: expected " + name + " to hold");
  }
  auto has = [&](const std::string& id) {
    return std::any_of(suggestions.begin(), suggestions.end(), [&](const Suggestion& s) { return s.rule_id == id; });
  };
  for (const std::string& id : e.has_rule) {
    if (!has(id)) fail("has_rule: expected " + id + " among the suggestions");
  }
  for (const std::string& id : e.no_rule) {
    if (has(id)) fail("no_rule: " + id + " is among the suggestions");
  }
  if (e.stage && to_string(r.state.stage) != *e.stage) {
    fail("stage: expected " + *e.stage + ", got " + std::string(to_string(r.state.stage)));
  }
  return failures;
}

}  // namespace

Transcript parse_transcript(std::string_view name, std::string_view content, const RuleSet& rule_set) {
  std::vector<Diagnostic> diagnostics;
  YamlReader f{std::string(name), std::string(content), diagnostics};
  Transcript t;
  t.where = {std::string(name), 1, 1};
  YAML::Node root = f.parse();
  if (root && f.check_map(root, "a transcript", {"name", "playbook", "product", "buyer", "facts", "seed", "turns"})) {
    if (root["name"]) t.name = f.string(root["name"], "name").value_or("");
    if (root["playbook"]) t.playbook = f.strings(root["playbook"], "playbook");
    if (root["product"]) {
      t.product = f.string(root["product"], "product").value_or("");
      if (!rule_set.find_product(t.product)) f.error(root["product"], "unknown product '" + t.product + "'");
    }
    if (root["buyer"]) f.read_buyer(root["buyer"], t.buyer);
    if (root["facts"]) f.read_facts(root["facts"], rules::Access::compiled(rule_set).names.facts, t.facts);
    if (root["seed"]) t.seed = static_cast<std::uint64_t>(f.number(root["seed"], "seed").value_or(0));
    const YAML::Node& turns = root["turns"];
    if (!turns || !turns.IsSequence()) {
      f.error(root, "a transcript needs 'turns', a list of buyer messages");
    } else {
      for (const YAML::Node& node : turns) {
        TranscriptTurn turn;
        turn.where = f.at(node);
        if (node.IsScalar()) {
          turn.buyer = node.Scalar();
        } else if (f.check_map(node, "a turn", {"buyer", "pick", "seller", "expect"})) {
          if (node["buyer"]) turn.buyer = f.string(node["buyer"], "buyer").value_or("");
          else f.error(node, "a turn needs 'buyer', the buyer's message");
          if (node["pick"]) {
            auto pick = f.number(node["pick"], "pick");
            if (pick && *pick < 1) f.error(node["pick"], "pick counts suggestions from 1");
            else if (pick) turn.pick = static_cast<int>(*pick);
          }
          if (node["seller"]) turn.seller = f.string(node["seller"], "seller");
          if (node["expect"]) {
            turn.expect.emplace();
            read_expectation(f, node["expect"], *turn.expect);
          }
        }
        t.turns.push_back(std::move(turn));
      }
    }
  }
  std::vector<Diagnostic> errors;
  for (Diagnostic& d : diagnostics) {
    if (d.severity == Diagnostic::Severity::error) errors.push_back(std::move(d));
  }
  if (!errors.empty()) throw Error(std::move(errors));
  if (t.product.empty()) t.product = rule_set.products().front().id;
  return t;
}

Transcript load_transcript(const std::filesystem::path& path, const RuleSet& rules) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Diagnostic d;
    d.where.file = path.string();
    d.message = "cannot read this file";
    throw Error(std::move(d));
  }
  std::ostringstream content;
  content << in.rdbuf();
  return parse_transcript(path.string(), content.str(), rules);
}

std::vector<TurnResult> run(const Engine& engine, const Transcript& t) {
  Conversation c = engine.start(t.product, t.seed);
  c.buyer = t.buyer;
  c.facts = t.facts;
  std::vector<TurnResult> results;
  for (std::size_t i = 0; i < t.turns.size(); ++i) {
    const TranscriptTurn& turn = t.turns[i];
    TurnResult r;
    r.turn = static_cast<int>(i + 1);
    r.buyer = turn.buyer;
    r.where = turn.where;
    try {
      r.result = engine.suggest(c, turn.buyer);
      if (turn.seller) {
        r.seller = turn.seller;
        c = engine.observe_seller_text(c, turn.buyer, *turn.seller);
      } else if (static_cast<std::size_t>(turn.pick) <= r.result.suggestions.size()) {
        r.applied = r.result.suggestions[turn.pick - 1];
        c = engine.apply(c, turn.buyer, *r.applied);
      } else {
        if (turn.pick > 1 || turn.expect) {
          if (turn.pick > 1) r.failures.push_back("pick " + std::to_string(turn.pick) + ": only " +
                                                  std::to_string(r.result.suggestions.size()) + " suggestions");
        }
        c = engine.observe_seller_text(c, turn.buyer, "");
      }
      r.state = c;
      if (turn.expect) {
        for (std::string& failure : check(*turn.expect, r)) r.failures.push_back(std::move(failure));
      }
    } catch (const Error& e) {
      r.state = c;
      r.failures.push_back(e.what());
    }
    results.push_back(std::move(r));
  }
  return results;
}

bool passed(const std::vector<TurnResult>& results) {
  return std::all_of(results.begin(), results.end(), [](const TurnResult& r) { return r.failures.empty(); });
}

std::vector<Diagnostic> check_examples(const Engine& engine) {
  const rules::Compiled& rules = rules::Access::compiled(engine.rules());
  std::vector<Diagnostic> out;
  auto report = [&](SourceLocation where, const std::string& rule_id, std::string message) {
    out.push_back({Diagnostic::Severity::error, std::move(where), rule_id, std::move(message)});
  };
  for (const rules::CompiledRule& rule : rules.rules) {
    if (rule.examples.empty()) {
      // Its examples are about another shop's products (warned at load).
      if (rule.skipped_examples > 0) continue;
      report(rule.where, rule.id, "the rule has no examples: add buyer messages it must fire on");
      continue;
    }
    // Rules that rank above this one on every example where it fires.
    std::optional<std::set<std::string>> always_above;
    for (const rules::RuleExample& example : rule.examples) {
      SuggestResult result;
      try {
        result = engine.suggest(example.conversation, example.text, {.top = 0, .explain = false});
      } catch (const Error& e) {
        report(example.where, rule.id, std::string("the example cannot be run: ") + e.what());
        continue;
      }
      auto it = std::find_if(result.suggestions.begin(), result.suggestions.end(),
                             [&](const Suggestion& s) { return s.rule_id == rule.id; });
      if (it == result.suggestions.end()) {
        Explanation why = engine.why(example.conversation, example.text, rule.id);
        std::string fired;
        for (std::size_t k = 0; k < result.suggestions.size() && k < 3; ++k) {
          fired += (k ? ", " : "") + result.suggestions[k].rule_id;
        }
        report(example.where, rule.id,
               "the rule does not fire on \"" + example.text + "\": " + why.summary() +
                   (fired.empty() ? "" : " (fired instead: " + fired + ")"));
        continue;
      }
      std::set<std::string> above;
      for (auto s = result.suggestions.begin(); s != it; ++s) above.insert(s->rule_id);
      if (!always_above) {
        always_above = std::move(above);
      } else {
        std::set<std::string> both;
        std::set_intersection(always_above->begin(), always_above->end(), above.begin(), above.end(),
                              std::inserter(both, both.end()));
        always_above = std::move(both);
      }
    }
    if (always_above && !always_above->empty()) {
      report(rule.where, rule.id,
             "the rule is shadowed: rule '" + *always_above->begin() +
                 "' outranks it on every example; give it an example where it comes first, or a higher score");
    }
  }
  return out;
}

Haggle::Haggle(const Engine& engine, std::string_view product_id, std::uint64_t seed)
    : engine_(engine), conversation_(engine.start(product_id, seed)) {}

Haggle& Haggle::say(std::string_view text) {
  pending_ = std::string(text);
  result_ = engine_.suggest(conversation_, pending_);
  return *this;
}

const Suggestion& Haggle::top() const {
  if (result_.suggestions.empty()) throw Error("no suggestion for \"" + pending_ + "\"");
  return result_.suggestions.front();
}

const Suggestion* Haggle::find(std::string_view rule_id) const {
  for (const Suggestion& s : result_.suggestions) {
    if (s.rule_id == rule_id) return &s;
  }
  return nullptr;
}

Haggle& Haggle::send(int k) {
  if (k < 1 || static_cast<std::size_t>(k) > result_.suggestions.size()) {
    throw Error("no suggestion " + std::to_string(k) + " to send");
  }
  conversation_ = engine_.apply(conversation_, pending_, result_.suggestions[k - 1]);
  result_ = {};
  return *this;
}

Haggle& Haggle::send_text(std::string_view text) {
  conversation_ = engine_.observe_seller_text(conversation_, pending_, text);
  result_ = {};
  return *this;
}

}  // namespace parley::testing
