// Each mapping of a rule file is read from one table of its keys. A Field
// names a key, says in one line what it is (the line rules/README.md must
// cover, see field_tables()), and reads its value. The same table drives
// the unknown-key check and its did-you-mean, the "needs" errors for
// required keys, and the reading, so a key is written once.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/load_context.hpp"

namespace parley::rules {

// What a Field's reader works with: the load, the file, the mapping being
// read and the object it fills.
template <typename T>
struct Reading {
  LoadContext& load;
  YamlReader& f;
  const YAML::Node& map;
  T& out;
  std::string_view rule_id = {};
};

template <typename T>
struct Field {
  std::string_view key;
  std::string_view doc;
  void (*read)(Reading<T>& r, const YAML::Node& value);
  // For a required key, the error when it is missing; empty otherwise.
  std::string_view missing = {};
};

// Reads r.map with `table`, in table order (a later key may look at what an
// earlier one read). Returns false, having said so, when r.map is not a
// mapping; reports unknown keys and missing required ones and goes on.
template <typename T>
bool read_fields(Reading<T>& r, std::string_view what, std::span<const Field<T>> table) {
  std::vector<std::string_view> keys;
  for (const Field<T>& field : table) keys.push_back(field.key);
  if (!r.f.check_map(r.map, what, keys, r.rule_id)) return false;
  for (const Field<T>& field : table) {
    if (const YAML::Node& value = r.map[std::string(field.key)]) {
      field.read(r, value);
    } else if (!field.missing.empty()) {
      r.f.error(r.map, std::string(field.missing), r.rule_id);
    }
  }
  return true;
}

// One of a fixed set of names (a schedule, a kind): the value it names, or
// nullopt having said which names there are.
template <typename E, std::size_t N>
std::optional<E> choice(YamlReader& f, const YAML::Node& node, std::string_view what,
                        const std::pair<std::string_view, E> (&names)[N], std::string_view rule_id = {}) {
  auto name = f.string(node, what, rule_id);
  if (!name) return std::nullopt;
  std::string list;
  for (const auto& [n, value] : names) {
    if (n == *name) return value;
    list += (list.empty() ? "" : ", ") + std::string(n);
  }
  f.error(node, "unknown " + std::string(what) + " '" + *name + "' (one of: " + list + ")", rule_id);
  return std::nullopt;
}

// A table as documentation: where rules/README.md documents it (the heading
// of its section) and its keys with their lines.
struct TableDoc {
  std::string_view heading;  // "## Products"
  std::string_view name;     // "a product"
  std::vector<std::pair<std::string_view, std::string_view>> fields;  // key, doc
};

template <typename T>
TableDoc document(std::string_view heading, std::string_view name, std::span<const Field<T>> table) {
  TableDoc doc{heading, name, {}};
  for (const Field<T>& field : table) doc.fields.emplace_back(field.key, field.doc);
  return doc;
}

// Every table of the format, for the test that rules/README.md covers them.
std::vector<TableDoc> field_tables();

// Each section's tables (defined beside the section).
std::vector<TableDoc> top_level_tables();
std::vector<TableDoc> shop_tables();
std::vector<TableDoc> negotiation_tables();
std::vector<TableDoc> product_tables();
std::vector<TableDoc> intent_tables();
std::vector<TableDoc> compliance_tables();
std::vector<TableDoc> stage_tables();
std::vector<TableDoc> ranking_tables();
std::vector<TableDoc> rule_tables();

}  // namespace parley::rules
