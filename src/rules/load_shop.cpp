// The `shop:` section.
#include "rules/fields.hpp"

namespace parley::rules {
namespace {

using ShopReading = Reading<Shop>;

constexpr Field<Shop> kShopFields[] = {
    {"name", "the shop's name, as replies say it",
     [](ShopReading& r, const YAML::Node& v) { r.out.name = r.f.string(v, "shop name").value_or(""); }},
    {"ship_within_days", "ships within N days of payment (0 to 365)",
     [](ShopReading& r, const YAML::Node& v) {
       if (auto days = r.f.integer(v, "ship_within_days", 0, 365)) r.out.ship_within_days = *days;
     }},
    {"arrive_in_days", "[fewest, most] days in transit (0 to 365)",
     [](ShopReading& r, const YAML::Node& v) {
       if (!v.IsSequence() || v.size() != 2) {
         r.f.error(v, "arrive_in_days should be [fewest, most] days, such as [2, 4]");
         return;
       }
       auto lo = r.f.integer(v[0], "arrive_in_days", 0, 365);
       auto hi = r.f.integer(v[1], "arrive_in_days", 0, 365);
       if (!lo || !hi) return;
       if (*lo > *hi) r.f.error(v, "arrive_in_days: the fewest days are more than the most");
       r.out.arrive_min_days = *lo;
       r.out.arrive_max_days = *hi;
     }},
    {"service_hours", "when the shop answers (text)",
     [](ShopReading& r, const YAML::Node& v) {
       r.out.service_hours = r.f.string(v, "service_hours").value_or("");
     }},
};

}  // namespace

std::vector<TableDoc> shop_tables() {
  return {document<Shop>("## Top level", "shop", kShopFields)};
}

void LoadContext::read_shop() {
  auto it = singles_.find("shop");
  if (it == singles_.end()) return;
  current_ = it->second;
  ShopReading r{*this, *it->second.file, it->second.node, impl_->shop};
  read_fields<Shop>(r, "shop", kShopFields);
}

}  // namespace parley::rules
