// Property test: the money invariants hold for every suggestion of the
// default rule set over random haggles: buyer messages, counter-offers that
// overbid, repeat, go down or up, lowballs under the floor, quantities,
// profiles, and which suggestion the agent sends. Checked on every priced
// suggestion, whether or not it is the one sent:
//
//   floor        the price, less the extras granted with it, is not below the floor (B4, B5)
//   raise        the price is not above the current offer
//   below ask    nor below what the buyer has offered, this message included
//                (capped at the current offer: a buyer who bid more agreed to it) (B7)
//   word         nor below a price the seller accepted earlier
//   accept       an accept quotes this message's ask (capped at the current
//                offer); a message without an ask is never accepted
//   fixed        a fixed-price item is never quoted below its price (B10)
//   extra twice  no extra granted twice (B5)
//   step         after a concession is sent, it is no larger than the one before (B3)
//   recorded     the offer recorded after a priced reply is sent is that reply's price
//
// ctest runs kHaggles haggles; PARLEY_PROPERTY_HAGGLES=N runs N instead
// (docs/fuzzing.md has the long run), PARLEY_PROPERTY_SEED another seed. A
// failure prints the haggle as a transcript that `parley replay` runs again.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "parley/engine.hpp"
#include "parley/testing.hpp"

using namespace parley;

namespace {

constexpr long kHaggles = 3000;
constexpr std::uint64_t kSeed = 20261122;

const char* const kPhrases[] = {
    "太贵了", "便宜点", "能少点吗", "再少一点吧", "最低多少钱", "抹个零吧", "包邮吗", "有赠品吗",
    "我再看看", "别家更便宜", "算了不要了", "好的", "拍了", "什么时候发货", "担心质量",
    "太贵了, 除非包邮", "买两个能便宜吗", "优惠点呗", "降点", "让一点", "在吗", "多少钱",
    "老顾客了便宜点", "加我微信", "底价多少", "打个九折呗", "少十块我就拍", "行吧", "就这个价吧"};

// Ways to name a price: the buyer's ask is {}.
const char* const kAsks[] = {"{}行吗", "{}包邮行吗", "{}卖不卖", "{}元可以吗", "{}块钱吧",
                             "最多{}", "{}元我就拍", "{}吧, 行就拍", "便宜点, {}行不行"};

// How the buyer names a price this turn, relative to the haggle so far.
enum class Ask { fresh, overbid, at_offer, repeat, lower, higher, lowball };
constexpr const char* kAskNames[] = {"fresh", "overbid", "at offer", "repeat", "lower", "higher", "lowball"};

struct Buyer {
  std::mt19937_64& rng;
  std::optional<long> last_ask;  // yuan

  long between(long lo, long hi) { return std::uniform_int_distribution<long>(lo, std::max(lo, hi))(rng); }

