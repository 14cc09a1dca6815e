// simulate::run: buyers in blocks over worker threads, figures gathered on
// the calling thread in buyer order (so they do not depend on the threads).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "parley/error.hpp"
#include "parley/simulate.hpp"
#include "simulate/buyer.hpp"
#include "simulate/play.hpp"
#include "simulate/stats.hpp"

namespace parley::simulate {
namespace {

constexpr std::size_t kOutcomes = 5;

// The sums behind one Cell.
struct Acc {
  std::size_t buyers = 0, deals = 0, could = 0, lost = 0;
  Mean margin_deal, margin_buyer, rounds, left;
  std::size_t outcomes[kOutcomes] = {};
  Metrics m;  // counts summed straight into it

  void add(const Played& p) {
    m.turns += p.turns;
    m.silent_turns += p.silent;
    m.below_floor += p.below_floor;
    m.quote_up += p.quote_up;
    m.step_grew += p.step_grew;
    m.below_buyer_best += p.below_buyer_best;
    m.below_agreed += p.below_agreed;
    auto sum = [](Check& into, const Check& c) {
      into.applied += c.applied;
      into.held += c.held;
    };
    sum(m.b2, p.b2);
    sum(m.b5_first_step, p.b5_first_step);
    sum(m.b5_near_floor, p.b5_near_floor);
    sum(m.b7, p.b7);
    sum(m.b8, p.b8);
    sum(m.b17, p.b17);
    ++outcomes[static_cast<std::size_t>(p.outcome)];
    if (p.replayed) return;
    ++buyers;
    margin_buyer.add(p.deal ? p.margin : 0.0);
    if (p.deal) {
      ++deals;
      margin_deal.add(p.margin);
      rounds.add(p.rounds);
      left.add(p.left);
    }
    if (p.could_deal) {
      ++could;
      if (!p.deal) {
        ++lost;
        m.lost_silent += p.silent_seen;
        m.lost_b2 += p.b2_failed;
        m.lost_early_extra += p.early_extra;
        m.lost_frozen += p.frozen;
        m.lost_misread += p.misread;
        m.lost_slow += p.slow;
      }
    }
  }

