// The report as one self-contained HTML page: inline CSS, inline SVG drawn
// here, no script, nothing fetched.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "parley/simulate.hpp"

namespace parley::simulate {
namespace {

constexpr std::string_view kPalette[] = {"#1f6feb", "#d1242f", "#8250df", "#1a7f37", "#bf8700",
                                         "#0a7e8c", "#cf222e", "#57606a", "#e16f24", "#6e7781"};

std::string esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// " 150" / " at 150" for a price, "" for none.
std::string after(std::string_view lead, const std::optional<Money>& price) {
  return price ? fmt::format("{}{}", lead, price->to_string()) : std::string();
}

std::string colour(const Report& r, const std::string& strategy) {
  auto it = std::find(r.strategies.begin(), r.strategies.end(), strategy);
  return std::string(kPalette[static_cast<std::size_t>(it - r.strategies.begin()) % std::size(kPalette)]);
}

// A "nice" upper bound for an axis.
double nice_max(double v) {
  if (v <= 0) return 1;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * p >= v) return m * p;
  }
  return 10 * p;
}

struct Frame {  // plot area inside an SVG
  double w, h, left = 56, right = 16, top = 28, bottom = 40;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  double x(double v) const { return left + (v - x0) / (x1 - x0) * (w - left - right); }
  double y(double v) const { return h - bottom - (v - y0) / (y1 - y0) * (h - top - bottom); }
};

std::string axes(const Frame& f, const std::string& title, const std::string& xlabel, const std::string& ylabel,
                 int xticks, int yticks, bool xpercent) {
  std::string s;
  s += fmt::format(R"(<text x="{}" y="16" class="title">{}</text>)", f.left, esc(title));
  for (int i = 0; i <= yticks; ++i) {
    double v = f.y0 + (f.y1 - f.y0) * i / yticks;
    s += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" class="grid"/>)", f.left, f.y(v),
                     f.w - f.right, f.y(v));
    s += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="tick" text-anchor="end">{}</text>)", f.left - 4,
                     f.y(v) + 4, fmt::format("{}", std::round(v * 100) / 100));
  }
  for (int i = 0; i <= xticks; ++i) {
    double v = f.x0 + (f.x1 - f.x0) * i / xticks;
    s += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="tick" text-anchor="middle">{}</text>)", f.x(v),
                     f.h - f.bottom + 14, xpercent ? fmt::format("{}%", std::round(v * 100)) : fmt::format("{}", v));
  }
  s += fmt::format(R"(<line x1="{0}" y1="{1:.1f}" x2="{2:.1f}" y2="{1:.1f}" class="axis"/>)", f.left, f.h - f.bottom,
                   f.w - f.right);
  s += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2:.1f}" class="axis"/>)", f.left, f.top, f.h - f.bottom);
  s += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="label" text-anchor="middle">{}</text>)",
                   (f.left + f.w - f.right) / 2, f.h - 6, esc(xlabel));
  s += fmt::format(R"x(<text x="12" y="{:.1f}" class="label" text-anchor="middle" transform="rotate(-90 12 {:.1f})">{}</text>)x",
                   (f.top + f.h - f.bottom) / 2, (f.top + f.h - f.bottom) / 2, esc(ylabel));
  return s;
}

// Deal rate (x) against margin per arriving buyer (y), one dot per strategy
// with its confidence intervals as whiskers.
std::string deal_vs_margin(const Report& r, const std::string& product, int id) {
  double ymax = 0, ymin = 0;
  for (const std::string& s : r.strategies) {
    if (const Metrics* m = r.find(product, "", s)) {
      ymax = std::max(ymax, m->margin_per_buyer.high);
      ymin = std::min(ymin, m->margin_per_buyer.low);
    }
  }
  Frame f{380, 280};
  f.x0 = 0;
  f.x1 = 1;
  f.y1 = nice_max(std::max(ymax, -ymin / 4));
  f.y0 = ymin < 0 ? -f.y1 / 4 : 0;  // a tick every quarter of y1, zero among them
  std::string s = fmt::format(R"(<svg class="plot deal-margin" id="deal-margin-{}" width="{}" height="{}" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg">)",
                              id, f.w, f.h, f.w, f.h);
  s += axes(f, product.empty() ? "all products" : product, "deal rate", "margin per buyer (yuan)", 5, ymin < 0 ? 5 : 4, true);
  for (const std::string& st : r.strategies) {
    const Metrics* m = r.find(product, "", st);
    if (!m) continue;
    std::string c = colour(r, st);
    double cx = f.x(m->deal_rate.value), cy = f.y(m->margin_per_buyer.value);
    s += fmt::format(R"(<g class="strategy"><title>{}: deal rate {:.1f}%, margin per buyer {:.2f}</title>)", esc(st),
                     100 * m->deal_rate.value, m->margin_per_buyer.value);
    s += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" class="whisker"/>)",
                     f.x(m->deal_rate.low), cy, f.x(m->deal_rate.high), cy, c);
    s += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" class="whisker"/>)", cx,
                     f.y(m->margin_per_buyer.low), cx, f.y(m->margin_per_buyer.high), c);
    s += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="{}"/>)", cx, cy, st == r.subject ? 6 : 4, c);
    s += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="point" fill="{}">{}</text></g>)", cx + 7, cy - 5, c, esc(st));
  }
  return s + "</svg>";
}

