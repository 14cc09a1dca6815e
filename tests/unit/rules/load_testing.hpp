// Helpers for the loader's tests: a small rule set that loads, and the
// diagnostics of loading a changed copy of it, as file:line:col text.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "parley/error.hpp"
#include "parley/rule_set.hpp"

namespace parley::test {

// Line numbers matter: the tests name places in this text.
inline constexpr const char* kSmallShop =
    "parley: 1\n"                                    // 1
    "shop: {name: 小店, ship_within_days: 2}\n"      // 2
    "products:\n"                                    // 3
    "  - {id: pdu, name: 插座, list_price: 150, floor: 132}\n"  // 4
    "intents:\n"                                     // 5
    "  too_expensive: {any: [太贵, 便宜点]}\n"       // 6
    "rules:\n"                                       // 7
    "  - id: hold\n"                                 // 8
    "    when: too_expensive\n"                      // 9
    "    do: hold\n"                                 // 10
    "    score: 10\n"                                // 11
    "    say: 亲, 这个价格很实在了\n";               // 12

inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

// Every diagnostic of loading `files`, as Diagnostic::to_string() writes it;
// empty when the set loads.
inline std::vector<std::string> load_problems(std::vector<SourceFile> files) {
  try {
    (void)RuleSet::load(files);
  } catch (const Error& e) {
    std::vector<std::string> out;
    for (const Diagnostic& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  return {};
}

inline std::vector<std::string> load_problems(const std::string& yaml) {
  return load_problems({{"shop.yaml", yaml}});
}

}  // namespace parley::test
