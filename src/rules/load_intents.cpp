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

// The items of a list, or the one item written without a list.
std::vector<YAML::Node> items_of(const YAML::Node& v) {
  std::vector<YAML::Node> items;
  if (v.IsSequence()) {
    for (const YAML::Node& item : v) items.push_back(item);
  } else {
    items.push_back(v);
  }
  return items;
}

// A list of keywords (or one), each checked at its own place: it must be
// something once normalised as buyer text is.
void read_keywords(IntentReading& r, const YAML::Node& v, const char* key, std::vector<std::string>& out) {
  const std::vector<YAML::Node> items = items_of(v);
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

struct PatternReading {
  PatternSpec spec;
  YAML::Node match;  // a copy: the reader's node is a temporary
  bool has_match = false;
};

constexpr Field<PatternReading> kPatternFields[] = {
    {"match", "the pattern: @class, word, ~N, ..., !, ^, $, +@class, -@class",
     [](Reading<PatternReading>& r, const YAML::Node& v) {
       r.out.match = v;
       r.out.has_match = true;
     },
     "a pattern needs match: (the items, as in \"@can ~3 @cheap\")"},
    {"confidence", "the confidence a match gives, above 0 and at most 1 (default 1)",
     [](Reading<PatternReading>& r, const YAML::Node& v) {
       auto c = r.f.number(v, "confidence");
       if (!c) return;
       if (!(*c > 0 && *c <= 1)) r.f.error(v, "a pattern's confidence is above 0 and at most 1");
       else r.out.spec.weight = static_cast<float>(*c);
     }},
    {"fallback", "true: counts only when no intent holds otherwise (default false)",
     [](Reading<PatternReading>& r, const YAML::Node& v) { r.out.spec.fallback = r.f.boolean(v, "fallback").value_or(false); }},
};

void read_patterns(IntentReading& r, const YAML::Node& v) {
  if (!v.IsSequence()) {
    r.f.error(v, "intent '" + r.out.name + "': patterns is a list (of strings, or of {match, confidence, fallback})");
    return;
  }
  for (const YAML::Node& item : v) {
    PatternReading reading;
    YAML::Node scalar = item;
    if (item.IsMap()) {
      Reading<PatternReading> pr{r.load, r.f, item, reading};
      if (!read_fields<PatternReading>(pr, "a pattern of intent '" + r.out.name + "'", kPatternFields) || !reading.has_match) continue;
      scalar = reading.match;
    }
    if (!scalar.IsScalar()) {
      r.f.error(scalar, "intent '" + r.out.name + "': a pattern is a string such as \"@can ~3 @cheap\"");
      continue;
    }
    if (auto spec = r.load.read_pattern(r.f, scalar, r.out.name)) {
      spec->weight = reading.spec.weight;
      spec->fallback = reading.spec.fallback;
      r.out.patterns.push_back(std::move(*spec));
    }
  }
}

constexpr Field<IntentSpec> kIntentFields[] = {
    {"any", "holds if one of these keywords occurs...",
     [](IntentReading& r, const YAML::Node& v) { read_keywords(r, v, "any", r.out.any); }},
    {"all", "...and every one of these occurs...",
     [](IntentReading& r, const YAML::Node& v) { read_keywords(r, v, "all", r.out.all); }},
    {"unless", "...and none of these occurs",
     [](IntentReading& r, const YAML::Node& v) { read_keywords(r, v, "unless", r.out.unless); }},
    {"patterns", "...or one of these patterns over word classes matches",
     [](IntentReading& r, const YAML::Node& v) { read_patterns(r, v); }},
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
  return {document<IntentSpec>("## Intents", "an intent", kIntentFields),
          document<PatternReading>("### Patterns", "a pattern", kPatternFields)};
}

// A class word may be a pictograph (👌), which normalize() drops: the
// classifier finds those in the original text (bytes F0 or E2 lead them).
bool is_pictograph_word(std::string_view word) {
  return word.find('\xF0') != std::string_view::npos || word.find('\xE2') != std::string_view::npos;
}

void LoadContext::read_words() {
  const auto& names = maps_["words"];
  const auto& values = map_values_["words"];
  std::map<std::string, const YamlReader*> seen;  // name: the file that defined it
  std::size_t words = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    current_ = names[i];
    YamlReader& f = *names[i].file;
    const std::string name = names[i].node.Scalar();
    const YAML::Node& node = values[i];
    if (!is_identifier(name)) {
      f.error(names[i].node, "word class name '" + name + "' must be letters, digits and _ (patterns name it as @" + name + ")");
      continue;
    }
    if (auto [it, inserted] = seen.try_emplace(name, &f); !inserted) {
      // Twice in one file is a key set twice in one mapping, which
      // YamlReader::parse() has reported; here only across files.
      if (it->second != &f) f.error(names[i].node, "word class '" + name + "' is defined twice");
      continue;
    }
    WordClass c{name, {}};
    const std::vector<YAML::Node> items = items_of(node);
    for (const YAML::Node& item : items) {
      auto word = f.string(item, "a word of class " + name);
      if (!word) continue;
      if (word->empty()) {
        f.error(item, "word class '" + name + "' has an empty word");
        continue;
      }
      if (normalize(*word).text.empty() && !is_pictograph_word(*word)) {
        f.error(item, "word class '" + name + "': '" + *word +
                          "' is nothing once normalised (spaces and control characters are dropped)");
        continue;
      }
      c.words.push_back(std::move(*word));
    }
    words += c.words.size();
    if (c.words.size() > limits::kKeywordsPerIntent) {
      f.error(node, fmt::format("word class '{}' has {} words: a class may have at most {}", name, c.words.size(),
                                limits::kKeywordsPerIntent));
    }
    if (words > limits::kKeywords && words - c.words.size() <= limits::kKeywords) {
      f.error(node, fmt::format("more than {} words in all classes: a rule set may have at most {}", limits::kKeywords,
                                limits::kKeywords));
    }
    if (!within(impl_->word_classes.size() + 1, limits::kIntents, names[i], "word classes")) break;
    word_class_ids_[name] = static_cast<std::uint32_t>(impl_->word_classes.size());
    impl_->word_classes.push_back(std::move(c));
  }
}

