#include "rules/loader.hpp"

#include <algorithm>
#include <numeric>
#include <cctype>
#include <set>

#include "rules/load_context.hpp"
#include "rules/compiled.hpp"

namespace parley::rules {
namespace {

class Loader : private LoadContext {
 public:
  using LoadContext::failed;

  explicit Loader(std::span<const SourceFile> files) {
    for (const SourceFile& f : files) {
      files_.push_back(std::make_unique<YamlReader>(f.name, f.content, diagnostics_));
    }
  }

  std::unique_ptr<Compiled> run() {
    impl_ = std::make_unique<Compiled>();
    gather();
    read_shop();
    read_negotiation();
    read_products();
    read_promotions();
    read_words();
    read_intents();
    read_facts();
    read_compliance();
    read_stages();
    read_ranking();
    impl_->names = context::declare(intent_names_, fact_decls_);
    read_conditions();
    read_rules();
    build_classifier();
    warn_unused_intents();
    impl_->product_word_set.compile();

    std::vector<Diagnostic> errors;
    for (Diagnostic& d : diagnostics_) {
      if (d.severity == Diagnostic::Severity::error) errors.push_back(d);
      else impl_->warnings.push_back(d);
    }
    if (!errors.empty()) throw Error(std::move(errors));
    return std::move(impl_);
  }

 private:
  void build_classifier() {
    std::vector<std::string> topics;
    for (const Product& p : impl_->products) {
      for (const auto& point : p.selling_points) {
        if (std::find(topics.begin(), topics.end(), point.first) == topics.end()) topics.push_back(point.first);
      }
    }
    try {
      impl_->classifier = std::make_unique<classify::Classifier>(impl_->intents, topics, impl_->word_classes);
    } catch (const Error& e) {
      // The classifier's messages start with "intent 'name'": point at it.
      for (const Diagnostic& d : e.diagnostics()) {
        SourceLocation where;
        for (std::size_t i = 0; i < intent_nodes_.size(); ++i) {
          if (d.message.rfind("intent '" + intent_names_[i] + "'", 0) == 0) {
            where = intent_nodes_[i].file->at(intent_nodes_[i].node);
          }
        }
        if (!where.known() && !intent_nodes_.empty()) where = intent_nodes_.front().file->at(intent_nodes_.front().node);
        diagnostics_.push_back({Diagnostic::Severity::error, where, {}, d.message});
      }
    }
  }

  // An intent no rule mentions is worth a warning: maybe a typo in a rule.
  void warn_unused_intents() {
    const context::Names& names = impl_->names;
    std::vector<bool> used(impl_->intents.size(), false);
    for (const CompiledRule& rule : impl_->rules) {
      if (!rule.when) continue;
      for (int slot : rule.when->slots_read()) {
        for (std::size_t i = 0; i < names.intent_slots.size(); ++i) {
          if (names.intent_slots[i] == slot) used[i] = true;
        }
        if (slot == names.primary) std::fill(used.begin(), used.end(), true);
      }
    }
    for (std::size_t i = 0; i < used.size(); ++i) {
      if (!used[i] && i < intent_nodes_.size()) {
        intent_nodes_[i].file->warning(intent_nodes_[i].node, "intent '" + impl_->intents[i].name + "' is not used by any rule");
      }
    }
  }
};

}  // namespace

std::unique_ptr<Compiled> load_rule_set(std::span<const SourceFile> files) {
  Loader loader(files);
  try {
    return loader.run();
  } catch (const Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;  // the C API reports it as PARLEY_OUT_OF_MEMORY
  } catch (const std::exception& e) {
    throw loader.failed(e);
  }
}

}  // namespace parley::rules
