// The top level of each rule file: which sections it holds.
#include "rules/load_context.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "rules/limits.hpp"
#include "util/strings.hpp"

namespace parley::rules {
namespace {

constexpr std::string_view kTopLevel[] = {"parley",  "locale", "shop",       "products",
                                          "promotions", "negotiation", "intents", "facts",
                                          "compliance", "rules"};

}  // namespace

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
    if (!file->check_map(root, "a rule file",
                         {"parley", "locale", "shop", "products", "promotions", "negotiation",
                          "intents", "facts", "compliance", "rules"})) {
      continue;
    }
    for (std::string_view key : kTopLevel) {
      YAML::Node node = root[std::string(key)];
      if (!node) continue;
      if (key == "products" || key == "promotions" || key == "rules") {
        if (!node.IsSequence()) {
          if (!node.IsNull()) file->error(node, std::string(key) + " should be a list");
          continue;
        }
        for (const YAML::Node& item : node) lists_[std::string(key)].push_back({file.get(), item});
      } else if (key == "intents" || key == "facts") {
        if (!node.IsMap()) {
          if (!node.IsNull()) file->error(node, std::string(key) + " should be a mapping");
          continue;
        }
        for (const auto& entry : node) {
          maps_[std::string(key)].push_back({file.get(), entry.first});
          map_values_[std::string(key)].push_back(entry.second);
        }
      } else {
        auto& slot = singles_[std::string(key)];
        if (slot.file) {
          file->error(node, "'" + std::string(key) + "' is set again; it was set in " +
                                slot.file->at(slot.node).to_string());
          continue;
        }
        slot = {file.get(), node};
      }
    }
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

}  // namespace parley::rules
