// The `conditions:` section: named conditions, compiled once against the
// rule set's names and used by name in rules (expr::Schema::define).
#include "rules/fields.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "rules/limits.hpp"

namespace parley::rules {
namespace {

// Words of the condition language a name cannot be.
constexpr std::string_view kReserved[] = {"and", "or", "not", "in", "true", "false", "null",
                                          "has", "min", "max", "count", "abs", "round", "contains"};

}  // namespace

std::string_view name_at(std::string_view source, int offset) {
  if (offset < 0 || static_cast<std::size_t>(offset) > source.size()) return {};
  std::size_t end = static_cast<std::size_t>(offset);
  while (end < source.size() && (std::isalnum(static_cast<unsigned char>(source[end])) || source[end] == '_' ||
                                 source[end] == '.')) {
    ++end;
  }
  return source.substr(static_cast<std::size_t>(offset), end - static_cast<std::size_t>(offset));
}

void LoadContext::read_conditions() {
  const auto& names = maps_["conditions"];
  const auto& values = map_values_["conditions"];
  expr::Schema& schema = impl_->names.schema;
  // Every name written, by its place in order, so that a use of a later one
  // can say so instead of "unknown name".
  std::map<std::string, std::size_t> order;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].node.IsScalar()) order.try_emplace(names[i].node.Scalar(), i);
  }
  std::map<std::string, const YamlReader*> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    current_ = names[i];
    if (!within(i + 1, limits::kConditions, names[i], "named conditions")) break;
    YamlReader& f = *names[i].file;
    const std::string name = names[i].node.Scalar();
    const YAML::Node& node = values[i];
    if (!is_identifier(name)) {
      f.error(names[i].node, "condition name '" + name + "' must be letters, digits and _ (it is used in conditions)");
      continue;
    }
    if (std::find(std::begin(kReserved), std::end(kReserved), name) != std::end(kReserved)) {
      f.error(names[i].node, "condition name '" + name + "' is a word of the condition language; pick another");
      continue;
    }
    if (schema.find(name) != nullptr) {
      f.error(names[i].node, "condition name '" + name + "' is already a name conditions use (an intent, a fact or " +
                                 "one of rules/README.md's names); pick another");
      continue;
    }
    if (auto [it, inserted] = seen.try_emplace(name, &f); !inserted) {
      // Twice in one file is a key set twice in one mapping, which
      // YamlReader::parse() has reported; here only across files.
      if (it->second != &f) f.error(names[i].node, "condition '" + name + "' is defined twice");
      continue;
    }
    auto source = f.string(node, "condition '" + name + "'");
    if (!source) continue;
    std::vector<expr::CompileError> errors;
    if (schema.define(name, *source, errors)) continue;
    failed_conditions_.push_back(name);
    for (expr::CompileError& e : errors) {
      const std::string used(name_at(*source, e.offset));
      if (auto later = order.find(used); later != order.end() && later->second >= i) {
        e.message = later->second == i
                        ? fmt::format("condition '{}' uses itself", name)
                        : fmt::format("'{}' is defined after '{}': a condition may use only those before it", used, name);
      }
      f.error(f.at(node, e.offset), "in condition '" + name + "': " + e.message);
    }
  }
}

}  // namespace parley::rules
