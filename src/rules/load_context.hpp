// What the loader's sections share while a rule set loads: the files, what
// gather() found at their top level, what the earlier sections produced for
// the later ones, and the RuleSet::Impl being filled. Each section is one
// member function, defined in its own file (load_shop.cpp, load_products.cpp,
// ...); Loader (loader.cpp) calls them in the order they depend on each other.
#pragma once

#include <map>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/error.hpp"
#include "rules/compiled.hpp"
#include "rules/yaml_reader.hpp"

namespace parley::rules {

// A node and the file it came from.
struct Located {
  YamlReader* file = nullptr;
  YAML::Node node;
};

// Letters, digits and _, not starting with a digit: a name conditions can use.
bool is_identifier(std::string_view name);
// The name written at `offset` of `source` (letters, digits, _ and .):
// where a compile error points (load_conditions.cpp).
std::string_view name_at(std::string_view source, int offset);
// " (one of: open, bargaining, ...)", for an unknown stage.
std::string stage_list();

struct LoadContext {
  // load_files.cpp: every file's top level into lists_, maps_ and singles_;
  // the format version and the locale.
  void gather();
  // load_shop.cpp
  void read_shop();
  // load_negotiation.cpp: the default concession policy, extras, the ladder.
  void read_negotiation();
  void read_concession(YamlReader& f, const YAML::Node& node, ConcessionPolicy& policy,
                       std::string_view where);
  // load_products.cpp
  void read_products();
  void read_promotions();
  // load_intents.cpp: word classes first, then the intents (whose patterns name them).
  void read_words();
  void read_intents();
  // One written pattern of intent `intent`; errors at their column.
  std::optional<PatternSpec> read_pattern(YamlReader& f, const YAML::Node& scalar, std::string_view intent);
  std::map<std::string, std::uint32_t> word_class_ids_;
  void read_facts();
  // load_compliance.cpp
  void read_compliance();
  // load_stages.cpp
  void read_stages();
  void read_ranking();
  // load_conditions.cpp: named conditions, into impl_->names.schema. One
  // that does not compile is reported once: uses of it are not (report()).
  void read_conditions();
  std::vector<std::string> failed_conditions_;
  // load_rules.cpp: rules and their examples.
  // Reports each error at its place in `scalar`, but not an unknown name
  // that is a named condition which failed (reported where it is written).
  void report(YamlReader& f, const YAML::Node& scalar, const std::vector<expr::CompileError>& errors,
              std::string_view rule_id, std::string_view what);
  void read_rules();
  // A warning at the first half-width mark in Chinese reply text (a
  // template with `fields`, a selling point, a trade's `gives`), with how
  // many more the text has (reply_style.hpp).
  void warn_punctuation(YamlReader& f, const YAML::Node& scalar, bool fields, std::string_view rule_id = {});
  void read_example(YamlReader& f, const YAML::Node& node, CompiledRule& rule);
  // The products examples name that the rule set does not have, each
  // warned about once: a rule set started with `parley init` keeps the demo
  // shop's examples, which are skipped until it has those products.
  std::set<std::string> missing_example_products_;

  // The one catch at the loader's edge (load_rule_set): what a library threw
  // while the loader read current_ (yaml-cpp's BadSubscript or InvalidNode
  // on an unexpected shape, std::length_error, ...), as an Error holding
  // every diagnostic so far and this one, placed at the exception's mark or
  // at current_.
  Error failed(const std::exception& e) const;

  // False, having said so at `where`, when `count` items of `what` pass
  // `limit` (limits.hpp): the section then stops reading them.
  bool within(std::size_t count, std::size_t limit, const Located& where, std::string_view what);

  // What is being read now: set by each section for each item.
  Located current_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::unique_ptr<YamlReader>> files_;
  std::map<std::string, std::vector<Located>> lists_;
  std::map<std::string, std::vector<Located>> maps_;
  std::map<std::string, std::vector<YAML::Node>> map_values_;
  std::map<std::string, Located> singles_;

  ConcessionPolicy default_policy_;
  std::vector<Extra> named_extras_;
  std::vector<std::string> ladder_;
  std::vector<std::string> intent_names_;
  std::vector<Located> intent_nodes_;
  std::vector<context::FactDecl> fact_decls_;
  std::unique_ptr<Compiled> impl_;
};

}  // namespace parley::rules
