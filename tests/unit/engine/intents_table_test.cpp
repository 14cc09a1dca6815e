// The default rule set on buyer messages written for parley
// (buyer_intents.tsv): the primary intent, the intents that must hold, and the
// price the buyer names, row by row. A failing row is reported with what was
// found, so a keyword change that breaks one reading shows which.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parley/engine.hpp"
#include "parley/rule_set.hpp"

namespace parley {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

std::string describe(const Signals& s) {
  std::string out = "intents:";
  for (const IntentScore& i : s.intents) out += " " + std::string(i.name) + "(" + std::to_string(i.confidence) + ")";
  if (s.intents.empty()) out += " none";
  out += "; price: ";
  const Mention* price = s.price();
  out += price ? std::to_string(price->value) : "none";
  return out;
}

struct Row {
  int line = 0;
  std::string text;
  std::vector<std::string> intents;  // primary first; empty: no intent at all
  bool has_price = false;
  double price = 0;
};

std::vector<Row> read_table() {
  std::ifstream in(PARLEY_SOURCE_DIR "/tests/unit/engine/buyer_intents.tsv");
  REQUIRE(in);
  std::vector<Row> rows;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cells = split(line, '\t');
    INFO("buyer_intents.tsv:" << number << ": " << line);
    REQUIRE(cells.size() >= 2);
    Row row{.line = number, .text = cells[0]};
    if (cells[1] != "-") row.intents = split(cells[1], '|');
    if (cells.size() >= 3 && !cells[2].empty()) {
      row.has_price = true;
      row.price = std::stod(cells[2]);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST_CASE("default rule set: every buyer message of the intents table is read as labelled") {
  const Engine engine(RuleSet::load_default());
  const std::vector<Row> rows = read_table();
  CHECK(rows.size() >= 300);
  int failed = 0;
  for (const Row& row : rows) {
    const Signals s = engine.signals(row.text);
    std::vector<std::string> problems;
    if (row.intents.empty()) {
      if (!s.intents.empty()) problems.push_back("no intent expected");
    } else {
      if (s.intents.empty() || s.intents.front().name != row.intents.front()) {
        problems.push_back("primary should be " + row.intents.front());
      }
      for (const std::string& name : row.intents) {
        if (!s.has_intent(name)) problems.push_back("missing " + name);
      }
    }
    const Mention* price = s.price();
    if (row.has_price && (!price || std::abs(price->value - row.price) > 1e-9)) {
      problems.push_back("price should be " + std::to_string(row.price));
    } else if (!row.has_price && price) {
      problems.push_back("no price expected");
    }
    if (problems.empty()) continue;
    ++failed;
    std::string all;
    for (const std::string& p : problems) all += (all.empty() ? "" : ", ") + p;
    ADD_FAIL_CHECK_AT(PARLEY_SOURCE_DIR "/tests/unit/engine/buyer_intents.tsv", row.line,
                      row.text << ": " << all << "; found " << describe(s));
  }
  CHECK(failed == 0);
}

}  // namespace
}  // namespace parley