// The seller's price after each buyer message, one line per strategy, the
// buyer's bids as dots, floor, list and reservation as dashed lines.
std::string price_path(const Report& r, const PricePath& p, int id) {
  std::size_t n = 0;
  double lo = std::min(p.floor, p.reservation), hi = std::max(p.list, p.reservation);
  for (const Record& rec : p.records) {
    n = std::max(n, rec.turns.size());
    for (const Exchange& x : rec.turns) {
      if (x.bid) lo = std::min(lo, x.bid->yuan());
    }
  }
  double pad = std::max((hi - lo) * 0.08, 1.0);
  Frame f{560, 300};
  f.right = 120;
  f.x0 = 0;
  f.x1 = static_cast<double>(std::max<std::size_t>(n, 2));
  f.y0 = std::floor(lo - pad);
  f.y1 = std::ceil(hi + pad);
  std::string s = fmt::format(R"(<svg class="plot price-path" id="price-path-{}" width="{}" height="{}" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg">)",
                              id, f.w, f.h, f.w, f.h);
  s += axes(f, fmt::format("{} · {} · reservation {}", p.product, to_string(p.style), p.reservation),
            "buyer message", "unit price (yuan)", static_cast<int>(f.x1), 4, false);
  auto hline = [&](double v, const char* cls, const std::string& label) {
    s += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" class="{}"/><text x="{:.1f}" y="{:.1f}" class="tick">{}</text>)",
                     f.left, f.y(v), f.w - f.right, f.y(v), cls, f.w - f.right + 4, f.y(v) + 4, esc(label));
  };
  hline(p.list, "ref", fmt::format("list {}", p.list));
  hline(p.floor, "ref", fmt::format("floor {}", p.floor));
  hline(p.reservation, "ref reservation", fmt::format("buyer pays ≤ {}", p.reservation));
  int legend = 0;
  for (const Record& rec : p.records) {
    std::string c = colour(r, rec.strategy);
    std::string points = fmt::format("{:.1f},{:.1f}", f.x(0), f.y(p.list));
    std::string bids;
    for (std::size_t i = 0; i < rec.turns.size(); ++i) {
      const Exchange& x = rec.turns[i];
      points += fmt::format(" {:.1f},{:.1f}", f.x(static_cast<double>(i + 1)), f.y(x.standing.yuan()));
      if (x.bid) {
        bids += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="none" stroke="{}"/>)",
                            f.x(static_cast<double>(i + 1)), f.y(x.bid->yuan()), c);
      }
    }
    s += fmt::format(R"(<g class="path"><title>{}: {}</title><polyline points="{}" fill="none" stroke="{}" stroke-width="{}"/>{}</g>)",
                     esc(rec.strategy), to_string(rec.outcome), points, c, rec.strategy == r.subject ? 2.5 : 1.5, bids);
    s += fmt::format(R"(<text x="{:.1f}" y="{}" class="point" fill="{}">{} · {}{}</text>)", f.w - f.right + 4,
                     f.top + 14 * legend++, c, esc(rec.strategy), to_string(rec.outcome),
                     after(" ", rec.price));
  }
  s += fmt::format(R"(<text x="{:.1f}" y="{}" class="tick">○ buyer's bids</text>)", f.w - f.right + 4,
                   f.top + 14 * legend + 4);
  return s + "</svg>";
}

