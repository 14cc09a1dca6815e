// parley/rule_set.hpp: a shop's negotiation policy, loaded from YAML.
//
// A RuleSet is compiled once (conditions and templates parsed and checked,
// keyword automaton built, numbers validated) and then immutable: share one
// std::shared_ptr<const RuleSet> between any number of threads and engines;
// to reload, load a new one and swap the pointer. Loading reports every
// problem in every file at once, each with file:line:col (rules/README.md is
// the reference for the format).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/error.hpp"
#include "parley/export.h"
#include "parley/money.hpp"
#include "parley/policy.hpp"
#include "parley/signals.hpp"

namespace parley {

struct Gift {
  std::string name;
  Money cost;
};

struct Product {
  std::string id;
  std::string name;
  std::string unit = "件";            // measure word: 个, 双, 套
  Money list_price;
  Money floor;
  Money shipping_fee;                 // 0: ships free
  bool fixed_price = false;           // B10
  // What kind of product it is ("shoes", "desk", ...), for rules that answer
  // a kind of product their own way; "" when not set.
  std::string category;
  bool has_sizes = false;             // sold in sizes: size worries get the size answer (B15)
  // Topic keyword -> what to say about it: {功率: 额定功率4000W}. The keys are
  // also matched in buyer messages to find the selling point that matters (B20).
  std::vector<std::pair<std::string, std::string>> selling_points;
  std::vector<Gift> gifts;
  std::vector<std::string> aliases;   // words that name the product (书桌, 桌子)
  SourceLocation where;
};

// The shop as its rule set describes it (rules/README.md, "Top level").
struct Shop {
  std::string name;
  int ship_within_days = 2;  // ships within N days of payment
  int arrive_min_days = 2;   // days in transit, fewest and most
  int arrive_max_days = 4;
  std::string service_hours;
};

// A rule as a tool shows it (parley check, explain); the compiled form is internal.
struct RuleInfo {
  std::string id;
  std::string playbook;
  std::string action;
  double score = 0;
  std::string when;
  std::size_t examples = 0;  // how many examples the rule carries
  SourceLocation where;
};

// A rule file held in memory.
struct SourceFile {
  std::string name;     // used in diagnostics: "rules/shop.yaml"
  std::string content;
};

class PARLEY_EXPORT RuleSet {
 public:
  // Loads a .yaml file, or every .yaml/.yml file of a folder (sorted by name,
  // not recursive). Throws parley::Error carrying every diagnostic found;
  // nothing else, whatever the files hold (a library's exception becomes a
  // diagnostic). Only regular files are read, each of at most 8 MiB: a FIFO,
  // a device or a folder named x.yaml is an error, never a hang. The limits
  // on what a rule set may hold are in rules/README.md ("Limits").
  static std::shared_ptr<const RuleSet> load(const std::filesystem::path& path);
  static std::shared_ptr<const RuleSet> load(std::span<const SourceFile> files);
  // The default rule set compiled into the library from rules/.
  static std::shared_ptr<const RuleSet> load_default();

  const Shop& shop() const;
  const std::string& shop_name() const { return shop().name; }
  const std::vector<Product>& products() const;
  const Product* find_product(std::string_view id) const;  // nullptr when unknown
  // The product's numbers as the policy sees them, with its extras ladder
  // resolved; nullptr when unknown.
  const ProductTerms* find_terms(std::string_view id) const;
  const std::vector<Promotion>& promotions() const;
  std::vector<std::string> intent_names() const;
  // What made `intent` hold in `signals` (which this rule set produced): the
  // keyword, or the pattern with its file:line:col and the text it matched.
  std::string why_intent(const Signals& signals, const IntentScore& intent) const;
  std::vector<RuleInfo> rules() const;
  // Behaviours (B1..) that at least one rule names, sorted.
  std::vector<std::string> playbook_covered() const;
  // Problems that do not stop loading (an unused intent, ...).
  const std::vector<Diagnostic>& warnings() const;

  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  // The compiled form: the loader's output and the engine's input, defined
  // inside the library (src/rules/compiled.hpp) and reached only there.
  struct Compiled;

 private:
  friend struct RuleSetAccess;
  explicit RuleSet(std::unique_ptr<const Compiled> compiled);
  std::unique_ptr<const Compiled> compiled_;
};

}  // namespace parley
