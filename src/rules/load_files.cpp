// The top level of each rule file: which sections it holds.
#include "rules/load_context.hpp"

#include <algorithm>
#include <cctype>

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
  if (!has_version && !files_.empty()) {
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

}  // namespace parley::rules
