// The `parley` command: one function a subcommand, sharing how rule sets are
// loaded, how errors are printed and how output is styled.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/conversation.hpp"
#include "parley/engine.hpp"
#include "parley/rule_set.hpp"

namespace parley::cli {

// A subcommand gets its own arguments (argv[0] is the subcommand's name) and
// returns the process exit code: 0 success, 1 a check or test failed, 2 bad
// usage or input.
using Command = int (*)(int argc, char** argv);

int check(int argc, char** argv);
int suggest(int argc, char** argv);
int explain(int argc, char** argv);
int signals(int argc, char** argv);
int lint_reply(int argc, char** argv);
int replay(int argc, char** argv);
int test(int argc, char** argv);
int chat(int argc, char** argv);
int bench(int argc, char** argv);
int eval(int argc, char** argv);
int serve(int argc, char** argv);
int simulate(int argc, char** argv);
int init(int argc, char** argv);

// Colour for a terminal, plain text for a pipe or when NO_COLOR is set.
struct Style {
  bool colour = false;
  static Style for_stream(std::FILE* stream);
  std::string bold(std::string_view s) const;
  std::string dim(std::string_view s) const;
  std::string red(std::string_view s) const;
  std::string green(std::string_view s) const;
  std::string yellow(std::string_view s) const;
  std::string cyan(std::string_view s) const;
};

// The rule set at `path`, or the built-in one when there is none. Throws
// parley::Error with every diagnostic.
std::shared_ptr<const RuleSet> load_rules(const std::optional<std::string>& path);

// A conversation read from a JSON state file, or a new one about the first
// product (or `product`).
Conversation load_state(const Engine& engine, const std::optional<std::string>& state_file,
                        const std::optional<std::string>& product = std::nullopt);

std::string read_file(const std::string& path);

// Prints an Error's diagnostics to stderr, one a line.
void print_error(const std::exception& e);

// One line of the suggestions table a person reads.
std::string describe(const Suggestion& s, int rank, const Style& style);

}  // namespace parley::cli
