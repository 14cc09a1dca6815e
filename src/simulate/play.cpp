#include "simulate/play.hpp"

#include <algorithm>

#include "simulate/buyer.hpp"
#include "simulate/phrases.hpp"

namespace parley::simulate {
namespace {

// Watches the seller's replies for the invariants and the playbook checks.
class Judge {
 public:
  Judge(const ProductTerms& terms, Played& p) : terms_(terms), p_(p), lowest_(terms.list_price), standing_(terms.list_price) {}

  // Checks one exchange; returns the flags raised by it.
  std::vector<std::string> see(const Move& m, const SellerMove& r) {
    std::vector<std::string> flags;
    ++p_.turns;
    const Money before = standing_;
    if (m.bid && (!buyer_best_ || *m.bid > *buyer_best_)) buyer_best_ = m.bid;
    if (r.silent) {
      ++p_.silent;
      p_.silent_seen = true;
      flags.push_back("silent turn");
    }
    // Extras first: the price a reply names must cover them.
    const Money cost_before = extras_cost_;
    for (const std::string& x : r.extras) {
      if (std::find(granted_.begin(), granted_.end(), x) != granted_.end()) continue;
      granted_.push_back(x);
      for (const Extra& e : terms_.extras) {
        if (e.id == x) extras_cost_ += e.cost;
      }
      // A fixed-price product never gets a price step: extras are all it
      // can give (B10), so neither B5 check applies to it.
      if (terms_.fixed_price) continue;
      ++p_.b5_first_step.applied;
      if (concessions_ > 0) {
        ++p_.b5_first_step.held;
      } else {
        p_.early_extra = true;
        flags.push_back("B5: extra " + x + " before any price step");
      }
      ++p_.b5_near_floor.applied;
      Money price = r.offer.value_or(before);
      Money margin = terms_.list_price - terms_.floor;
      if ((price - terms_.floor - cost_before) * 3 <= margin) {
        ++p_.b5_near_floor.held;
      } else {
        flags.push_back("B5: extra " + x + " far from the floor");
      }
    }
    const bool lowered = r.offer && *r.offer < before;
    if (r.offer) {
      const Money price = *r.offer;
      if (price < terms_.floor + extras_cost_) {
        ++p_.below_floor;
        flags.push_back("price below the floor net of extras");
      }
      if (price > lowest_) {
        ++p_.quote_up;
        flags.push_back("quote above an earlier quote");
      }
      if (lowered) {
        Money step = before - price;
        if (last_step_ > Money() && step > last_step_) {
          ++p_.step_grew;
          flags.push_back("concession larger than the one before");
        }
        last_step_ = step;
        ++concessions_;
      }
      if (buyer_best_ && price < *buyer_best_) {
        ++p_.below_buyer_best;
        flags.push_back("price below the buyer's best offer");
      }
      if (agreed_ && price < *agreed_) {
        ++p_.below_agreed;
        flags.push_back("price below the agreed price");
      }
      if (buyer_best_ && (lowered || r.action == Action::accept)) {
        ++p_.b7.applied;
        bool held = r.action == Action::accept ? price >= *buyer_best_ : price > *buyer_best_;
        if (held) ++p_.b7.held;
        else flags.push_back("B7: conceded to the buyer's price instead of accepting it");
      }
      lowest_ = std::min(lowest_, price);
      standing_ = price;
    }
    // Misreadings: an accept of a price the buyer did not name, a retreat
    // from a buyer who is still buying.
    if (!r.silent && r.action == Action::accept && m.kind != MoveKind::accept &&
        !(m.kind == MoveKind::counter && r.offer && m.bid && *r.offer == *m.bid)) {
      p_.misread = true;
      flags.push_back("accept of a price the buyer did not name");
    }
    if (!r.silent && (r.action == Action::retreat) && m.kind != MoveKind::leave_firm &&
        m.kind != MoveKind::leave_soft && m.kind != MoveKind::replay) {
      p_.misread = true;
      flags.push_back("retreat while the buyer is still buying");
    }
    if ((m.kind == MoveKind::push || m.kind == MoveKind::compare) && !pushed_) {
      pushed_ = true;
      ++p_.b2.applied;
      if (!r.silent && !lowered && r.extras.empty()) {
        ++p_.b2.held;
      } else {
        p_.b2_failed = true;
        flags.push_back("B2: the first price push got no value reply");
      }
    }
    if (is_price_move(m.kind)) {
      bool moved = lowered || !r.extras.empty();
      frozen_run_ = (!moved && before > terms_.floor + extras_cost_) ? frozen_run_ + 1 : 0;
      if (frozen_run_ >= 2 && !p_.frozen) {
        p_.frozen = true;
        flags.push_back("price frozen over two price moves");
      }
    }
    if (m.kind == MoveKind::accept) agreed_ = before;
    if (m.kind == MoveKind::accept && !m.paid) {  // a buyer who says it has paid needs no close
      ++p_.b8.applied;
      if (!r.silent && (r.action == Action::close || r.action == Action::accept)) ++p_.b8.held;
      else flags.push_back("B8: the buyer's yes got no close");
    }
    if (m.kind == MoveKind::leave_firm) {
      ++p_.b17.applied;
      if (!r.silent && r.action == Action::retreat && !lowered && r.extras.empty()) ++p_.b17.held;
      else flags.push_back("B17: a firm no got no retreat");
    }
    return flags;
  }

