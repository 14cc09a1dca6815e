// The rule-set loader: YAML files in, the compiled form (compiled.hpp) out.
//
// It reads every file first, then compiles the sections in the order they
// depend on each other (products and negotiation, intents, facts, then rules
// and their examples), collecting every diagnostic on the way. finish()
// throws one parley::Error with all of them if there is any error.
#pragma once

#include <memory>
#include <span>

#include "parley/rule_set.hpp"
#include "rules/compiled.hpp"

namespace parley::rules {

std::unique_ptr<Compiled> load_rule_set(std::span<const SourceFile> files);

}  // namespace parley::rules