std::optional<PatternSpec> LoadContext::read_pattern(YamlReader& f, const YAML::Node& scalar, std::string_view intent) {
  const std::string& text = scalar.Scalar();
  PatternSpec spec;
  spec.source = text;
  spec.where = f.at(scalar);
  bool ok = true;
  const std::string who = "intent '" + std::string(intent) + "': pattern";
  auto error = [&](std::size_t at, const std::string& message) {
    f.error(f.at(scalar, static_cast<int>(at)), who + ": " + message);
    ok = false;
  };
  bool gap_set = false;  // by ~N or ..., for the next item
  int gap = 0;
  bool ended = false;
  std::size_t pos = 0;
  auto class_named = [&](std::string_view name, std::size_t at) -> std::optional<std::uint32_t> {
    if (auto it = word_class_ids_.find(std::string(name)); it != word_class_ids_.end()) return it->second;
    std::vector<std::string> known;
    for (const auto& [k, id] : word_class_ids_) known.push_back(k);
    std::string hint = util::closest_word(name, known);
    error(at, "no word class '" + std::string(name) + "'" + (hint.empty() ? " in words:" : " (did you mean '" + hint + "'?)"));
    return std::nullopt;
  };
  auto literal = [&](std::string_view word, std::size_t at) -> std::optional<std::uint32_t> {
    std::string normalized;
    try {
      normalized = normalize(word).text;
    } catch (const Error&) {
    }
    if (normalized.empty()) {
      error(at, "'" + std::string(word) + "' is nothing once normalised");
      return std::nullopt;
    }
    const std::string key = "'" + normalized + "'";  // a class per literal word, named so no class can be
    if (auto it = word_class_ids_.find(key); it != word_class_ids_.end()) return it->second;
    auto id = static_cast<std::uint32_t>(impl_->word_classes.size());
    word_class_ids_[key] = id;
    impl_->word_classes.push_back({key, {normalized}});
    return id;
  };
  while (pos < text.size()) {
    if (text[pos] == ' ' || text[pos] == '\t') {
      ++pos;
      continue;
    }
    std::size_t end = text.find_first_of(" \t", pos);
    if (end == std::string::npos) end = text.size();
    std::string_view token(text.data() + pos, end - pos);
    const std::size_t at = pos;
    pos = end;
    if (ended) {
      error(at, "nothing may follow $ but +@class or -@class");
      if (token[0] != '+' && token[0] != '-') continue;
    }
    if (token == "...") {
      gap = PatternSpec::kAnywhere;
      gap_set = true;
      continue;
    }
    if (token[0] == '~') {
      int n = -1;
      if (token.size() >= 2 && token.size() <= 3 && std::all_of(token.begin() + 1, token.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        n = std::stoi(std::string(token.substr(1)));
      }
      if (n < 0 || n > 50) error(at, "'" + std::string(token) + "': a gap is ~N, N characters from 0 to 50 (or ... for anywhere in the clause)");
      else gap = n, gap_set = true;
      continue;
    }
    if (token[0] == '+' || token[0] == '-') {
      if (token.size() < 3 || token[1] != '@') {
        error(at, "'" + std::string(token) + "': a clause condition is +@class (the clause has one of its words) or -@class (none)");
        continue;
      }
      if (auto id = class_named(token.substr(2), at + 2)) (token[0] == '+' ? spec.with : spec.without).push_back(*id);
      continue;
    }
    PatternSpec::Item item;
    item.max_gap = gap_set ? gap : 0;
    gap_set = false;
    if (token == "^") {
      if (!spec.items.empty()) error(at, "^ (the clause's start) comes first");
      item.kind = PatternSpec::Item::Kind::start;
      spec.items.push_back(item);
      continue;
    }
    if (token == "$") {
      item.kind = PatternSpec::Item::Kind::end;
      spec.items.push_back(item);
      ended = true;
      continue;
    }
    std::size_t name_at = at;
    if (token[0] == '!') {
      item.negated = true;
      token.remove_prefix(1);
      ++name_at;
      if (token.empty()) {
        error(at, "! stands before a class or word: !@good (negated: 不好, 没那么好)");
        continue;
      }
    }
    std::optional<std::uint32_t> id =
        token[0] == '@' ? class_named(token.substr(1), name_at + 1) : literal(token, name_at);
    if (!id) continue;
    item.word_class = *id;
    spec.items.push_back(item);
  }
  if (gap_set) error(text.size(), "a gap (~N or ...) needs an item after it");
  if (std::none_of(spec.items.begin(), spec.items.end(),
                   [](const PatternSpec::Item& i) { return i.kind == PatternSpec::Item::Kind::word; })) {
    if (ok) error(0, "has no word or @class to look for");
  }
  if (!ok) return std::nullopt;
  return spec;
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
      if (spec.any.empty() && spec.all.empty() && spec.patterns.empty() && spec.needs.empty()) {
        f.error(node, "intent '" + name + "' has no keywords (any, all), no patterns and needs no mention: it could never hold");
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
