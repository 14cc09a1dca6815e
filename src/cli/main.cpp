// parley: suggested replies for a shop's customer-service agent.
#include <cstdio>
#include <cstring>
#include <string_view>

#include "cli/cli.hpp"
#include "parley/parley.h"

namespace {

struct Subcommand {
  std::string_view name;
  parley::cli::Command run;
  std::string_view summary;
};

constexpr Subcommand kSubcommands[] = {
    {"chat", parley::cli::chat, "the agent's view: type the buyer's messages, pick replies"},
    {"suggest", parley::cli::suggest, "ranked suggestions for one buyer message"},
    {"replay", parley::cli::replay, "run a whole transcript, turn by turn"},
    {"explain", parley::cli::explain, "why each rule fired or did not"},
    {"signals", parley::cli::signals, "how messages are understood: mentions and intents"},
    {"init", parley::cli::init, "write a starter policy folder from the built-in rule set"},
    {"check", parley::cli::check, "validate a rule set and run its rules' examples"},
    {"test", parley::cli::test, "run policy scenarios (N passed, N failed)"},
    {"serve", parley::cli::serve, "JSON lines on stdin/stdout, for hosts in any language"},
    {"lint-reply", parley::cli::lint_reply, "check an agent's own reply against the compliance lists"},
    {"simulate", parley::cli::simulate, "the rule set and textbook sellers against simulated buyers"},
    {"bench", parley::cli::bench, "latency of a rule set on a file of messages, checked against expected output"},
    {"eval", parley::cli::eval, "how well a rule set understands labelled buyer messages or numerals"},
};

void usage(std::FILE* out) {
  std::fprintf(out, "usage: parley COMMAND [OPTIONS]\n\ncommands:\n");
  for (const Subcommand& s : kSubcommands) {
    std::fprintf(out, "  %-11.*s %.*s\n", static_cast<int>(s.name.size()), s.name.data(),
                 static_cast<int>(s.summary.size()), s.summary.data());
  }
  std::fprintf(out,
               "\nEvery command uses the built-in default rule set unless --rules PATH is given.\n"
               "parley COMMAND --help shows a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    usage(stdout);
    return 0;
  }
  if (name == "--version") {
    std::printf("parley %s\n", parley_version());
    return 0;
  }
  for (const Subcommand& s : kSubcommands) {
    if (s.name == name) {
      try {
        return s.run(argc - 1, argv + 1);
      } catch (const std::exception& e) {
        parley::cli::print_error(e);
        return 2;
      }
    }
  }
  std::fprintf(stderr, "parley: unknown command '%s'\n\n", argv[1]);
  usage(stderr);
  return 2;
}
