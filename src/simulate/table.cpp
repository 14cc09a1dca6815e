// The report as text for a terminal.
#include <fmt/format.h>

#include "parley/simulate.hpp"

namespace parley::simulate {
namespace {

struct Paint {
  bool on;
  std::string operator()(std::string_view code, std::string_view s) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : std::string(s);
  }
};

std::string pct(const Interval& i) { return fmt::format("{:5.1f}% ±{:.1f}", 100 * i.value, 50 * (i.high - i.low)); }
std::string yuan(const Interval& i) { return fmt::format("{:7.2f} ±{:.2f}", i.value, (i.high - i.low) / 2); }
std::string rate(const Check& c) {
  if (!c.applied) return "     -";
  return fmt::format("{:5.1f}%", 100.0 * static_cast<double>(c.held) / static_cast<double>(c.applied));
}

// " 150" / " at 150" for a price, "" for none.
std::string after(std::string_view lead, const std::optional<Money>& price) {
  return price ? fmt::format("{}{}", lead, price->to_string()) : std::string();
}

}  // namespace

std::string to_table(const Report& r, bool colour) {
  Paint paint{colour};
  std::string out;
  auto line = [&](const std::string& s) { out += s + "\n"; };
  const Options& o = r.options;
  line(paint("1", fmt::format("parley simulate: {} · {} products × {} buyers · seed {} · {} threads · {:.1f}s", r.shop,
                              r.products.size(), o.buyers, o.seed, o.threads, r.seconds)));
  line("");
  line(paint("1", "All products"));
  line(fmt::format("  {:<16} {:>13} {:>15} {:>15} {:>6} {:>6} {:>6} {:>15} {:>7} {:>5}", "strategy", "deal rate",
                   "margin/deal", "margin/buyer", "lost", "of", "rounds", "left on table", "silent", "viol"));
  for (const std::string& s : r.strategies) {
    const Metrics* m = r.find("", "", s);
    if (!m) continue;
    std::string row = fmt::format("  {:<16} {:>13} {:>15} {:>15} {:>6} {:>6} {:>6.2f} {:>15} {:>7} {:>5}", s,
                                  pct(m->deal_rate), yuan(m->margin_per_deal), yuan(m->margin_per_buyer),
                                  m->lost_deals, m->could_deal, m->rounds_to_deal.value, yuan(m->left_on_table),
                                  m->silent_turns, m->violations());
    line(s == r.subject ? paint("1", row) : row);
  }
  line("");
  line(paint("1", "By product: deal rate / margin per arriving buyer (yuan)"));
  std::string head = fmt::format("  {:<16}", "product");
  for (const std::string& s : r.strategies) head += fmt::format(" {:>17}", s);
  line(head);
  for (const std::string& p : r.products) {
    std::string row = fmt::format("  {:<16}", p);
    for (const std::string& s : r.strategies) {
      const Metrics* m = r.find(p, "", s);
      row += m ? fmt::format(" {:>8.1f}% {:>7.2f}", 100 * m->deal_rate.value, m->margin_per_buyer.value)
               : fmt::format(" {:>17}", "-");
    }
    line(row);
  }
  line("");
  line(paint("1", "By buyer style: deal rate / margin per arriving buyer (yuan)"));
  head = fmt::format("  {:<19}", "style");
  for (const std::string& s : r.strategies) head += fmt::format(" {:>17}", s);
  line(head);
  for (const std::string& st : r.styles) {
    std::string row = fmt::format("  {:<19}", st);
    for (const std::string& s : r.strategies) {
      const Metrics* m = r.find("", st, s);
      if (!m || m->buyers == 0) row += fmt::format(" {:>17}", m ? fmt::format("{} silent", m->silent_turns) : "-");
      else row += fmt::format(" {:>8.1f}% {:>7.2f}", 100 * m->deal_rate.value, m->margin_per_buyer.value);
    }
    line(row);
  }
  line("");
  line(paint("1", "Playbook checks and invariants"));
  line(fmt::format("  {:<16} {:>6} {:>8} {:>8} {:>6} {:>6} {:>6} | {:>7} {:>6} {:>6} {:>6} {:>6}", "strategy", "B2",
                   "B5 step", "B5 near", "B7", "B8", "B17", "<floor", "up", "grew", "<best", "<agreed"));
  for (const std::string& s : r.strategies) {
    const Metrics* m = r.find("", "", s);
    if (!m) continue;
    line(fmt::format("  {:<16} {:>6} {:>8} {:>8} {:>6} {:>6} {:>6} | {:>7} {:>6} {:>6} {:>6} {:>6}", s, rate(m->b2),
                     rate(m->b5_first_step), rate(m->b5_near_floor), rate(m->b7), rate(m->b8), rate(m->b17),
                     m->below_floor, m->quote_up, m->step_grew, m->below_buyer_best, m->below_agreed));
  }
  if (const Metrics* m = r.find("", "", r.subject)) {
    line("");
    line(paint("1", fmt::format("{}: deals lost with buyers who could pay the floor: {} of {}", r.subject,
                                m->lost_deals, m->could_deal)));
    line(fmt::format("  with a silent turn {} · B2 failed {} · extra before any price step {} · price frozen {} · "
                     "misread {} · price above the reservation at the buyer's last message {}",
                     m->lost_silent, m->lost_b2, m->lost_early_extra, m->lost_frozen, m->lost_misread, m->lost_slow));
    line(fmt::format("  over all conversations: {} silent turns in {} turns · B2 held {} of {} · extras {} of which "
                     "{} before any price step",
                     m->silent_turns, m->turns, m->b2.held, m->b2.applied, m->b5_first_step.applied,
                     m->b5_first_step.applied - m->b5_first_step.held));
  }
  line("");
  line(paint("1", "Paired against each strategy (subject minus other, same buyers, 95% CI)"));
  for (const Comparison& c : r.comparisons) {
    if (!c.product.empty()) continue;
    line(fmt::format("  vs {:<16} deal rate {:+6.1f} points [{:+.1f}, {:+.1f}]   margin per buyer {:+7.2f} yuan "
                     "[{:+.2f}, {:+.2f}]",
                     c.other, 100 * c.deal_rate_diff.value, 100 * c.deal_rate_diff.low, 100 * c.deal_rate_diff.high,
                     c.margin_per_buyer_diff.value, c.margin_per_buyer_diff.low, c.margin_per_buyer_diff.high));
  }
  line("");
  line(paint("1", r.dominance("")));
  for (const std::string& p : r.products) line("  " + p + ": " + r.dominance(p).substr(r.subject.size() + 2));
  if (!r.worst.empty()) {
    line("");
    line(paint("1", "Worst conversations of " + r.subject));
    std::string last;
    for (const Worst& w : r.worst) {
      if (w.metric != last) line(paint("4", "  " + w.metric));
      last = w.metric;
      const Record& rec = w.record;
      line(fmt::format("    {} #{} {} reservation {} · {}{}", rec.product, rec.index, to_string(rec.style),
                       rec.reservation.to_string(), to_string(rec.outcome),
                       after(" at ", rec.price)));
      for (const Exchange& x : rec.turns) {
        std::string seller = x.silent ? paint("31", "(no suggestion)")
                                      : fmt::format("{} [{}{}]", x.seller, x.action,
                                                    after(" ", x.offer));
        line(fmt::format("      买家: {}  →  {}", x.buyer, seller));
        for (const std::string& f : x.flags) line("        " + paint("33", f));
      }
    }
  }
  return out;
}

}  // namespace parley::simulate
