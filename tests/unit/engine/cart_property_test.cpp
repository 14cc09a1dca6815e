// Property test: random haggles over several products of the default shop
// at once, with quantities, keep every money invariant. A buyer turns from
// one product to another and back (书桌多少钱 in a conversation about the
// socket), buys 1 to 20 units, names prices per unit (150行吗, 每个140),
// as a total for N units (三双一千五, 2个280行吗) or for the whole cart
// (一共800行吗), and asks for amounts off (少两块吧, 抹个零吧); the agent
// sends the top suggestion or a random one. Each message's price means what
// the generator meant by it (a unit price worked out here, not read back
// from the engine); every priced suggestion is checked against it:
//
//   floor      the price, less the extras granted with it, is not below the product's floor (B4, B5)
//   raise      the price is not above the product's current offer
//   below ask  nor below what the buyer offered per unit, this message included (capped at the offer) (B7)
//   accept     an accept takes this message's unit price (capped at the offer), and only when there is one
//   quoted     an accept names the buyer's number as the buyer said it (its total for a total)
//   relative   a concession on 少N / 抹零 gives no more than asked
//   fixed      a fixed-price item is never quoted below its price (B10)
//   twice      no extra granted twice (B5)
//   step       after a concession is sent, it is no larger than the one before for that product (B3)
//   recorded   the offer recorded after a priced reply is sent is that reply's price
//
// ctest runs kHaggles haggles; PARLEY_CART_HAGGLES=N runs N (docs/fuzzing.md),
// PARLEY_CART_SEED another seed. A failure prints a replayable transcript.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <sstream>

#include "parley/engine.hpp"
#include "parley/text.hpp"

using namespace parley;

