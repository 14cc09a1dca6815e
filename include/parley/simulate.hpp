// parley/simulate.hpp: what a policy earns over many simulated buyers.
//
// run() plays a seeded population of buyers (per product: a reservation
// price, patience, a style, how they value extras) against several sellers:
// the rule set (the agent sending suggestion #1, a random one of the top k,
// or one drawn by score) and textbook baselines (floor-first, never-concede,
// linear, Boulware, Conceder, each accepting by AC_next). Every seller meets
// the same buyers, so outcomes compare buyer by buyer (paired). Buyers write
// Chinese from a phrase bank of their own, not from the rule set's keywords,
// so a rule set is not tested against itself. The buyer reads the seller's
// move from the Suggestion's structured fields (offer, action, extras), never
// from the reply text.
//
// Determinism: the result depends only on the rule set and the Options, not
// on the thread count (each buyer is seeded from (seed, product, index) and
// results are gathered in buyer order).
//
// Threads: run() starts Options::threads worker threads and joins them before
// it returns; the Engine is shared by them (it is thread-safe). Callbacks are
// called on the calling thread only. Money is in yuan in every double here.
// docs/simulate.md describes the buyer models and the metrics.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/engine.hpp"
#include "parley/money.hpp"
#include "parley/testing.hpp"

namespace parley::simulate {

// ---- Buyers ---------------------------------------------------------------

enum class Style {
  hard_haggler,        // pushes without a number, then lowballs and raises slowly
  counter_offerer,     // names a price every message, from a low opening
  extras_seeker,       // asks for free shipping or a gift; values them highly
  quality_doubter,     // asks about quality first; pays less until reassured
  comparison_shopper,  // quotes another shop's price, leaves sooner
  quick_agreer,        // asks, maybe pushes once, takes any price it can pay
  boulware,            // time-dependent bids (e < 1): holds low, rises late
  conceder,            // time-dependent bids (e > 1): rises early
  linear,              // time-dependent bids (e = 1)
  replay,              // the buyer lines of a recorded transcript, in order
};
std::string_view to_string(Style style);
std::optional<Style> style_from_string(std::string_view name);

// Where reservation prices fall, as fractions of the margin (list - floor)
// around the floor and the list price: the range is
// [floor - below * margin, list + above * margin].
struct Reservation {
  enum class Shape { uniform, triangular };
  Shape shape = Shape::uniform;
  double below = 0.3;
  double above = 0.2;
  // triangular: the peak as a fraction of the range from its low end (0..1).
  double peak = 0.5;
};

struct Population {
  Reservation reservation;
  int patience_min = 3;  // buyer messages at most, drawn uniformly
  int patience_max = 8;
  // Style weights; a style absent or weighted 0 does not occur. `replay` is
  // not drawn: recorded transcripts come from Options::replay.
  std::vector<std::pair<Style, double>> styles = {
      {Style::hard_haggler, 1},  {Style::counter_offerer, 1},    {Style::extras_seeker, 1},
      {Style::quality_doubter, 1}, {Style::comparison_shopper, 1}, {Style::quick_agreer, 1},
      {Style::boulware, 0.5},    {Style::conceder, 0.5},         {Style::linear, 0.5},
  };
  // What an extra is worth to the buyer, in yuan per yuan it costs the shop:
  // free shipping, a gift, anything else (early shipping, a warranty).
  // Extras seekers value them `seeker_factor` times more.
  double shipping_value = 1.0;
  double gift_value = 1.5;
  double other_value = 0.5;
  double seeker_factor = 2.0;
  double quantity_share = 0.15;  // buyers who want 2 or 3 units
  double typo_rate = 0.05;       // messages with a typing slip
};

// ---- Sellers --------------------------------------------------------------

struct Strategy {
  enum class Kind {
    rules,          // the rule set; the agent sends one of its suggestions
    floor_first,    // quotes the floor at once, accepts any bid at or above it
    never_concede,  // the list price, always
    linear,         // list to floor in `steps` price moves
    boulware,       // floor + margin * (1 - (t/steps)^(1/e)), e < 1
    conceder,       // the same curve with e > 1
  };
  enum class Pick { top, top_k, weighted };  // rules: which suggestion is sent
  std::string name;  // "rules", "rules-top3", "linear", ...: how reports name it
  Kind kind = Kind::rules;
  Pick pick = Pick::top;
  int k = 3;                // top_k
  int steps = 5;            // time-dependent baselines: price moves to the floor
  double exponent = 1.0;    // boulware / conceder
};
// rules, rules-top3, rules-weighted, floor-first, never-concede, linear,
// boulware, conceder (e = 0.5 and 2, 5 steps).
std::vector<Strategy> default_strategies();
// "rules", "rules-top3" (any k), "rules-weighted", "floor-first",
// "never-concede", "linear", "linear:7" (steps), "boulware", "boulware:0.3"
// (e), "conceder", "conceder:3", "conceder:3:7" (e, steps). nullopt otherwise.
std::optional<Strategy> parse_strategy(std::string_view spec);

// ---- Running --------------------------------------------------------------

// One buyer message and the seller's answer, as the simulator saw them.
struct Exchange {
  std::string buyer;                 // the buyer's message
  std::string move;                  // what the buyer meant: push, counter, ...
  std::optional<Money> bid;          // the unit price the buyer named, if any
  bool silent = false;               // the seller had no reply
  std::string seller;                // the reply text
  std::string action;                // the reply's Action, as a string
  std::string rule_id;               // rules: the suggestion's rule
  std::optional<Money> offer;        // the unit price the reply names
  std::vector<std::string> extras;   // extras this reply grants
  Money standing;                    // the unit price on the table after it
  std::vector<std::string> flags;    // invariant and playbook failures here
};

enum class Outcome {
  deal,           // the buyer accepted
  walked_away,    // out of patience with the price above what they would pay
  left_unheard,   // left after silent turns
  seller_ended,   // the seller retreated or handed off while the buyer was buying
  replayed,       // a replayed transcript: no outcome
};
std::string_view to_string(Outcome outcome);

struct Record {
  std::string strategy;
  std::string product;
  std::size_t index = 0;  // the buyer's index in its product's population
  Style style = Style::linear;
  Money reservation;      // per unit; 0 for replayed transcripts
  int patience = 0;
  int quantity = 1;
  Outcome outcome = Outcome::walked_away;
  std::optional<Money> price;  // deals: the unit price
  Money extras_cost;           // deals: what the extras granted cost the shop
  double margin = 0;           // deals: quantity * (price - floor) - extras cost
  std::vector<Exchange> turns;
};

struct Options {
  std::uint64_t seed = 1;
  std::size_t buyers = 1000;          // per product
  std::vector<std::string> products;  // empty: every product of the rule set
  unsigned threads = 0;               // 0: every core
  Population population;
  std::vector<Strategy> strategies = default_strategies();
  // The strategy the report is about (dominance, worst transcripts, bare
  // names in thresholds): a name in `strategies`; empty: the first one.
  std::string subject;
  // Recorded conversations replayed against the rule-set strategies.
  std::vector<testing::Transcript> replay;
  std::size_t worst = 3;              // worst transcripts kept per metric
  // Called on the calling thread after each block of buyers.
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Every conversation, on the calling thread, in a fixed order (product,
  // buyer, strategy), when set.
  std::function<void(const Record&)> on_record;
};

// ---- Results --------------------------------------------------------------

struct Interval {  // a figure with its 95% confidence interval
  double value = 0, low = 0, high = 0;
  std::size_t n = 0;  // observations behind it
};

struct Check {  // a playbook check: how often it applied and held
  std::size_t applied = 0, held = 0;
  Interval rate() const;  // held / applied, Wilson
};

struct Metrics {
  std::size_t buyers = 0, deals = 0;
  Interval deal_rate;         // Wilson
  Interval margin_per_deal;   // yuan over the floor, extras' cost taken off
  Interval margin_per_buyer;  // the same over every arriving buyer (0 for no deal)
  std::size_t could_deal = 0; // buyers whose reservation is at or above the floor
  std::size_t lost_deals = 0; // of those, the ones with no deal
  Interval rounds_to_deal;    // buyer messages
  Interval left_on_table;     // per deal and unit: reservation - (price - what the extras are worth to the buyer)
  std::size_t outcomes[5] = {};  // by Outcome
  std::size_t turns = 0, silent_turns = 0;
  // Invariant violations.
  std::size_t below_floor = 0;        // price - extras' cost < floor
  std::size_t quote_up = 0;           // a quote above an earlier one
  std::size_t step_grew = 0;          // a concession larger than the one before
  std::size_t below_buyer_best = 0;   // a price below what the buyer offered
  std::size_t below_agreed = 0;       // a price below one the buyer agreed to
  std::size_t violations() const;
  // Playbook checks.
  Check b2;            // first price push: held with value, no concession
  Check b5_first_step; // extras: none before the first price step
  Check b5_near_floor; // extras: granted only near the floor
  Check b7;            // no concession to or below a price the buyer had named
  Check b8;            // the buyer's yes gets a close
  Check b17;           // a firm no gets a retreat
  // What went wrong in lost deals (could_deal, no deal): how many show each.
  std::size_t lost_silent = 0, lost_b2 = 0, lost_early_extra = 0, lost_frozen = 0,
              lost_misread = 0, lost_slow = 0;
  // One figure by name (deal_rate, margin_per_buyer, ..., see docs/simulate.md);
  // nullopt for an unknown name.
  std::optional<double> get(std::string_view metric) const;
};
// The names get() knows, in report order.
const std::vector<std::string>& metric_names();

struct Cell {  // one (product, style, strategy); "" is "all"
  std::string product, style, strategy;
  Metrics metrics;
};

// Subject minus other, buyer by buyer, over the same buyers.
struct Comparison {
  std::string product;  // "" for all
  std::string subject, other;
  Interval deal_rate_diff;         // in deal-rate points (0..1)
  Interval margin_per_buyer_diff;  // yuan
};

struct Worst {  // a conversation that scores worst on one metric
  std::string metric;
  double value = 0;
  Record record;
};

struct PricePath {  // one buyer met by several sellers, for the report's plot
  std::string product;
  Style style = Style::linear;
  double floor = 0, list = 0, reservation = 0;
  std::vector<Record> records;  // one per strategy shown
};

struct Report {
  Options options;  // as run (callbacks dropped, threads resolved)
  std::string shop;
  std::vector<std::string> products, styles, strategies;
  std::string subject;
  std::vector<Cell> cells;
  std::vector<Comparison> comparisons;
  std::vector<Worst> worst;
  std::vector<PricePath> paths;
  double seconds = 0;  // wall time of the run

