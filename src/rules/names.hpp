// The names conditions and templates may use, and the slot each is kept in.
//
// The loader compiles every expression against the Schema built here; the
// engine fills an Env with one Value per slot for each message. Both sides
// use the same Slots, so a name is resolved once, at load.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "rules/expr.hpp"

namespace parley::rules {

// How a fact is declared under `facts:`.
struct FactDecl {
  std::string name;
  expr::Type type = expr::Type::string;
  std::vector<std::string> symbols;  // the allowed values of an enum fact
};

struct Slots {
  // The message.
  int primary, intent_count, conditional, price, first_number, discount, relative, round_down, quantity,
      text;
  // The conversation.
  int round, stage, offer, list_price, floor, concessions, holds, last_step, buyer_best;
  // The policy.
  int next_offer, at_floor, counter, counter_price, next_extra, extras_granted;
  int focus, selling_point, topic, topic_point;
  int saving, per_unit_saving, threshold, add_quantity, new_quantity, upsell_gift;
  int cart_total, cart_saving, cart_items, cart_subtotal, cart_gifts;
  // The product, the shop, the buyer.
  int product_id, product_name, product_unit, product_list_price, product_floor,
      product_shipping_fee, product_free_shipping, product_fixed_price, product_gift;
  int shop_name, shop_ship_within_days, shop_arrive_min_days, shop_arrive_max_days;
  int buyer_credit, buyer_good_rate_given, buyer_good_rate_received, buyer_member, buyer_vip,
      buyer_coupon_claimed, buyer_orders, buyer_total_spent, buyer_last_order_days, buyer_groups,
      buyer_notes, buyer_returning, buyer_banned;
  // Templates only: the suggestion being rendered.
  int extra, gives, new_offer;

  std::vector<int> intents;            // by intent index
  std::map<std::string, int> facts;    // by fact name (without "facts.")
  std::vector<FactDecl> fact_decls;

  // Slots the policy's upsell and cart computations fill; the engine skips
  // that work when no rule reads them.
  bool is_upsell_slot(int slot) const { return slot >= saving && slot <= upsell_gift; }
  bool is_cart_slot(int slot) const { return slot >= cart_total && slot <= cart_gifts; }
  // Slots filled from the buyer's mentions: a price, an amount off, a
  // discount, a quantity, a conditional no, the verdict on the price.
  bool is_mention_slot(int slot) const {
    return slot == price || slot == discount || slot == relative || slot == round_down || slot == quantity ||
           slot == conditional || slot == counter || slot == counter_price;
  }
  // Slots the concession policy fills (the next step, the verdict on the
  // buyer's price, the next extra).
  bool is_policy_slot(int slot) const { return slot >= next_offer && slot <= next_extra; }
};

// The stages a conversation goes through (the `stage` symbol).
const std::vector<std::string>& stage_names();
// The values of the `counter` symbol.
const std::vector<std::string>& counter_names();

// Declares every name in `schema` and returns their slots. Intents are
// declared as booleans under their own names.
Slots declare_names(expr::Schema& schema, const std::vector<std::string>& intent_names,
                    std::vector<FactDecl> facts);

}  // namespace parley::rules
