// --fail-if thresholds: 'deal_rate<linear.deal_rate', 'each.b2<0.95'.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "parley/error.hpp"
#include "parley/simulate.hpp"

namespace parley::simulate {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

Threshold::Side side(const std::string& text, const Report& report, const std::string& whole) {
  Threshold::Side out;
  auto fail = [&](const std::string& why) { throw Error("--fail-if '" + whole + "': " + why); };
  if (text.empty()) fail("a side is empty");
  {
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() + text.size() && std::isfinite(v)) {
      out.number = v;
      return out;
    }
  }
  // Split on '.', but a strategy name may itself hold no dot; product ids may.
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    std::size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  out.metric = parts.back();
  parts.pop_back();
  if (!contains(metric_names(), out.metric)) {
    fail("unknown metric '" + out.metric + "' (known: deal_rate, margin_per_deal, margin_per_buyer, lost_deals, "
         "lost_deal_rate, rounds_to_deal, left_on_table, silent_turns, silent_rate, violations, b2, b5_first_step, "
         "b5_near_floor, b7, b8, b17, buyers, deals)");
  }
  if (parts.size() > 2) fail("write [scope.][strategy.]metric");
  for (const std::string& part : parts) {
    if (contains(report.strategies, part) && out.strategy.empty()) out.strategy = part;
    else if ((part == "all" || part == "each" || contains(report.products, part)) && out.scope == "all" &&
             out.strategy.empty()) out.scope = part;
    else fail("'" + part + "' is neither a strategy of this run nor a product, all or each");
  }
  if (out.strategy.empty()) out.strategy = report.subject;
  return out;
}

double value(const Threshold::Side& s, const std::string& product, const Report& report) {
  if (s.number) return *s.number;
  std::string where = s.scope == "each" ? product : s.scope == "all" ? "" : s.scope;
  const Metrics* m = report.find(where, "", s.strategy);
  if (!m) throw Error("--fail-if: no figures for " + s.strategy + (where.empty() ? "" : " on " + where));
  return *m->get(s.metric);
}

}  // namespace

Threshold parse_threshold(std::string_view text, const Report& report) {
  Threshold t;
  t.text = trim(text);
  static constexpr std::string_view kOps[] = {"<=", ">=", "==", "!=", "<", ">"};
  std::size_t at = std::string::npos;
  std::string_view op;
  for (std::string_view o : kOps) {
    std::size_t f = t.text.find(o);
    if (f != std::string::npos && (at == std::string::npos || f < at || (f == at && o.size() > op.size()))) {
      at = f;
      op = o;
    }
  }
  if (at == std::string::npos) throw Error("--fail-if '" + t.text + "': no comparison (< <= > >= == !=)");
  t.op = std::string(op);
  t.left = side(trim(t.text.substr(0, at)), report, t.text);
  t.right = side(trim(t.text.substr(at + op.size())), report, t.text);
  if (t.left.number && t.right.number) throw Error("--fail-if '" + t.text + "': compares two numbers");
  return t;
}

std::vector<std::string> holds(const Threshold& t, const Report& report) {
  bool each = t.left.scope == "each" || t.right.scope == "each";
  std::vector<std::string> places = each ? report.products : std::vector<std::string>{""};
  std::vector<std::string> out;
  for (const std::string& place : places) {
    double a = value(t.left, place, report), b = value(t.right, place, report);
    bool h = t.op == "<" ? a < b : t.op == "<=" ? a <= b : t.op == ">" ? a > b : t.op == ">=" ? a >= b
             : t.op == "==" ? a == b : a != b;
    if (!h) continue;
    if (!place.empty()) out.push_back(place);
    else if (!t.left.number && t.left.scope != "all") out.push_back(t.left.scope);
    else if (!t.right.number && t.right.scope != "all") out.push_back(t.right.scope);
    else out.push_back("all");
  }
  return out;
}

}  // namespace parley::simulate