  Money extras_cost() const { return extras_cost_; }
  Money standing() const { return standing_; }

 private:
  const ProductTerms& terms_;
  Played& p_;
  Money lowest_, standing_, last_step_, extras_cost_;
  std::optional<Money> buyer_best_, agreed_;
  std::vector<std::string> granted_;
  int concessions_ = 0, frozen_run_ = 0;
  bool pushed_ = false;
};

Exchange exchange(const Move& m, const SellerMove& r, Money standing, std::vector<std::string> flags) {
  Exchange x;
  x.buyer = m.text;
  x.move = std::string(to_string(m.kind));
  x.bid = m.bid;
  x.silent = r.silent;
  x.seller = r.text;
  if (!r.silent) x.action = std::string(to_string(r.action));
  x.rule_id = r.rule_id;
  x.offer = r.offer;
  x.extras = r.extras;
  x.standing = standing;
  x.flags = std::move(flags);
  return x;
}

}  // namespace

std::uint64_t buyer_seed(std::uint64_t seed, const std::string& product, std::size_t index) {
  return mix_seed(seed, hash_name(product), index, 0x6275796572);
}

Played play(const Engine&, const Product& product, const ProductTerms& terms, const Options& options,
            const Strategy& strategy, Seller& seller, std::size_t index, Record* record) {
  const std::uint64_t seed = buyer_seed(options.seed, product.id, index);
  Rng traits_rng(seed);
  Traits traits = draw_traits(product, terms, options.population, traits_rng);
  Buyer buyer(traits, terms, options.population);
  // The words are drawn from their own stream, so that the buyer's traits do
  // not depend on how many messages it wrote.
  Rng words(mix_seed(seed, 0x776f726473));
  Wording wording{product.unit, options.population.typo_rate};
  Played p;
  p.style = traits.style;
  p.could_deal = traits.reservation >= terms.floor;
  p.reservation_over_floor = (traits.reservation - terms.floor).yuan();
  Judge judge(terms, p);
  seller.start(product.id, terms, seed);
  if (record) {
    record->strategy = strategy.name;
    record->product = product.id;
    record->index = index;
    record->style = traits.style;
    record->reservation = traits.reservation;
    record->patience = traits.patience;
    record->quantity = traits.quantity;
  }
  while (!buyer.finished()) {
    Move m = buyer.next();
    if (m.kind == MoveKind::accept) m.paid = words.chance(0.25);
    m.text = write(m, wording, words);
    SellerMove r = seller.reply(m);
    std::vector<std::string> flags = judge.see(m, r);
    buyer.hear(r);
    if (record) record->turns.push_back(exchange(m, r, judge.standing(), std::move(flags)));
    if (p.turns > 4 * traits.patience + 8) break;  // a guard; buyers end by their patience
  }
  p.rounds = buyer.round();
  p.outcome = buyer.outcome();
  p.deal = p.outcome == Outcome::deal;
  if (p.deal) {
    Money price = buyer.standing();
    p.margin = ((price - terms.floor) * traits.quantity - judge.extras_cost()).yuan();
    // What the buyer would still have paid: its reservation less the price,
    // less what the extras were worth to it.
    p.left = (traits.reservation - buyer.effective()).yuan();
    if (record) {
      record->price = price;
      record->extras_cost = judge.extras_cost();
      record->margin = p.margin;
    }
  } else if (p.could_deal && p.outcome == Outcome::walked_away && buyer.effective() > traits.reservation) {
    p.slow = true;
  }
  if (record) record->outcome = p.outcome;
  return p;
}

Played play_replay(const Engine& engine, const ProductTerms& terms, const Strategy& strategy,
                   const testing::Transcript& transcript, std::size_t index, Record* record) {
  RulesSeller seller(engine, strategy);
  seller.start(transcript.product, terms, transcript.seed);
  seller.set_context(transcript.buyer, transcript.facts);
  Played p;
  p.style = Style::replay;
  p.replayed = true;
  p.outcome = Outcome::replayed;
  Judge judge(terms, p);
  if (record) {
    record->strategy = strategy.name;
    record->product = transcript.product;
    record->index = index;
    record->style = Style::replay;
    record->outcome = Outcome::replayed;
  }
  for (const testing::TranscriptTurn& turn : transcript.turns) {
    Move m;
    m.kind = MoveKind::replay;
    m.text = turn.buyer;
    SellerMove r = seller.reply(m);
    std::vector<std::string> flags = judge.see(m, r);
    if (record) record->turns.push_back(exchange(m, r, judge.standing(), std::move(flags)));
  }
  p.rounds = static_cast<int>(transcript.turns.size());
  return p;
}

}  // namespace parley::simulate
