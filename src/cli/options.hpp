// Option parsing shared by the subcommands (Boost.Program_options).
#pragma once

#include <boost/program_options.hpp>

#include <cstdio>
#include <iostream>
#include <string>

namespace parley::cli {

namespace po = boost::program_options;

// Parses argv into `vm`. Prints the usage and returns false for --help;
// throws po::error (reported by main as bad usage) for unknown options.
inline bool parse(int argc, char** argv, const std::string& usage, po::options_description& options,
                  const po::positional_options_description& positional, po::variables_map& vm) {
  options.add_options()("help,h", "show this help");
  po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
  if (vm.count("help")) {
    std::cout << "usage: " << usage << "\n\n" << options << "\n";
    return false;
  }
  po::notify(vm);
  return true;
}

inline std::optional<std::string> optional_string(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) return std::nullopt;
  return vm[name].as<std::string>();
}

}  // namespace parley::cli