namespace {

constexpr long kHaggles = 5000;
constexpr std::uint64_t kSeed = 20261207;

// A word that names each product of the default shop (one of its aliases).
const std::map<std::string, std::string> kNames = {
    {"pdu", "插座"},       {"sneaker", "球鞋"},       {"bed-set", "这套床"},  {"desk", "书桌"},
    {"wedding-cards", "喜帖"}, {"massage-cushion", "按摩垫"}, {"skincare", "护肤品"}};

const char* const kPhrases[] = {"太贵了",   "便宜点", "能少点吗", "再少一点吧", "最低多少钱", "包邮吗", "有赠品吗",
                                "好的",     "拍了",   "多少钱",   "让一点",     "降点",       "行吧",   "有什么活动"};

struct Line {
  Money offer;
  Money last_step;  // of the last concession sent, 0: none
  std::optional<Money> accepted;
};

long from_env(const char* name, long otherwise) {
  const char* text = std::getenv(name);
  return text && *text ? std::strtol(text, nullptr, 10) : otherwise;
}

std::string yuan_text(std::mt19937_64& rng, long yuan) {
  // Chinese numerals now and then (一千五, 三百九十), digits otherwise.
  if (rng() % 4 == 0 && yuan > 0 && yuan < 100000) return to_chinese_numeral(yuan, NumeralStyle::everyday);
  return std::to_string(yuan);
}

std::string count_text(std::mt19937_64& rng, int n) {
  if (n <= 10 && rng() % 2 == 0) return to_chinese_numeral(n, NumeralStyle::everyday);
  return std::to_string(n);
}

struct Tally {
  long haggles = 0, turns = 0, suggestions = 0, priced = 0, accepts = 0, switches = 0, totals = 0, carts = 0,
       relatives = 0, granted_exactly = 0;
  std::map<std::string, long> violations;
  std::vector<std::string> examples;
  long violation_count() const {
    long n = 0;
    for (const auto& [name, count] : violations) n += count;
    return n;
  }
};

std::string transcript(const std::string& product, std::uint64_t seed,
                       const std::vector<std::pair<std::string, int>>& turns) {
  std::ostringstream out;
  out << "product: " << product << "\nseed: " << seed << "\nturns:\n";
  for (const auto& [text, pick] : turns) out << "  - {buyer: \"" << text << "\", pick: " << pick << "}\n";
  return out.str();
}

Tally haggle(const Engine& engine, long count, std::uint64_t seed_of_run) {
  std::mt19937_64 rng(seed_of_run);
  const RuleSet& rules = engine.rules();
  const auto& products = rules.products();
  auto between = [&](long lo, long hi) { return std::uniform_int_distribution<long>(lo, std::max(lo, hi))(rng); };
  Tally tally;
  for (long run = 0; run < count; ++run) {
    const std::string first = products[rng() % products.size()].id;
    const std::uint64_t seed = rng();
    Conversation c = engine.start(first, seed);
    std::map<std::string, Line> lines;  // by product: the test's own record
    std::vector<std::pair<std::string, int>> turns;
    const int steps = 2 + static_cast<int>(rng() % 10);
    for (int t = 0; t < steps; ++t) {
      // Which product the message is about: now and then another one, named.
      std::string about = c.product_id;
      std::string message;
      if (rng() % 4 == 0) {
        about = products[rng() % products.size()].id;
        if (about != c.product_id) {
          message = kNames.at(about);
          ++tally.switches;
        }
      }
      const Product& product = *rules.find_product(about);
      const ProductTerms& terms = *rules.find_terms(about);
      Line& line = lines.try_emplace(about, Line{terms.list_price, Money(), std::nullopt}).first->second;
      // The line as the engine holds it: the conversation's fields for the
      // product in focus, a parked haggle's otherwise.
      Money current = terms.list_price;
      std::optional<Money> best;
      if (about == c.product_id) {
        current = c.offer.value_or(terms.list_price);
        best = c.buyer_best;
      } else if (auto p = c.parked.find(about); p != c.parked.end()) {
        current = p->second.offer.value_or(terms.list_price);
        best = p->second.buyer_best;
      }
      const std::vector<std::string> granted =
          about == c.product_id ? c.extras_granted
                                : (c.parked.count(about) ? c.parked.at(about).extras_granted : std::vector<std::string>{});
      Money extras_cost = about == c.product_id ? c.extras_cost
                                                : (c.parked.count(about) ? c.parked.at(about).extras_cost : Money());
      int units = 1;
      if (auto it = c.cart.find(about); it != c.cart.end()) units = std::max(1, it->second);

      // What the buyer says, and what it means per unit.
      std::optional<Money> ask;      // per unit
      std::optional<Money> said;     // as said (a total for a total)
      std::optional<Money> asked;    // a relative ask's price
      const long current_y = current.fen() / 100;
      const long floor_y = terms.floor.fen() / 100;
      const long unit_y = std::max(1L, between(floor_y * 4 / 5, current_y + current_y / 20));
      const int kind = static_cast<int>(rng() % 10);
      if (kind < 3) {
        message += kPhrases[rng() % std::size(kPhrases)];
      } else if (kind == 3) {
        units = static_cast<int>(between(1, 20));
        message += "买" + count_text(rng, units) + product.unit + "多少钱";
      } else if (kind == 4) {  // per unit
        message += (rng() % 2 ? "一" + product.unit : std::string()) + yuan_text(rng, unit_y) + "行吗";
        ask = said = Money::from_yuan(static_cast<double>(unit_y));
      } else if (kind == 5 || kind == 6) {  // a total for N units
        const int n = static_cast<int>(between(2, 20));
        units = n;
        const long total = unit_y * n + between(0, n - 1);
        message += count_text(rng, n) + product.unit + yuan_text(rng, total) + "行吗";
        said = Money::from_yuan(static_cast<double>(total));
        ask = Money::from_fen(said->fen() / n);
        ++tally.totals;
      } else if (kind == 7) {  // the whole cart
        Money others;
        for (const auto& [id, quantity] : c.cart) {
          if (id == about) continue;
          const ProductTerms& other = *rules.find_terms(id);
          Money price = other.list_price;
          if (id == c.product_id) price = c.offer.value_or(other.list_price);
          else if (auto p = c.parked.find(id); p != c.parked.end() && p->second.offer) price = *p->second.offer;
          others += price * quantity;
        }
        const Money total = others + Money::from_yuan(static_cast<double>(unit_y)) * units;
        message += "一共" + std::to_string(total.fen() / 100) + "行吗";
        said = Money::from_fen(total.fen() / 100 * 100);
        ask = Money::from_fen(std::max<std::int64_t>(0, (*said - others).fen()) / units);
        if (*said <= others) ask = Money();
        ++tally.carts;
      } else if (kind == 8) {
        const long off = between(1, 30);
        message += "少" + count_text(rng, static_cast<int>(off)) + "块吧";
        if (Money::from_yuan(static_cast<double>(off)) < current) asked = current - Money::from_yuan(static_cast<double>(off));
        ++tally.relatives;
      } else {
        message += "抹个零吧";
        const std::int64_t fen = current.fen();
        if (fen % 100 != 0) asked = Money::from_fen(fen - fen % 100);
        else if (fen % 1000 != 0 && fen > 1000) asked = Money::from_fen(fen - fen % 1000);
        ++tally.relatives;
      }
      if (ask && (!best || *ask > *best)) best = ask;
      const std::optional<Money> agreed = best ? std::optional(std::min(*best, current)) : std::nullopt;

      const SuggestResult r = engine.suggest(c, message);
      const bool top_only = rng() % 2 == 0;
      const int pick = r.suggestions.empty() || top_only
                           ? 1
                           : 1 + static_cast<int>(rng() % std::min<std::size_t>(4, r.suggestions.size()));
      turns.emplace_back(message, pick);
      ++tally.turns;
      auto violated = [&](const char* invariant, const Suggestion& s) {
        ++tally.violations[invariant];
        if (tally.examples.size() < 5) {
          std::ostringstream out;
          out << invariant << ": about " << about << ", rule " << s.rule_id << " (" << to_string(s.action)
              << ") offers " << (s.offer ? s.offer->to_string() : "nothing") << " at offer " << current.to_string()
              << (ask ? ", ask " + ask->to_string() + " per unit" : "") << ": " << s.text
              << "\nreplay this transcript:\n" << transcript(first, seed, turns);
          tally.examples.push_back(out.str());
        }
      };
      for (const Suggestion& s : r.suggestions) {
        ++tally.suggestions;
        if (s.action == Action::accept) {
          ++tally.accepts;
          if (!s.offer || !ask || *s.offer != std::min(*ask, current)) violated("accept", s);
          else if (said && s.text.find(said->to_string()) == std::string::npos) violated("quoted", s);
        }
        if (!s.offer) continue;
        ++tally.priced;
        Money extras = extras_cost;
        for (const std::string& id : s.extras) {
          if (std::find(granted.begin(), granted.end(), id) != granted.end()) violated("twice", s);
          for (const Extra& e : terms.extras) {
            if (e.id == id) extras += e.cost;
          }
        }
        if (*s.offer - extras < terms.floor) violated("floor", s);
        if (*s.offer > current) violated("raise", s);
        if (agreed && *s.offer < *agreed) violated("below ask", s);
        if (line.accepted && *s.offer < *line.accepted) violated("word", s);
        if (terms.fixed_price && *s.offer < terms.list_price) violated("fixed", s);
        if (asked && (s.action == Action::concede || s.action == Action::trade) && *s.offer < *asked) {
          violated("relative", s);
        }
        if (asked && s.action == Action::concede && *s.offer == *asked) ++tally.granted_exactly;
      }
      if (r.suggestions.empty()) {
        c = engine.observe_seller_text(c, message, "亲，稍等");
        continue;
      }
      const Suggestion& chosen = r.suggestions[static_cast<std::size_t>(pick - 1)];
      Conversation next = engine.apply(c, message, chosen);
      if (next.product_id != about) violated("focus", chosen);
      if (chosen.offer && next.offer.value_or(terms.list_price) != *chosen.offer) violated("recorded", chosen);
      if (next.product_id == about && next.offer.value_or(terms.list_price) < current) {
        const Money step = current - next.offer.value_or(terms.list_price);
        if (line.last_step > Money() && step > line.last_step) violated("step", chosen);
        line.last_step = step;
      }
      if (chosen.action == Action::accept && chosen.offer) line.accepted = *chosen.offer;
      c = std::move(next);
    }
    ++tally.haggles;
  }
  return tally;
}

}  // namespace

