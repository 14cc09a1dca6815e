#include "rules/rule_set_impl.hpp"

namespace parley {

std::vector<expr::Value> product_env(const RuleSet::Impl& rules, int product) {
  using expr::Value;
  const rules::Slots& n = rules.slots;
  const Product& p = rules.products[product];
  std::vector<Value> env(rules.schema.size(), Value::null());
  auto money = [](Money m) { return Value::of(m.yuan()); };

  for (int slot : n.intents) env[slot] = Value::of(false);
  env[n.list_price] = money(p.list_price);
  env[n.floor] = money(p.floor);
  if (!p.selling_points.empty()) env[n.selling_point] = Value::of(std::string_view(p.selling_points.front().second));

  env[n.product_id] = Value::of(std::string_view(p.id));
  env[n.product_name] = Value::of(std::string_view(p.name));
  env[n.product_unit] = Value::of(std::string_view(p.unit));
  env[n.product_list_price] = money(p.list_price);
  env[n.product_floor] = money(p.floor);
  env[n.product_shipping_fee] = money(p.shipping_fee);
  env[n.product_free_shipping] = Value::of(p.shipping_fee == Money());
  env[n.product_fixed_price] = Value::of(p.fixed_price);
  if (!p.gifts.empty()) env[n.product_gift] = Value::of(std::string_view(p.gifts.front().name));

  env[n.shop_name] = Value::of(std::string_view(rules.shop.name));
  env[n.shop_ship_within_days] = Value::of(static_cast<double>(rules.shop.ship_within_days));
  env[n.shop_arrive_min_days] = Value::of(static_cast<double>(rules.shop.arrive_min_days));
  env[n.shop_arrive_max_days] = Value::of(static_cast<double>(rules.shop.arrive_max_days));
  return env;
}

}  // namespace parley
