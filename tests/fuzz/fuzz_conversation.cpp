// Fuzz target: a conversation read from JSON, then suggest(), apply() of each
// suggestion and observe_seller_text(), on the default rule set. The input is
// three lines: the state JSON, the buyer's message, the agent's own reply.
// Bad input is a parley::Error, never a crash; a state the engine produced
// must read back from its JSON (parley/json.hpp's round-trip contract).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parley/engine.hpp"
#include "parley/error.hpp"
#include "parley/json.hpp"

namespace {

std::string_view next_line(std::string_view& rest) {
  const std::size_t end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return line;
}

// The engine's own output must survive JSON. to_json() may refuse what JSON
// cannot carry (a parley::Error naming the field); what it writes reads back.
void round_trip(const parley::Conversation& c) {
  std::string json;
  try {
    json = parley::to_json(c);
  } catch (const parley::Error&) {
    return;
  }
  try {
    (void)parley::conversation_from_json(json);
  } catch (const parley::Error&) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const parley::Engine engine(parley::RuleSet::load_default());
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string_view state = next_line(rest);
  const std::string_view buyer = next_line(rest);
  const std::string_view seller = rest;
  try {
    const parley::Conversation c = state.empty() ? engine.start("pdu") : parley::conversation_from_json(state);
    const parley::SuggestResult result = engine.suggest(c, buyer, {.top = 3, .explain = true});
    (void)parley::to_json(result);
    for (const parley::Suggestion& s : result.suggestions) round_trip(engine.apply(c, buyer, s));
    round_trip(engine.observe_seller_text(c, buyer, seller));
  } catch (const parley::Error&) {
  }
  return 0;
}
