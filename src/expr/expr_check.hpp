// expr/expr_check.hpp: resolves the names of a parsed condition against a
// Schema and checks its types, annotating the tree for compile.
#pragma once

#include <string_view>
#include <vector>

#include "expr/expr_ast.hpp"
#include "expr/expr_parser.hpp"

namespace parley::expr {

// Returns true when `ast` is well-typed and its result has type `want`
// (Type::null: any type). Otherwise appends every error it finds.
// Names that are definitions (Schema::define) are read in: the tree then
// holds the definition's nodes, with their texts in its source (uses).
bool check(Ast& ast, std::string_view source, const Schema& schema, Type want,
           std::vector<CompileError>& errors);

// The deepest tree definitions may make: a use of one adds its depth.
inline constexpr int kMaxExpandedDepth = 256;

// The height of `ast`'s tree from `node`, definitions read in.
int tree_depth(const Ast& ast, int node);

}  // namespace parley::expr
