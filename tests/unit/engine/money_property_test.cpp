// Property test: the money invariants hold for every suggestion of the
// default rule set over thousands of random conversations (random buyer
// messages, counter-offers, quantities, profiles, and which suggestion the
// agent sends). A failure prints the conversation as a transcript that
// `parley replay` runs again.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <set>
#include <sstream>

#include "parley/engine.hpp"
#include "parley/testing.hpp"

using namespace parley;

namespace {

const char* const kPhrases[] = {
    "太贵了", "便宜点", "能少点吗", "再少一点吧", "最低多少钱", "抹个零吧", "包邮吗", "有赠品吗",
    "我再看看", "别家更便宜", "算了不要了", "好的", "拍了", "什么时候发货", "担心质量",
    "太贵了, 除非包邮", "买两个能便宜吗", "优惠点呗", "降点", "让一点", "在吗", "多少钱",
    "老顾客了便宜点", "加我微信", "底价多少", "打个九折呗", "少十块我就拍"};

std::string random_message(std::mt19937_64& rng, Money list) {
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_int_distribution<std::size_t> phrase(0, std::size(kPhrases) - 1);
  int k = kind(rng);
  if (k < 6) return kPhrases[phrase(rng)];
  // A counter-offer somewhere between half and all of the list price.
  std::uniform_real_distribution<double> share(0.5, 1.05);
  long yuan = static_cast<long>(list.yuan() * share(rng));
  const char* const forms[] = {"{}行吗", "{}包邮行吗", "{}卖不卖", "{}元可以吗", "买{}个能便宜多少"};
  std::string form = forms[k - 6 < 5 ? k - 6 : 0];
  if (k == 9) yuan = 1 + static_cast<long>(rng() % 12);  // a quantity
  auto at = form.find("{}");
  return form.replace(at, 2, std::to_string(yuan));
}

std::string transcript(const std::string& product, std::uint64_t seed, const BuyerProfile& buyer,
                       const std::vector<std::pair<std::string, int>>& turns) {
  std::ostringstream out;
  out << "product: " << product << "\nseed: " << seed << "\nbuyer: {vip: " << (buyer.vip ? "true" : "false")
      << ", coupon_claimed: " << (buyer.coupon_claimed ? "true" : "false") << "}\nturns:\n";
  for (const auto& [text, pick] : turns) out << "  - {buyer: \"" << text << "\", pick: " << pick << "}\n";
  return out.str();
}

}  // namespace

TEST_CASE("no suggestion of the default rule set ever loses money") {
  Engine engine(RuleSet::load_default());
  // A fixed seed so runs repeat; PARLEY_PROPERTY_SEED explores others.
  const char* seed_env = std::getenv("PARLEY_PROPERTY_SEED");
  std::mt19937_64 rng(seed_env ? std::strtoull(seed_env, nullptr, 10) : 20261122);
  int conversations = 0, suggestions = 0;
  for (int run = 0; run < 1500; ++run) {
    const auto& products = engine.rules().products();
    const Product& product = products[rng() % products.size()];
    std::uint64_t seed = rng();
    Conversation c = engine.start(product.id, seed);
    c.buyer.vip = rng() % 4 == 0;
    c.buyer.coupon_claimed = rng() % 2 == 0;
    std::vector<std::pair<std::string, int>> turns;
    std::set<std::string> extras_seen;
    Money last_step = product.list_price;  // no concession so far
    int steps = 1 + static_cast<int>(rng() % 10);
    for (int t = 0; t < steps; ++t) {
      Money current = c.offer.value_or(product.list_price);
      std::string message = random_message(rng, product.list_price);
      SuggestResult r = engine.suggest(c, message);
      int pick = r.suggestions.empty() ? 1 : 1 + static_cast<int>(rng() % std::min<std::size_t>(3, r.suggestions.size()));
      turns.emplace_back(message, pick);
      for (const Suggestion& s : r.suggestions) {
        ++suggestions;
        if (!s.offer) continue;
        Money extras = c.extras_cost;
        for (const std::string& id : s.extras) {
          for (const Extra& e : engine.rules().find_terms(product.id)->extras) {
            if (e.id == id) extras += e.cost;
          }
        }
        INFO("rule " << s.rule_id << ": " << s.text << "\nreplay this transcript:\n"
                     << transcript(product.id, seed, c.buyer, turns));
        CHECK(*s.offer - extras >= product.floor);                       // B4 and the margin
        CHECK(*s.offer <= current);                                      // never raise a quote
        if (c.buyer_best && *c.buyer_best <= current) CHECK(*s.offer >= *c.buyer_best);  // B7
        for (const std::string& id : s.extras) CHECK(extras_seen.count(id) == 0);      // B5: once
      }
      if (r.suggestions.empty()) {
        c = engine.observe_seller_text(c, message, "亲, 稍等");
        continue;
      }
      const Suggestion& chosen = r.suggestions[pick - 1];
      Conversation next = engine.apply(c, message, chosen);
      if (next.concessions > c.concessions) {
        Money step = current - *next.offer;
        INFO("concession " << step.to_string() << " after " << last_step.to_string() << "\n"
                           << transcript(product.id, seed, c.buyer, turns));
        CHECK(step <= last_step);  // B3: never larger than the one before
        last_step = step;
      }
      for (const std::string& id : chosen.extras) extras_seen.insert(id);
      c = std::move(next);
    }
    ++conversations;
  }
  MESSAGE(conversations << " conversations, " << suggestions << " suggestions checked");
  CHECK(conversations == 1500);
}

TEST_CASE("a replayed transcript says exactly the same") {
  Engine engine(RuleSet::load_default());
  const char* yaml = R"(product: pdu
seed: 7
turns: [太贵了, 便宜点, 再少一点吧, 135行吗, 好的]
)";
  testing::Transcript t = testing::parse_transcript("t.yaml", yaml, engine.rules());
  auto first = testing::run(engine, t);
  auto second = testing::run(engine, t);
  REQUIRE(first.size() == 5);
  for (std::size_t i = 0; i < first.size(); ++i) {
    REQUIRE(first[i].applied.has_value() == second[i].applied.has_value());
    if (first[i].applied) CHECK(first[i].applied->text == second[i].applied->text);
  }
  // The haggle walks down and ends agreed at the buyer's price.
  CHECK(first.back().state.stage == parley::Stage::agreed);
  CHECK(first.back().state.offer == Money::from_yuan(135));
}