  const Metrics* find(std::string_view product, std::string_view style, std::string_view strategy) const;
  // "beaten by linear on deal rate and margin per buyer; beats conceder on
  // both": how the subject fares against each baseline in `product` ("" for
  // all), on the point figures.
  std::string dominance(std::string_view product) const;
};

// Throws parley::Error for options that cannot run (an unknown product or
// strategy name, no buyers, a bad population).
Report run(const Engine& engine, Options options);

// ---- Output ---------------------------------------------------------------

std::string to_json(const Report& report);
std::string to_json(const Record& record);  // one line, for --transcripts
std::string to_table(const Report& report, bool colour);
// One self-contained HTML page: inline CSS and SVG, nothing fetched, no script.
std::string to_html(const Report& report);

// A threshold such as 'deal_rate<linear.deal_rate': [scope.][strategy.]metric
// OP (number | [scope.][strategy.]metric), OP one of < <= > >= == !=. The
// scope is a product id, `all` (the default) or `each` (every product; the
// threshold holds when it holds on any). A bare name is the subject's.
struct Threshold {
  struct Side {
    std::optional<double> number;  // a number, or else a metric:
    std::string scope = "all";     // a product id, "all" or "each"
    std::string strategy;          // a strategy name
    std::string metric;            // a name of metric_names()
  };
  std::string text;
  Side left, right;
  std::string op;  // < <= > >= == !=
};
// Throws parley::Error naming what is wrong.
Threshold parse_threshold(std::string_view text, const Report& report);
// The places (product ids or "all") where the threshold holds: empty when it
// does not hold anywhere.
std::vector<std::string> holds(const Threshold& threshold, const Report& report);

}  // namespace parley::simulate