// Outcomes by style for one strategy: a stacked bar per style.
std::string outcomes_by_style(const Report& r, const std::string& strategy, int id) {
  const Outcome kinds[] = {Outcome::deal, Outcome::walked_away, Outcome::left_unheard, Outcome::seller_ended};
  const char* fills[] = {"#1a7f37", "#bf8700", "#d1242f", "#8250df"};
  std::vector<std::string> styles;
  for (const std::string& st : r.styles) {
    const Metrics* m = r.find("", st, strategy);
    if (m && m->buyers > 0) styles.push_back(st);
  }
  double w = 640, row = 24, left = 150, top = 30;
  double h = top + row * static_cast<double>(styles.size()) + 40;
  std::string s = fmt::format(R"(<svg class="plot outcomes" id="outcomes-{}" width="{}" height="{:.0f}" viewBox="0 0 {} {:.0f}" xmlns="http://www.w3.org/2000/svg">)",
                              id, w, h, w, h);
  s += fmt::format(R"(<text x="{}" y="16" class="title">outcomes by buyer style · {}</text>)", left, esc(strategy));
  double bar = w - left - 20;
  for (std::size_t i = 0; i < styles.size(); ++i) {
    const Metrics* m = r.find("", styles[i], strategy);
    double y = top + row * static_cast<double>(i), x = left;
    s += fmt::format(R"(<text x="{}" y="{:.1f}" class="tick" text-anchor="end">{}</text>)", left - 6, y + 15, esc(styles[i]));
    for (std::size_t k = 0; k < std::size(kinds); ++k) {
      double share = static_cast<double>(m->outcomes[static_cast<std::size_t>(kinds[k])]) / static_cast<double>(m->buyers);
      if (share <= 0) continue;
      s += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" fill="{}"><title>{}: {:.1f}%</title></rect>)",
                       x, y + 3, share * bar, row - 6, fills[k], to_string(kinds[k]), 100 * share);
      if (share > 0.08) {
        s += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="inbar">{:.0f}%</text>)", x + 4, y + 16, 100 * share);
      }
      x += share * bar;
    }
  }
  double ly = top + row * static_cast<double>(styles.size()) + 20, lx = left;
  for (std::size_t k = 0; k < std::size(kinds); ++k) {
    s += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="10" height="10" fill="{}"/><text x="{:.1f}" y="{:.1f}" class="tick">{}</text>)",
                     lx, ly - 9, fills[k], lx + 14, ly, to_string(kinds[k]));
    lx += 110;
  }
  return s + "</svg>";
}

std::string pct(double v) { return fmt::format("{:.1f}%", 100 * v); }
std::string ci_pct(const Interval& i) {
  return fmt::format("{:.1f}% <small>[{:.1f}, {:.1f}]</small>", 100 * i.value, 100 * i.low, 100 * i.high);
}
std::string ci(const Interval& i) { return fmt::format("{:.2f} <small>[{:.2f}, {:.2f}]</small>", i.value, i.low, i.high); }
std::string rate(const Check& c) {
  if (!c.applied) return "–";
  return fmt::format("{:.1f}% <small>({}/{})</small>", 100.0 * static_cast<double>(c.held) / static_cast<double>(c.applied),
                     c.held, c.applied);
}

