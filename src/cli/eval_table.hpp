// What `parley eval`'s two measurements share: a labelled TSV file read by
// column name, and counts of how often a reading was right.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "parley/engine.hpp"
#include "parley/error.hpp"

namespace parley::cli::evaluation {

// A tab-separated file whose first line names the columns. Columns are found
// by name, so their order does not matter and extra ones are ignored. Blank
// lines are skipped; a UTF-8 byte order mark and CR line ends are tolerated.
class Table {
 public:
  struct Row {
    int line = 0;  // 1-based line in the file, for messages
    std::vector<std::string> cells;
  };

  // Throws parley::Error when the file cannot be read or lacks one of the
  // `required` columns.
  static Table read(const std::string& path, const std::vector<std::string_view>& required);

  const std::string& path() const { return path_; }
  const std::vector<Row>& rows() const { return rows_; }
  // The cell of `column` in `row`: "" when the row is short or the file has
  // no such column.
  std::string_view cell(const Row& row, std::string_view column) const;
  bool has_column(std::string_view column) const;
  // A problem with one row, located as "path:line".
  Diagnostic problem(const Row& row, std::string message) const;

 private:
  std::string path_;
  std::vector<std::string> columns_;
  std::vector<Row> rows_;
};

// How one kind of reading did: how many the labels expect, how many were
// found (and judged), and how many of those found were right.
struct Tally {
  int labelled = 0;
  int found = 0;
  int right = 0;

  std::optional<double> precision() const { return ratio(right, found); }
  std::optional<double> recall() const { return ratio(right, labelled); }
  static std::optional<double> ratio(int part, int whole) {
    if (whole == 0) return std::nullopt;
    return static_cast<double>(part) / whole;
  }
};

// "9/10 (90.0%)"; "0/0 (n/a)" when there is nothing to count.
std::string fraction(int part, int whole);
// `text` followed by spaces up to `width` terminal columns (a Chinese
// character takes two).
std::string pad(std::string_view text, int width);
// "90.0%", or "n/a".
std::string percent(std::optional<double> ratio);
// {"labelled", "found", "right", "precision", "recall"}, null where a ratio
// has nothing to count.
boost::json::value tally_json(const Tally& tally);
// A number as JSON: an integer when it is one (80, not 8E1), null for none.
boost::json::value number_json(std::optional<double> value);
// {"part", "whole", "rate"}, rate null when whole is 0.
boost::json::value rate_json(int part, int whole);

// A number cell: "150", "0.75", "-3e28". nullopt unless the whole cell is one
// number (a label file's values are written in Arabic digits).
std::optional<double> parse_label_number(std::string_view cell);
// Equal up to floating-point rounding (relative, for huge numerals).
bool same_number(double a, double b);

// The two measurements. Each prints its report to stdout, as text a person
// reads or as one JSON object, and returns 0. Throws parley::Error naming
// every malformed label (file:line) before measuring anything.
// `map` reads a rule-set intent (first) as a label (second): quality_doubt
// as worried, for labels coarser than the rule set.
using IntentMap = std::vector<std::pair<std::string, std::string>>;
struct MessageOptions {
  IntentMap map;
  bool json = false;
  // At most this many misses are listed (the figures count them all).
  std::optional<std::size_t> max_misses;
  // A second labeller's intents, in this column (primary first, as
  // `intents`); empty: none. The report compares the two labellers and
  // parley with each.
  std::string second_labels;
  // Progress on stderr: a line updated in place on a terminal; with
  // `progress_lines`, a plain line every 10% (for logs) wherever stderr goes.
  bool progress_lines = false;
};
int report_messages(const Engine& engine, const Table& table, const MessageOptions& options);
int report_numerals(const Table& table, bool json);

}  // namespace parley::cli::evaluation
