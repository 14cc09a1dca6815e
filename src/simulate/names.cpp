// Names of styles, outcomes, strategies and metrics, and the small methods
// of simulate.hpp's result types.
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "parley/simulate.hpp"
#include "simulate/stats.hpp"

namespace parley::simulate {
namespace {

constexpr std::pair<Style, std::string_view> kStyles[] = {
    {Style::hard_haggler, "hard_haggler"},       {Style::counter_offerer, "counter_offerer"},
    {Style::extras_seeker, "extras_seeker"},     {Style::quality_doubter, "quality_doubter"},
    {Style::comparison_shopper, "comparison_shopper"}, {Style::quick_agreer, "quick_agreer"},
    {Style::boulware, "boulware"},               {Style::conceder, "conceder"},
    {Style::linear, "linear"},                   {Style::replay, "replay"},
};

std::optional<double> number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::string text(s);
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

std::string_view to_string(Style style) {
  for (const auto& [s, name] : kStyles) {
    if (s == style) return name;
  }
  return "?";
}

std::optional<Style> style_from_string(std::string_view name) {
  for (const auto& [s, n] : kStyles) {
    if (n == name) return s;
  }
  return std::nullopt;
}

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::deal: return "deal";
    case Outcome::walked_away: return "walked_away";
    case Outcome::left_unheard: return "left_unheard";
    case Outcome::seller_ended: return "seller_ended";
    case Outcome::replayed: return "replayed";
  }
  return "?";
}

std::vector<Strategy> default_strategies() {
  std::vector<Strategy> out;
  for (std::string_view spec : {"rules", "rules-top3", "rules-weighted", "floor-first", "never-concede", "linear",
                                "boulware", "conceder"}) {
    out.push_back(*parse_strategy(spec));
  }
  return out;
}

std::optional<Strategy> parse_strategy(std::string_view spec) {
  Strategy s;
  s.name = std::string(spec);
  std::string_view head = spec.substr(0, spec.find(':'));
  std::vector<std::string_view> args;
  for (std::size_t at = spec.find(':'); at != std::string_view::npos;) {
    std::size_t next = spec.find(':', at + 1);
    args.push_back(spec.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1));
    at = next;
  }
  auto arg = [&](std::size_t i) -> std::optional<double> { return i < args.size() ? number(args[i]) : std::nullopt; };
  if (head == "rules") {
    s.kind = Strategy::Kind::rules;
    return args.empty() ? std::optional(s) : std::nullopt;
  }
  if (head == "rules-weighted") {
    s.kind = Strategy::Kind::rules;
    s.pick = Strategy::Pick::weighted;
    return args.empty() ? std::optional(s) : std::nullopt;
  }
  if (head.substr(0, 9) == "rules-top") {
    auto k = number(head.substr(9));
    if (!k || *k < 1 || *k != std::floor(*k) || !args.empty()) return std::nullopt;
    s.kind = Strategy::Kind::rules;
    s.pick = Strategy::Pick::top_k;
    s.k = static_cast<int>(*k);
    return s;
  }
  if (head == "floor-first" || head == "never-concede") {
    s.kind = head == "floor-first" ? Strategy::Kind::floor_first : Strategy::Kind::never_concede;
    return args.empty() ? std::optional(s) : std::nullopt;
  }
  auto steps_ok = [](std::optional<double> v) { return v && *v >= 1 && *v <= 100 && *v == std::floor(*v); };
  if (head == "linear") {
    s.kind = Strategy::Kind::linear;
    if (args.size() > 1) return std::nullopt;
    if (!args.empty()) {
      if (!steps_ok(arg(0))) return std::nullopt;
      s.steps = static_cast<int>(*arg(0));
    }
    return s;
  }
  if (head == "boulware" || head == "conceder") {
    bool boulware = head == "boulware";
    s.kind = boulware ? Strategy::Kind::boulware : Strategy::Kind::conceder;
    s.exponent = boulware ? 0.5 : 2.0;
    if (args.size() > 2) return std::nullopt;
    if (!args.empty()) {
      auto e = arg(0);
      if (!e || *e <= 0 || (boulware ? *e >= 1 : *e <= 1)) return std::nullopt;
      s.exponent = *e;
    }
    if (args.size() == 2) {
      if (!steps_ok(arg(1))) return std::nullopt;
      s.steps = static_cast<int>(*arg(1));
    }
    return s;
  }
  return std::nullopt;
}

