#include "parley/rule_set.hpp"

#include <algorithm>

#include "rules/default_rules.hpp"
#include "rules/loader.hpp"
#include "rules/rule_files.hpp"
#include "rules/rule_set_impl.hpp"

namespace parley {

int RuleSet::Impl::product_index(std::string_view id) const {
  for (std::size_t i = 0; i < products.size(); ++i) {
    if (products[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

const CompiledRule* RuleSet::Impl::find_rule(std::string_view id) const {
  for (const CompiledRule& rule : rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

RuleSet::RuleSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RuleSet::~RuleSet() = default;

std::shared_ptr<const RuleSet> RuleSet::load(const std::filesystem::path& path) {
  const std::vector<SourceFile> files = rules::read_rule_files(path);
  return load(files);
}

std::shared_ptr<const RuleSet> RuleSet::load(std::span<const SourceFile> files) {
  return std::make_shared<const RuleSet>(rules::load_rule_set(files));
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

const std::string& RuleSet::shop_name() const { return impl_->shop.name; }
const std::vector<Product>& RuleSet::products() const { return impl_->products; }
const std::vector<Promotion>& RuleSet::promotions() const { return impl_->promotions; }
const std::vector<Diagnostic>& RuleSet::warnings() const { return impl_->warnings; }

const Product* RuleSet::find_product(std::string_view id) const {
  int index = impl_->product_index(id);
  return index < 0 ? nullptr : &impl_->products[index];
}

const ProductTerms* RuleSet::find_terms(std::string_view id) const {
  int index = impl_->product_index(id);
  return index < 0 ? nullptr : &impl_->terms[index];
}

std::vector<std::string> RuleSet::intent_names() const {
  std::vector<std::string> names;
  for (const IntentSpec& intent : impl_->intents) names.push_back(intent.name);
  return names;
}

std::vector<RuleInfo> RuleSet::rules() const {
  std::vector<RuleInfo> out;
  for (const CompiledRule& rule : impl_->rules) {
    std::string playbook;
    for (const std::string& b : rule.playbook) playbook += (playbook.empty() ? "" : ", ") + b;
    out.push_back({rule.id, playbook, std::string(to_string(rule.action)), rule.score,
                   rule.when ? rule.when->source() : std::string(), rule.examples.size(), rule.where});
  }
  return out;
}

std::vector<std::string> RuleSet::playbook_covered() const {
  std::vector<std::string> covered;
  for (const CompiledRule& rule : impl_->rules) {
    covered.insert(covered.end(), rule.playbook.begin(), rule.playbook.end());
  }
  std::sort(covered.begin(), covered.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  covered.erase(std::unique(covered.begin(), covered.end()), covered.end());
  return covered;
}

}  // namespace parley
