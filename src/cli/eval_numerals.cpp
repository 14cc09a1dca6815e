// parley eval --numerals FILE.tsv: parse_number() against a table of numeral
// text and values. A row must be rejected when its mode contains "error" or
// its value is ERROR or NaN; a row whose value is other text (a converter's
// output with the numerals replaced inside a sentence) is not judged, since
// parse_number reads a whole string as one number or nothing. Every other
// row must read as its value.
//
// The converters do not all do one thing, and some of their cases contradict
// each other: cn2an's normal mode reads 一一 as 11 where its strict mode must
// reject it, and chinese-numbers-converter's toInteger reads the first number
// out of any text (九龍 -> 9, "345 abc" -> 345) where cn2an must reject
// 零点零大. So each row is read the way its converter reads (see reading_of()):
// a strict mode with parse_number(NumberForms::standard), toInteger with
// find_number(), every other mode with parse_number(). The report says so.
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

// How a row's converter reads: one of parley's readings for each.
enum class Reading { everyday, standard, first_in_text };

Reading reading_of(std::string_view mode) {
  if (mode.find("strict") != std::string_view::npos) return Reading::standard;
  if (mode.starts_with("cnc:toInteger")) return Reading::first_in_text;
  return Reading::everyday;
}

constexpr const char* kReadings =
    "modes with 'strict' read with parse_number(standard forms only); cnc:toInteger, which reads the "
    "first number out of a text and gives 0 when there is none, with find_number() (none counts as 0); "
    "every other mode with parse_number()";

std::optional<double> read(std::string_view text, Reading reading) {
  switch (reading) {
    case Reading::standard: return parse_number(text, NumberForms::standard);
    case Reading::first_in_text: {
      const std::optional<NumberFound> found = find_number(text);
      return found ? found->value : 0.0;
    }
    case Reading::everyday: break;
  }
  return parse_number(text);
}

struct Case {
  int line = 0;
  std::string text;
  std::string mode;
  std::optional<double> expected;  // nullopt: must be rejected
  std::optional<double> found;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

bool must_fail(std::string_view mode, std::string_view value) {
  std::string v = lower(value);
  return lower(mode).find("error") != std::string::npos || v == "error" || v == "nan";
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
  int not_judged = 0;
  for (const Table::Row& row : table.rows()) {
    Case c{row.line, std::string(table.cell(row, "text")), std::string(table.cell(row, "mode")), std::nullopt,
           std::nullopt};
    std::string_view value = table.cell(row, "value");
    if (!must_fail(c.mode, value)) {
      if (value.find_first_not_of(' ') == std::string_view::npos) {
        problems.push_back(table.problem(row, "no value (a case that must be rejected has ERROR or NaN, or 'error' in its mode)"));
      }
      c.expected = parse_label_number(value);
      if (!c.expected) {
        ++not_judged;
        continue;
      }
    }
    c.found = read(c.text, reading_of(c.mode));
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
                                    {"expected", number_json(c.expected)},
                                    {"found", number_json(c.found)}});
    }
    json::object report{{"file", table.path()},
                        {"cases", total},
                        {"right", rate_json(all_right, total)},
                        {"values", tally_json(values)},
                        {"rejected", rate_json(rejected, must_reject)},
                        {"not_judged", not_judged},
                        {"readings", kReadings},
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
  if (not_judged > 0) std::printf("  not judged (value is text) %d\n", not_judged);
  std::printf("  %s\n", style.dim(std::string("read as each converter reads: ") + kReadings).c_str());
  std::printf("\n  %s %6s %6s\n", pad("mode", 40).c_str(), "cases", "right");
  for (const auto& [mode, counts] : by_mode) {
    std::printf("  %s %6d %6d %8s\n", pad(mode, 40).c_str(), counts.first, counts.second,
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