Interval Check::rate() const { return wilson(held, applied); }

std::size_t Metrics::violations() const {
  return below_floor + quote_up + step_grew + below_buyer_best + below_agreed;
}

const std::vector<std::string>& metric_names() {
  static const std::vector<std::string> names = {
      "deal_rate", "margin_per_deal", "margin_per_buyer", "lost_deals", "lost_deal_rate", "rounds_to_deal",
      "left_on_table", "silent_turns", "silent_rate", "violations", "b2", "b5_first_step", "b5_near_floor",
      "b7", "b8", "b17", "buyers", "deals",
  };
  return names;
}

std::optional<double> Metrics::get(std::string_view m) const {
  auto rate = [](const Check& c) { return c.applied ? c.rate().value : 1.0; };
  if (m == "deal_rate") return deal_rate.value;
  if (m == "margin_per_deal") return margin_per_deal.value;
  if (m == "margin_per_buyer") return margin_per_buyer.value;
  if (m == "lost_deals") return static_cast<double>(lost_deals);
  if (m == "lost_deal_rate") return could_deal ? static_cast<double>(lost_deals) / static_cast<double>(could_deal) : 0.0;
  if (m == "rounds_to_deal") return rounds_to_deal.value;
  if (m == "left_on_table") return left_on_table.value;
  if (m == "silent_turns") return static_cast<double>(silent_turns);
  if (m == "silent_rate") return turns ? static_cast<double>(silent_turns) / static_cast<double>(turns) : 0.0;
  if (m == "violations") return static_cast<double>(violations());
  if (m == "b2") return rate(b2);
  if (m == "b5_first_step") return rate(b5_first_step);
  if (m == "b5_near_floor") return rate(b5_near_floor);
  if (m == "b7") return rate(b7);
  if (m == "b8") return rate(b8);
  if (m == "b17") return rate(b17);
  if (m == "buyers") return static_cast<double>(buyers);
  if (m == "deals") return static_cast<double>(deals);
  return std::nullopt;
}

const Metrics* Report::find(std::string_view product, std::string_view style, std::string_view strategy) const {
  for (const Cell& c : cells) {
    if (c.product == product && c.style == style && c.strategy == strategy) return &c.metrics;
  }
  return nullptr;
}

std::string Report::dominance(std::string_view product) const {
  const Metrics* me = find(product, "", subject);
  if (!me) return "";
  std::vector<std::string> beaten_by, beats, mixed;
  for (const std::string& other : strategies) {
    if (other == subject) continue;
    const Metrics* them = find(product, "", other);
    if (!them) continue;
    bool rate_lower = me->deal_rate.value < them->deal_rate.value;
    bool margin_lower = me->margin_per_buyer.value < them->margin_per_buyer.value;
    bool rate_higher = me->deal_rate.value > them->deal_rate.value;
    bool margin_higher = me->margin_per_buyer.value > them->margin_per_buyer.value;
    if (rate_lower && margin_lower) beaten_by.push_back(other);
    else if (rate_higher && margin_higher) beats.push_back(other);
    else {
      mixed.push_back(fmt::format("{} (deal rate {:+.1f} points, margin per buyer {:+.2f} yuan)", other,
                                  100 * (me->deal_rate.value - them->deal_rate.value),
                                  me->margin_per_buyer.value - them->margin_per_buyer.value));
    }
  }
  std::vector<std::string> parts;
  if (!beaten_by.empty()) parts.push_back(fmt::format("beaten by {} on deal rate and margin per buyer", fmt::join(beaten_by, ", ")));
  if (!beats.empty()) parts.push_back(fmt::format("beats {} on both", fmt::join(beats, ", ")));
  if (!mixed.empty()) parts.push_back(fmt::format("trades against {}", fmt::join(mixed, ", ")));
  return fmt::format("{}: {}", subject, fmt::join(parts, "; "));
}

}  // namespace parley::simulate
