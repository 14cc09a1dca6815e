// `parley init DIR`: a starter policy folder from the built-in rule set, its
// products replaced by a template the shop fills in (rules/starter/).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "rules/default_rules.hpp"

namespace parley::cli {

namespace fs = std::filesystem;

int init(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("dir", po::value<std::string>(), "the folder to write (created if missing)")(
      "force", "write into a folder that already has files, replacing the rule set's");
  po::positional_options_description positional;
  positional.add("dir", 1);
  po::variables_map vm;
  if (!parse(argc, argv, "parley init DIR [--force]", options, positional, vm)) return 0;
  if (!vm.count("dir")) {
    std::fprintf(stderr, "parley init: name the folder to write: parley init DIR\n");
    return 2;
  }
  const fs::path dir = vm["dir"].as<std::string>();
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) {
      std::fprintf(stderr, "parley init: %s: exists and is not a folder\n", dir.string().c_str());
      return 2;
    }
    if (!fs::is_empty(dir, ec) && !vm.count("force")) {
      std::fprintf(stderr, "parley init: %s: the folder is not empty; nothing written (--force writes the rule files over it)\n",
                   dir.string().c_str());
      return 2;
    }
  }
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "parley init: %s: cannot create the folder: %s\n", dir.string().c_str(), ec.message().c_str());
    return 2;
  }

  // Each built-in file as shipped, unless the starter has one of its name.
  auto base = [](std::string_view name) { return fs::path(std::string(name)).filename().string(); };
  for (const rules::EmbeddedFile& f : rules::default_rule_files()) {
    std::string_view content = f.content;
    const char* what = "as shipped";
    for (const rules::EmbeddedFile& s : rules::starter_rule_files()) {
      if (base(s.name) == base(f.name)) {
        content = s.content;
        what = "your shop and products: a template to fill in";
      }
    }
    const fs::path out = dir / base(f.name);
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    file.write(content.data(), static_cast<std::streamsize>(content.size()));
    file.close();
    if (!file) {
      std::fprintf(stderr, "parley init: %s: cannot write\n", out.string().c_str());
      return 2;
    }
    std::printf("wrote %s (%s)\n", out.string().c_str(), what);
  }
  const std::string d = dir.string();
  std::printf("\nnext:\n  edit %s to describe your shop and products\n  parley check --rules %s\n  parley chat --rules %s\n",
              (dir / "00-shop.yaml").string().c_str(), d.c_str(), d.c_str());
  return 0;
}

}  // namespace parley::cli
