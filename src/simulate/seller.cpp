#include "simulate/seller.hpp"

#include <algorithm>
#include <cmath>

namespace parley::simulate {

void RulesSeller::start(const std::string& product, const ProductTerms&, std::uint64_t seed) {
  conversation_ = engine_.start(product, seed);
  pick_rng_ = Rng(mix_seed(seed, 0x70696b, hash_name(strategy_.name)));
}

void RulesSeller::set_context(const BuyerProfile& buyer, const std::map<std::string, Fact>& facts) {
  conversation_.buyer = buyer;
  conversation_.facts = facts;
}

SellerMove RulesSeller::reply(const Move& move) {
  SuggestOptions options;
  options.explain = false;
  options.top = strategy_.pick == Strategy::Pick::top ? 1 : strategy_.pick == Strategy::Pick::top_k ? strategy_.k : 0;
  engine_.suggest(conversation_, move.text, options, result_, workspace_);
  SellerMove out;
  const auto& suggestions = result_.suggestions;
  if (suggestions.empty()) {
    out.silent = true;
    conversation_ = engine_.observe_seller_text(conversation_, move.text, "");
    return out;
  }
  std::size_t chosen = 0;
  if (strategy_.pick == Strategy::Pick::top_k) {
    chosen = pick_rng_.below(std::min<std::size_t>(suggestions.size(), static_cast<std::size_t>(strategy_.k)));
  } else if (strategy_.pick == Strategy::Pick::weighted) {
    double total = 0;
    for (const Suggestion& s : suggestions) total += std::max(s.score, 0.0);
    double u = pick_rng_.uniform() * total;
    for (std::size_t i = 0; i < suggestions.size(); ++i) {
      chosen = i;
      if ((u -= std::max(suggestions[i].score, 0.0)) < 0) break;
    }
  }
  const Suggestion& s = suggestions[chosen];
  out.action = s.action;
  out.offer = s.offer;
  out.extras = s.extras;
  out.text = s.text;
  out.rule_id = s.rule_id;
  conversation_ = engine_.apply(conversation_, move.text, s);
  return out;
}

void BaselineSeller::start(const std::string&, const ProductTerms& terms, std::uint64_t) {
  terms_ = &terms;
  moves_ = 0;
  last_step_ = Money();
  standing_ = strategy_.kind == Strategy::Kind::floor_first && !terms.fixed_price ? terms.floor : terms.list_price;
}

Money BaselineSeller::price_at(int t) const {
  const Money list = terms_->list_price, floor = terms_->floor;
  if (terms_->fixed_price) return list;  // B10 holds for every seller: no price concession
  switch (strategy_.kind) {
    case Strategy::Kind::floor_first: return floor;
    case Strategy::Kind::never_concede:
    case Strategy::Kind::rules: return list;
    case Strategy::Kind::linear:
    case Strategy::Kind::boulware:
    case Strategy::Kind::conceder: break;
  }
  int T = std::max(strategy_.steps, 1);
  if (t >= T) return floor;
  if (strategy_.kind == Strategy::Kind::linear) {
    // Equal whole-yuan steps, the last one whatever is left.
    std::int64_t step = ((list - floor).fen() + 100 * T - 1) / (100 * T) * 100;
    return std::max(floor, list - Money::from_fen(step * t));
  }
  double e = strategy_.kind == Strategy::Kind::linear ? 1.0 : strategy_.exponent;
  double share = 1.0 - std::pow(static_cast<double>(t) / T, 1.0 / e);
  double fen = static_cast<double>(floor.fen()) + static_cast<double>((list - floor).fen()) * share;
  // Up to whole yuan, so the floor is never crossed.
  std::int64_t yuan = static_cast<std::int64_t>(std::ceil(fen / 100.0 - 1e-9));
  return std::clamp(Money::from_fen(yuan * 100), floor, list);
}

Money BaselineSeller::next_price() const {
  Money next = std::min(price_at(moves_ + 1), standing_);
  // Rounding to whole yuan can make a step of a curve that shrinks (e > 1)
  // a yuan larger than the one before; such a step is cut to the last one.
  // Boulware's steps grow by design and are left as they are.
  if (strategy_.kind == Strategy::Kind::conceder && last_step_ > Money() && standing_ - next > last_step_) {
    next = standing_ - last_step_;
  }
  return next;
}

SellerMove BaselineSeller::reply(const Move& move) {
  SellerMove out;
  auto say = [](std::string_view a, Money p, std::string_view b) {
    return std::string(a) + p.to_string() + std::string(b);
  };
  switch (move.kind) {
    case MoveKind::accept:
      out.action = Action::close;
      out.offer = standing_;
      out.text = say("好的亲, ", standing_, "元, 拍下就给您发货");
      return out;
    case MoveKind::leave_firm:
    case MoveKind::leave_soft:
      out.action = Action::retreat;
      out.text = "好的亲, 欢迎下次再来";
      return out;
    case MoveKind::counter: {
      Money bid = *move.bid;
      if (bid >= next_price()) {  // AC_next
        out.action = Action::accept;
        out.offer = std::min(bid, standing_);
        standing_ = *out.offer;
        out.text = say("行, 就", standing_, "元");
        return out;
      }
      break;
    }
    case MoveKind::push:
    case MoveKind::ask_extra:
    case MoveKind::compare:
    case MoveKind::replay: break;
    case MoveKind::greet:
    case MoveKind::ask_price:
    case MoveKind::ask_quality:
    case MoveKind::nudge:
      out.action = move.kind == MoveKind::ask_quality ? Action::answer : Action::hold;
      out.offer = standing_;
      out.text = say(move.kind == MoveKind::ask_quality ? "质量放心, 现在" : "亲, 现在", standing_, "元");
      return out;
  }
  // A price move: the next step of the curve.
  Money next = next_price();
  ++moves_;
  if (next < standing_) last_step_ = standing_ - next;
  out.action = next < standing_ ? Action::concede : Action::hold;
  standing_ = next;
  out.offer = standing_;
  out.text = say(out.action == Action::concede ? "给您" : "这个价已经很实在了, ", standing_, "元");
  return out;
}

std::unique_ptr<Seller> make_seller(const Engine& engine, const Strategy& strategy) {
  if (strategy.kind == Strategy::Kind::rules) return std::make_unique<RulesSeller>(engine, strategy);
  return std::make_unique<BaselineSeller>(strategy);
}

}  // namespace parley::simulate