  // The next message and, when it names a price, how it was chosen.
  std::pair<std::string, std::optional<Ask>> next(Money list, Money floor, Money current) {
    const long list_y = static_cast<long>(list.yuan()), floor_y = static_cast<long>(floor.yuan());
    const long current_y = static_cast<long>(current.yuan());
    const long k = between(0, 19);
    if (k < 8) return {kPhrases[between(0, std::size(kPhrases) - 1)], std::nullopt};
    if (k == 8) return {"买" + std::to_string(between(1, 12)) + "个能便宜多少", std::nullopt};  // a quantity
    Ask kind = static_cast<Ask>(between(0, 6));
    if (!last_ask && (kind == Ask::repeat || kind == Ask::lower || kind == Ask::higher)) kind = Ask::fresh;
    long yuan = 0;
    switch (kind) {
      case Ask::fresh: yuan = between(list_y / 2, list_y + list_y / 20); break;
      case Ask::overbid: yuan = current_y + between(1, std::max(1L, current_y / 3)); break;
      case Ask::at_offer: yuan = current_y; break;
      case Ask::repeat: yuan = *last_ask; break;
      case Ask::lower: yuan = *last_ask - between(1, std::max(1L, *last_ask / 5)); break;
      case Ask::higher: yuan = *last_ask + between(1, std::max(1L, *last_ask / 10)); break;
      case Ask::lowball: yuan = between(1, std::max(1L, floor_y * 4 / 5)); break;
    }
    yuan = std::max(1L, yuan);
    last_ask = yuan;
    std::string form = kAsks[between(0, std::size(kAsks) - 1)];
    return {form.replace(form.find("{}"), 2, std::to_string(yuan)), kind};
  }
};

std::string transcript(const std::string& product, std::uint64_t seed, const BuyerProfile& buyer,
                       const std::vector<std::pair<std::string, int>>& turns) {
  std::ostringstream out;
  out << "product: " << product << "\nseed: " << seed << "\nbuyer: {vip: " << (buyer.vip ? "true" : "false")
      << ", coupon_claimed: " << (buyer.coupon_claimed ? "true" : "false") << "}\nturns:\n";
  for (const auto& [text, pick] : turns) out << "  - {buyer: \"" << text << "\", pick: " << pick << "}\n";
  return out.str();
}

struct Tally {
  long haggles = 0, turns = 0, suggestions = 0, priced = 0, accepts = 0, sent_accepts = 0;
  std::map<std::string, long> asks;        // how the buyer named prices, by kind
  std::map<std::string, long> violations;  // by invariant
  std::vector<std::string> examples;       // the first few, with their transcripts
  long violation_count() const {
    long n = 0;
    for (const auto& [name, count] : violations) n += count;
    return n;
  }
};

const Extra* find_extra(const ProductTerms& terms, const std::string& id) {
  for (const Extra& e : terms.extras) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

// Runs `count` random haggles with the default rule set, each of 1 to 12
// buyer messages, checking every suggestion against the invariants above.
Tally haggle(const Engine& engine, long count, std::uint64_t seed_of_run) {
  std::mt19937_64 rng(seed_of_run);
  Tally tally;
  const auto& products = engine.rules().products();
  for (long run = 0; run < count; ++run) {
    const Product& product = products[rng() % products.size()];
    const std::uint64_t seed = rng();
    Conversation c = engine.start(product.id, seed);
    c.buyer.vip = rng() % 4 == 0;
    c.buyer.coupon_claimed = rng() % 2 == 0;
    Buyer buyer{rng, std::nullopt};
    std::vector<std::pair<std::string, int>> turns;
    std::optional<Money> accepted;  // the last price the seller accepted
    Money last_step;                // of the last concession sent; 0: none yet
    const int steps = 1 + static_cast<int>(rng() % 12);
    for (int t = 0; t < steps; ++t) {
      const ProductTerms& terms = *engine.rules().find_terms(c.product_id);
      const Money current = c.offer.value_or(terms.list_price);
      auto [message, ask_kind] = buyer.next(terms.list_price, terms.floor, current);
      if (ask_kind) ++tally.asks[kAskNames[static_cast<int>(*ask_kind)]];
      const SuggestResult r = engine.suggest(c, message);
      const int pick =
          r.suggestions.empty() ? 1 : 1 + static_cast<int>(rng() % std::min<std::size_t>(3, r.suggestions.size()));
      turns.emplace_back(message, pick);
      ++tally.turns;
      std::optional<Money> ask;
      if (const Mention* m = r.signals.price()) ask = Money::from_yuan_checked(m->value);
      std::optional<Money> best = c.buyer_best;
      if (ask && (!best || *ask > *best)) best = ask;
      const std::optional<Money> agreed = best ? std::optional(std::min(*best, current)) : std::nullopt;

      auto violated = [&](const char* invariant, const Suggestion& s) {
        ++tally.violations[invariant];
        if (tally.examples.size() < 5) {
          std::ostringstream out;
          out << invariant << ": rule " << s.rule_id << " (" << to_string(s.action) << ") offers "
              << (s.offer ? s.offer->to_string() : "nothing") << " at offer " << current.to_string()
              << (ask ? ", ask " + ask->to_string() : "") << (c.buyer_best ? ", best " + c.buyer_best->to_string() : "")
              << ": " << s.text << "\nreplay this transcript:\n" << transcript(c.product_id, seed, c.buyer, turns);
          tally.examples.push_back(out.str());
        }
      };
      for (const Suggestion& s : r.suggestions) {
        ++tally.suggestions;
        if (s.action == Action::accept) {
          ++tally.accepts;
          if (!s.offer || !ask || *s.offer != std::min(*ask, current)) violated("accept", s);
        }
        if (!s.offer) continue;
        ++tally.priced;
        Money extras = c.extras_cost;
        for (const std::string& id : s.extras) {
          if (std::find(c.extras_granted.begin(), c.extras_granted.end(), id) != c.extras_granted.end()) {
            violated("extra twice", s);
          }
          if (const Extra* e = find_extra(terms, id)) extras += e->cost;
        }
        if (*s.offer - extras < terms.floor) violated("floor", s);
        if (*s.offer > current) violated("raise", s);
        if (agreed && *s.offer < *agreed) violated("below ask", s);
        if (accepted && *s.offer < *accepted) violated("word", s);
        if (terms.fixed_price && *s.offer < terms.list_price) violated("fixed", s);
      }
      if (r.suggestions.empty()) {
        c = engine.observe_seller_text(c, message, "亲，稍等");
        continue;
      }
      const Suggestion& chosen = r.suggestions[static_cast<std::size_t>(pick - 1)];
      Conversation next = engine.apply(c, message, chosen);
      if (chosen.offer && next.offer.value_or(terms.list_price) != *chosen.offer) violated("recorded", chosen);
      if (next.concessions > c.concessions) {
        const Money step = current - next.offer.value_or(terms.list_price);
        if (last_step > Money() && step > last_step) violated("step", chosen);
        last_step = step;
      }
      if (chosen.action == Action::accept && chosen.offer) {
        ++tally.sent_accepts;
        accepted = *chosen.offer;
      }
      c = std::move(next);
    }
    ++tally.haggles;
  }
  return tally;
}

long from_env(const char* name, long otherwise) {
  const char* text = std::getenv(name);
  return text && *text ? std::strtol(text, nullptr, 10) : otherwise;
}

}  // namespace

TEST_CASE("no suggestion of the default rule set ever loses money or breaks its word") {
  Engine engine(RuleSet::load_default());
  const long count = from_env("PARLEY_PROPERTY_HAGGLES", kHaggles);
  const auto seed = static_cast<std::uint64_t>(from_env("PARLEY_PROPERTY_SEED", kSeed));
  const Tally tally = haggle(engine, count, seed);
  std::ostringstream asks;
  for (const auto& [kind, n] : tally.asks) asks << " " << kind << " " << n;
  MESSAGE(tally.haggles << " haggles (seed " << seed << "), " << tally.turns << " buyer messages, "
                        << tally.suggestions << " suggestions checked, " << tally.priced << " priced, "
                        << tally.accepts << " accepts (" << tally.sent_accepts << " sent); asks:" << asks.str()
                        << "; violations: " << tally.violation_count());
  for (const auto& [invariant, n] : tally.violations) MESSAGE(invariant << ": " << n);
  for (const std::string& example : tally.examples) MESSAGE(example);
  CHECK(tally.haggles == count);
  CHECK(tally.violation_count() == 0);
  // The generator reaches the cases it exists for.
  if (count >= kHaggles) {
    CHECK(tally.asks.at("overbid") > 0);
    CHECK(tally.asks.at("repeat") > 0);
    CHECK(tally.asks.at("lower") > 0);
    CHECK(tally.sent_accepts > 0);
  }
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
