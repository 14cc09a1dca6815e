// Reading YAML with diagnostics: every accessor reports what is wrong, with
// file:line:col, into a shared list and carries on, so that one load reports
// every problem. yaml-cpp marks are 0-based and count bytes; diagnostics are
// 1-based and count characters, as editors do.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parley/conversation.hpp"
#include "parley/error.hpp"
#include "parley/money.hpp"
#include "context/context.hpp"

namespace parley::rules {


// One YAML file and its diagnostics sink.
class YamlReader {
 public:
  YamlReader(std::string name, std::string content, std::vector<Diagnostic>& diagnostics);

  // Parses the file. Reports, and returns a null node for, a file over
  // limits::kFileBytes, bytes that are not UTF-8 (at their line:col), a
  // syntax error, and a tree of more than limits::kNodesPerFile nodes with
  // aliases expanded. Reports without failing a key set twice in one mapping
  // (yaml-cpp keeps both; the sections would read the first) and scalars whose
  // escapes make them invalid UTF-8 ("\ud800").
  YAML::Node parse();

  const std::string& name() const { return name_; }
  // True once parse() has failed: what the file holds is unknown, so "no
  // products" or "no version" would be noise.
  bool unreadable() const { return unreadable_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

  SourceLocation at(const YAML::Node& node) const;
  SourceLocation at(const YAML::Mark& mark) const;
  // The place of byte `offset` inside a scalar's value (an expression or a
  // template), accounting for quotes and block scalars.
  SourceLocation at(const YAML::Node& scalar, int offset) const;

  void error(const YAML::Node& node, std::string message, std::string_view rule_id = {});
  void error(SourceLocation where, std::string message, std::string_view rule_id = {});
  void warning(const YAML::Node& node, std::string message, std::string_view rule_id = {});
  void warning(SourceLocation where, std::string message, std::string_view rule_id = {});

  // Reports keys of `map` not in `allowed` ("unknown field 'scroe' (did you
  // mean 'score'?)"). Returns false when `map` is not a mapping.
  bool check_map(const YAML::Node& map, std::string_view what,
                 std::initializer_list<std::string_view> allowed, std::string_view rule_id = {});
  bool check_map(const YAML::Node& map, std::string_view what, std::span<const std::string_view> allowed,
                 std::string_view rule_id = {});

  // Text of at most limits::kTextBytes.
  std::optional<std::string> string(const YAML::Node& node, std::string_view what,
                                    std::string_view rule_id = {});
  std::optional<double> number(const YAML::Node& node, std::string_view what,
                               std::string_view rule_id = {});
  // A whole number in [min, max]; anything else (2.5, 1e20, -5 below a min
  // of 0) is reported with the range, never cast.
  std::optional<int> integer(const YAML::Node& node, std::string_view what, int min, int max,
                             std::string_view rule_id = {});
  std::optional<bool> boolean(const YAML::Node& node, std::string_view what,
                              std::string_view rule_id = {});
  // A non-negative amount of yuan with at most two decimals.
  std::optional<Money> money(const YAML::Node& node, std::string_view what,
                             std::string_view rule_id = {});
  // A string or a list of strings.
  std::vector<std::string> strings(const YAML::Node& node, std::string_view what,
                                   std::string_view rule_id = {});

  // The conversation-shaped parts shared by rule examples, transcripts and
  // scenarios: `buyer:` (the profile), `facts:` (checked against the
  // declarations) and `state:` (round, offer, ... as conditions see them).
  void read_buyer(const YAML::Node& node, BuyerProfile& out, std::string_view rule_id = {});
  void read_facts(const YAML::Node& node, const std::vector<context::FactDecl>& decls,
                  std::map<std::string, Fact>& out, std::string_view rule_id = {});
  void read_state(const YAML::Node& node, Conversation& out, std::string_view rule_id = {});

 private:
  std::string_view line_text(int line) const;
  bool check_tree(const YAML::Node& root);

  std::string name_;
  std::string content_;
  std::vector<std::size_t> line_starts_;
  std::vector<Diagnostic>& diagnostics_;
  bool unreadable_ = false;
};

}  // namespace parley::rules
