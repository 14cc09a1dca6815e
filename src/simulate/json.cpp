// The report and the transcripts as JSON.
#include <boost/json.hpp>

#include "parley/simulate.hpp"

namespace parley::simulate {
namespace {

namespace json = boost::json;

json::value money(const std::optional<Money>& m) {
  if (!m) return nullptr;
  return m->yuan();
}

json::object interval(const Interval& i) {
  return {{"value", i.value}, {"low", i.low}, {"high", i.high}, {"n", i.n}};
}

json::object check(const Check& c) {
  json::object o{{"applied", c.applied}, {"held", c.held}};
  if (c.applied) o["rate"] = interval(c.rate());
  else o["rate"] = nullptr;
  return o;
}

json::object metrics(const Metrics& m) {
  json::object o;
  o["buyers"] = m.buyers;
  o["deals"] = m.deals;
  o["deal_rate"] = interval(m.deal_rate);
  o["margin_per_deal"] = interval(m.margin_per_deal);
  o["margin_per_buyer"] = interval(m.margin_per_buyer);
  o["could_deal"] = m.could_deal;
  o["lost_deals"] = m.lost_deals;
  o["rounds_to_deal"] = interval(m.rounds_to_deal);
  o["left_on_table"] = interval(m.left_on_table);
  json::object outcomes;
  for (Outcome x : {Outcome::deal, Outcome::walked_away, Outcome::left_unheard, Outcome::seller_ended, Outcome::replayed}) {
    outcomes[to_string(x)] = m.outcomes[static_cast<std::size_t>(x)];
  }
  o["outcomes"] = std::move(outcomes);
  o["turns"] = m.turns;
  o["silent_turns"] = m.silent_turns;
  o["violations"] = {{"total", m.violations()},
                     {"below_floor", m.below_floor},
                     {"quote_up", m.quote_up},
                     {"step_grew", m.step_grew},
                     {"below_buyer_best", m.below_buyer_best},
                     {"below_agreed", m.below_agreed}};
  o["playbook"] = {{"b2", check(m.b2)},
                   {"b5_first_step", check(m.b5_first_step)},
                   {"b5_near_floor", check(m.b5_near_floor)},
                   {"b7", check(m.b7)},
                   {"b8", check(m.b8)},
                   {"b17", check(m.b17)}};
  o["lost_deals_show"] = {{"silent_turn", m.lost_silent},  {"b2_failed", m.lost_b2},
                          {"extra_before_step", m.lost_early_extra}, {"frozen_price", m.lost_frozen},
                          {"misread", m.lost_misread},     {"price_above_reservation_at_deadline", m.lost_slow}};
  return o;
}

json::object record(const Record& r) {
  json::object o;
  o["strategy"] = r.strategy;
  o["product"] = r.product;
  o["buyer"] = r.index;
  o["style"] = to_string(r.style);
  o["reservation"] = r.reservation.yuan();
  o["patience"] = r.patience;
  o["quantity"] = r.quantity;
  o["outcome"] = to_string(r.outcome);
  o["price"] = money(r.price);
  o["extras_cost"] = r.extras_cost.yuan();
  o["margin"] = r.margin;
  json::array turns;
  for (const Exchange& x : r.turns) {
    json::object t;
    t["buyer"] = x.buyer;
    t["move"] = x.move;
    t["bid"] = money(x.bid);
    if (x.silent) {
      t["silent"] = true;
    } else {
      t["seller"] = x.seller;
      t["action"] = x.action;
      if (!x.rule_id.empty()) t["rule"] = x.rule_id;
      t["offer"] = money(x.offer);
      if (!x.extras.empty()) {
        json::array e;
        for (const std::string& s : x.extras) e.push_back(json::string(s));
        t["extras"] = std::move(e);
      }
    }
    t["standing"] = x.standing.yuan();
    if (!x.flags.empty()) {
      json::array f;
      for (const std::string& s : x.flags) f.push_back(json::string(s));
      t["flags"] = std::move(f);
    }
    turns.push_back(std::move(t));
  }
  o["turns"] = std::move(turns);
  return o;
}

}  // namespace

std::string to_json(const Record& r) { return json::serialize(record(r)); }

std::string to_json(const Report& report) {
  json::object o;
  const Options& op = report.options;
  json::object options{{"seed", op.seed},
                       {"buyers_per_product", op.buyers},
                       {"threads", op.threads},
                       {"patience", json::array{op.population.patience_min, op.population.patience_max}}};
  options["reservation"] = {
      {"shape", op.population.reservation.shape == Reservation::Shape::uniform ? "uniform" : "triangular"},
      {"below", op.population.reservation.below},
      {"above", op.population.reservation.above},
      {"peak", op.population.reservation.peak}};
  o["options"] = std::move(options);
  o["shop"] = report.shop;
  o["subject"] = report.subject;
  auto strings = [](const std::vector<std::string>& v) {
    json::array a;
    for (const std::string& s : v) a.push_back(json::string(s));
    return a;
  };
  o["products"] = strings(report.products);
  o["styles"] = strings(report.styles);
  o["strategies"] = strings(report.strategies);
  json::array cells;
  for (const Cell& c : report.cells) {
    json::object x;
    x["product"] = c.product.empty() ? json::value("all") : json::value(c.product);
    x["style"] = c.style.empty() ? json::value("all") : json::value(c.style);
    x["strategy"] = c.strategy;
    x["metrics"] = metrics(c.metrics);
    cells.push_back(std::move(x));
  }
  o["cells"] = std::move(cells);
  json::array comparisons;
  for (const Comparison& c : report.comparisons) {
    comparisons.push_back({{"product", c.product.empty() ? "all" : c.product},
                           {"subject", c.subject},
                           {"other", c.other},
                           {"deal_rate_diff", interval(c.deal_rate_diff)},
                           {"margin_per_buyer_diff", interval(c.margin_per_buyer_diff)}});
  }
  o["comparisons"] = std::move(comparisons);
  json::object dominance;
  dominance["all"] = report.dominance("");
  for (const std::string& p : report.products) dominance[p] = report.dominance(p);
  o["dominance"] = std::move(dominance);
  json::array worst;
  for (const Worst& w : report.worst) {
    worst.push_back({{"metric", w.metric}, {"value", w.value}, {"conversation", record(w.record)}});
  }
  o["worst"] = std::move(worst);
  o["seconds"] = report.seconds;
  return json::serialize(o);
}

}  // namespace parley::simulate
