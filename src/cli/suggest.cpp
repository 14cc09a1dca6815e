// parley suggest, explain, signals and lint-reply: one message at a time.
#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "parley/json.hpp"

namespace parley::cli {
namespace {

void add_common(po::options_description& options) {
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "state", po::value<std::string>(), "conversation state (JSON) the message is said in")(
      "product", po::value<std::string>(), "product of a new conversation (default: the first)");
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

void print_signals(const Signals& s, const Style& style, const RuleSet* why = nullptr) {
  std::printf("%s %s\n", style.dim("text:").c_str(), s.normalized.text.c_str());
  std::string intents;
  for (const IntentScore& i : s.intents) intents += fmt::format("{}{} ({:.2g})", intents.empty() ? "" : ", ", i.name, i.confidence);
  std::printf("%s %s%s\n", style.dim("intents:").c_str(), intents.empty() ? "none" : intents.c_str(),
              s.conditional ? " [conditional]" : "");
  if (why) {
    for (const IntentScore& i : s.intents) {
      std::printf("%s %s %.2g: %s\n", style.dim("  why:").c_str(), i.name.c_str(), i.confidence,
                  why->why_intent(s, i).c_str());
    }
  }
  for (const Mention& m : s.mentions) {
    // The reading: unit, role and scope of money, flags.
    std::string reading = m.unit.empty() ? "" : " " + m.unit;
    if (m.kind == MentionKind::money) reading += fmt::format(" {}", to_string(m.role));
    if (m.scope == PriceScope::units_total) reading += fmt::format(" total for {}", m.scope_units);
    else if (m.scope != PriceScope::unspecified) reading += fmt::format(" {}", to_string(m.scope));
    for (std::uint8_t bit = 1; bit != 0 && bit <= m.flags; bit = static_cast<std::uint8_t>(bit << 1)) {
      if (m.flags & bit) reading += fmt::format(" {}", to_string(static_cast<MentionFlag>(bit)));
    }
    std::printf("%s %s=%s \"%s\" [%u,%u)%s%s\n", style.dim("mention:").c_str(), std::string(to_string(m.kind)).c_str(),
                fmt::format("{}", m.value).c_str(), m.text.c_str(), m.start, m.end, reading.c_str(),
                m.confidence < 1 ? fmt::format(" confidence {:.2g}", m.confidence).c_str() : "");
  }
  if (!s.topics.empty()) {
    std::string topics;
    for (std::string_view t : s.topics) topics += (topics.empty() ? "" : ", ") + std::string(t);
    std::printf("%s %s\n", style.dim("topics:").c_str(), topics.c_str());
  }
}

}  // namespace

int suggest(int argc, char** argv) {
  po::options_description options("options");
  add_common(options);
  options.add_options()("top", po::value<int>()->default_value(0), "at most N suggestions (0: all)")(
      "json", "print JSON")("message", po::value<std::vector<std::string>>(), "the buyer's message");
  po::positional_options_description positional;
  positional.add("message", -1);
  po::variables_map vm;
  if (!parse(argc, argv, "parley suggest [--rules PATH] [--state FILE] [--top N] [--json] MESSAGE", options,
             positional, vm)) {
    return 0;
  }
  if (!vm.count("message")) throw po::error("give the buyer's message");
  Engine engine(load_rules(optional_string(vm, "rules")));
  Conversation c = load_state(engine, optional_string(vm, "state"), optional_string(vm, "product"));
  std::string message = join_words(vm["message"].as<std::vector<std::string>>());
  SuggestResult result = engine.suggest(c, message, {.top = vm["top"].as<int>(), .explain = true});
  if (vm.count("json")) {
    std::printf("%s\n", to_json(result).c_str());
    return 0;
  }
  Style style = Style::for_stream(stdout);
  print_signals(result.signals, style);
  if (result.suggestions.empty()) std::printf("%s\n", style.yellow("no suggestion").c_str());
  int rank = 0;
  for (const Suggestion& s : result.suggestions) std::printf("%s\n", describe(s, ++rank, style).c_str());
  return 0;
}

int explain(int argc, char** argv) {
  po::options_description options("options");
  add_common(options);
  options.add_options()("rule", po::value<std::string>(), "explain this rule only")(
      "all", "show every rule, not only those that fired and the near misses")(
      "message", po::value<std::vector<std::string>>(), "the buyer's message");
  po::positional_options_description positional;
  positional.add("message", -1);
  po::variables_map vm;
  if (!parse(argc, argv, "parley explain [--rules PATH] [--state FILE] [--rule ID] MESSAGE", options, positional, vm)) {
    return 0;
  }
  if (!vm.count("message")) throw po::error("give the buyer's message");
  Engine engine(load_rules(optional_string(vm, "rules")));
  Conversation c = load_state(engine, optional_string(vm, "state"), optional_string(vm, "product"));
  std::string message = join_words(vm["message"].as<std::vector<std::string>>());
  Style style = Style::for_stream(stdout);
  print_signals(engine.signals(message), style, &engine.rules());

  std::vector<Explanation> explanations;
  if (auto rule = optional_string(vm, "rule")) {
    explanations.push_back(engine.why(c, message, *rule));
  } else {
    explanations = engine.explain(c, message);
  }
  bool all = vm.count("all") || vm.count("rule");
  for (const Explanation& e : explanations) {
    int failed = 0;
    for (const ConditionPart& p : e.parts) failed += p.depth == 0 && !p.holds;
    bool near_miss = !e.fired && (failed == 1 || !e.blocked.empty());
    if (!all && !e.fired && !near_miss) continue;
    std::string head = e.fired ? style.green("fired    ") : (near_miss ? style.yellow("near miss") : style.dim("no       "));
    std::printf("%s %s\n", head.c_str(), style.bold(e.rule_id).c_str());
    for (const ConditionPart& p : e.parts) {
      std::printf("    %*s%s %s%s\n", p.depth * 2, "", p.holds ? style.green("✓").c_str() : style.red("✗").c_str(),
                  p.text.c_str(), p.values.empty() ? "" : style.dim("  (" + p.values + ")").c_str());
    }
    if (!e.blocked.empty()) std::printf("    %s\n", style.yellow("blocked: " + e.blocked).c_str());
  }
  return 0;
}

int signals(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "json", "print one JSON object a message")("why", "show the keyword or pattern behind each intent")("message", po::value<std::vector<std::string>>(),
                                                  "messages (default: one a line on stdin)");
  po::positional_options_description positional;
  positional.add("message", -1);
  po::variables_map vm;
  if (!parse(argc, argv, "parley signals [--rules PATH] [--json] [--why] [MESSAGE...]", options, positional, vm)) return 0;
  Engine engine(load_rules(optional_string(vm, "rules")));
  Style style = Style::for_stream(stdout);
  bool json = vm.count("json");
  int status = 0;
  auto show = [&](const std::string& message) {
    try {
      Signals s = engine.signals(message);
      if (json) {
        std::printf("%s\n", to_json(s).c_str());
      } else {
        std::printf("%s\n", style.bold(message).c_str());
        print_signals(s, style, vm.count("why") ? &engine.rules() : nullptr);
      }
    } catch (const Error& e) {
      print_error(e);
      status = 2;
    }
  };
  if (vm.count("message")) {
    for (const std::string& m : vm["message"].as<std::vector<std::string>>()) show(m);
  } else {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) show(line);
    }
  }
  return status;
}

int lint_reply(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "reply", po::value<std::vector<std::string>>(), "the agent's reply");
  po::positional_options_description positional;
  positional.add("reply", -1);
  po::variables_map vm;
  if (!parse(argc, argv, "parley lint-reply [--rules PATH] TEXT", options, positional, vm)) return 0;
  if (!vm.count("reply")) throw po::error("give the reply to check");
  Engine engine(load_rules(optional_string(vm, "rules")));
  std::string reply = join_words(vm["reply"].as<std::vector<std::string>>());
  std::vector<std::string> hits = engine.lint_reply(reply);
  Style style = Style::for_stream(stdout);
  if (hits.empty()) {
    std::printf("%s\n", style.green("ok: the reply passes the compliance lists").c_str());
    return 0;
  }
  for (const std::string& word : hits) {
    std::printf("%s\n", style.red("the reply contains '" + word + "', which the compliance list forbids").c_str());
  }
  return 1;
}

}  // namespace parley::cli
