#include "engine/evaluation.hpp"

#include <algorithm>

#include "parley/error.hpp"
#include "util/strings.hpp"

namespace parley::engine {
namespace {

using expr::Value;

Value money_value(Money m) { return Value::of(m.yuan()); }
Value money_value(const std::optional<Money>& m) { return m ? money_value(*m) : Value::null(); }

std::string_view counter_name(const std::optional<CounterResponse>& counter) {
  if (!counter) return "none";
  switch (counter->verdict) {
    case CounterResponse::Verdict::accept: return "accept";
    case CounterResponse::Verdict::split: return "split";
    case CounterResponse::Verdict::counter: return "counter";
    case CounterResponse::Verdict::decline: return "decline";
  }
  return "none";
}

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

}  // namespace

std::map<std::string, int> cart_after(const RuleSet::Impl& rules, const Conversation& conversation,
                                      const Signals& signals) {
  std::map<std::string, int> cart = conversation.cart;
  int& quantity = cart[conversation.product_id];
  if (const Mention* q = first_mention(signals, MentionKind::quantity)) {
    if (q->value >= 1 && q->value <= 100000) quantity = static_cast<int>(q->value);
  }
  if (quantity < 1) quantity = 1;
  rules.product_word_set.for_each_match(signals.normalized.text, [&](const util::KeywordSet::Match& m) {
    cart.try_emplace(rules.products[rules.product_of_word[m.keyword]].id, 1);
  });
  return cart;
}

void Evaluation::prepare(const RuleSet::Impl& r, const Conversation& c, const Signals& s) {
  rules = &r;
  conversation = &c;
  signals = &s;
  product = r.product_index(c.product_id);
  if (product < 0) throw Error("unknown product '" + c.product_id + "' in the conversation");
  product_info = &r.products[product];
  terms = &r.terms[product];
  policy = &r.concession[product];

  current_offer = c.offer.value_or(product_info->list_price);
  state = NegotiationState{current_offer, c.concessions, c.last_step, c.buyer_best,
                           c.extras_granted, c.extras_cost};
  buyer_price.reset();
  counter.reset();
  if (const Mention* m = s.price()) buyer_price = Money::from_yuan_checked(m->value);
  next_offer.reset();
  next_extra = nullptr;
  if (r.reads_policy) {
    next_offer = parley::next_offer(*terms, *policy, state);
    if (buyer_price) counter = respond_to_counter(*terms, *policy, state, *buyer_price);
    next_extra = parley::next_extra(*terms, state, current_offer);
  }

  // The topic the buyer keeps coming back to: used twice or more, counting
  // this message (B20).
  focus.clear();
  int best = 1;
  for (const auto& [topic, count] : c.topic_counts) {
    int total = count + static_cast<int>(std::count(s.topics.begin(), s.topics.end(), topic));
    if (total > best) {
      best = total;
      focus = topic;
    }
  }

  upsell.reset();
  cart.clear();
  upsell_ready = cart_ready = false;

  // The env starts as the product's. Rather than copying all of it again,
  // the slots only some messages set are put back: `fill` is for slots
  // every message sets, `set` for the others, which are noted for that.
  const rules::Slots& n = r.slots;
  const std::vector<Value>& base = r.product_envs[product];
  if (env_rule_set != r.id || env_product != product) {
    env = base;
    env_rule_set = r.id;
    env_product = product;
  } else {
    for (int slot : to_reset) env[slot] = base[slot];
  }
  to_reset.clear();
  auto fill = [&](int slot, Value v) { env[slot] = v; };
  auto set = [&](int slot, Value v) {
    env[slot] = v;
    to_reset.push_back(slot);
  };

  for (const IntentScore& intent : s.intents) set(n.intents[intent.index], Value::of(true));
  if (!s.intents.empty()) set(n.primary, Value::of(s.intents.front().name));
  fill(n.intent_count, Value::of(static_cast<double>(s.intents.size())));
  fill(n.conditional, Value::of(s.conditional));
  if (buyer_price) set(n.price, money_value(*buyer_price));
  if (std::optional<double> number = first_digit_run(s.normalized.original)) set(n.first_number, Value::of(*number));
  bool round_down = false;
  for (const Mention& m : s.mentions) {
    switch (m.kind) {
      case MentionKind::discount:
        if (env[n.discount].type == expr::Type::null) set(n.discount, Value::of(m.value));
        break;
      case MentionKind::relative:
        if (m.has(MentionFlag::round_down)) round_down = true;
        else if (env[n.relative].type == expr::Type::null) set(n.relative, Value::of(m.value));
        break;
      case MentionKind::quantity:
        if (env[n.quantity].type == expr::Type::null) set(n.quantity, Value::of(m.value));
        break;
      default:
        break;
    }
  }
  fill(n.round_down, Value::of(round_down));
  fill(n.text, Value::of(std::string_view(s.normalized.text)));

  fill(n.round, Value::of(static_cast<double>(c.round + 1)));
  fill(n.stage, Value::of(std::string_view(c.stage)));
  fill(n.offer, money_value(current_offer));
  fill(n.concessions, Value::of(static_cast<double>(c.concessions)));
  fill(n.holds, Value::of(static_cast<double>(c.holds)));
  fill(n.last_step, money_value(c.last_step));
  fill(n.buyer_best, money_value(c.buyer_best));

  if (r.reads_policy) {
    fill(n.next_offer, money_value(next_offer));
    fill(n.at_floor, Value::of(!next_offer.has_value()));
    fill(n.counter, Value::of(counter_name(counter)));
    if (counter) set(n.counter_price, money_value(counter->price));
    if (next_extra) set(n.next_extra, Value::of(std::string_view(next_extra->name)));
  }
  fill(n.extras_granted, Value::of(static_cast<double>(c.extras_granted.size())));

  // The product's first selling point is in the product's env; the focus,
  // when it has one, replaces it.
  if (!focus.empty()) {
    set(n.focus, Value::of(std::string_view(focus)));
    for (const auto& [keyword, said] : product_info->selling_points) {
      if (keyword == focus) {
        set(n.selling_point, Value::of(std::string_view(said)));
        break;
      }
    }
  }
  if (!s.topics.empty()) {
    set(n.topic, Value::of(s.topics.front()));
    for (const auto& [keyword, said] : product_info->selling_points) {
      if (keyword == s.topics.front()) set(n.topic_point, Value::of(std::string_view(said)));
    }
  }

  const BuyerProfile& b = c.buyer;
  if (!b.credit.empty()) set(n.buyer_credit, Value::of(std::string_view(b.credit)));
  fill(n.buyer_good_rate_given, Value::of(b.good_rate_given));
  fill(n.buyer_good_rate_received, Value::of(b.good_rate_received));
  fill(n.buyer_member, Value::of(b.member));
  fill(n.buyer_vip, Value::of(b.vip));
  fill(n.buyer_coupon_claimed, Value::of(b.coupon_claimed));
  fill(n.buyer_orders, Value::of(static_cast<double>(b.orders)));
  fill(n.buyer_total_spent, Value::of(b.total_spent));
  if (b.last_order_days >= 0) set(n.buyer_last_order_days, Value::of(static_cast<double>(b.last_order_days)));
  groups.clear();
  bool banned = false;
  for (const std::string& g : b.groups) {
    groups.push_back(Value::of(std::string_view(g)));
    banned |= std::find(r.compliance.banned_groups.begin(), r.compliance.banned_groups.end(), g) !=
              r.compliance.banned_groups.end();
  }
  fill(n.buyer_groups, Value::of_list(groups));
  fill(n.buyer_notes, Value::of(std::string_view(b.notes)));
  fill(n.buyer_returning, Value::of(b.orders > 0));
  fill(n.buyer_banned, Value::of(banned));

  // Both maps are sorted by name: one merge pass finds the facts this rule
  // set declares (the others it does not know, and skips).
  auto slot = n.facts.begin();
  for (const auto& [name, fact] : c.facts) {
    while (slot != n.facts.end() && slot->first < name) ++slot;
    if (slot == n.facts.end()) break;
    if (slot->first != name) continue;
    const expr::Type want = r.schema.names()[slot->second].type;
    if (const bool* v = std::get_if<bool>(&fact); v && want == expr::Type::boolean) {
      set(slot->second, Value::of(*v));
    } else if (const double* d = std::get_if<double>(&fact); d && want == expr::Type::number) {
      set(slot->second, Value::of(*d));
    } else if (const std::string* str = std::get_if<std::string>(&fact); str && want == expr::Type::string) {
      set(slot->second, Value::of(std::string_view(*str)));
    }
  }
}

void Evaluation::prepare_promotions(bool want_upsell, bool want_cart) {
  want_upsell = want_upsell && !upsell_ready;
  want_cart = want_cart && !cart_ready;
  if (!want_upsell && !want_cart) return;
  const RuleSet::Impl& r = *rules;
  const Conversation& c = *conversation;
  const Signals& s = *signals;
  const rules::Slots& n = r.slots;
  auto set = [&](int slot, Value v) {
    env[slot] = v;
    to_reset.push_back(slot);
  };
  if (!upsell_ready && !cart_ready) {
    for (const auto& [id, quantity] : cart_after(r, c, s)) {
      int index = r.product_index(id);
      if (index < 0) continue;
      const Product& p = r.products[index];
      Money unit = index == product ? current_offer : p.list_price;
      cart.push_back({id, unit, quantity, p.shipping_fee});
    }
  }
  if (want_upsell) {
    upsell_ready = true;
    upsell = best_upsell(cart, c.product_id, r.promotions, c.buyer.coupon_claimed);
    if (upsell) {
      set(n.saving, money_value(upsell->saving));
      set(n.per_unit_saving, money_value(upsell->per_unit_saving));
      set(n.threshold, money_value(upsell->threshold));
      set(n.add_quantity, Value::of(static_cast<double>(upsell->add_quantity)));
      set(n.new_quantity, Value::of(static_cast<double>(upsell->new_quantity)));
      if (!upsell->gift.empty()) set(n.upsell_gift, Value::of(std::string_view(upsell->gift)));
    }
  }
  if (!want_cart) return;
  cart_ready = true;
  if (!cart.empty()) {
    PriceQuote quote = best_price(cart, r.promotions, c.buyer.coupon_claimed);
    int items = 0;
    for (const CartLine& line : cart) items += line.quantity;
    set(n.cart_total, money_value(quote.total));
    set(n.cart_saving, money_value(quote.discount));
    set(n.cart_items, Value::of(static_cast<double>(items)));
    set(n.cart_subtotal, money_value(quote.subtotal));
    cart_gifts.clear();
    for (const std::string& gift : quote.gifts) cart_gifts += (cart_gifts.empty() ? "" : "、") + gift;
    if (!cart_gifts.empty()) set(n.cart_gifts, Value::of(std::string_view(cart_gifts)));
  }
}

bool Evaluation::produce(const CompiledRule& rule, Suggestion& out, std::string& blocked) {
  const rules::Slots& n = rules->slots;
  blocked.clear();
  if (env[n.buyer_banned].boolean && sells(rule.action)) {
    blocked = "the buyer is in a banned group (B37)";
    return false;
  }

  std::optional<Money> price;
  std::string_view extra_id, extra_name;  // into the product's terms
  switch (rule.action) {
    case Action::hold:
    case Action::close:
      price = current_offer;
      break;
    case Action::concede:
    case Action::trade:
      // B2: a plain "too expensive" first gets value, not a discount. A
      // counter-offer with a price may be countered, and a trade is not a gift.
      if (rule.action == Action::concede && policy->hold_first && rule.hold_first && !buyer_price &&
          conversation->concessions == 0 && conversation->holds == 0) {
        blocked = "the first price objection gets value, not a discount (B2; negotiation.concession.hold_first)";
        return false;
      }
      if (counter && (counter->verdict == CounterResponse::Verdict::split ||
                      counter->verdict == CounterResponse::Verdict::accept)) {
        price = counter->price;
      } else {
        price = next_offer;
      }
      if (!price || *price >= current_offer) {
        blocked = "no price concession is left (at the floor, or a fixed price)";
        return false;
      }
      break;
    case Action::accept:
      if (!buyer_price) {
        blocked = "the buyer named no price";
        return false;
      }
      price = std::min(*buyer_price, current_offer);
      break;
    case Action::offer_extra: {
      const Extra* extra = next_extra;
      if (!rule.extra.empty()) {
        extra = nullptr;
        for (const Extra& e : terms->extras) {
          bool granted = std::find(state.extras_granted.begin(), state.extras_granted.end(), e.id) !=
                         state.extras_granted.end();
          if (e.id == rule.extra && !granted &&
              current_offer - state.extras_cost - e.cost >= terms->floor) {
            extra = &e;
          }
        }
      }
      if (!extra) {
        blocked = rule.extra.empty() ? "no extra is left that fits in the margin"
                                     : "extra '" + rule.extra + "' was granted or does not fit in the margin";
        return false;
      }
      extra_id = extra->id;
      extra_name = extra->name;
      price = current_offer;
      break;
    }
    case Action::upsell:
      if (!upsell) {
        blocked = "no promotion is within reach";
        return false;
      }
      break;
    default:
      break;
  }
  if (rule.price) {
    Value v = rule.price->evaluate(env);
    if (v.type != expr::Type::number) {
      blocked = "its price expression has no value here";
      return false;
    }
    // Through the one checked conversion (money.hpp). An amount beyond the
    // range is capped at it, so that the guard below caps it at the current
    // offer (or finds it under the floor) as it does any other; NaN is none.
    constexpr double kMax = static_cast<double>(Money::kMaxYuan);
    price = Money::from_yuan_checked(std::clamp(v.number, -kMax, kMax));
    if (!price) {
      blocked = "its price expression is not a number here";
      return false;
    }
  }

  // The guard: the money invariants hold whatever the rule says (B4, B7).
  if (price) {
    if (*price > current_offer) price = current_offer;
    if (state.buyer_best && *price < *state.buyer_best && *state.buyer_best <= current_offer) {
      price = state.buyer_best;
    }
    // B3: no concession larger than the one before, whoever proposes it.
    const Money step = current_offer - *price;
    if (state.last_step > Money() && step > state.last_step) {
      if (rule.action == Action::accept) {
        blocked = "accepting " + price->to_string() + " would be a larger concession than the last one (B3)";
        return false;
      }
      price = current_offer - state.last_step;
    }
    Money floor = effective_floor(*terms, state);
    for (const Extra& e : terms->extras) {
      if (e.id == extra_id) floor += e.cost;
    }
    if (*price < floor) {
      blocked = "its price " + price->to_string() + " would be below the floor";
      return false;
    }
  }

  // Pick a template whose fields all have values, starting from the one the
  // conversation's seed points at, so a replay says the same words.
  const Value saved_offer = env[n.offer];
  if (price) {
    env[n.offer] = money_value(*price);
    env[n.new_offer] = money_value(*price);
  }
  env[n.extra] = extra_name.empty() ? Value::null() : Value::of(std::string_view(extra_name));
  env[n.gives] = rule.gives.empty() ? Value::null() : Value::of(std::string_view(rule.gives));

  out.text.clear();
  const std::size_t count = rule.say.size();
  const std::uint64_t start =
      count == 0 ? 0
                 : mix(conversation->seed ^ mix(static_cast<std::uint64_t>(conversation->round) << 20 |
                                                static_cast<std::uint64_t>(rule.order))) % count;
  bool rendered = false;
  for (std::size_t k = 0; k < count && !rendered; ++k) {
    const expr::Template& t = rule.say[(start + k) % count];
    bool complete = std::all_of(t.fields().begin(), t.fields().end(),
                                [&](int slot) { return env[slot].type != expr::Type::null; });
    if (!complete) continue;
    t.render(env, out.text);
    rendered = true;
  }
  env[n.offer] = saved_offer;
  env[n.new_offer] = Value::null();
  env[n.extra] = Value::null();
  env[n.gives] = Value::null();
  if (!rendered) {
    blocked = "every reply of the rule needs a value this message does not have";
    return false;
  }

  if (std::string_view hit = rules->compliance.first_hit(out.text); !hit.empty()) {
    blocked = "the reply would contain '" + std::string(hit) + "', which the compliance list forbids";
    return false;
  }

  out.score = rule.score;
  out.rule_id = rule.id;
  out.playbook = rule.playbook_joined;
  out.action = rule.action;
  out.offer = price;
  out.extras.clear();
  if (!extra_id.empty()) out.extras.emplace_back(extra_id);
  out.gives = rule.gives;
  out.next_stage = rule.next_stage;
  if (out.next_stage.empty()) {
    if (rule.action == Action::close || rule.action == Action::accept) out.next_stage = "agreed";
    else if (rule.action == Action::retreat) out.next_stage = "retreated";
    else if (rule.action == Action::handoff) out.next_stage = "handoff";
  }
  return true;
}

}  // namespace parley::engine
