#include "parley/suggestion.hpp"

#include <algorithm>
#include <array>

namespace parley {
namespace {

constexpr std::array<std::pair<Action, std::string_view>, 11> kActions = {{
    {Action::hold, "hold"},
    {Action::concede, "concede"},
    {Action::accept, "accept"},
    {Action::offer_extra, "offer_extra"},
    {Action::trade, "trade"},
    {Action::close, "close"},
    {Action::retreat, "retreat"},
    {Action::ask, "ask"},
    {Action::answer, "answer"},
    {Action::upsell, "upsell"},
    {Action::handoff, "handoff"},
}};

}  // namespace

std::string_view to_string(Action action) {
  for (const auto& [a, name] : kActions) {
    if (a == action) return name;
  }
  return "hold";
}

std::optional<Action> action_from_string(std::string_view name) {
  for (const auto& [a, n] : kActions) {
    if (n == name) return a;
  }
  return std::nullopt;
}

std::string Explanation::summary() const {
  std::string out;
  bool held = std::all_of(parts.begin(), parts.end(), [](const ConditionPart& p) { return p.holds || p.depth != 0; });
  if (fired || held) {
    for (const ConditionPart& part : parts) {
      if (part.depth != 0) continue;
      if (!out.empty()) out += "; ";
      out += part.text;
      if (!part.values.empty()) out += " (" + part.values + ")";
    }
    if (out.empty()) out = "always";
  } else {
    for (const ConditionPart& part : parts) {
      if (part.holds || part.depth != 0) continue;
      if (!out.empty()) out += "; ";
      out += part.text;
      if (!part.values.empty()) out += " (" + part.values + ")";
    }
    out = "failed: " + (out.empty() ? std::string("the condition") : out);
  }
  if (!blocked.empty()) out += "; but " + blocked;
  return out;
}

}  // namespace parley
