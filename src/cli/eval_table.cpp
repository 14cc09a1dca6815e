#include "cli/eval_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/cli.hpp"

namespace parley::cli::evaluation {
namespace {

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> cells;
  for (;;) {
    std::size_t tab = line.find('\t');
    cells.emplace_back(line.substr(0, tab));
    if (tab == std::string_view::npos) return cells;
    line.remove_prefix(tab + 1);
  }
}

}  // namespace

Table Table::read(const std::string& path, const std::vector<std::string_view>& required) {
  std::string content = cli::read_file(path);
  std::string_view rest = content;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);

  Table table;
  table.path_ = path;
  bool header = true;
  for (int line = 1; !rest.empty(); ++line) {
    std::size_t end = rest.find('\n');
    std::string_view text = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    if (text.ends_with('\r')) text.remove_suffix(1);
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (header) {
      table.columns_ = split_tabs(text);
      header = false;
    } else {
      table.rows_.push_back({line, split_tabs(text)});
    }
  }
  std::vector<Diagnostic> missing;
  for (std::string_view column : required) {
    if (std::find(table.columns_.begin(), table.columns_.end(), column) == table.columns_.end()) {
      Diagnostic d;
      d.where.file = path;
      d.where.line = 1;
      d.message = fmt::format("no column '{}' in the header line (tab-separated)", column);
      missing.push_back(std::move(d));
    }
  }
  if (!missing.empty()) throw Error(std::move(missing));
  return table;
}

std::string_view Table::cell(const Row& row, std::string_view column) const {
  auto it = std::find(columns_.begin(), columns_.end(), column);
  auto index = static_cast<std::size_t>(it - columns_.begin());
  if (it == columns_.end() || index >= row.cells.size()) return {};
  return row.cells[index];
}

bool Table::has_column(std::string_view column) const {
  return std::find(columns_.begin(), columns_.end(), column) != columns_.end();
}

Diagnostic Table::problem(const Row& row, std::string message) const {
  Diagnostic d;
  d.where.file = path_;
  d.where.line = row.line;
  d.message = std::move(message);
  return d;
}

std::string fraction(int part, int whole) {
  return fmt::format("{}/{} ({})", part, whole, percent(Tally::ratio(part, whole)));
}

std::string pad(std::string_view text, int width) {
  int columns = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) columns += c >= 0xE0 ? 2 : 1;  // lead bytes of 3- and 4-byte characters: wide
  }
  return std::string(text) + std::string(static_cast<std::size_t>(std::max(0, width - columns)), ' ');
}

std::string percent(std::optional<double> ratio) {
  return ratio ? fmt::format("{:.1f}%", *ratio * 100) : "n/a";
}

namespace {
boost::json::value ratio_json(std::optional<double> ratio) {
  if (!ratio) return nullptr;
  return *ratio;
}
}  // namespace

boost::json::value tally_json(const Tally& tally) {
  return boost::json::object{{"labelled", tally.labelled},
                             {"found", tally.found},
                             {"right", tally.right},
                             {"precision", ratio_json(tally.precision())},
                             {"recall", ratio_json(tally.recall())}};
}

boost::json::value number_json(std::optional<double> value) {
  if (!value) return nullptr;
  // 2^53: beyond it a double may not be the integer it prints as.
  if (std::fabs(*value) < 9007199254740992.0 && *value == std::trunc(*value)) return static_cast<std::int64_t>(*value);
  return *value;
}

boost::json::value rate_json(int part, int whole) {
  return boost::json::object{{"part", part}, {"whole", whole}, {"rate", ratio_json(Tally::ratio(part, whole))}};
}

std::optional<double> parse_label_number(std::string_view cell) {
  while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
  while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
  if (!cell.empty() && cell.front() == '+') cell.remove_prefix(1);
  double value = 0;
  auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (cell.empty() || error != std::errc() || end != cell.data() + cell.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

bool same_number(double a, double b) {
  // Relative, so that 1e28 read through a chain of multiplications still
  // counts as right, while 0.001 is never taken for 0.
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

}  // namespace parley::cli::evaluation
