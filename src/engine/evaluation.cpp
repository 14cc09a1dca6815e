#include "engine/evaluation.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "context/profile_fields.hpp"
#include "parley/error.hpp"
#include "util/strings.hpp"

namespace parley::engine {
namespace {

using expr::Value;

bool sells(Action action) {
  switch (action) {
    case Action::concede:
    case Action::accept:
    case Action::offer_extra:
    case Action::trade:
    case Action::close:
    case Action::upsell:
      return true;
    default:
      return false;
  }
}

PriceMove price_move(Action action) {
  switch (action) {
    case Action::hold:
    case Action::close: return PriceMove::keep;
    case Action::concede: return PriceMove::concede;
    case Action::accept: return PriceMove::accept;
    case Action::offer_extra: return PriceMove::extra;
    case Action::trade: return PriceMove::trade;
    default: return PriceMove::none;
  }
}

// Splitmix64: a well-mixed template choice from the conversation's seed.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The first run of ASCII digits, read as a whole number: the plain reading
// some hosts define a buyer's price by (`price` is parley's own, richer one).
std::optional<double> first_digit_run(std::string_view text) {
  std::size_t i = util::find_ascii_digit(text);
  if (i == text.size()) return std::nullopt;
  double value = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

const Mention* first_mention(const Signals& signals, MentionKind kind) {
  for (const Mention& m : signals.mentions) {
    if (m.kind == kind) return &m;
  }
  return nullptr;
}

// A profile field's value as conditions read it.
Value profile_value(const std::string& v, const context::ProfileField&, std::vector<Value>&) { return Value::of(std::string_view(v)); }
Value profile_value(bool v, const context::ProfileField&, std::vector<Value>&) { return Value::of(v); }
Value profile_value(double v, const context::ProfileField& f, std::vector<Value>&) {
  return f.none && v == *f.none ? Value::null() : Value::of(v);
}
Value profile_value(int v, const context::ProfileField& f, std::vector<Value>& storage) {
  return profile_value(static_cast<double>(v), f, storage);
}
Value profile_value(const std::vector<std::string>& v, const context::ProfileField&, std::vector<Value>& storage) {
  storage.clear();
  for (const std::string& s : v) storage.push_back(Value::of(std::string_view(s)));
  return Value::of_list(storage);
}

}  // namespace

namespace {

int quantity_of(const Mention& q) { return q.value >= 1 && q.value <= 100000 ? static_cast<int>(q.value) : 0; }

// Whether [begin, end) of the buyer's text runs over a clause boundary.
bool crosses_clause(std::string_view text, std::size_t begin, std::size_t end) {
  const std::string_view span = text.substr(begin, end - begin);
  for (std::string_view mark : {",", ".", "!", "?", ";", " ", "，", "。", "！", "？", "；", "、"}) {
    if (span.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

// The cart line a quantity of the message sets: the product named in the
// quantity's own clause (再加两张书桌, 书桌要两张); else the product whose
// measure word it uses (那书桌呢, 要两张: 张); else the product discussed
// before the message (买3个, 书桌也要: the three are sockets).
const std::string& quantity_line(const rules::Compiled& rules, const Conversation& before, const Signals& signals,
                                 const Mention& q) {
  const std::string& original = signals.normalized.original;
  const std::vector<std::uint32_t>& origin = signals.normalized.origin;
  int in_clause = -1, by_unit = -1;
  rules.product_word_set.for_each_match(signals.normalized.text, [&](const util::KeywordSet::Match& m) {
    const int p = rules.product_of_word[m.keyword];
    const std::size_t begin = origin[m.start], end = origin[m.end];
    if (in_clause < 0 && !crosses_clause(original, std::min<std::size_t>(begin, q.start),
                                         std::max<std::size_t>(end, q.end))) {
      in_clause = p;
    }
    if (by_unit < 0 && !q.unit.empty() && rules.products[p].unit == q.unit) by_unit = p;
  });
  if (in_clause >= 0) return rules.products[in_clause].id;
  const int current = rules.product_index(before.product_id);
  if (!q.unit.empty() && current >= 0 && rules.products[current].unit != q.unit) {
    if (by_unit >= 0) return rules.products[by_unit].id;
    for (const auto& [id, quantity] : before.cart) {
      const int index = rules.product_index(id);
      if (index >= 0 && rules.products[index].unit == q.unit) return rules.products[index].id;
    }
  }
  return before.product_id;
}

}  // namespace

std::map<std::string, int> cart_after(const rules::Compiled& rules, const Conversation& before,
                                      const Signals& signals) {
  std::map<std::string, int> cart = before.cart;
  if (const Mention* q = first_mention(signals, MentionKind::quantity); q && quantity_of(*q) > 0) {
    cart[quantity_line(rules, before, signals, *q)] = quantity_of(*q);
  }
  int& quantity = cart[before.product_id];
  if (quantity < 1) quantity = 1;
  rules.product_word_set.for_each_match(signals.normalized.text, [&](const util::KeywordSet::Match& m) {
    cart.try_emplace(rules.products[rules.product_of_word[m.keyword]].id, 1);
  });
  return cart;
}

int units_after(const rules::Compiled& rules, const Conversation& before, std::string_view product_id,
                const Signals& signals) {
  if (const Mention* q = first_mention(signals, MentionKind::quantity); q && quantity_of(*q) > 0) {
    if (quantity_line(rules, before, signals, *q) == product_id) return quantity_of(*q);
  }
  const auto it = before.cart.find(std::string(product_id));
  return it != before.cart.end() ? std::max(it->second, 1) : 1;
}

int turns_to(const rules::Compiled& rules, const Conversation& conversation, const Signals& signals) {
  const int current = rules.product_index(conversation.product_id);
  int other = -1;
  bool names_current = false;
  rules.product_word_set.for_each_match(signals.normalized.text, [&](const util::KeywordSet::Match& m) {
    const int p = rules.product_of_word[m.keyword];
    if (p == current) names_current = true;
    else if (other < 0) other = p;
  });
  return names_current ? -1 : other;
}

void refocus(Conversation& c, const std::string& product_id) {
  if (product_id == c.product_id) return;
  c.parked[c.product_id] = ParkedNegotiation{c.offer, c.concessions, c.last_step, c.buyer_best, c.extras_granted,
                                             c.extras_cost};
  ParkedNegotiation back;
  if (auto it = c.parked.find(product_id); it != c.parked.end()) {
    back = std::move(it->second);
    c.parked.erase(it);
  }
  c.product_id = product_id;
  c.offer = back.offer;
  c.concessions = back.concessions;
  c.last_step = back.last_step;
  c.buyer_best = back.buyer_best;
  c.extras_granted = std::move(back.extras_granted);
  c.extras_cost = back.extras_cost;
  c.cart.try_emplace(product_id, 1);
}

std::optional<PriceRead> read_price(const rules::Compiled& rules, const Conversation& conversation,
                                    const Mention& mention, const std::map<std::string, int>& cart) {
  const std::optional<Money> said = Money::from_yuan_checked(mention.value);
  if (!said) return std::nullopt;
  PriceRead out;
  out.said = *said;
  out.scope = mention.scope;
  switch (mention.scope) {
    case PriceScope::unspecified:
    case PriceScope::per_unit:
      out.unit = *said;
      return out;
    case PriceScope::units_total:
      out.units = mention.scope_units >= 1 && mention.scope_units <= 100000 ? static_cast<int>(mention.scope_units) : 1;
      break;
    case PriceScope::cart_total: {
      // The other lines at the prices they stand at (a parked haggle's
      // offer, else the list price); what is left pays for this product.
      for (const auto& [id, quantity] : cart) {
        if (id == conversation.product_id) {
          out.units = std::max(quantity, 1);
          continue;
        }
        const int index = rules.product_index(id);
        if (index < 0) continue;
        Money price = rules.products[index].list_price;
        if (auto p = conversation.parked.find(id); p != conversation.parked.end() && p->second.offer) {
          price = *p->second.offer;
        }
        out.others += price * quantity;
      }
      if (out.others >= *said) {  // not even the other lines: nothing left for this one
        out.unit = Money();
        return out;
      }
      break;
    }
  }
  out.unit = Money::from_fen((*said - out.others).fen() / out.units);
  return out;
}

namespace {

// 抹零: the odd part dropped: fen and jiao to whole yuan, else the last
// digit of the yuan (142 -> 140); nullopt when there is nothing to drop.
std::optional<Money> rounded_down(Money offer) {
  const std::int64_t fen = offer.fen();
  if (fen % 100 != 0) return Money::from_fen(fen - fen % 100);
  if (fen % 1000 != 0 && fen > 1000) return Money::from_fen(fen - fen % 1000);
  return std::nullopt;
}

// The price with what it pays for, as a reply says it.
void price_words(std::string& out, Money unit_price, int units, std::string_view unit, std::optional<Money> total,
                 bool cart) {
  // Appends, not fmt: this runs for every priced suggestion.
  out.clear();
  if (cart) {
    out += "一共";
    out += total.value_or(unit_price).to_string();
  } else if (units > 1) {
    const Money sum = total.value_or(unit_price * units);
    if (unit_price * units == sum) {
      out += "每";
      out += unit;
      out += unit_price.to_string();
      out += "元，";
    }
    out += std::to_string(units);
    out += unit;
    out += "一共";
    out += sum.to_string();
  } else {
    out += unit_price.to_string();
  }
  out += "元";
}

}  // namespace

void Evaluation::reset_env(int product) {
  const std::vector<Value>& base = plan_->product_envs[product];
  // plan_ holds the plan env_ was built from alive, so comparing pointers is sound.
  if (!env_ready_ || env_plan_ != plan_.get() || env_product_ != product) {
    env_ = base;
    env_plan_ = plan_.get();
    env_product_ = product;
  } else {
    for (int slot : to_reset_) env_[slot] = base[slot];
  }
  to_reset_.clear();
  env_ready_ = false;  // until prepare() has filled it
}

// For slots only some messages set: noted, so that the next prepare() puts
// the product's value back.
void Evaluation::set(int slot, Value value) {
  env_[slot] = value;
  to_reset_.push_back(slot);
}

void Evaluation::fill_rows(const std::vector<int>& rows) {
  const auto table = context::rows();
  const std::vector<int>& slots = rules_->names.row_slots;
  for (int r : rows) env_[slots[r]] = table[r].fill(situation_);
}

void Evaluation::prepare(const rules::Compiled& r, std::shared_ptr<const Plan> plan, const Conversation& given,
                         const Signals& s) {
  if (r.product_index(given.product_id) < 0) throw Error("unknown product '" + given.product_id + "' in the conversation");
  // A message about another product is answered about that product (its
  // price, its haggle so far): as apply() will record it.
  const Conversation* about = &given;
  if (const int other = turns_to(r, given, s); other >= 0) {
    focused_ = given;
    refocus(focused_, r.products[other].id);
    about = &focused_;
  }
  const Conversation& c = *about;
  given_ = &given;
  const int product = r.product_index(c.product_id);
  rules_ = &r;
  plan_ = std::move(plan);
  conversation_ = &c;
  signals_ = &s;
  product_ = product;
  terms_ = &r.terms[product];
  policy_ = &r.concession[product];
  const Product& info = r.products[product];

  // The derived parts of the situation first, then every name from them.
  context::Situation& sit = situation_;
  sit = context::Situation{};
  sit.shop = &r.shop;
  sit.product = &info;
  sit.conversation = &c;
  sit.signals = &s;
  sit.offer = c.offer.value_or(info.list_price);
  state_ = NegotiationState{sit.offer, c.concessions, c.last_step, c.buyer_best, c.extras_granted, c.extras_cost};
  sit.units = units_after(r, given, c.product_id, s);
  ask_.reset();
  if (const Mention* m = s.price()) {
    ask_ = read_price(r, c, *m, m->scope == PriceScope::cart_total ? cart_after(r, given, s) : std::map<std::string, int>{});
    if (ask_) {
      sit.buyer_price = ask_->unit;
      price_said_.clear();
      switch (ask_->scope) {
        case PriceScope::units_total:
          fmt::format_to(std::back_inserter(price_said_), "{}{}{}元", ask_->units, info.unit, ask_->said.to_string());
          break;
        case PriceScope::cart_total:
          fmt::format_to(std::back_inserter(price_said_), "一共{}元", ask_->said.to_string());
          break;
        case PriceScope::per_unit:
          fmt::format_to(std::back_inserter(price_said_), "{}元一{}", ask_->said.to_string(), info.unit);
          break;
        case PriceScope::unspecified:
          fmt::format_to(std::back_inserter(price_said_), "{}元", ask_->said.to_string());
          break;
      }
      sit.price_said = price_said_;
    }
  } else if (const Mention* rel = first_mention(s, MentionKind::relative)) {
    // 少两块 asks for the offer less 2; 抹零 for the odd yuan dropped.
    if (rel->has(MentionFlag::round_down)) {
      sit.asked_price = rounded_down(sit.offer);
    } else if (const std::optional<Money> off = Money::from_yuan_checked(rel->value); off && *off > Money()) {
      if (*off < sit.offer) sit.asked_price = sit.offer - *off;
    }
  }
  if (plan_->reads_policy) {
    sit.next_offer = parley::next_offer(*terms_, *policy_, state_);
    if (sit.buyer_price) sit.counter = respond_to_counter(*terms_, *policy_, state_, *sit.buyer_price);
    sit.next_extra = parley::next_extra(*terms_, state_, sit.offer);
  }
  sit.first_number = first_digit_run(s.normalized.original);

  // The topic the buyer keeps coming back to: used twice or more, counting
  // this message (B20); what to say about it, or the first selling point.
  int best = 1;
  for (const auto& [topic, count] : c.topic_counts) {
    int total = count + static_cast<int>(std::count(s.topics.begin(), s.topics.end(), topic));
    if (total > best) {
      best = total;
      sit.focus = topic;
    }
  }
  // Without a focus, the first selling point not said yet (then the first).
  const auto& said_points = c.said.points;
  const auto unsaid = std::find_if(info.selling_points.begin(), info.selling_points.end(), [&](const auto& point) {
    return std::find(said_points.begin(), said_points.end(), point.first) == said_points.end();
  });
  const auto* point = unsaid != info.selling_points.end() ? &*unsaid
                      : info.selling_points.empty()        ? nullptr
                                                           : &info.selling_points.front();
  for (const auto& p : info.selling_points) {
    if (!sit.focus.empty() && p.first == sit.focus) point = &p;
  }
  if (point) {
    sit.selling_point = point->second;
    sit.selling_point_key = point->first;
  }
  for (const std::string& g : c.buyer.groups) {
    const auto& banned = r.compliance.banned_groups;
    sit.banned |= std::find(banned.begin(), banned.end(), g) != banned.end();
  }
  upsell_.reset();
  cart_.clear();
  upsell_ready_ = cart_ready_ = false;

  // The env starts as the product's; rows some rule reads are filled from
  // the situation, the families (intents, profile, facts) by their loops.
  reset_env(product);
  const context::Names& n = r.names;
  if (plan_->reads_intents) {
    for (const IntentScore& intent : s.intents) set(n.intent_slots[intent.index], Value::of(true));
  }
  fill_rows(plan_->message_rows);
  if (!plan_->profile_fields.empty()) {
    std::size_t field = 0;
    auto next = plan_->profile_fields.begin();
    context::for_each_profile_field([&](const context::ProfileField& f, auto member) {
      if (next != plan_->profile_fields.end() && *next == static_cast<int>(field)) {
        env_[n.profile_slots[field]] = profile_value(c.buyer.*member, f, groups_);
        ++next;
      }
      ++field;
    });
  }
  for (int f : plan_->facts) {
    const context::FactDecl& decl = n.facts[f];
    auto it = c.facts.find(decl.name);
    if (it == c.facts.end()) continue;
    const Fact& fact = it->second;
    const int slot = n.fact_slots[f];
    if (const bool* v = std::get_if<bool>(&fact); v && decl.type == expr::Type::boolean) {
      set(slot, Value::of(*v));
    } else if (const double* d = std::get_if<double>(&fact); d && decl.type == expr::Type::number) {
      set(slot, Value::of(*d));
    } else if (const std::string* str = std::get_if<std::string>(&fact); str && decl.type == expr::Type::string) {
      set(slot, Value::of(std::string_view(*str)));
    }
  }
  env_ready_ = true;
}

void Evaluation::prepare_promotions(bool want_upsell, bool want_cart) {
  want_upsell = want_upsell && !upsell_ready_;
  want_cart = want_cart && !cart_ready_;
  if (!want_upsell && !want_cart) return;
  const rules::Compiled& r = *rules_;
  const Conversation& c = *conversation_;
  if (!upsell_ready_ && !cart_ready_) {
    for (const auto& [id, quantity] : cart_after(r, *given_, *signals_)) {
      int index = r.product_index(id);
      if (index < 0) continue;
      const Product& p = r.products[index];
      Money unit = index == product_ ? situation_.offer : p.list_price;
      cart_.push_back({id, unit, quantity, p.shipping_fee});
    }
  }
  const context::Names& n = r.names;
  const auto table = context::rows();
  auto fill_deferred = [&](const std::vector<int>& rows) {
    for (int row : rows) set(n.row_slots[row], table[row].fill(situation_));
  };
  if (want_upsell) {
    upsell_ready_ = true;
    upsell_ = best_upsell(cart_, c.product_id, r.promotions, c.buyer.coupon_claimed, 10, promotions_);
    situation_.upsell = &upsell_;
    fill_deferred(plan_->upsell_rows);
  }
  if (!want_cart) return;
  cart_ready_ = true;
  if (!cart_.empty()) {
    quote_ = best_price(cart_, r.promotions, c.buyer.coupon_claimed, promotions_);
    int items = 0;
    for (const CartLine& line : cart_) items += line.quantity;
    cart_gifts_.clear();
    for (const std::string& gift : quote_.gifts) cart_gifts_ += (cart_gifts_.empty() ? "" : "、") + gift;
    situation_.cart_quote = &quote_;
    situation_.cart_items = items;
    situation_.cart_gifts = cart_gifts_;
  }
  fill_deferred(plan_->cart_rows);
}

bool Evaluation::produce(const rules::CompiledRule& rule, Suggestion& out, std::string& blocked) {
  blocked.clear();
  if (situation_.banned && sells(rule.action)) {
    blocked = "the buyer is in a banned group (B37)";
    return false;
  }

  // The price: what the action offers, or the rule's own expression; then
  // the guard, whoever proposed it.
  const PriceMove move = price_move(rule.action);
  ProposalRequest request;
  request.move = move;
  request.buyer_price = situation_.buyer_price;
  request.asked = situation_.asked_price;
  request.hold_first = policy_->hold_first && rule.hold_first && conversation_->concessions == 0 &&
                       conversation_->said.value_arguments == 0;
  request.extra_id = rule.extra;
  Proposal proposal = propose(*terms_, *policy_, state_, request);
  if (!proposal.blocked.empty()) {
    blocked = std::move(proposal.blocked);
    return false;
  }
  if (rule.action == Action::upsell && !(upsell_ && upsell_ready_)) {
    blocked = "no promotion is within reach";
    return false;
  }
  if (rule.price) {
    Value v = rule.price->evaluate(env_);
    if (v.type != expr::Type::number) {
      blocked = "its price expression has no value here";
      return false;
    }
    // Through the one checked conversion (money.hpp). An amount beyond the
    // range is capped at it, so that the guard below caps it at the current
    // offer (or finds it under the floor) as it does any other; NaN is none.
    constexpr double kMax = static_cast<double>(Money::kMaxYuan);
    proposal.price = Money::from_yuan_checked(std::clamp(v.number, -kMax, kMax));
    if (!proposal.price) {
      blocked = "its price expression is not a number here";
      return false;
    }
  }
  std::optional<Money> price;
  if (proposal.price) {
    Guarded guarded = guard(*terms_, state_, move, *proposal.price, proposal.extra);
    if (!guarded.blocked.empty()) {
      blocked = std::move(guarded.blocked);
      return false;
    }
    price = guarded.price;
  }

  // Render: a template whose fields all have values, starting from the one
  // the conversation's seed points at, so a replay says the same words.
  env_ready_ = false;  // reply names are set below: an exception leaves them for the next prepare() to clear
  situation_.reply_offer = price;
  const auto reads = [&](int slot) {
    return std::any_of(rule.say.begin(), rule.say.end(), [&](const expr::Template& t) {
      return std::find(t.fields().begin(), t.fields().end(), slot) != t.fields().end();
    });
  };
  if (price && reads(plan_->offer_words_slot)) {
    // What the reply's price pays for: the buyer's own total when it accepts
    // the buyer's price (a total need not divide into whole fen).
    const bool cart = ask_ && ask_->scope == PriceScope::cart_total;
    const bool takes_ask = ask_ && *price == ask_->unit && ask_->scope != PriceScope::unspecified &&
                           ask_->scope != PriceScope::per_unit && ask_->units == situation_.units;
    std::optional<Money> total;
    if (cart) total = takes_ask ? ask_->said : ask_->others + *price * ask_->units;
    else if (takes_ask) total = ask_->said;
    price_words(offer_words_, *price, cart ? ask_->units : situation_.units, rules_->products[product_].unit, total, cart);
    situation_.reply_offer_words = offer_words_;
  }
  situation_.reply_extra = proposal.extra ? std::string_view(proposal.extra->name) : std::string_view();
  situation_.reply_gives = rule.gives;
  fill_rows(plan_->reply_rows);
  out.text.clear();
  const std::size_t count = rule.say.size();
  // The template the seed points at, then the next one each time the rule
  // was sent before: replies rotate instead of repeating.
  std::uint64_t sent = 0;
  if (auto it = conversation_->said.rules_sent.find(rule.id); it != conversation_->said.rules_sent.end()) {
    sent = static_cast<std::uint64_t>(it->second);
  }
  const std::uint64_t start =
      count == 0 ? 0
                 : (mix(conversation_->seed ^ mix(static_cast<std::uint64_t>(conversation_->round) << 20 |
                                                  static_cast<std::uint64_t>(rule.order))) + sent) % count;
  bool rendered = false;
  std::size_t chosen = 0;
  const std::vector<std::uint64_t>& recent = conversation_->said.recent_texts;
  std::optional<std::size_t> repeat;  // the first complete template whose words were sent lately
  for (std::size_t k = 0; k < count && !rendered; ++k) {
    chosen = (start + k) % count;
    const expr::Template& t = rule.say[chosen];
    bool complete = std::all_of(t.fields().begin(), t.fields().end(),
                                [&](int slot) { return env_[slot].type != expr::Type::null; });
    if (!complete) continue;
    if (situation_.banned && std::any_of(t.fields().begin(), t.fields().end(), [&](int slot) {
          return std::find(plan_->price_slots.begin(), plan_->price_slots.end(), slot) != plan_->price_slots.end();
        })) {
      continue;  // B37: not even a price to a banned buyer
    }
    rendered_.clear();
    out.text.clear();
    t.render(env_, out.text, rendered_);
    // Words sent lately are said again only when no other template is left.
    if (count > 1 && !recent.empty() && std::find(recent.begin(), recent.end(), text_hash(out.text)) != recent.end()) {
      if (!repeat) repeat = chosen;
      continue;
    }
    rendered = true;
  }
  if (!rendered && repeat) {
    chosen = *repeat;
    rendered_.clear();
    out.text.clear();
    rule.say[chosen].render(env_, out.text, rendered_);
    rendered = true;
  }
  situation_.reply_offer.reset();
  situation_.reply_offer_words = {};
  situation_.reply_extra = {};
  situation_.reply_gives = {};
  fill_rows(plan_->reply_rows);
  env_ready_ = true;
  if (!rendered) {
    blocked = "every reply of the rule needs a value this message does not have";
    return false;
  }

  // Compliance, on what was rendered: the fields the plan could not prove
  // clean, with the text next to them.
  const std::uint64_t proven = plan_->proven(static_cast<int>(&rule - rules_->rules.data()), chosen, product_);
  to_scan_.clear();
  for (const expr::Template::RenderedField& f : rendered_) {
    if (f.field >= 64 || !(proven >> f.field & 1)) to_scan_.push_back({f.begin, f.end});
  }
  if (std::string_view hit = rules_->compliance.first_hit_near(out.text, to_scan_, compliance_scratch_); !hit.empty()) {
    blocked = "the reply would contain '" + std::string(hit) + "', which the compliance list forbids";
    return false;
  }

  out.score = rule.score;
  out.rule_id = rule.id;
  out.playbook = rule.playbook_joined;
  out.action = rule.action;
  out.offer = price;
  out.extras.clear();
  if (proposal.extra) out.extras.emplace_back(proposal.extra->id);
  out.gives = rule.gives;
  out.argues_value = rule.argues_value;
  // The selling points the reply says: those its fields filled in.
  out.points.clear();
  const expr::Template& used = rule.say[chosen];
  for (int slot : used.fields()) {
    if (slot == plan_->selling_point_slot && !situation_.selling_point_key.empty()) {
      out.points.emplace_back(situation_.selling_point_key);
    } else if (slot == plan_->topic_point_slot && !signals_->topics.empty()) {
      out.points.push_back(signals_->topics.front());
    }
  }
  out.next_stage = rule.next_stage ? rule.next_stage : rules_->stages.after_action[static_cast<std::size_t>(rule.action)];
  return true;
}

}  // namespace parley::engine
