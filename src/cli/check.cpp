// parley check: validate a rule set and run its rules' examples.
#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "parley/error.hpp"
#include "parley/testing.hpp"

namespace parley::cli {

int check(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "playbook", po::value<int>()->default_value(37), "behaviours B1..BN the rule set should cover");
  po::variables_map vm;
  if (!parse(argc, argv, "parley check [--rules PATH]", options, {}, vm)) return 0;

  Style style = Style::for_stream(stdout);
  std::shared_ptr<const RuleSet> rules;
  try {
    rules = load_rules(optional_string(vm, "rules"));
  } catch (const Error& e) {
    print_error(e);
    std::fprintf(stderr, "%zu problem%s\n", e.diagnostics().size(), e.diagnostics().size() == 1 ? "" : "s");
    return 1;
  }
  for (const Diagnostic& d : rules->warnings()) std::fprintf(stderr, "%s\n", style.yellow(d.to_string()).c_str());

  Engine engine(rules);
  std::vector<Diagnostic> problems = testing::check_examples(engine);
  for (const Diagnostic& d : problems) std::printf("%s\n", style.red(d.to_string()).c_str());

  std::size_t examples = 0;
  for (const RuleInfo& rule : rules->rules()) examples += rule.examples;
  std::vector<std::string> covered = rules->playbook_covered();
  std::vector<std::string> missing;
  for (int b = 1; b <= vm["playbook"].as<int>(); ++b) {
    std::string id = "B" + std::to_string(b);
    if (std::find(covered.begin(), covered.end(), id) == covered.end()) missing.push_back(id);
  }
  std::printf("%zu products, %zu intents, %zu rules, %zu examples: %s\n", rules->products().size(),
              rules->intent_names().size(), rules->rules().size(), examples,
              problems.empty() ? style.green("ok").c_str() : style.red(fmt::format("{} problems", problems.size())).c_str());
  std::printf("playbook covered: %s\n", fmt::format("{}", fmt::join(covered, " ")).c_str());
  if (!missing.empty()) std::printf("playbook not covered: %s\n", fmt::format("{}", fmt::join(missing, " ")).c_str());
  return problems.empty() ? 0 : 1;
}

}  // namespace parley::cli
