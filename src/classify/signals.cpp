#include "parley/signals.hpp"

#include <algorithm>

namespace parley {

bool Signals::has_intent(std::string_view name) const {
  return std::any_of(intents.begin(), intents.end(), [name](const IntentScore& s) { return s.name == name; });
}

const Mention* Signals::price() const {
  const Mention* best = nullptr;
  for (const Mention& m : mentions) {
    if (m.is_offer() && (!best || m.confidence > best->confidence)) best = &m;
  }
  return best;
}

}  // namespace parley