TEST_CASE("random multi-product haggles with quantities and totals keep every money invariant") {
  Engine engine(RuleSet::load_default());
  const long count = from_env("PARLEY_CART_HAGGLES", kHaggles);
  const auto seed = static_cast<std::uint64_t>(from_env("PARLEY_CART_SEED", kSeed));
  const Tally tally = haggle(engine, count, seed);
  MESSAGE(tally.haggles << " haggles (seed " << seed << "), " << tally.turns << " buyer messages ("
                        << tally.switches << " to another product, " << tally.totals << " totals for N units, "
                        << tally.carts << " cart totals, " << tally.relatives << " relative asks), "
                        << tally.suggestions << " suggestions checked, " << tally.priced << " priced, "
                        << tally.accepts << " accepts, " << tally.granted_exactly
                        << " relative asks granted exactly; violations: " << tally.violation_count());
  for (const auto& [invariant, n] : tally.violations) MESSAGE(invariant << ": " << n);
  for (const std::string& example : tally.examples) MESSAGE(example);
  CHECK(tally.haggles == count);
  CHECK(tally.violation_count() == 0);
  if (count >= kHaggles) {
    CHECK(tally.switches > 0);
    CHECK(tally.totals > 0);
    CHECK(tally.carts > 0);
    CHECK(tally.granted_exactly > 0);
  }
}
