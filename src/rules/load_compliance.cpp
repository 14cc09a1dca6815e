// The `compliance:` section.
#include "rules/load_context.hpp"

#include "util/strings.hpp"

namespace parley::rules {

void LoadContext::read_compliance() {
  auto it = singles_.find("compliance");
  if (it == singles_.end()) return;
  current_ = it->second;
  YamlReader& f = *it->second.file;
  const YAML::Node& node = it->second.node;
  if (!f.check_map(node, "compliance", {"forbidden", "off_platform", "banned_groups"})) return;
  auto words = [&](const char* key) {
    std::vector<std::string> out;
    if (!node[key]) return out;
    for (const std::string& w : f.strings(node[key], key)) {
      if (w.empty()) continue;
      try {
        out.push_back(normalize(w).text);
      } catch (const Error& e) {
        f.error(node[key], std::string(key) + ": " + e.what());
      }
    }
    return out;
  };
  impl_->compliance.set_words(words("forbidden"), words("off_platform"));
  if (node["banned_groups"]) impl_->compliance.banned_groups = f.strings(node["banned_groups"], "banned_groups");
}

}  // namespace parley::rules
