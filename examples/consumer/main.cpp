// consumer "太贵了": suggested replies for a buyer's message, with the
// default rule set compiled into parley.
#include <cstdio>
#include <exception>

#include "parley/engine.hpp"
#include "parley/rule_set.hpp"

int main(int argc, char** argv) try {
  const char* message = argc > 1 ? argv[1] : "太贵了";
  parley::Engine engine(parley::RuleSet::load_default());
  parley::Conversation conversation = engine.start("pdu");
  parley::SuggestResult result = engine.suggest(conversation, message, {.top = 3});
  for (const parley::Suggestion& s : result.suggestions) {
    std::printf("[%s] %s\n", s.rule_id.c_str(), s.text.c_str());
  }
  return result.suggestions.empty() ? 1 : 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "consumer: %s\n", e.what());
  return 2;
}