constexpr std::string_view kStyle = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",sans-serif;margin:24px auto;max-width:1200px;color:#1f2328;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.meta{color:#57606a}.dominance{background:#fff8c5;border:1px solid #d4a72c;padding:8px 12px;border-radius:6px}
table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 8px;border-bottom:1px solid #eaeef2;text-align:right;white-space:nowrap}
th{background:#f6f8fa}td:first-child,th:first-child{text-align:left}tr.subject td{font-weight:600}small{color:#6e7781}
.plots{display:flex;flex-wrap:wrap;gap:12px}.plot{background:#fff;border:1px solid #d0d7de;border-radius:6px}
.plot .title{font-size:13px;font-weight:600}.plot .tick{font-size:11px;fill:#57606a}.plot .label{font-size:11px;fill:#57606a}
.plot .point{font-size:11px}.plot .grid{stroke:#eaeef2}.plot .axis{stroke:#8c959f}.plot .whisker{stroke-width:1.5;opacity:.6}
.plot .ref{stroke:#8c959f;stroke-dasharray:4 3}.plot .reservation{stroke:#1a7f37}.plot .inbar{font-size:11px;fill:#fff}
.chat{border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;margin:8px 0}.chat .head{color:#57606a;margin-bottom:4px}
.b{margin:2px 0}.b .who{display:inline-block;width:3em;color:#57606a}.s{margin:2px 0 6px 3em;color:#0a3069}
.silent{color:#d1242f}.flag{color:#9a6700;margin-left:3em;font-size:12px}
)";

}  // namespace

std::string to_html(const Report& r) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>parley simulate · ";
  h += esc(r.shop) + "</title><style>" + std::string(kStyle) + "</style></head><body>\n";
  const Options& o = r.options;
  h += "<h1>parley simulate · " + esc(r.shop) + "</h1>\n";
  h += fmt::format("<p class=\"meta\">{} products × {} buyers, seed {}, {} threads, {:.1f} s. Reservation {} over "
                   "[floor − {} × margin, list + {} × margin]; patience {}–{} messages. Subject: <b>{}</b>.</p>\n",
                   r.products.size(), o.buyers, o.seed, o.threads, r.seconds,
                   o.population.reservation.shape == Reservation::Shape::uniform ? "uniform" : "triangular",
                   o.population.reservation.below, o.population.reservation.above, o.population.patience_min,
                   o.population.patience_max, esc(r.subject));
  h += "<p class=\"dominance\" id=\"dominance\">" + esc(r.dominance("")) + "</p>\n";

  h += "<h2>All products</h2>\n<table id=\"summary\"><tr><th>strategy</th><th>deal rate</th><th>margin per deal</th>"
       "<th>margin per buyer</th><th>lost deals</th><th>rounds to a deal</th><th>left on the table</th>"
       "<th>silent turns</th><th>violations</th></tr>\n";
  for (const std::string& s : r.strategies) {
    const Metrics* m = r.find("", "", s);
    if (!m) continue;
    h += fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} <small>of {}</small></td><td>{:.2f}</td>"
                     "<td>{}</td><td>{}</td><td>{}</td></tr>\n",
                     s == r.subject ? " class=\"subject\"" : "", esc(s), ci_pct(m->deal_rate), ci(m->margin_per_deal),
                     ci(m->margin_per_buyer), m->lost_deals, m->could_deal, m->rounds_to_deal.value,
                     ci(m->left_on_table), m->silent_turns, m->violations());
  }
  h += "</table>\n";

  h += "<h2>Deal rate against margin per arriving buyer</h2>\n<div class=\"plots\">\n";
  int id = 0;
  h += deal_vs_margin(r, "", id++) + "\n";
  for (const std::string& p : r.products) h += deal_vs_margin(r, p, id++) + "\n";
  h += "</div>\n";

  h += "<h2>By product</h2>\n<table id=\"by-product\"><tr><th>product</th>";
  for (const std::string& s : r.strategies) h += "<th>" + esc(s) + "<br><small>deal rate · margin/buyer</small></th>";
  h += "<th>" + esc(r.subject) + " against the others</th></tr>\n";
  for (const std::string& p : r.products) {
    h += "<tr><td>" + esc(p) + "</td>";
    for (const std::string& s : r.strategies) {
      const Metrics* m = r.find(p, "", s);
      h += m ? fmt::format("<td>{} · {:.2f}</td>", pct(m->deal_rate.value), m->margin_per_buyer.value) : "<td>–</td>";
    }
    std::string d = r.dominance(p);
    h += "<td style=\"white-space:normal;text-align:left\">" + esc(d.substr(std::min(d.size(), r.subject.size() + 2))) + "</td></tr>\n";
  }
  h += "</table>\n";

  h += "<h2>Price path of typical conversations</h2>\n<div class=\"plots\">\n";
  id = 0;
  for (const PricePath& p : r.paths) h += price_path(r, p, id++) + "\n";
  h += "</div>\n";

  h += "<h2>Outcomes by buyer style</h2>\n<div class=\"plots\">\n";
  id = 0;
  for (const std::string& s : r.strategies) {
    if (s == r.subject || s == "linear" || s == "conceder") h += outcomes_by_style(r, s, id++) + "\n";
  }
  h += "</div>\n<table id=\"by-style\"><tr><th>style</th>";
  for (const std::string& s : r.strategies) h += "<th>" + esc(s) + "</th>";
  h += "</tr>\n";
  for (const std::string& st : r.styles) {
    h += "<tr><td>" + esc(st) + "</td>";
    for (const std::string& s : r.strategies) {
      const Metrics* m = r.find("", st, s);
      if (!m) h += "<td>–</td>";
      else if (m->buyers == 0) h += fmt::format("<td>{} silent of {}</td>", m->silent_turns, m->turns);
      else h += fmt::format("<td>{} · {:.2f}</td>", pct(m->deal_rate.value), m->margin_per_buyer.value);
    }
    h += "</tr>\n";
  }
  h += "</table>\n";

  h += "<h2>Playbook checks and invariants</h2>\n<table id=\"checks\"><tr><th>strategy</th><th>B2 value first</th>"
       "<th>B5 no extra before a step</th><th>B5 extras near the floor</th><th>B7 fair counter</th><th>B8 close on yes</th>"
       "<th>B17 retreat on no</th><th>below floor</th><th>quote up</th><th>step grew</th><th>below buyer's best</th>"
       "<th>below agreed</th></tr>\n";
  for (const std::string& s : r.strategies) {
    const Metrics* m = r.find("", "", s);
    if (!m) continue;
    h += fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                     "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                     s == r.subject ? " class=\"subject\"" : "", esc(s), rate(m->b2), rate(m->b5_first_step),
                     rate(m->b5_near_floor), rate(m->b7), rate(m->b8), rate(m->b17), m->below_floor, m->quote_up,
                     m->step_grew, m->below_buyer_best, m->below_agreed);
  }
  h += "</table>\n";
  if (const Metrics* m = r.find("", "", r.subject)) {
    h += fmt::format("<p>{}: {} deals lost with buyers who could pay the floor (of {}). Of those: {} had a silent turn, "
                     "{} a concession at the first price push (B2), {} an extra before any price step, {} a price frozen "
                     "over two price moves, {} a misreading, {} ended with the price still above the buyer's "
                     "reservation.</p>\n",
                     esc(r.subject), m->lost_deals, m->could_deal, m->lost_silent, m->lost_b2, m->lost_early_extra,
                     m->lost_frozen, m->lost_misread, m->lost_slow);
  }

  h += "<h2>Paired comparisons</h2>\n<p>" + esc(r.subject) +
       " minus each strategy over the same buyers, with 95% intervals.</p>\n<table id=\"paired\"><tr><th>against</th>"
       "<th>product</th><th>deal rate (points)</th><th>margin per buyer (yuan)</th></tr>\n";
  for (const Comparison& c : r.comparisons) {
    h += fmt::format("<tr><td>{}</td><td>{}</td><td>{:+.1f} <small>[{:+.1f}, {:+.1f}]</small></td><td>{:+.2f} "
                     "<small>[{:+.2f}, {:+.2f}]</small></td></tr>\n",
                     esc(c.other), c.product.empty() ? "all" : esc(c.product), 100 * c.deal_rate_diff.value,
                     100 * c.deal_rate_diff.low, 100 * c.deal_rate_diff.high, c.margin_per_buyer_diff.value,
                     c.margin_per_buyer_diff.low, c.margin_per_buyer_diff.high);
  }
  h += "</table>\n";

  if (!r.worst.empty()) {
    h += "<h2>Worst conversations of " + esc(r.subject) + "</h2>\n";
    for (const Worst& w : r.worst) {
      const Record& rec = w.record;
      h += fmt::format("<div class=\"chat\"><div class=\"head\"><b>{}</b> {} · {} #{} · {} · reservation {} · "
                       "patience {} · {}{}</div>\n",
                       esc(w.metric), w.value, esc(rec.product), rec.index, to_string(rec.style),
                       rec.reservation.to_string(), rec.patience, to_string(rec.outcome),
                       after(" at ", rec.price));
      for (const Exchange& x : rec.turns) {
        h += "<div class=\"b\"><span class=\"who\">买家</span>" + esc(x.buyer) + "</div>";
        if (x.silent) h += "<div class=\"s silent\">(no suggestion)</div>";
        else h += fmt::format("<div class=\"s\">{} <small>[{}{}{}]</small></div>", esc(x.seller), esc(x.action),
                              after(" ", x.offer), x.rule_id.empty() ? std::string() : fmt::format(" {}", esc(x.rule_id)));
        for (const std::string& f : x.flags) h += "<div class=\"flag\">⚠ " + esc(f) + "</div>";
        h += "\n";
      }
      h += "</div>\n";
    }
  }
  h += "</body></html>\n";
  return h;
}

}  // namespace parley::simulate
