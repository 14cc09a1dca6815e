// Reading the rule files of RuleSet::load(path): one file, or every .yaml
// and .yml file of a folder (not its subfolders), sorted by name.
#pragma once

#include <filesystem>
#include <vector>

#include "parley/rule_set.hpp"

namespace parley::rules {

// Only regular files are read (a symlink to one counts), each of at most
// limits::kFileBytes. Throws parley::Error naming each path that cannot be
// read and why: missing, a FIFO, a device, a folder named x.yaml, a symlink
// loop, too large, an empty folder. Never blocks on a FIFO (it is never
// opened) and never throws std::filesystem_error.
std::vector<SourceFile> read_rule_files(const std::filesystem::path& path);

}  // namespace parley::rules