  Metrics finish() const {
    Metrics out = m;
    out.buyers = buyers;
    out.deals = deals;
    out.deal_rate = wilson(deals, buyers);
    out.margin_per_deal = margin_deal.interval();
    out.margin_per_buyer = margin_buyer.interval();
    out.could_deal = could;
    out.lost_deals = lost;
    out.rounds_to_deal = rounds.interval();
    out.left_on_table = left.interval();
    std::copy(std::begin(outcomes), std::end(outcomes), std::begin(out.outcomes));
    return out;
  }
};

struct Candidate {
  double value = 0;
  std::size_t product = 0, index = 0;  // index into products; buyer index (or replay index)
  bool replayed = false;
};

// The worst few of one metric: largest value first, ties in buyer order.
struct WorstList {
  std::string metric;
  std::vector<Candidate> items;
  void offer(Candidate c, std::size_t keep) {
    if (keep == 0) return;
    auto it = std::find_if(items.begin(), items.end(), [&](const Candidate& x) { return c.value > x.value; });
    items.insert(it, c);
    if (items.size() > keep) items.pop_back();
  }
};

struct ProductRef {
  const Product* product;
  const ProductTerms* terms;
};

void check_options(const Engine& engine, const Options& o) {
  if (o.buyers == 0 && o.replay.empty()) throw Error("simulate: no buyers (give a number of buyers above 0)");
  if (o.strategies.empty()) throw Error("simulate: no strategy to run");
  const Population& p = o.population;
  if (p.patience_min < 2 || p.patience_max < p.patience_min || p.patience_max > 100) {
    throw Error("simulate: patience must be 2..100 messages with min <= max");
  }
  if (p.reservation.below < 0 || p.reservation.above < -1 || p.reservation.peak < 0 || p.reservation.peak > 1) {
    throw Error("simulate: the reservation range is [floor - below * margin, list + above * margin], below >= 0, peak in [0, 1]");
  }
  double weights = 0;
  for (const auto& [style, w] : p.styles) {
    if (w < 0) throw Error("simulate: a style weight is negative");
    if (style != Style::replay) weights += w;
  }
  if (weights <= 0 && o.buyers > 0) throw Error("simulate: every style weighs 0");
  for (const Strategy& s : o.strategies) {
    if (std::count_if(o.strategies.begin(), o.strategies.end(), [&](const Strategy& t) { return t.name == s.name; }) > 1) {
      throw Error("simulate: strategy '" + s.name + "' is listed twice");
    }
  }
  if (!o.subject.empty() && std::none_of(o.strategies.begin(), o.strategies.end(),
                                         [&](const Strategy& s) { return s.name == o.subject; })) {
    throw Error("simulate: the subject '" + o.subject + "' is not among the strategies");
  }
  for (const std::string& id : o.products) {
    if (!engine.rules().find_product(id)) throw Error("simulate: unknown product '" + id + "'");
  }
}

}  // namespace

Report run(const Engine& engine, Options options) {
  check_options(engine, options);
  const auto started = std::chrono::steady_clock::now();
  const RuleSet& rules = engine.rules();
  std::vector<ProductRef> products;
  if (options.products.empty()) {
    for (const Product& p : rules.products()) products.push_back({&p, rules.find_terms(p.id)});
  } else {
    for (const std::string& id : options.products) products.push_back({rules.find_product(id), rules.find_terms(id)});
  }
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  options.threads = threads;
  const std::vector<Strategy>& strategies = options.strategies;
  const std::size_t K = strategies.size();
  std::size_t subject = 0;
  for (std::size_t s = 0; s < K; ++s) {
    if (strategies[s].name == options.subject) subject = s;
  }

  Report report;
  report.shop = rules.shop_name();
  report.subject = strategies[subject].name;
  for (const ProductRef& p : products) report.products.push_back(p.product->id);
  for (const Strategy& s : strategies) report.strategies.push_back(s.name);
  std::vector<Style> styles;
  for (const auto& [style, w] : options.population.styles) {
    if (w > 0 && style != Style::replay && std::find(styles.begin(), styles.end(), style) == styles.end()) {
      styles.push_back(style);
    }
  }
  // Replayed transcripts, by product; only products in the run.
  std::vector<std::vector<const testing::Transcript*>> replays(products.size());
  for (const testing::Transcript& t : options.replay) {
    for (std::size_t p = 0; p < products.size(); ++p) {
      if (products[p].product->id == t.product) replays[p].push_back(&t);
    }
  }
  bool any_replay = std::any_of(replays.begin(), replays.end(), [](const auto& v) { return !v.empty(); });
  if (any_replay) styles.push_back(Style::replay);
  for (Style s : styles) report.styles.emplace_back(to_string(s));
  auto style_slot = [&](Style s) {
    return static_cast<std::size_t>(std::find(styles.begin(), styles.end(), s) - styles.begin()) + 1;
  };

  // acc[(product + 1) * (styles + 1) * K + (style + 1) * K + strategy]; 0 is "all".
  const std::size_t P = products.size(), S = styles.size();
  std::vector<Acc> acc((P + 1) * (S + 1) * K);
  auto cell = [&](std::size_t p, std::size_t st, std::size_t k) -> Acc& { return acc[(p * (S + 1) + st) * K + k]; };
  // Paired differences, subject minus each strategy: [product + 1][k].
  std::vector<Mean> diff_deal((P + 1) * K), diff_margin((P + 1) * K);
  std::vector<WorstList> worst = {{"left_on_table", {}}, {"lost_deal", {}},  {"rounds_to_deal", {}},
                                  {"silent_turns", {}},  {"violations", {}}, {"b2_failed", {}},
                                  {"lowest_margin", {}}};

  std::size_t total = P * options.buyers;
  for (const auto& r : replays) total += r.size();
  std::size_t done = 0;
  const std::size_t block = std::max<std::size_t>(64, 64 * threads);
  std::vector<std::vector<Played>> played;
  std::vector<std::vector<Record>> records;
  const bool recording = static_cast<bool>(options.on_record);
  // One seller of each strategy per worker thread (they keep buffers).
  std::vector<std::vector<std::unique_ptr<Seller>>> sellers(threads);
  for (auto& mine : sellers) {
    for (const Strategy& s : strategies) mine.push_back(make_seller(engine, s));
  }

  // Runs fn(i) for i in [0, n) over the worker threads.
  auto parallel = [&](std::size_t n, auto&& fn) {
    std::atomic<std::size_t> next{0};
    auto work = [&](unsigned w) {
      for (std::size_t i; (i = next.fetch_add(1)) < n;) fn(w, i);
    };
    unsigned t = static_cast<unsigned>(std::min<std::size_t>(threads, n));
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < t; ++w) pool.emplace_back(work, w);
    work(0);
    for (std::thread& th : pool) th.join();
  };

