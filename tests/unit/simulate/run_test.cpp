// simulate::run on the default rule set: a small population, checked for
// what must hold whatever the figures are.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "parley/error.hpp"
#include "parley/simulate.hpp"

using namespace parley;
using namespace parley::simulate;

namespace {

const Engine& engine() {
  static const Engine e(RuleSet::load_default());
  return e;
}

Options small(unsigned threads) {
  Options o;
  o.buyers = 40;
  o.threads = threads;
  o.seed = 42;
  return o;
}

}  // namespace

TEST_CASE("smoke: the invariants and the playbook checks are computed, and the rule set breaks no invariant") {
  Report r = run(engine(), small(2));
  CHECK(r.products.size() == engine().rules().products().size());
  CHECK(r.strategies.size() == default_strategies().size());
  for (const std::string& s : r.strategies) {
    const Metrics* m = r.find("", "", s);
    REQUIRE(m);
    CHECK(m->buyers == 40 * r.products.size());
    CHECK(m->turns > m->buyers);
    CHECK(m->b8.applied > 0);   // buyers said yes
    CHECK(m->b17.applied > 0);  // and firm no
    CHECK(m->b2.applied > 0);   // and pushed on price
    std::size_t outcomes = 0;
    for (std::size_t x : m->outcomes) outcomes += x;
    CHECK(outcomes == m->buyers);
    CHECK(m->deals == m->outcomes[static_cast<int>(Outcome::deal)]);
    CHECK(m->lost_deals <= m->could_deal);
    if (s.rfind("rules", 0) == 0) {
      INFO(s);
      CHECK(m->violations() == 0);
      CHECK(m->b7.applied > 0);
      CHECK(m->b5_first_step.applied > 0);  // the rule set gives extras
    }
  }
  // Per product and per style cells add up to the whole.
  for (const std::string& s : r.strategies) {
    std::size_t by_product = 0, by_style = 0, turns = 0;
    for (const std::string& p : r.products) by_product += r.find(p, "", s)->deals;
    for (const std::string& st : r.styles) {
      if (const Metrics* m = r.find("", st, s)) {
        by_style += m->deals;
        turns += m->turns;
      }
    }
    CHECK(by_product == r.find("", "", s)->deals);
    CHECK(by_style == r.find("", "", s)->deals);
    CHECK(turns == r.find("", "", s)->turns);
  }
  // Paired with itself nothing differs; against others both figures exist.
  for (const Comparison& c : r.comparisons) CHECK(c.other != c.subject);
  CHECK(r.comparisons.size() == (r.products.size() + 1) * (r.strategies.size() - 1));
  CHECK(!r.worst.empty());
  CHECK(!r.paths.empty());
  CHECK(r.dominance("").rfind("rules: ", 0) == 0);
  // The JSON is JSON and carries every cell.
  boost::json::value j = boost::json::parse(to_json(r));
  CHECK(j.at("cells").as_array().size() == r.cells.size());
}

TEST_CASE("the same seed gives the same figures whatever the thread count") {
  Report one = run(engine(), small(1));
  Report three = run(engine(), small(3));
  one.seconds = three.seconds = 0;
  one.options.threads = three.options.threads = 0;
  CHECK(to_json(one) == to_json(three));
  Options other = small(1);
  other.seed = 43;
  Report different = run(engine(), other);
  different.seconds = 0;
  different.options.threads = 0;
  different.options.seed = 42;
  CHECK(to_json(different) != to_json(one));
}

TEST_CASE("every conversation reaches on_record, in order, with its exchanges") {
  Options o = small(2);
  o.buyers = 5;
  o.products = {"pdu"};
  o.strategies = {*parse_strategy("rules"), *parse_strategy("linear")};
  std::vector<std::string> seen;
  std::size_t silent = 0, rules_turns = 0;
  o.on_record = [&](const Record& r) {
    seen.push_back(r.strategy + "#" + std::to_string(r.index));
    CHECK(!r.turns.empty());
    if (r.strategy == "rules") {
      rules_turns += r.turns.size();
      for (const Exchange& x : r.turns) silent += x.silent;
    }
    if (r.outcome == Outcome::deal) CHECK(r.price);
  };
  Report rep = run(engine(), o);
  REQUIRE(seen.size() == 10);
  CHECK(seen[0] == "rules#0");
  CHECK(seen[1] == "linear#0");
  CHECK(seen[9] == "linear#4");
  CHECK(rep.find("", "", "rules")->silent_turns == silent);
  CHECK(rep.find("", "", "rules")->turns == rules_turns);
}

TEST_CASE("recorded transcripts are replayed against the rule set only") {
  Options o = small(1);
  o.buyers = 3;
  o.products = {"pdu"};
  o.replay.push_back(testing::parse_transcript("t.yaml", "product: pdu\nturns:\n  - 这个多少钱\n  - 太贵了\n  - 140行吗\n",
                                               engine().rules()));
  Report r = run(engine(), o);
  const Metrics* m = r.find("pdu", "replay", "rules");
  REQUIRE(m);
  CHECK(m->turns == 3);
  CHECK(m->buyers == 0);  // no money figures from a replay
  CHECK(r.find("pdu", "replay", "linear") == nullptr);
  CHECK(r.find("pdu", "", "rules")->buyers == 3);
}

TEST_CASE("thresholds") {
  Report r = run(engine(), small(2));
  double rules = r.find("", "", "rules")->deal_rate.value;
  double linear = r.find("", "", "linear")->deal_rate.value;
  Threshold t = parse_threshold("deal_rate<linear.deal_rate", r);
  CHECK(holds(t, r).empty() == !(rules < linear));
  CHECK(holds(parse_threshold("violations > 0", r), r).empty());
  CHECK(holds(parse_threshold("pdu.floor-first.margin_per_buyer <= 0", r), r) == std::vector<std::string>{"pdu"});
  CHECK(holds(parse_threshold("never-concede.deal_rate <= rules.deal_rate", r), r) == std::vector<std::string>{"all"});
  CHECK(holds(parse_threshold("each.never-concede.deal_rate >= 0", r), r).size() == r.products.size());
  CHECK(holds(parse_threshold("pdu.deal_rate < -1", r), r).empty());
  CHECK_THROWS_AS(parse_threshold("deal_rat < 1", r), Error);
  CHECK_THROWS_AS(parse_threshold("deal_rate", r), Error);
  CHECK_THROWS_AS(parse_threshold("1 < 2", r), Error);
  CHECK_THROWS_AS(parse_threshold("nobody.deal_rate < 1", r), Error);
}

TEST_CASE("options that cannot run are errors") {
  Options o = small(1);
  o.products = {"no-such-product"};
  CHECK_THROWS_AS(run(engine(), o), Error);
  o = small(1);
  o.buyers = 0;
  CHECK_THROWS_AS(run(engine(), o), Error);
  o = small(1);
  o.population.patience_max = 1;
  CHECK_THROWS_AS(run(engine(), o), Error);
  o = small(1);
  o.subject = "nobody";
  CHECK_THROWS_AS(run(engine(), o), Error);
}

TEST_CASE("the HTML page is self-contained and has its plots") {
  Options o = small(2);
  o.buyers = 10;
  std::string html = to_html(run(engine(), o));
  CHECK(html.find("<svg class=\"plot deal-margin\" id=\"deal-margin-0\"") != std::string::npos);
  CHECK(html.find("id=\"price-path-0\"") != std::string::npos);
  CHECK(html.find("id=\"outcomes-0\"") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
  CHECK(html.find("https://") == std::string::npos);
}
