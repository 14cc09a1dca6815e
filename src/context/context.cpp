#include "context/context.hpp"

#include <algorithm>
#include <stdexcept>

#include "context/profile_fields.hpp"

namespace parley::context {
namespace {

using expr::Type;
using expr::Value;
using L = Lifetime;

Value money(Money m) { return Value::of(m.yuan()); }
Value money(const std::optional<Money>& m) { return m ? money(*m) : Value::null(); }
Value number(double d) { return Value::of(d); }
Value text(std::string_view s) { return Value::of(s); }
Value text_or_null(std::string_view s) { return s.empty() ? Value::null() : Value::of(s); }

const Mention* first_mention(const Situation& s, MentionKind kind, bool round_down = false) {
  for (const Mention& m : s.signals->mentions) {
    if (m.kind == kind && m.has(MentionFlag::round_down) == round_down) return &m;
  }
  return nullptr;
}
Value mention_value(const Situation& s, MentionKind kind) {
  const Mention* m = first_mention(s, kind);
  return m ? number(m->value) : Value::null();
}

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

// The selling point said about the first topic of this message.
Value topic_point(const Situation& s) {
  if (s.signals->topics.empty()) return Value::null();
  for (const auto& [keyword, said] : s.product->selling_points) {
    if (keyword == s.signals->topics.front()) return text(said);
  }
  return Value::null();
}

template <class Get>
Value upsell_field(const Situation& s, Get get) {
  return s.upsell && *s.upsell ? get(**s.upsell) : Value::null();
}
template <class Get>
Value cart_field(const Situation& s, Get get) {
  return s.cart_quote ? get(*s.cart_quote) : Value::null();
}

void selling_point_texts(const Product& p, const ProductTerms&, std::vector<std::string_view>& out) {
  for (const auto& point : p.selling_points) out.push_back(point.second);
}
void selling_point_keys(const Product& p, const ProductTerms&, std::vector<std::string_view>& out) {
  for (const auto& point : p.selling_points) out.push_back(point.first);
}
void extra_names(const Product&, const ProductTerms& terms, std::vector<std::string_view>& out) {
  for (const Extra& e : terms.extras) out.push_back(e.name);
}

constexpr std::string_view kCounterSymbols[] = {"none", "accept", "split", "counter", "decline"};

// The table. Rows are declared in this order, so slots follow it; the order
// of the lifetimes within it does not matter.
const Row kRows[] = {
    // The message.
    {"primary", Type::string, L::message, "the primary intent, or null",
     [](const Situation& s) { return s.signals->intents.empty() ? Value::null() : text(s.signals->intents.front().name); }},
    {"intent_count", Type::number, L::message, "how many intents hold",
     [](const Situation& s) { return number(static_cast<double>(s.signals->intents.size())); }},
    {"conditional", Type::boolean, L::message, "a rejection with a condition (B16)",
     [](const Situation& s) { return Value::of(s.signals->conditional); }},
    {"price", Type::number, L::message, "the price the buyer names, per unit of the product discussed, or null",
     [](const Situation& s) { return money(s.buyer_price); }},
    {"price_said", Type::string, L::message, "the buyer's price as said, with its scope (3双1500元), or null",
     [](const Situation& s) { return text_or_null(s.price_said); }},
    {"asked_price", Type::number, L::message, "the price a relative ask asks for (少两块 at 150: 148), or null",
     [](const Situation& s) { return money(s.asked_price); }},
    {"units", Type::number, L::message, "units of the product discussed in the cart, this message included",
     [](const Situation& s) { return number(s.units); }},
    {"first_number", Type::number, L::message, "the first run of ASCII digits in the message as written, or null",
     [](const Situation& s) { return s.first_number ? number(*s.first_number) : Value::null(); }},
    {"discount", Type::number, L::message, "a discount the buyer asks for (0.9), or null",
     [](const Situation& s) { return mention_value(s, MentionKind::discount); }},
    {"relative", Type::number, L::message, "an amount off the buyer asks for, or null",
     [](const Situation& s) { return mention_value(s, MentionKind::relative); }},
    {"round_down", Type::boolean, L::message, "the buyer asks to drop the odd yuan",
     [](const Situation& s) { return Value::of(first_mention(s, MentionKind::relative, true) != nullptr); }},
    {"quantity", Type::number, L::message, "a quantity the buyer names, or null",
     [](const Situation& s) { return mention_value(s, MentionKind::quantity); }},
    {"text", Type::string, L::message, "the normalised message",
     [](const Situation& s) { return text(s.signals->normalized.text); }},
    {"topic", Type::string, L::message, "the selling-point keyword in this message, or null",
     [](const Situation& s) { return s.signals->topics.empty() ? Value::null() : text(s.signals->topics.front()); },
     {}, false, selling_point_keys},
    {"topic_point", Type::string, L::message, "what to say about this message's topic, or null", topic_point,
     {}, false, selling_point_texts},
    {"focus", Type::string, L::message, "the selling point the buyer keeps coming back to",
     [](const Situation& s) { return text_or_null(s.focus); }, {}, false, selling_point_keys},
    {"selling_point", Type::string, L::message, "what to say about the focus",
     [](const Situation& s) { return text_or_null(s.selling_point); }, {}, false, selling_point_texts},

    // The conversation.
    {"round", Type::number, L::conversation, "buyer messages so far, this one included",
     [](const Situation& s) { return number(s.conversation->round + 1.0); }},
    {"stage", Type::string, L::conversation, "where the conversation stands",
     [](const Situation& s) { return text(to_string(s.conversation->stage)); }, kStageNames},
    {"offer", Type::number, L::conversation, "the current price",
     [](const Situation& s) { return money(s.reply_offer.value_or(s.offer)); }, {}, true},
    {"concessions", Type::number, L::conversation, "price concessions made so far",
     [](const Situation& s) { return number(s.conversation->concessions); }},
    {"holds", Type::number, L::conversation, "replies that held the price so far",
     [](const Situation& s) { return number(s.conversation->holds); }},
    {"value_given", Type::number, L::conversation, "replies so far that argued the value (B2)",
     [](const Situation& s) { return number(s.conversation->said.value_arguments); }},
    {"points_said", Type::number, L::conversation, "selling points named so far",
     [](const Situation& s) { return number(static_cast<double>(s.conversation->said.points.size())); }},
    {"topic_said", Type::boolean, L::message, "this message's topic was already answered",
     [](const Situation& s) {
       if (s.signals->topics.empty()) return Value::of(false);
       const auto& points = s.conversation->said.points;
       return Value::of(std::find(points.begin(), points.end(), s.signals->topics.front()) != points.end());
     }},
    {"last_step", Type::number, L::conversation, "the size of the last concession",
     [](const Situation& s) { return money(s.conversation->last_step); }},
    {"buyer_best", Type::number, L::conversation, "the highest price the buyer named, or null",
     [](const Situation& s) { return money(s.conversation->buyer_best); }},
    {"extras_granted", Type::number, L::conversation, "how many extras were granted",
     [](const Situation& s) { return number(static_cast<double>(s.conversation->extras_granted.size())); }},
    {"buyer.returning", Type::boolean, L::conversation, "has ordered here before",
     [](const Situation& s) { return Value::of(s.conversation->buyer.orders > 0); }},
    {"buyer.banned", Type::boolean, L::conversation, "in a banned group (B37)",
     [](const Situation& s) { return Value::of(s.banned); }},

    // The concession policy.
    {"next_offer", Type::number, L::policy, "the next price of the schedule, or null",
     [](const Situation& s) { return money(s.next_offer); }},
    {"at_floor", Type::boolean, L::policy, "no price concession is left",
     [](const Situation& s) { return Value::of(!s.next_offer.has_value()); }},
    {"counter", Type::string, L::policy, "the policy's verdict on the buyer's price",
     [](const Situation& s) { return text(counter_name(s.counter)); }, kCounterSymbols},
    {"counter_price", Type::number, L::policy, "the price that goes with counter",
     [](const Situation& s) { return s.counter ? money(s.counter->price) : Value::null(); }},
    {"next_extra", Type::string, L::policy, "the next extra that fits, or null",
     [](const Situation& s) { return s.next_extra ? text(s.next_extra->name) : Value::null(); }, {}, false, extra_names},

    // The best upsell within reach (B23).
    {"saving", Type::number, L::upsell, "what the best upsell saves",
     [](const Situation& s) { return upsell_field(s, [](const Upsell& u) { return money(u.saving); }); }},
    {"per_unit_saving", Type::number, L::upsell, "the upsell's saving per unit",
     [](const Situation& s) { return upsell_field(s, [](const Upsell& u) { return money(u.per_unit_saving); }); }},
    {"threshold", Type::number, L::upsell, "the upsell promotion's threshold",
     [](const Situation& s) { return upsell_field(s, [](const Upsell& u) { return money(u.threshold); }); }},
    {"add_quantity", Type::number, L::upsell, "units to add for the upsell",
     [](const Situation& s) { return upsell_field(s, [](const Upsell& u) { return number(u.add_quantity); }); }},
    {"new_quantity", Type::number, L::upsell, "units after the upsell",
     [](const Situation& s) { return upsell_field(s, [](const Upsell& u) { return number(u.new_quantity); }); }},
    {"upsell_gift", Type::string, L::upsell, "the gift the upsell earns, or null",
     [](const Situation& s) { return upsell_field(s, [](const Upsell& u) { return text_or_null(u.gift); }); }},

    // The cart's best price with promotions.
    {"cart_total", Type::number, L::cart, "the cart's best price with promotions",
     [](const Situation& s) { return cart_field(s, [](const PriceQuote& q) { return money(q.total); }); }},
    {"cart_saving", Type::number, L::cart, "what the promotions save on the cart",
     [](const Situation& s) { return cart_field(s, [](const PriceQuote& q) { return money(q.discount); }); }},
    {"cart_items", Type::number, L::cart, "items in the cart",
     [](const Situation& s) { return s.cart_quote ? number(s.cart_items) : Value::null(); }},
    {"cart_subtotal", Type::number, L::cart, "the cart at its prices, before promotions",
     [](const Situation& s) { return cart_field(s, [](const PriceQuote& q) { return money(q.subtotal); }); }},
    {"cart_gifts", Type::string, L::cart, "the gifts the cart earns (、-separated), or null",
     [](const Situation& s) { return text_or_null(s.cart_gifts); }},

    // The product and the shop.
    {"list_price", Type::number, L::product, "the product's list price",
     [](const Situation& s) { return money(s.product->list_price); }},
    {"floor", Type::number, L::product, "the product's floor",
     [](const Situation& s) { return money(s.product->floor); }},
    {"product.id", Type::string, L::product, "the product's id",
     [](const Situation& s) { return text(s.product->id); }},
    {"product.name", Type::string, L::product, "the product's name",
     [](const Situation& s) { return text(s.product->name); }},
    {"product.unit", Type::string, L::product, "the product's measure word",
     [](const Situation& s) { return text(s.product->unit); }},
    {"product.list_price", Type::number, L::product, "the product's list price",
     [](const Situation& s) { return money(s.product->list_price); }},
    {"product.floor", Type::number, L::product, "the product's floor",
     [](const Situation& s) { return money(s.product->floor); }},
    {"product.shipping_fee", Type::number, L::product, "shipping fee, 0 if free",
     [](const Situation& s) { return money(s.product->shipping_fee); }},
    {"product.free_shipping", Type::boolean, L::product, "ships free",
     [](const Situation& s) { return Value::of(s.product->shipping_fee == Money()); }},
    {"product.fixed_price", Type::boolean, L::product, "no price concession (B10)",
     [](const Situation& s) { return Value::of(s.product->fixed_price); }},
    {"product.category", Type::string, L::product, "what kind of product it is, \"\" when not set",
     [](const Situation& s) { return text(s.product->category); }},
    {"product.has_sizes", Type::boolean, L::product, "sold in sizes (B15)",
     [](const Situation& s) { return Value::of(s.product->has_sizes); }},
    {"product.gift", Type::string, L::product, "the product's first gift, or null",
     [](const Situation& s) { return s.product->gifts.empty() ? Value::null() : text(s.product->gifts.front().name); }},
    {"promotions", Type::string, L::product, "the promotions covering the product, or null",
     [](const Situation& s) { return text_or_null(s.promotions); }},
    {"shop.name", Type::string, L::product, "the shop's name",
     [](const Situation& s) { return text(s.shop->name); }},
    {"shop.ship_within_days", Type::number, L::product, "ships within N days",
     [](const Situation& s) { return number(s.shop->ship_within_days); }},
    {"shop.arrive_min_days", Type::number, L::product, "fewest days in transit",
     [](const Situation& s) { return number(s.shop->arrive_min_days); }},
    {"shop.arrive_max_days", Type::number, L::product, "most days in transit",
     [](const Situation& s) { return number(s.shop->arrive_max_days); }},

    // The reply being rendered (templates only).
    {"extra", Type::string, L::reply, "in a reply: the extra it grants",
     [](const Situation& s) { return text_or_null(s.reply_extra); }, {}, false, extra_names},
    {"gives", Type::string, L::reply, "in a reply: what the buyer gives in a trade",
     [](const Situation& s) { return text_or_null(s.reply_gives); }},
    {"new_offer", Type::number, L::reply, "in a reply: the price it offers",
     [](const Situation& s) { return money(s.reply_offer); }},
    {"offer_words", Type::string, L::reply, "in a reply: its price with what it covers (每双550元，2双一共1100元)",
     [](const Situation& s) { return text_or_null(s.reply_offer_words); }},
};

expr::Type type_of(const std::string&) { return Type::string; }
expr::Type type_of(double) { return Type::number; }
expr::Type type_of(int) { return Type::number; }
expr::Type type_of(bool) { return Type::boolean; }
expr::Type type_of(const std::vector<std::string>&) { return Type::list; }

}  // namespace

std::string_view to_string(Lifetime lifetime) {
  switch (lifetime) {
    case L::product: return "product";
    case L::conversation: return "conversation";
    case L::message: return "message";
    case L::policy: return "policy";
    case L::upsell: return "upsell";
    case L::cart: return "cart";
    case L::reply: return "reply";
  }
  return "?";
}

std::span<const Row> rows() { return kRows; }
std::span<const std::string_view> stage_symbols() { return kStageNames; }
std::span<const std::string_view> counter_symbols() { return kCounterSymbols; }

const Row* Names::row_of(int slot) const {
  if (slot < 0 || static_cast<std::size_t>(slot) >= slot_rows.size() || slot_rows[slot] < 0) return nullptr;
  return &kRows[slot_rows[slot]];
}

int Names::slot(std::string_view row_name) const {
  for (std::size_t i = 0; i < std::size(kRows); ++i) {
    if (kRows[i].name == row_name) return row_slots[i];
  }
  throw std::logic_error("context: no row '" + std::string(row_name) + "'");
}

const FactDecl* Names::fact(std::string_view name) const {
  for (const FactDecl& f : facts) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Names declare(const std::vector<std::string>& intent_names, std::vector<FactDecl> facts) {
  Names n;
  auto strings = [](std::span<const std::string_view> symbols) {
    return std::vector<std::string>(symbols.begin(), symbols.end());
  };
  for (const Row& row : kRows) {
    std::vector<std::string> symbols = row.name == "primary" ? intent_names : strings(row.symbols);
    const int slot = n.schema.add(std::string(row.name), row.type, std::string(row.help), std::move(symbols));
    if (row.lifetime == L::upsell || row.lifetime == L::cart) n.schema.set_deferred(slot);
    n.row_slots.push_back(slot);
    n.slot_rows.push_back(static_cast<int>(n.row_slots.size() - 1));
  }
  n.primary = n.row_slots.front();
  for (const std::string& intent : intent_names) {
    n.intent_slots.push_back(n.schema.add(intent, Type::boolean, "the intent holds for this message"));
  }
  for_each_profile_field([&](const ProfileField& field, auto member) {
    using Member = std::remove_cvref_t<decltype(BuyerProfile{}.*member)>;
    n.profile_slots.push_back(n.schema.add("buyer." + std::string(field.name), type_of(Member{}), std::string(field.help)));
  });
  for (const FactDecl& fact : facts) {
    n.fact_slots.push_back(n.schema.add("facts." + fact.name, fact.type, "a fact the host sets", fact.symbols));
  }
  n.slot_rows.resize(n.schema.size(), -1);
  n.facts = std::move(facts);
  return n;
}

}  // namespace parley::context
