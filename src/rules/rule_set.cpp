#include "parley/rule_set.hpp"

#include <algorithm>

#include "rules/default_rules.hpp"
#include "rules/loader.hpp"
#include "rules/compiled.hpp"
#include "rules/rule_files.hpp"

namespace parley {

namespace rules {

StageMoves default_stage_moves() {
  StageMoves moves;
  auto after = [&](Action action, Stage stage) { moves.after_action[static_cast<std::size_t>(action)] = stage; };
  after(Action::accept, Stage::agreed);
  after(Action::close, Stage::agreed);
  after(Action::retreat, Stage::retreated);
  after(Action::handoff, Stage::handoff);
  moves.open_on_intent = Stage::bargaining;
  return moves;
}

}  // namespace rules

int RuleSet::Compiled::product_index(std::string_view id) const {
  for (std::size_t i = 0; i < products.size(); ++i) {
    if (products[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

const rules::CompiledRule* RuleSet::Compiled::find_rule(std::string_view id) const {
  for (const rules::CompiledRule& rule : rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

RuleSet::RuleSet(std::unique_ptr<const rules::Compiled> compiled) : compiled_(std::move(compiled)) {}
RuleSet::~RuleSet() = default;

std::shared_ptr<const RuleSet> RuleSet::load(const std::filesystem::path& path) {
  const std::vector<SourceFile> files = rules::read_rule_files(path);
  return load(files);
}

std::shared_ptr<const RuleSet> RuleSet::load(std::span<const SourceFile> files) {
  return rules::Access::wrap(rules::load_rule_set(files));
}

std::shared_ptr<const RuleSet> RuleSet::load_default() {
  // Loaded once per process: the embedded files never change.
  static const std::shared_ptr<const RuleSet> rule_set = [] {
    std::vector<SourceFile> files;
    for (const rules::EmbeddedFile& f : rules::default_rule_files()) {
      files.push_back({std::string(f.name), std::string(f.content)});
    }
    return load(files);
  }();
  return rule_set;
}

const Shop& RuleSet::shop() const { return compiled_->shop; }
const std::vector<Product>& RuleSet::products() const { return compiled_->products; }
const std::vector<Promotion>& RuleSet::promotions() const { return compiled_->promotions; }
const std::vector<Diagnostic>& RuleSet::warnings() const { return compiled_->warnings; }

const Product* RuleSet::find_product(std::string_view id) const {
  int index = compiled_->product_index(id);
  return index < 0 ? nullptr : &compiled_->products[index];
}

const ProductTerms* RuleSet::find_terms(std::string_view id) const {
  int index = compiled_->product_index(id);
  return index < 0 ? nullptr : &compiled_->terms[index];
}

std::vector<std::string> RuleSet::intent_names() const {
  std::vector<std::string> names;
  for (const IntentSpec& intent : compiled_->intents) names.push_back(intent.name);
  return names;
}

std::string RuleSet::why_intent(const Signals& signals, const IntentScore& intent) const {
  if (intent.index < 0 || static_cast<std::size_t>(intent.index) >= compiled_->intents.size()) return {};
  const IntentSpec& spec = compiled_->intents[intent.index];
  const std::string& text = signals.normalized.text;
  std::string span = intent.start <= intent.end && intent.end <= text.size()
                         ? text.substr(intent.start, intent.end - intent.start) : std::string();
  switch (intent.evidence) {
    case IntentScore::Evidence::keyword: return "keyword '" + span + "'";
    case IntentScore::Evidence::needs: {
      std::string kinds;
      for (MentionKind k : spec.needs) kinds += (kinds.empty() ? "" : ", ") + std::string(to_string(k));
      return "a mention: " + kinds;
    }
    case IntentScore::Evidence::pattern:
    case IntentScore::Evidence::fallback: {
      if (intent.pattern >= spec.patterns.size()) return {};
      const PatternSpec& p = spec.patterns[intent.pattern];
      return std::string(intent.evidence == IntentScore::Evidence::fallback ? "fallback " : "") + "pattern \"" +
             p.source + "\" at " + p.where.to_string() + " on '" + span + "'";
    }
  }
  return {};
}

std::vector<RuleInfo> RuleSet::rules() const {
  std::vector<RuleInfo> out;
  for (const rules::CompiledRule& rule : compiled_->rules) {
    std::string playbook;
    for (const std::string& b : rule.playbook) playbook += (playbook.empty() ? "" : ", ") + b;
    out.push_back({rule.id, playbook, std::string(to_string(rule.action)), rule.score,
                   rule.when ? rule.when->source() : std::string(), rule.examples.size(), rule.where});
  }
  return out;
}

std::vector<std::string> RuleSet::playbook_covered() const {
  std::vector<std::string> covered;
  for (const rules::CompiledRule& rule : compiled_->rules) {
    covered.insert(covered.end(), rule.playbook.begin(), rule.playbook.end());
  }
  std::sort(covered.begin(), covered.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  covered.erase(std::unique(covered.begin(), covered.end()), covered.end());
  return covered;
}

}  // namespace parley
