// expr/expr_check.hpp: resolves the names of a parsed condition against a
// Schema and checks its types, annotating the tree for compile.
#pragma once

#include <string_view>
#include <vector>

#include "expr/expr_ast.hpp"

namespace parley::expr {

// Returns true when `ast` is well-typed and its result has type `want`
// (Type::null: any type). Otherwise appends every error it finds.
bool check(Ast& ast, std::string_view source, const Schema& schema, Type want,
           std::vector<CompileError>& errors);

}  // namespace parley::expr
