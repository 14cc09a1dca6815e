// The buyer's profile, field by field: the one list that JSON (io), YAML
// (scenarios and rule examples) and the condition names (`buyer.NAME`) all
// read, so that a field added to BuyerProfile is added here and nowhere else.
#pragma once

#include <limits>
#include <string_view>

#include "parley/conversation.hpp"

namespace parley::context {

struct ProfileField {
  std::string_view name;
  std::string_view help;
  // The range a number may take (inclusive). Text, flags and lists ignore it.
  double min = 0;
  double max = std::numeric_limits<double>::max();
  // A number equal to this is "not known" and reads as null in conditions
  // (last_order_days is -1 when the buyer has never ordered).
  std::optional<double> none = std::nullopt;
};

// Calls fn(ProfileField, member pointer) for every field of BuyerProfile, in
// the order JSON writes them. Member types: std::string, double, bool, int,
// std::vector<std::string>.
template <class Fn>
void for_each_profile_field(Fn&& fn) {
  fn(ProfileField{"credit", "buyer credit level, as the platform shows it"}, &BuyerProfile::credit);
  fn(ProfileField{"good_rate_given", "share of good reviews the buyer gives, 0-1", 0, 1},
     &BuyerProfile::good_rate_given);
  fn(ProfileField{"good_rate_received", "share of good reviews the buyer receives, 0-1", 0, 1},
     &BuyerProfile::good_rate_received);
  fn(ProfileField{"member", "a shop member"}, &BuyerProfile::member);
  fn(ProfileField{"vip", "a VIP buyer"}, &BuyerProfile::vip);
  fn(ProfileField{"coupon_claimed", "claimed a coupon"}, &BuyerProfile::coupon_claimed);
  fn(ProfileField{"orders", "orders placed in this shop", 0, 1e9}, &BuyerProfile::orders);
  fn(ProfileField{"total_spent", "yuan spent in this shop", 0, 1e12}, &BuyerProfile::total_spent);
  fn(ProfileField{"last_order_days", "days since the last order, -1 when none", -1, 1e6, -1},
     &BuyerProfile::last_order_days);
  fn(ProfileField{"groups", "the shop's groups the buyer is in"}, &BuyerProfile::groups);
  fn(ProfileField{"notes", "the agent's remarks"}, &BuyerProfile::notes);
}

// The field names, for unknown-key checks and did-you-mean.
inline std::vector<std::string> profile_field_names() {
  std::vector<std::string> names;
  for_each_profile_field([&](const ProfileField& f, auto) { names.emplace_back(f.name); });
  return names;
}

}  // namespace parley::context
