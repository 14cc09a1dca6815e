// parley eval --numerals FILE.tsv: parse_number() against a table of numeral
// text and values. A row whose mode contains "error" must be rejected (its
// value cell is not read); every other row must read as its value.
#include <cstdio>
#include <map>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/eval_table.hpp"
#include "parley/text.hpp"

namespace parley::cli::evaluation {
namespace {

namespace json = boost::json;

struct Case {
  int line = 0;
  std::string text;
  std::string mode;
  std::optional<double> expected;  // nullopt: must be rejected
  std::optional<double> found;
};

bool must_fail(std::string_view mode) {
  std::string lower(mode);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower.find("error") != std::string::npos;
}

// Modes are grouped without their parenthesised remarks ("an2cn:rmb(from
// 0.4321, cut to fen)" is an2cn:rmb).
std::string group_of(std::string_view mode) {
  std::string_view group = mode.substr(0, mode.find('('));
  return group.empty() ? "(no mode)" : std::string(group);
}

bool right(const Case& c) {
  if (!c.expected) return !c.found;
  return c.found && same_number(*c.expected, *c.found);
}

std::string format_value(const std::optional<double>& value) {
  return value ? fmt::format("{:.15g}", *value) : "rejected";
}

}  // namespace

int report_numerals(const Table& table, bool json) {
  std::vector<Case> cases;
  std::vector<Diagnostic> problems;
  for (const Table::Row& row : table.rows()) {
    Case c{row.line, std::string(table.cell(row, "text")), std::string(table.cell(row, "mode")), std::nullopt,
           std::nullopt};
    if (!must_fail(c.mode)) {
      c.expected = parse_label_number(table.cell(row, "value"));
      if (!c.expected) {
        problems.push_back(table.problem(row, fmt::format("value '{}' is not a number (a case that must be "
                                                          "rejected says 'error' in its mode)",
                                                          table.cell(row, "value"))));
      }
    }
    c.found = parse_number(c.text);
    cases.push_back(std::move(c));
  }
  if (!problems.empty()) throw Error(std::move(problems));

  Tally values;  // cases with a value: precision and recall of the values read
  int must_reject = 0, rejected = 0, all_right = 0;
  std::map<std::string, std::pair<int, int>> by_mode;  // cases, right
  for (const Case& c : cases) {
    bool ok = right(c);
    all_right += ok;
    auto& [total, good] = by_mode[group_of(c.mode)];
    ++total;
    good += ok;
    if (c.expected) {
      ++values.labelled;
      values.found += c.found.has_value();
      values.right += ok;
    } else {
      ++must_reject;
      rejected += ok;
    }
  }
  int total = static_cast<int>(cases.size());

  if (json) {
    json::object modes;
    for (const auto& [mode, counts] : by_mode) modes[mode] = rate_json(counts.second, counts.first);
    json::array misses;
    for (const Case& c : cases) {
      if (right(c)) continue;
      misses.push_back(json::object{{"line", c.line},
                                    {"text", c.text},
                                    {"mode", c.mode},
                                    {"expected", c.expected ? json::value(*c.expected) : json::value(nullptr)},
                                    {"found", c.found ? json::value(*c.found) : json::value(nullptr)}});
    }
    json::object report{{"file", table.path()},
                        {"cases", total},
                        {"right", rate_json(all_right, total)},
                        {"values", tally_json(values)},
                        {"rejected", rate_json(rejected, must_reject)},
                        {"modes", std::move(modes)},
                        {"misses", std::move(misses)}};
    std::printf("%s\n", json::serialize(report).c_str());
    return 0;
  }

  Style style = Style::for_stream(stdout);
  std::printf("%s\n\n", style.bold(fmt::format("parley eval --numerals: {} cases in {}", total, table.path())).c_str());
  std::printf("  right                      %s\n", fraction(all_right, total).c_str());
  std::printf("  values read: precision     %s\n", fraction(values.right, values.found).c_str());
  std::printf("  values read: recall        %s\n", fraction(values.right, values.labelled).c_str());
  std::printf("  rejected as they must be   %s\n", fraction(rejected, must_reject).c_str());
  std::printf("\n  %-40s %6s %6s\n", "mode", "cases", "right");
  for (const auto& [mode, counts] : by_mode) {
    std::printf("  %-40s %6d %6d %8s\n", mode.c_str(), counts.first, counts.second,
                percent(Tally::ratio(counts.second, counts.first)).c_str());
  }
  std::printf("\n%s\n", style.bold(fmt::format("misses: {}", fraction(total - all_right, total))).c_str());
  for (const Case& c : cases) {
    if (right(c)) continue;
    std::printf("%s %s  [%s]\n    %s\n", style.dim(fmt::format("line {}", c.line)).c_str(), c.text.c_str(),
                c.mode.c_str(),
                style.red(fmt::format("expected {}, found {}", format_value(c.expected), format_value(c.found))).c_str());
  }
  return 0;
}

}  // namespace parley::cli::evaluation
