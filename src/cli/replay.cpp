// parley replay and parley test: whole conversations from transcript files.
#include <cstdio>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "parley/error.hpp"
#include "parley/json.hpp"
#include "parley/testing.hpp"

namespace parley::cli {
namespace {

namespace json = boost::json;

json::value turn_json(const testing::TurnResult& r) {
  json::object o;
  o["turn"] = r.turn;
  o["buyer"] = r.buyer;
  o["signals"] = json::parse(to_json(r.result.signals));
  json::array suggestions;
  for (const Suggestion& s : r.result.suggestions) suggestions.push_back(json::parse(to_json(s)));
  o["suggestions"] = std::move(suggestions);
  if (r.applied) o["applied"] = json::parse(to_json(*r.applied));
  else o["applied"] = nullptr;
  if (r.seller) o["seller"] = *r.seller;
  o["state"] = json::parse(to_json(r.state));
  if (!r.failures.empty()) {
    json::array failures;
    for (const std::string& f : r.failures) failures.push_back(json::string(f));
    o["failures"] = std::move(failures);
  }
  return o;
}

}  // namespace

int replay(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "json", "print one JSON object a buyer turn")("transcript", po::value<std::string>(), "transcript file (YAML or JSON)");
  po::positional_options_description positional;
  positional.add("transcript", 1);
  po::variables_map vm;
  if (!parse(argc, argv, "parley replay [--rules PATH] [--json] TRANSCRIPT", options, positional, vm)) return 0;
  if (!vm.count("transcript")) throw po::error("give a transcript file");
  Engine engine(load_rules(optional_string(vm, "rules")));
  testing::Transcript t = testing::load_transcript(vm["transcript"].as<std::string>(), engine.rules());
  std::vector<testing::TurnResult> results = testing::run(engine, t);
  Style style = Style::for_stream(stdout);
  for (const testing::TurnResult& r : results) {
    if (vm.count("json")) {
      std::printf("%s\n", json::serialize(turn_json(r)).c_str());
      continue;
    }
    std::printf("%s %s\n", style.cyan(fmt::format("{:>2}. buyer:", r.turn)).c_str(), r.buyer.c_str());
    int rank = 0;
    for (const Suggestion& s : r.result.suggestions) {
      std::string line = describe(s, ++rank, style);
      std::printf("    %s\n", line.replace(line.find('\n'), 1, "\n    ").c_str());
    }
    if (r.applied) std::printf("    %s %s\n", style.green("seller:").c_str(), r.applied->text.c_str());
    if (r.seller) std::printf("    %s %s\n", style.green("seller (typed):").c_str(), r.seller->c_str());
    std::printf("    %s\n", style.dim(fmt::format("offer {} · concessions {} · stage {}",
                                                 r.state.offer ? r.state.offer->to_string() : "list",
                                                 r.state.concessions, to_string(r.state.stage))).c_str());
    for (const std::string& f : r.failures) std::printf("    %s\n", style.red(f).c_str());
  }
  return testing::passed(results) ? 0 : 1;
}

int test(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "verbose,v", "print every turn of every scenario")(
      "scenario", po::value<std::vector<std::string>>(), "scenario files");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  if (!parse(argc, argv, "parley test [--rules PATH] SCENARIO...", options, positional, vm)) return 0;
  if (!vm.count("scenario")) throw po::error("give one or more scenario files");
  Engine engine(load_rules(optional_string(vm, "rules")));
  Style style = Style::for_stream(stdout);
  int passed = 0, failed = 0;
  for (const std::string& path : vm["scenario"].as<std::vector<std::string>>()) {
    testing::Transcript t;
    try {
      t = testing::load_transcript(path, engine.rules());
    } catch (const Error& e) {
      print_error(e);
      ++failed;
      continue;
    }
    std::vector<testing::TurnResult> results = testing::run(engine, t);
    bool ok = testing::passed(results);
    std::string name = t.name.empty() ? path : t.name;
    if (!t.playbook.empty()) name += " [" + fmt::format("{}", fmt::join(t.playbook, " ")) + "]";
    std::printf("%s %s\n", ok ? style.green("PASS").c_str() : style.red("FAIL").c_str(), name.c_str());
    for (const testing::TurnResult& r : results) {
      if (r.failures.empty() && !vm.count("verbose")) continue;
      std::printf("  %s turn %d, buyer: %s\n", r.where.to_string().c_str(), r.turn, r.buyer.c_str());
      if (!r.result.suggestions.empty()) {
        const Suggestion& top = r.result.suggestions.front();
        std::printf("    actual: %s [%s %s%s]\n", top.text.c_str(), std::string(to_string(top.action)).c_str(),
                    top.rule_id.c_str(), top.offer ? (" " + top.offer->to_string() + "元").c_str() : "");
      }
      for (const std::string& f : r.failures) std::printf("    %s\n", style.red(f).c_str());
    }
    (ok ? passed : failed) += 1;
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace parley::cli
