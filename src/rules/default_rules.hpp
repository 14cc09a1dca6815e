// The default rule set compiled into the binary (generated from rules/*.yaml).
#pragma once

#include <string_view>
#include <vector>

namespace parley::rules {

struct EmbeddedFile {
  std::string_view name;     // "rules/shop.yaml"
  std::string_view content;  // the file's bytes
};

const std::vector<EmbeddedFile>& default_rule_files();
// What `parley init` writes in place of the default rule set's files of the
// same name (rules/starter/): the products a shop fills in.
const std::vector<EmbeddedFile>& starter_rule_files();

}  // namespace parley::rules
