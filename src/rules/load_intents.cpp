// The `intents:` and `facts:` sections.
#include "rules/fields.hpp"

#include <map>

#include <fmt/format.h>

#include "rules/limits.hpp"
#include "util/strings.hpp"

namespace parley::rules {
namespace {

std::optional<MentionKind> mention_kind(std::string_view name) {
  // MentionKind::count (80抽) is the last kind.
  for (int k = 0; k <= static_cast<int>(MentionKind::count); ++k) {
    auto kind = static_cast<MentionKind>(k);
    if (to_string(kind) == name) return kind;
  }
  return std::nullopt;
}

using IntentReading = Reading<IntentSpec>;

// A list of keywords (or one), each checked at its own place: it must be
// something once normalised as buyer text is.
void read_keywords(IntentReading& r, const YAML::Node& v, const char* key, std::vector<std::string>& out) {
  std::vector<YAML::Node> items;
  if (v.IsSequence()) {
    for (const YAML::Node& item : v) items.push_back(item);
  } else {
    items.push_back(v);
  }
  for (const YAML::Node& item : items) {
    auto word = r.f.string(item, key);
    if (!word) continue;
    const std::string& name = r.out.name;
    if (word->empty()) {
      r.f.error(item, "intent '" + name + "' has an empty keyword");
    } else if (normalize(*word).text.empty()) {  // UTF-8, as the file is
      r.f.error(item, "intent '" + name + "': keyword '" + *word +
                          "' is nothing once normalised (spaces, emoji and control characters are dropped)");
    }
    out.push_back(std::move(*word));
  }
}

constexpr Field<IntentSpec> kIntentFields[] = {
    {"any", "holds if one of these keywords occurs...",
     [](IntentReading& r, const YAML::Node& v) { read_keywords(r, v, "any", r.out.any); }},
    {"all", "...and every one of these occurs...",
     [](IntentReading& r, const YAML::Node& v) { read_keywords(r, v, "all", r.out.all); }},
    {"unless", "...and none of these occurs",
     [](IntentReading& r, const YAML::Node& v) { read_keywords(r, v, "unless", r.out.unless); }},
    {"needs", "mention kinds that must be present: money, discount, relative, quantity, ...",
     [](IntentReading& r, const YAML::Node& v) {
       for (const std::string& kind : r.f.strings(v, "needs")) {
         if (auto k = mention_kind(kind)) r.out.needs.push_back(*k);
         else r.f.error(v, "intent '" + r.out.name + "': unknown mention kind '" + kind + "' (money, discount, relative, quantity, size, threshold, ...)");
       }
     }},
    {"negatable", "不/没 right before a keyword cancels it (default true)",
     [](IntentReading& r, const YAML::Node& v) { r.out.negatable = r.f.boolean(v, "negatable").value_or(true); }},
    // Patterns were dropped from the format: no rule set used one, and a
    // backtracking matcher let one pattern cost seconds per message.
    {"regex", "not read any more: list the words under any (or all)",
     [](IntentReading& r, const YAML::Node& v) {
       r.f.error(v, "intent '" + r.out.name + "': regex is not part of the format any more: list the words under any (or all)");
     }},
};

}  // namespace

std::vector<TableDoc> intent_tables() {
  return {document<IntentSpec>("## Intents", "an intent", kIntentFields)};
}

void LoadContext::read_intents() {
  const auto& names = maps_["intents"];
  const auto& values = map_values_["intents"];
  std::map<std::string, const YamlReader*> seen;  // name: the file that defined it
  const context::Names probe = context::declare({}, {});  // the names the engine declares, to catch clashes
  std::size_t keywords = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    current_ = names[i];
    if (!within(impl_->intents.size() + 1, limits::kIntents, names[i], "intents")) break;
    YamlReader& f = *names[i].file;
    const std::string name = names[i].node.Scalar();
    const YAML::Node& node = values[i];
    if (!is_identifier(name)) {
      f.error(names[i].node, "intent name '" + name + "' must be letters, digits and _ (it is used in conditions)");
      continue;
    }
    if (probe.schema.find(name)) {
      f.error(names[i].node, "intent name '" + name + "' is already a name conditions use; pick another");
      continue;
    }
    if (auto [it, inserted] = seen.try_emplace(name, &f); !inserted) {
      // Twice in one file is a key set twice in one mapping, which
      // YamlReader::parse() has reported; here only across files.
      if (it->second != &f) f.error(names[i].node, "intent '" + name + "' is defined twice");
      continue;
    }
    IntentSpec spec;
    spec.name = name;
    IntentReading r{*this, f, node, spec};
    if (read_fields<IntentSpec>(r, "intent '" + name + "'", kIntentFields)) {
      const std::size_t own = spec.any.size() + spec.all.size() + spec.unless.size();
      if (own > limits::kKeywordsPerIntent) {
        f.error(node, fmt::format("intent '{}' has {} keywords: an intent may have at most {}", name, own,
                                  limits::kKeywordsPerIntent));
      }
      keywords += own;
      if (keywords > limits::kKeywords && keywords - own <= limits::kKeywords) {
        f.error(node, fmt::format("more than {} keywords in all intents: a rule set may have at most {}",
                                  limits::kKeywords, limits::kKeywords));
      }
      if (spec.any.empty() && spec.all.empty() && spec.needs.empty()) {
        f.error(node, "intent '" + name + "' has no keywords (any, all) and needs no mention: it could never hold");
      }
    }
    intent_names_.push_back(name);
    intent_nodes_.push_back(names[i]);
    impl_->intents.push_back(std::move(spec));
  }
}

void LoadContext::read_facts() {
  const auto& names = maps_["facts"];
  const auto& values = map_values_["facts"];
  std::map<std::string, const YamlReader*> seen;  // name: the file that defined it
  for (std::size_t i = 0; i < names.size(); ++i) {
    current_ = names[i];
    YamlReader& f = *names[i].file;
    const std::string name = names[i].node.Scalar();
    const YAML::Node& node = values[i];
    if (!is_identifier(name)) {
      f.error(names[i].node, "fact name '" + name + "' must be letters, digits and _");
      continue;
    }
    if (auto [it, inserted] = seen.try_emplace(name, &f); !inserted) {
      // Twice in one file is a key set twice in one mapping, which
      // YamlReader::parse() has reported; here only across files.
      if (it->second != &f) f.error(names[i].node, "fact '" + name + "' is declared twice");
      continue;
    }
    context::FactDecl decl{name, expr::Type::string, {}};
    if (node.IsSequence()) {
      decl.symbols = f.strings(node, "the values of fact " + name);
      for (const std::string& s : decl.symbols) {
        if (!is_identifier(s)) f.error(node, "fact " + name + ": value '" + s + "' must be letters, digits and _");
      }
    } else if (node.IsScalar() && (node.Scalar() == "string" || node.Scalar() == "number" || node.Scalar() == "boolean")) {
      decl.type = node.Scalar() == "number" ? expr::Type::number
                  : node.Scalar() == "boolean" ? expr::Type::boolean : expr::Type::string;
    } else {
      f.error(node, "fact " + name + " should be declared as string, number, boolean or a list of its values");
      continue;
    }
    fact_decls_.push_back(std::move(decl));
  }
}

}  // namespace parley::rules
