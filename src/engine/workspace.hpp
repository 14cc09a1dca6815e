// What a Workspace holds: every buffer one suggest() call works in. Nothing
// here outlives the caller's Workspace, and nothing is shared between
// threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "classify/classifier.hpp"
#include "engine/evaluation.hpp"
#include "parley/engine.hpp"

namespace parley {

struct Workspace::State {
  classify::Classifier::Scratch classifier;
  engine::Evaluation evaluation;
  std::vector<std::uint64_t> candidates;  // bit r: the rule of rank r is looked at
  // Suggestions a result no longer needed, kept with their strings' buffers
  // for the next message that has more (saves an allocation per field).
  std::vector<Suggestion> spare;
  std::string blocked;
  std::vector<int> produced_rules;  // by suggestion: the rule index it came from
  std::vector<std::size_t> order;   // the ranking's order, as indices into the suggestions
  std::vector<std::size_t> at, held;  // applying the order in place
  std::vector<std::uint64_t> answers;  // by suggestion: intents of the message it answers
  std::vector<std::uint8_t> was_sent;  // by suggestion: its words were sent before
};

}  // namespace parley
