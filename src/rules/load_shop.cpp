// The `shop:` section.
#include "rules/load_context.hpp"

#include "util/strings.hpp"

namespace parley::rules {

void LoadContext::read_shop() {
  auto it = singles_.find("shop");
  if (it == singles_.end()) return;
  current_ = it->second;
  YamlReader& f = *it->second.file;
  const YAML::Node& node = it->second.node;
  if (!f.check_map(node, "shop", {"name", "ship_within_days", "arrive_in_days", "service_hours"})) return;
  ShopInfo& shop = impl_->shop;
  if (node["name"]) shop.name = f.string(node["name"], "shop name").value_or("");
  if (node["service_hours"]) shop.service_hours = f.string(node["service_hours"], "service_hours").value_or("");
  if (node["ship_within_days"]) {
    if (auto v = f.integer(node["ship_within_days"], "ship_within_days", 0, 365)) shop.ship_within_days = *v;
  }
  if (const YAML::Node& arrive = node["arrive_in_days"]) {
    if (!arrive.IsSequence() || arrive.size() != 2) {
      f.error(arrive, "arrive_in_days should be [fewest, most] days, such as [2, 4]");
    } else {
      auto lo = f.integer(arrive[0], "arrive_in_days", 0, 365);
      auto hi = f.integer(arrive[1], "arrive_in_days", 0, 365);
      if (lo && hi) {
        if (*lo > *hi) f.error(arrive, "arrive_in_days: the fewest days are more than the most");
        shop.arrive_min_days = *lo;
        shop.arrive_max_days = *hi;
      }
    }
  }
}

}  // namespace parley::rules
