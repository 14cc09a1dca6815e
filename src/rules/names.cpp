#include "rules/names.hpp"

namespace parley::rules {

using expr::Type;

const std::vector<std::string>& stage_names() {
  static const std::vector<std::string> names = {"open",      "bargaining", "agreed",
                                                 "retreated", "handoff",    "after_sale"};
  return names;
}

const std::vector<std::string>& counter_names() {
  static const std::vector<std::string> names = {"none", "accept", "split", "counter", "decline"};
  return names;
}

Slots declare_names(expr::Schema& s, const std::vector<std::string>& intent_names,
                    std::vector<FactDecl> facts) {
  Slots n{};
  n.primary = s.add("primary", Type::string, "the primary intent, or null", intent_names);
  n.intent_count = s.add("intent_count", Type::number, "how many intents hold");
  n.conditional = s.add("conditional", Type::boolean, "a rejection with a condition (B16)");
  n.price = s.add("price", Type::number, "the price the buyer names, or null");
  n.first_number = s.add("first_number", Type::number,
                         "the first run of ASCII digits in the message as written, or null");
  n.discount = s.add("discount", Type::number, "a discount the buyer asks for (0.9), or null");
  n.relative = s.add("relative", Type::number, "an amount off the buyer asks for, or null");
  n.round_down = s.add("round_down", Type::boolean, "the buyer asks to drop the odd yuan");
  n.quantity = s.add("quantity", Type::number, "a quantity the buyer names, or null");
  n.text = s.add("text", Type::string, "the normalised message");

  n.round = s.add("round", Type::number, "buyer messages so far, this one included");
  n.stage = s.add("stage", Type::string, "where the conversation stands", stage_names());
  n.offer = s.add("offer", Type::number, "the current price");
  n.list_price = s.add("list_price", Type::number, "the product's list price");
  n.floor = s.add("floor", Type::number, "the product's floor");
  n.concessions = s.add("concessions", Type::number, "price concessions made so far");
  n.holds = s.add("holds", Type::number, "replies that held the price so far");
  n.last_step = s.add("last_step", Type::number, "the size of the last concession");
  n.buyer_best = s.add("buyer_best", Type::number, "the highest price the buyer named, or null");

  n.next_offer = s.add("next_offer", Type::number, "the next price of the schedule, or null");
  n.at_floor = s.add("at_floor", Type::boolean, "no price concession is left");
  n.counter = s.add("counter", Type::string, "the policy's verdict on the buyer's price",
                    counter_names());
  n.counter_price = s.add("counter_price", Type::number, "the price that goes with counter");
  n.next_extra = s.add("next_extra", Type::string, "the next extra that fits, or null");
  n.extras_granted = s.add("extras_granted", Type::number, "how many extras were granted");
  n.focus = s.add("focus", Type::string, "the selling point the buyer keeps coming back to");
  n.selling_point = s.add("selling_point", Type::string, "what to say about the focus");
  n.topic = s.add("topic", Type::string, "the selling-point keyword in this message, or null");
  n.topic_point = s.add("topic_point", Type::string, "what to say about this message's topic, or null");

  n.saving = s.add("saving", Type::number, "what the best upsell saves");
  n.per_unit_saving = s.add("per_unit_saving", Type::number, "the upsell's saving per unit");
  n.threshold = s.add("threshold", Type::number, "the upsell promotion's threshold");
  n.add_quantity = s.add("add_quantity", Type::number, "units to add for the upsell");
  n.new_quantity = s.add("new_quantity", Type::number, "units after the upsell");
  n.upsell_gift = s.add("upsell_gift", Type::string, "the gift the upsell earns, or null");
  n.cart_total = s.add("cart_total", Type::number, "the cart's best price with promotions");
  n.cart_saving = s.add("cart_saving", Type::number, "what the promotions save on the cart");
  n.cart_items = s.add("cart_items", Type::number, "items in the cart");
  n.cart_subtotal = s.add("cart_subtotal", Type::number, "the cart at its prices, before promotions");
  n.cart_gifts = s.add("cart_gifts", Type::string, "the gifts the cart earns (、-separated), or null");

  for (int slot = n.saving; slot <= n.cart_gifts; ++slot) s.set_deferred(slot);

  n.product_id = s.add("product.id", Type::string, "the product's id");
  n.product_name = s.add("product.name", Type::string, "the product's name");
  n.product_unit = s.add("product.unit", Type::string, "the product's measure word");
  n.product_list_price = s.add("product.list_price", Type::number, "the product's list price");
  n.product_floor = s.add("product.floor", Type::number, "the product's floor");
  n.product_shipping_fee = s.add("product.shipping_fee", Type::number, "shipping fee, 0 if free");
  n.product_free_shipping = s.add("product.free_shipping", Type::boolean, "ships free");
  n.product_fixed_price = s.add("product.fixed_price", Type::boolean, "no price concession (B10)");
  n.product_gift = s.add("product.gift", Type::string, "the product's first gift, or null");

  n.shop_name = s.add("shop.name", Type::string, "the shop's name");
  n.shop_ship_within_days = s.add("shop.ship_within_days", Type::number, "ships within N days");
  n.shop_arrive_min_days = s.add("shop.arrive_min_days", Type::number, "fewest days in transit");
  n.shop_arrive_max_days = s.add("shop.arrive_max_days", Type::number, "most days in transit");

  n.buyer_credit = s.add("buyer.credit", Type::string, "buyer credit level");
  n.buyer_good_rate_given = s.add("buyer.good_rate_given", Type::number, "good reviews given, 0-1");
  n.buyer_good_rate_received =
      s.add("buyer.good_rate_received", Type::number, "good reviews received, 0-1");
  n.buyer_member = s.add("buyer.member", Type::boolean, "a shop member");
  n.buyer_vip = s.add("buyer.vip", Type::boolean, "a VIP buyer");
  n.buyer_coupon_claimed = s.add("buyer.coupon_claimed", Type::boolean, "claimed a coupon");
  n.buyer_orders = s.add("buyer.orders", Type::number, "orders placed in this shop");
  n.buyer_total_spent = s.add("buyer.total_spent", Type::number, "yuan spent in this shop");
  n.buyer_last_order_days = s.add("buyer.last_order_days", Type::number, "days since the last order");
  n.buyer_groups = s.add("buyer.groups", Type::list, "the shop's groups the buyer is in");
  n.buyer_notes = s.add("buyer.notes", Type::string, "the agent's remarks");
  n.buyer_returning = s.add("buyer.returning", Type::boolean, "has ordered here before");
  n.buyer_banned = s.add("buyer.banned", Type::boolean, "in a banned group (B37)");

  n.extra = s.add("extra", Type::string, "in a reply: the extra it grants");
  n.gives = s.add("gives", Type::string, "in a reply: what the buyer gives in a trade");
  n.new_offer = s.add("new_offer", Type::number, "in a reply: the price it offers");

  for (const std::string& intent : intent_names) {
    n.intents.push_back(s.add(intent, Type::boolean, "the intent holds for this message"));
  }
  for (FactDecl& fact : facts) {
    n.facts[fact.name] = s.add("facts." + fact.name, fact.type, "a fact the host sets", fact.symbols);
  }
  n.fact_decls = std::move(facts);
  return n;
}

}  // namespace parley::rules