  for (std::size_t p = 0; p < P; ++p) {
    const Product& product = *products[p].product;
    const ProductTerms& terms = *products[p].terms;
    for (std::size_t start = 0; start < options.buyers; start += block) {
      std::size_t n = std::min(block, options.buyers - start);
      played.assign(n, std::vector<Played>(K));
      if (recording) records.assign(n, std::vector<Record>(K));
      parallel(n, [&](unsigned w, std::size_t i) {
        for (std::size_t k = 0; k < K; ++k) {
          played[i][k] = play(engine, product, terms, options, strategies[k], *sellers[w][k], start + i,
                              recording ? &records[i][k] : nullptr);
        }
      });
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t index = start + i;
        for (std::size_t k = 0; k < K; ++k) {
          const Played& pl = played[i][k];
          std::size_t st = style_slot(pl.style);
          cell(0, 0, k).add(pl);
          cell(0, st, k).add(pl);
          cell(p + 1, 0, k).add(pl);
          cell(p + 1, st, k).add(pl);
          if (recording) options.on_record(records[i][k]);
        }
        const Played& me = played[i][subject];
        for (std::size_t k = 0; k < K; ++k) {
          const Played& them = played[i][k];
          double dd = static_cast<double>(me.deal) - static_cast<double>(them.deal);
          double dm = (me.deal ? me.margin : 0) - (them.deal ? them.margin : 0);
          diff_deal[k].add(dd);
          diff_margin[k].add(dm);
          diff_deal[(p + 1) * K + k].add(dd);
          diff_margin[(p + 1) * K + k].add(dm);
        }
        auto put = [&](std::size_t w, double v) { worst[w].offer({v, p, index, false}, options.worst); };
        if (me.deal) put(0, me.left);
        if (me.could_deal && !me.deal) put(1, me.reservation_over_floor);
        if (me.deal) put(2, me.rounds);
        if (me.silent) put(3, me.silent);
        int v = me.below_floor + me.quote_up + me.step_grew + me.below_buyer_best + me.below_agreed;
        if (v) put(4, v);
        if (me.b2_failed) put(5, 1);
        if (me.deal) put(6, -me.margin);
      }
      done += n;
      if (options.progress) options.progress(done, total);
    }
    // Recorded transcripts, against the rule-set strategies only.
    const auto& mine = replays[p];
    if (!mine.empty()) {
      played.assign(mine.size(), std::vector<Played>(K));
      if (recording) records.assign(mine.size(), std::vector<Record>(K));
      std::vector<char> ran(K, 0);
      for (std::size_t k = 0; k < K; ++k) ran[k] = strategies[k].kind == Strategy::Kind::rules;
      parallel(mine.size(), [&](unsigned, std::size_t i) {
        for (std::size_t k = 0; k < K; ++k) {
          if (!ran[k]) continue;
          played[i][k] = play_replay(engine, terms, strategies[k], *mine[i], i, recording ? &records[i][k] : nullptr);
        }
      });
      for (std::size_t i = 0; i < mine.size(); ++i) {
        for (std::size_t k = 0; k < K; ++k) {
          if (!ran[k]) continue;
          cell(p + 1, style_slot(Style::replay), k).add(played[i][k]);
          cell(0, style_slot(Style::replay), k).add(played[i][k]);
          if (recording) options.on_record(records[i][k]);
        }
        const Played& me = played[i][subject];
        if (ran[subject]) {
          if (me.silent) worst[3].offer({static_cast<double>(me.silent), p, i, true}, options.worst);
          int v = me.below_floor + me.quote_up + me.step_grew + me.below_buyer_best + me.below_agreed;
          if (v) worst[4].offer({static_cast<double>(v), p, i, true}, options.worst);
        }
      }
      done += mine.size();
      if (options.progress) options.progress(done, total);
    }
  }

  // The cells, "all" first.
  for (std::size_t p = 0; p <= P; ++p) {
    for (std::size_t st = 0; st <= S; ++st) {
      for (std::size_t k = 0; k < K; ++k) {
        const Acc& a = cell(p, st, k);
        if (st > 0 && a.buyers == 0 && a.m.turns == 0) continue;
        Cell c;
        c.product = p ? products[p - 1].product->id : "";
        c.style = st ? std::string(to_string(styles[st - 1])) : "";
        c.strategy = strategies[k].name;
        c.metrics = a.finish();
        report.cells.push_back(std::move(c));
      }
    }
  }
  for (std::size_t p = 0; p <= P; ++p) {
    for (std::size_t k = 0; k < K; ++k) {
      if (k == subject || diff_deal[p * K + k].n() == 0) continue;
      Comparison c;
      c.product = p ? products[p - 1].product->id : "";
      c.subject = strategies[subject].name;
      c.other = strategies[k].name;
      c.deal_rate_diff = diff_deal[p * K + k].interval();
      c.margin_per_buyer_diff = diff_margin[p * K + k].interval();
      report.comparisons.push_back(std::move(c));
    }
  }

  // The worst conversations, played again with their transcripts.
  std::unique_ptr<Seller> subject_seller = make_seller(engine, strategies[subject]);
  for (const WorstList& w : worst) {
    for (const Candidate& c : w.items) {
      Worst out;
      out.metric = w.metric;
      out.value = c.value;
      const ProductRef& pr = products[c.product];
      if (c.replayed) {
        play_replay(engine, *pr.terms, strategies[subject], *replays[c.product][c.index], c.index, &out.record);
      } else {
        play(engine, *pr.product, *pr.terms, options, strategies[subject], *subject_seller, c.index, &out.record);
      }
      report.worst.push_back(std::move(out));
    }
  }

  // Typical conversations for the price-path plot: per product, the first
  // counter-offerer and the first hard haggler who could pay the floor, met
  // by the subject, linear and conceder (those that were run).
  std::vector<std::size_t> shown = {subject};
  for (std::size_t k = 0; k < K; ++k) {
    if (k != subject && (strategies[k].kind == Strategy::Kind::linear || strategies[k].kind == Strategy::Kind::conceder)) {
      shown.push_back(k);
    }
  }
  for (std::size_t p = 0; p < P && options.buyers > 0; ++p) {
    const ProductRef& pr = products[p];
    for (Style wanted : {Style::counter_offerer, Style::hard_haggler}) {
      for (std::size_t i = 0; i < std::min<std::size_t>(options.buyers, 200); ++i) {
        Rng rng(buyer_seed(options.seed, pr.product->id, i));
        Traits t = draw_traits(*pr.product, *pr.terms, options.population, rng);
        if (t.style != wanted || t.reservation < pr.terms->floor || t.quantity != 1) continue;
        PricePath path;
        path.product = pr.product->id;
        path.style = wanted;
        path.floor = pr.terms->floor.yuan();
        path.list = pr.terms->list_price.yuan();
        path.reservation = t.reservation.yuan();
        for (std::size_t k : shown) {
          std::unique_ptr<Seller> seller = make_seller(engine, strategies[k]);
          Record r;
          play(engine, *pr.product, *pr.terms, options, strategies[k], *seller, i, &r);
          path.records.push_back(std::move(r));
        }
        report.paths.push_back(std::move(path));
        break;
      }
    }
  }

  options.progress = nullptr;
  options.on_record = nullptr;
  report.options = std::move(options);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace parley::simulate
