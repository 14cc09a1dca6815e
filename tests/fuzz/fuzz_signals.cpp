// Fuzz target: Engine::signals() on the default rule set, and the signals as
// JSON. Bytes that are not UTF-8 are a parley::Error; anything else must give
// signals that to_json() can write.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parley/engine.hpp"
#include "parley/error.hpp"
#include "parley/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const parley::Engine engine(parley::RuleSet::load_default());
  const std::string_view message(reinterpret_cast<const char*>(data), size);
  parley::Signals signals;
  try {
    signals = engine.signals(message);
  } catch (const parley::Error&) {
    return 0;
  }
  (void)parley::to_json(signals);
  return 0;
}
