#include "rules/loader.hpp"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <cctype>
#include <set>

#include "rules/load_context.hpp"
#include "rules/rule_set_impl.hpp"

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

  std::unique_ptr<RuleSet::Impl> run() {
    static std::atomic<std::uint64_t> loaded{0};
    impl_ = std::make_unique<RuleSet::Impl>();
    impl_->id = ++loaded;
    gather();
    read_shop();
    read_negotiation();
    read_products();
    read_promotions();
    read_intents();
    read_facts();
    read_compliance();
    impl_->slots = declare_names(impl_->schema, intent_names_, fact_decls_);
    read_rules();
    build_classifier();
    index_rules();
    for (std::size_t p = 0; p < impl_->products.size(); ++p) {
      impl_->product_envs.push_back(product_env(*impl_, static_cast<int>(p)));
    }
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
      impl_->classifier = std::make_unique<classify::Classifier>(impl_->intents, topics);
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

  // Files the rule under what must hold for it to fire: one top-level part
  // of its condition that is an intent, an `or` of intents, or an `or` of
  // atoms (has(relative), conditional). The engine then looks at it only
  // when that holds. Intents are preferred (the classifier lists the ones
  // present), then the fewest atoms.
  void index_rule(const CompiledRule& rule, int rank) {
    const auto intent_of = [&](const expr::Expression::Atom& a) -> int {
      if (a.has) return -1;
      auto it = std::find(impl_->slots.intents.begin(), impl_->slots.intents.end(), a.slot);
      return it == impl_->slots.intents.end() ? -1 : static_cast<int>(it - impl_->slots.intents.begin());
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
      impl_->rules_on_every_message.push_back(rank);
      return;
    }
    for (const expr::Expression::Atom& a : *gate) {
      if (const int intent = intent_of(a); intent >= 0) {
        impl_->rules_by_intent[intent].push_back(rank);
        continue;
      }
      auto it = std::find(impl_->gate_atoms.begin(), impl_->gate_atoms.end(), a);
      if (it == impl_->gate_atoms.end()) {
        impl_->gate_atoms.push_back(a);
        impl_->rules_by_atom.emplace_back();
        it = impl_->gate_atoms.end() - 1;
      }
      impl_->rules_by_atom[it - impl_->gate_atoms.begin()].push_back(rank);
    }
  }

  void index_rules() {
    std::vector<int>& by_rank = impl_->by_rank;
    by_rank.resize(impl_->rules.size());
    std::iota(by_rank.begin(), by_rank.end(), 0);
    std::stable_sort(by_rank.begin(), by_rank.end(),
                     [&](int a, int b) { return impl_->rules[a].score > impl_->rules[b].score; });
    std::vector<int> rank(by_rank.size());
    for (std::size_t r = 0; r < by_rank.size(); ++r) rank[by_rank[r]] = static_cast<int>(r);

    impl_->rules_by_intent.assign(impl_->intents.size(), {});
    for (CompiledRule& rule : impl_->rules) {
      index_rule(rule, rank[rule.order]);
      auto reads = [&](const std::vector<int>& slots) {
        for (int s : slots) {
          rule.reads_upsell |= impl_->slots.is_upsell_slot(s);
          rule.reads_cart |= impl_->slots.is_cart_slot(s);
          impl_->reads_upsell |= impl_->slots.is_upsell_slot(s);
          impl_->reads_cart |= impl_->slots.is_cart_slot(s);
          impl_->reads_policy |= impl_->slots.is_policy_slot(s);
          impl_->reads_mentions |= impl_->slots.is_mention_slot(s);
        }
      };
      if (rule.when) reads(rule.when->slots_read());
      if (rule.price) reads(rule.price->slots_read());
      for (const expr::Template& t : rule.say) reads(t.fields());
      if (rule.action == Action::upsell) {
        impl_->reads_upsell = true;
        rule.reads_upsell = true;
      }
      if (rule.action == Action::concede || rule.action == Action::trade || rule.action == Action::offer_extra) {
        impl_->reads_policy = true;
      }
      if (rule.action == Action::concede || rule.action == Action::trade || rule.action == Action::accept) {
        impl_->reads_mentions = true;
      }
    }
    impl_->reads_mentions |= impl_->reads_upsell || impl_->reads_cart;  // the quantity named
    // An intent no rule mentions is worth a warning: maybe a typo in a rule.
    std::vector<bool> used(impl_->intents.size(), false);
    for (const CompiledRule& rule : impl_->rules) {
      if (!rule.when) continue;
      for (int slot : rule.when->slots_read()) {
        for (std::size_t i = 0; i < impl_->slots.intents.size(); ++i) {
          if (impl_->slots.intents[i] == slot) used[i] = true;
        }
        if (slot == impl_->slots.primary) std::fill(used.begin(), used.end(), true);
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

std::unique_ptr<RuleSet::Impl> load_rule_set(std::span<const SourceFile> files) {
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
