// parley/error.hpp: how parley reports problems.
//
// Every failure that crosses the C++ API is a parley::Error, the one exception
// type the library throws. It carries one or more Diagnostics; loading a rule
// set collects every problem in every file before throwing, so a shop owner
// sees all of them at once. The C API (parley.h) turns errors into codes and
// messages: no exception crosses it.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "parley/export.h"

namespace parley {

// A place in a rule file. Lines and columns are 1-based; 0 means unknown.
struct PARLEY_EXPORT SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return line > 0; }
  // "file:line:col", "file" or "" as much as is known.
  std::string to_string() const;
};

struct PARLEY_EXPORT Diagnostic {
  enum class Severity { error, warning };

  Severity severity = Severity::error;
  SourceLocation where;
  std::string rule_id;  // the rule the problem is in, empty when in none
  std::string message;  // in words a shop owner understands

  // "rules/shop.yaml:14:9: error: rule 'step-down': unknown field 'scroe'
  // (did you mean 'score'?)"
  std::string to_string() const;
};

class PARLEY_EXPORT Error : public std::runtime_error {
 public:
  // One problem with no location (bad run-time input, an unknown product).
  explicit Error(const std::string& message);
  explicit Error(Diagnostic diagnostic);
  // Several problems; what() joins them one a line.
  explicit Error(std::vector<Diagnostic> diagnostics);

  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace parley
