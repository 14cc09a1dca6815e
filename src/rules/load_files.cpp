// The top level of each rule file: which sections it holds.
#include "rules/fields.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "rules/limits.hpp"
#include "util/strings.hpp"

namespace parley::rules {
namespace {

using FileReading = Reading<LoadContext>;

// Each section as gather() files it: lists and mappings are merged across
// files, item by item; a single section may be set in one file only.
void gather_list(FileReading& r, const YAML::Node& v, const std::string& key) {
  if (!v.IsSequence()) {
    if (!v.IsNull()) r.f.error(v, key + " should be a list");
    return;
  }
  for (const YAML::Node& item : v) r.load.lists_[key].push_back({&r.f, item});
}

void gather_map(FileReading& r, const YAML::Node& v, const std::string& key) {
  if (!v.IsMap()) {
    if (!v.IsNull()) r.f.error(v, key + " should be a mapping");
    return;
  }
  for (const auto& entry : v) {
    r.load.maps_[key].push_back({&r.f, entry.first});
    r.load.map_values_[key].push_back(entry.second);
  }
}

void gather_single(FileReading& r, const YAML::Node& v, const std::string& key) {
  Located& slot = r.load.singles_[key];
  if (slot.file) {
    r.f.error(v, "'" + key + "' is set again; it was set in " + slot.file->at(slot.node).to_string());
    return;
  }
  slot = {&r.f, v};
}

constexpr Field<LoadContext> kTopLevelFields[] = {
    {"parley", "format version, `1` (required in one file)",
     [](FileReading& r, const YAML::Node& v) { gather_single(r, v, "parley"); }},
    {"locale", "`zh-CN` (the only one so far)",
     [](FileReading& r, const YAML::Node& v) { gather_single(r, v, "locale"); }},
    {"shop", "the shop: name, shipping days, service hours",
     [](FileReading& r, const YAML::Node& v) { gather_single(r, v, "shop"); }},
    {"products", "list of products",
     [](FileReading& r, const YAML::Node& v) { gather_list(r, v, "products"); }},
    {"promotions", "list of promotions",
     [](FileReading& r, const YAML::Node& v) { gather_list(r, v, "promotions"); }},
    {"negotiation", "concession schedule and extras ladder",
     [](FileReading& r, const YAML::Node& v) { gather_single(r, v, "negotiation"); }},
    {"words", "word classes (concepts) intent patterns name",
     [](FileReading& r, const YAML::Node& v) { gather_map(r, v, "words"); }},
    {"intents", "what buyers mean, by keywords and patterns",
     [](FileReading& r, const YAML::Node& v) { gather_map(r, v, "intents"); }},
    {"facts", "the facts a host may set, with their types",
     [](FileReading& r, const YAML::Node& v) { gather_map(r, v, "facts"); }},
    {"compliance", "words no reply may contain",
     [](FileReading& r, const YAML::Node& v) { gather_single(r, v, "compliance"); }},
    {"conditions", "named conditions rules use by name",
     [](FileReading& r, const YAML::Node& v) { gather_map(r, v, "conditions"); }},
    {"stages", "how replies move the conversation's stage",
     [](FileReading& r, const YAML::Node& v) { gather_single(r, v, "stages"); }},
    {"ranking", "how suggestions are ordered past their scores",
     [](FileReading& r, const YAML::Node& v) { gather_single(r, v, "ranking"); }},
    {"examples_product", "the product a rule example without `product` is about (default: the first product)",
     [](FileReading& r, const YAML::Node& v) { gather_single(r, v, "examples_product"); }},
    {"rules", "the rules",
     [](FileReading& r, const YAML::Node& v) { gather_list(r, v, "rules"); }},
};

}  // namespace

std::vector<TableDoc> top_level_tables() {
  return {document<LoadContext>("## Top level", "a rule file", kTopLevelFields)};
}

bool is_identifier(std::string_view name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

void LoadContext::gather() {
  bool has_version = false;
  for (auto& file : files_) {
    YAML::Node root = file->parse();
    current_ = {file.get(), root};
    if (!root || root.IsNull()) continue;
    FileReading r{*this, *file, root, *this};
    read_fields<LoadContext>(r, "a rule file", kTopLevelFields);
  }
  if (auto it = singles_.find("parley"); it != singles_.end()) {
    has_version = true;
    auto version = it->second.file->number(it->second.node, "parley (the format version)");
    if (version && *version != 1) {
      it->second.file->error(it->second.node, "this parley reads rule-set format 1, not " +
                                                  it->second.node.Scalar());
    }
  }
  const bool unreadable = std::any_of(files_.begin(), files_.end(), [](const auto& f) { return f->unreadable(); });
  if (!has_version && !files_.empty() && !unreadable) {
    files_.front()->error(SourceLocation{files_.front()->name(), 1, 1},
                          "no 'parley: 1' line: say which rule-set format this is");
  }
  if (auto it = singles_.find("locale"); it != singles_.end()) {
    auto locale = it->second.file->string(it->second.node, "locale");
    if (locale && *locale != "zh-CN") {
      it->second.file->error(it->second.node, "only locale zh-CN is supported, not " + *locale);
    }
  }
}

bool LoadContext::within(std::size_t count, std::size_t limit, const Located& where, std::string_view what) {
  if (count <= limit) return true;
  where.file->error(where.node, fmt::format("more than {} {}: a rule set may have at most {}", limit, what, limit));
  return false;
}

Error LoadContext::failed(const std::exception& e) const {
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : diagnostics_) {
    if (d.severity == Diagnostic::Severity::error) errors.push_back(d);
  }
  Diagnostic d;
  d.message = std::string("cannot read this part of the rule set (") + e.what() + ")";
  if (current_.file) {
    d.where = current_.file->at(current_.node);
    if (const auto* yaml = dynamic_cast<const YAML::Exception*>(&e)) {
      d.message = "cannot read this part of the rule set (" + yaml->msg + ")";
      if (!yaml->mark.is_null()) d.where = current_.file->at(yaml->mark);
    }
    if (!d.where.known()) d.where = SourceLocation{current_.file->name(), 1, 1};
  } else if (!files_.empty()) {
    d.where = SourceLocation{files_.front()->name(), 1, 1};
  }
  errors.push_back(std::move(d));
  return Error(std::move(errors));
}

std::vector<TableDoc> field_tables() {
  std::vector<TableDoc> all;
  for (auto tables : {top_level_tables, shop_tables, negotiation_tables, product_tables, intent_tables,
                      compliance_tables, stage_tables, ranking_tables, rule_tables}) {
    for (TableDoc& t : tables()) all.push_back(std::move(t));
  }
  return all;
}

}  // namespace parley::rules
