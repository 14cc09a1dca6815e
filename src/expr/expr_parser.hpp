// expr/expr_parser.hpp: builds the syntax tree of a condition.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "expr/expr_ast.hpp"

namespace parley::expr {

// Parses `source`. On a syntax error appends it (only the first: what follows
// a syntax error is guesswork) and returns nullopt. Nesting is bounded, so
// later recursive passes over the tree cannot exhaust the stack.
std::optional<Ast> parse(std::string_view source, std::vector<CompileError>& errors);

// The deepest tree parse() accepts.
inline constexpr int kMaxDepth = 64;

}  // namespace parley::expr
