#include "simulate/buyer.hpp"

#include <algorithm>
#include <cmath>

namespace parley::simulate {
namespace {

Money yuan(double y) { return Money::from_yuan(y); }

}  // namespace

Money buyer_round(Money price) {
  std::int64_t y = price.fen() / 100;
  if (y >= 1000) y -= y % 10;
  else if (y >= 100) y -= y % 5;
  return Money::from_fen(std::max<std::int64_t>(y, 1) * 100);
}

Traits draw_traits(const Product& product, const ProductTerms& terms, const Population& pop, Rng& rng) {
  Traits t;
  // The style, by weight.
  double total = 0;
  for (const auto& [style, weight] : pop.styles) {
    if (style != Style::replay && weight > 0) total += weight;
  }
  double u = rng.uniform() * total;
  t.style = Style::linear;
  for (const auto& [style, weight] : pop.styles) {
    if (style == Style::replay || weight <= 0) continue;
    t.style = style;
    if ((u -= weight) < 0) break;
  }
  double list = terms.list_price.yuan(), floor = terms.floor.yuan();
  double margin = std::max(list - floor, 1.0);
  double lo = floor - pop.reservation.below * margin, hi = list + pop.reservation.above * margin;
  double r = pop.reservation.shape == Reservation::Shape::uniform
                 ? rng.uniform(lo, hi)
                 : rng.triangular(lo, lo + pop.reservation.peak * (hi - lo), hi);
  t.reservation = yuan(std::max(r, 1.0));
  t.patience = rng.between(pop.patience_min, pop.patience_max);
  if (rng.chance(pop.quantity_share)) {
    t.quantity = rng.chance(0.7) ? 2 : 3;
    t.says_total = rng.chance(0.5);
  }
  double open_below = 0.3, e = 1;
  switch (t.style) {
    case Style::hard_haggler:
      open_below = rng.uniform(0.3, 0.8);
      e = rng.uniform(0.3, 0.6);
      t.before_bids = rng.between(1, 3);
      t.stuck_limit = 3;
      t.patience += 2;
      break;
    case Style::counter_offerer:
      open_below = rng.uniform(0.0, 0.5);
      e = rng.uniform(0.8, 1.5);
      break;
    case Style::extras_seeker:
      open_below = rng.uniform(0.0, 0.4);
      t.extras_factor = pop.seeker_factor;
      t.wants = terms.shipping_fee > Money() ? "free_shipping" : "gift";
      t.before_bids = 1;
      break;
    case Style::quality_doubter:
      open_below = rng.uniform(0.0, 0.3);
      e = rng.uniform(1.0, 2.0);
      t.before_bids = rng.between(1, 2) + 1;  // questions, then one push
      t.doubt = yuan(rng.uniform(0.15, 0.5) * margin);
      t.patience += 1;
      break;
    case Style::comparison_shopper: {
      t.competitor = buyer_round(yuan(r - rng.uniform(0.05, 0.3) * margin));
      open_below = 0;
      e = 1.5;
      t.before_bids = 2;
      t.patience = std::max(pop.patience_min, t.patience - 2);
      break;
    }
    case Style::quick_agreer:
      open_below = -1;  // the path is flat at the reservation
      t.patience = std::clamp(t.patience, 2, 4);
      t.stuck_limit = 1;
      break;
    case Style::boulware:
      open_below = rng.uniform(0.2, 0.6);
      e = rng.uniform(0.2, 0.5);
      t.stuck_limit = 1000;
      break;
    case Style::conceder:
      open_below = rng.uniform(0.2, 0.6);
      e = rng.uniform(2.0, 4.0);
      t.stuck_limit = 1000;
      break;
    case Style::linear:
      open_below = rng.uniform(0.2, 0.6);
      t.stuck_limit = 1000;
      break;
    case Style::replay: break;
  }
  t.patience = std::max(t.patience, 2);
  t.exponent = e;
  double open = open_below < 0 ? r : floor - open_below * margin;
  if (t.style == Style::comparison_shopper) open = t.competitor.yuan() - rng.uniform(0.0, 0.2) * margin;
  open = std::clamp(open, list * 0.3, r);
  t.open = yuan(open);
  (void)product;
  return t;
}

Buyer::Buyer(const Traits& traits, const ProductTerms& terms, const Population& population)
    : traits_(traits), terms_(terms), population_(population), standing_(terms.list_price) {}

double Buyer::extra_value(const std::string& id) const {
  for (const Extra& e : terms_.extras) {
    if (e.id != id) continue;
    double factor = id == "free_shipping" ? population_.shipping_value
                    : id == "gift"        ? population_.gift_value
                                          : population_.other_value;
    return e.cost.yuan() * factor * traits_.extras_factor;
  }
  return 0;
}

Money Buyer::effective() const {
  double value = 0;
  for (const std::string& id : extras_) value += extra_value(id);
  return standing_ - Money::from_yuan(value / traits_.quantity);
}

Money Buyer::reservation_now() const {
  if (traits_.style == Style::quality_doubter && !reassured_) return traits_.reservation - traits_.doubt;
  return traits_.reservation;
}

Money Buyer::path(int r) const {
  Money R = reservation_now();
  Money open = std::min(traits_.open, R);
  if (r >= traits_.patience) return R;
  double x = traits_.patience <= 1 ? 1.0 : static_cast<double>(r - 1) / (traits_.patience - 1);
  double f = std::pow(std::clamp(x, 0.0, 1.0), 1.0 / traits_.exponent);
  Money p = open + Money::from_yuan((R - open).yuan() * f);
  return std::min(buyer_round(p), R);
}

Move Buyer::finish(MoveKind kind, Outcome outcome) {
  finished_ = true;
  outcome_ = outcome;
  Move m;
  m.kind = kind;
  m.quantity = traits_.quantity;
  return m;
}

Move Buyer::bid(Money price, const std::string& extra) {
  if (last_bid_ && price < *last_bid_) price = *last_bid_;  // a buyer never takes back a price
  Move m;
  m.kind = MoveKind::counter;
  m.bid = price;
  m.quantity = traits_.quantity;
  m.total = traits_.says_total;
  m.mention_quantity = traits_.quantity > 1;
  m.extra = extra;
  last_bid_ = price;
  if (!best_bid_ || price > *best_bid_) best_bid_ = price;
  return m;
}

Move Buyer::next() {
  Move m = [&]() -> Move {
    const int r = round_ + 1;
    const Money eff = effective();
    const Money R = reservation_now();
    const int q = traits_.quantity;
    if (heard_) {
      // The seller took the buyer's own price.
      if (last_reply_.action == Action::accept && last_reply_.offer && last_bid_ && *last_reply_.offer <= *last_bid_) {
        return finish(MoveKind::accept, Outcome::deal);
      }
      if (silent_streak_ >= 2 || (silent_streak_ == 1 && r >= traits_.patience)) {
        if (eff <= R) return finish(MoveKind::accept, Outcome::deal);
        return finish(MoveKind::leave_soft, Outcome::left_unheard);
      }
      if (silent_streak_ == 1) {
        Move nudge;
        nudge.kind = MoveKind::nudge;
        return nudge;
      }
      if ((last_reply_.action == Action::retreat || last_reply_.action == Action::handoff) &&
          last_.kind != MoveKind::accept) {
        if (eff <= R) return finish(MoveKind::accept, Outcome::deal);
        return finish(MoveKind::leave_soft, Outcome::seller_ended);
      }
      if (eff <= path(r)) return finish(MoveKind::accept, Outcome::deal);
      if (stuck_ >= traits_.stuck_limit && eff <= R) return finish(MoveKind::accept, Outcome::deal);
    }
    if (r >= traits_.patience) {
      if (heard_ && eff <= R) return finish(MoveKind::accept, Outcome::deal);
      bool firm = traits_.style == Style::hard_haggler || traits_.style == Style::quick_agreer ||
                  (traits_.style != Style::comparison_shopper && (r % 2 == 0));
      return finish(firm ? MoveKind::leave_firm : MoveKind::leave_soft, Outcome::walked_away);
    }
    Move mv;
    mv.quantity = q;
    auto push = [&] {
      Move p;
      p.kind = MoveKind::push;
      p.quantity = q;
      p.again = pushes_ > 0;
      p.mention_quantity = q > 1 && r == 1;
      ++pushes_;
      return p;
    };
    auto ask = [&](MoveKind k) {
      Move a;
      a.kind = k;
      a.quantity = q;
      a.mention_quantity = q > 1 && r == 1;
      if (k == MoveKind::ask_quality) ++questions_;
      return a;
    };
    switch (traits_.style) {
      case Style::quick_agreer:
        if (r == 1) return ask(MoveKind::ask_price);
        if (r == 2) return push();
        return bid(buyer_round(R));
      case Style::hard_haggler:
        if (r <= traits_.before_bids) return r == 1 && traits_.patience % 3 == 0 ? ask(MoveKind::ask_price) : push();
        return bid(path(r));
      case Style::counter_offerer: return bid(path(r));
      case Style::extras_seeker: {
        bool granted = std::find(extras_.begin(), extras_.end(), traits_.wants) != extras_.end();
        if (r == 1) {
          Move a = ask(MoveKind::ask_extra);
          a.extra = traits_.wants;
          return a;
        }
        if (!granted) return bid(path(r), traits_.wants);
        bool gift_too = std::find(extras_.begin(), extras_.end(), "gift") != extras_.end();
        if (!gift_too && r % 2 == 0) {
          Move a = ask(MoveKind::ask_extra);
          a.extra = "gift";
          return a;
        }
        return bid(path(r));
      }
      case Style::quality_doubter:
        if (r < traits_.before_bids) return ask(MoveKind::ask_quality);
        if (r == traits_.before_bids) return push();
        return bid(path(r));
      case Style::comparison_shopper:
        if (r == 1) {
          Move c;
          c.kind = MoveKind::compare;
          c.quantity = q;
          c.competitor = traits_.competitor;
          return c;
        }
        if (r == 2) {
          Move c;
          c.kind = MoveKind::compare;
          c.quantity = q;
          return c;
        }
        return bid(path(r));
      case Style::boulware:
      case Style::conceder:
      case Style::linear:
        if (r == 1 && traits_.patience % 2 == 0) return ask(MoveKind::ask_price);
        return bid(path(r));
      case Style::replay: break;
    }
    return push();
  }();
  ++round_;
  last_ = m;
  return m;
}

void Buyer::hear(const SellerMove& reply) {
  heard_ = true;
  last_reply_ = reply;
  if (reply.silent) {
    ++silent_streak_;
    if (is_price_move(last_.kind)) ++stuck_;
    return;
  }
  silent_streak_ = 0;
  Money before = standing_;
  if (reply.offer) standing_ = *reply.offer;
  for (const std::string& x : reply.extras) {
    if (std::find(extras_.begin(), extras_.end(), x) == extras_.end()) extras_.push_back(x);
  }
  if (is_price_move(last_.kind)) {
    bool moved = standing_ < before || !reply.extras.empty();
    stuck_ = moved ? 0 : stuck_ + 1;
  }
  if (last_.kind == MoveKind::ask_quality && (reply.action == Action::hold || reply.action == Action::answer)) {
    reassured_ = true;
  }
}

}  // namespace parley::simulate
