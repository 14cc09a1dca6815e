// check_terms, check_policy, check_promotion: the numbers a shop owner
// configures, checked once at load, each problem in words the owner knows.
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "parley/policy.hpp"
#include "policy/amounts.hpp"

namespace parley {
namespace {

using policy_internal::kMaxFen;

const std::string kLimitYuan = Money::from_fen(kMaxFen).to_string();

// Appends a problem when `amount` is negative or beyond what parley handles.
void check_amount(std::vector<std::string>& problems, const std::string& what, Money amount) {
  if (amount < Money()) {
    problems.push_back(fmt::format("{} is {} yuan, but it cannot be negative", what,
                                   amount.to_string()));
  } else if (amount.fen() > kMaxFen) {
    problems.push_back(fmt::format("{} is {} yuan, more than the {} yuan parley handles", what,
                                   amount.to_string(), kLimitYuan));
  }
}

std::string describe(const Extra& extra) {
  const std::string& name = extra.name.empty() ? extra.id : extra.name;
  return (extra.id == "gift" ? "the gift " : "the extra ") + name;
}

bool schedule_uses_deadline(ConcessionPolicy::Schedule s) {
  return s == ConcessionPolicy::Schedule::linear || s == ConcessionPolicy::Schedule::boulware ||
         s == ConcessionPolicy::Schedule::conceder;
}

}  // namespace

std::vector<std::string> check_terms(const ProductTerms& terms) {
  std::vector<std::string> problems;
  check_amount(problems, "the list price", terms.list_price);
  check_amount(problems, "the floor", terms.floor);
  check_amount(problems, "the shipping fee", terms.shipping_fee);
  if (terms.floor > terms.list_price) {
    problems.push_back(fmt::format(
        "the floor {} is above the list price {}: no price could ever be offered",
        terms.floor.to_string(), terms.list_price.to_string()));
  }
  const Money margin = terms.list_price - terms.floor;
  std::set<std::string> ids;
  for (const Extra& extra : terms.extras) {
    if (extra.id.empty()) {
      problems.push_back(fmt::format("{} has no id", describe(extra)));
    } else if (!ids.insert(extra.id).second) {
      problems.push_back(fmt::format("the extra '{}' is listed twice", extra.id));
    }
    check_amount(problems, "the cost of " + describe(extra), extra.cost);
    if (extra.cost > margin && margin >= Money()) {
      problems.push_back(fmt::format(
          "{} costs {} yuan but the margin between list price {} and floor {} is only {} yuan",
          describe(extra), extra.cost.to_string(), terms.list_price.to_string(),
          terms.floor.to_string(), margin.to_string()));
    }
  }
  return problems;
}

std::vector<std::string> check_policy(const ConcessionPolicy& policy) {
  using Schedule = ConcessionPolicy::Schedule;
  std::vector<std::string> problems;
  check_amount(problems, "the split gap", policy.split_gap);
  switch (policy.schedule) {
    case Schedule::geometric:
      check_amount(problems, "the first step", policy.first_step);
      check_amount(problems, "the minimum step", policy.min_step);
      if (policy.first_step == Money()) {
        problems.push_back("the first step is 0 yuan: the price would never come down");
      }
      if (!(policy.ratio > 0.0 && policy.ratio <= 1.0)) {
        problems.push_back(fmt::format(
            "the ratio {} must be above 0 and at most 1: each step is the one before times "
            "the ratio, so it must not grow",
            policy.ratio));
      }
      if (policy.min_step == Money()) {
        problems.push_back(
            "the minimum step is 0 yuan: the steps would shrink to nothing and the price would "
            "stop above the floor");
      }
      if (policy.min_step > policy.first_step) {
        problems.push_back(fmt::format(
            "the minimum step {} is larger than the first step {}: every step would be {}",
            policy.min_step.to_string(), policy.first_step.to_string(),
            policy.min_step.to_string()));
      }
      break;
    case Schedule::steps:
      if (policy.steps.empty()) {
        problems.push_back("the steps list is empty: say how much each concession is");
      }
      for (std::size_t i = 0; i < policy.steps.size(); ++i) {
        const std::string what = fmt::format("step {}", i + 1);
        check_amount(problems, what, policy.steps[i]);
        if (policy.steps[i] == Money()) {
          problems.push_back(what + " is 0 yuan: each step must take something off");
        }
        if (i > 0 && policy.steps[i] > policy.steps[i - 1]) {
          problems.push_back(fmt::format(
              "step {} ({} yuan) is larger than step {} ({} yuan): each concession must be no "
              "larger than the one before",
              i + 1, policy.steps[i].to_string(), i, policy.steps[i - 1].to_string()));
        }
      }
      break;
    case Schedule::boulware:
    case Schedule::conceder: {
      check_amount(problems, "the minimum step", policy.min_step);
      if (policy.min_step == Money()) {
        problems.push_back(
            "the minimum step is 0 yuan: the curve's steps can round to nothing and the price "
            "would stop above the floor");
      }
      const bool boulware = policy.schedule == Schedule::boulware;
      if (!(policy.exponent > 0.0) || !std::isfinite(policy.exponent)) {
        problems.push_back(
            fmt::format("the exponent {} must be a number above 0", policy.exponent));
      } else if (boulware && policy.exponent >= 1.0) {
        problems.push_back(fmt::format(
            "a boulware curve holds the price late and needs an exponent below 1 (it is {})",
            policy.exponent));
      } else if (!boulware && policy.exponent <= 1.0) {
        problems.push_back(fmt::format(
            "a conceder curve gives early and needs an exponent above 1 (it is {})",
            policy.exponent));
      }
      break;
    }
    case Schedule::linear:
      break;
  }
  if (schedule_uses_deadline(policy.schedule) && policy.deadline < 1) {
    problems.push_back(fmt::format(
        "the deadline is {} concessions: it must be at least 1", policy.deadline));
  }
  return problems;
}

std::vector<std::string> check_promotion(const Promotion& p) {
  using Kind = Promotion::Kind;
  std::vector<std::string> problems;
  const std::string name = p.id.empty() ? std::string("a promotion") : "promotion '" + p.id + "'";
  if (p.id.empty()) problems.push_back("a promotion has no id");
  switch (p.kind) {
    case Kind::threshold_discount:
    case Kind::coupon:
      check_amount(problems, "the threshold of " + name, p.over);
      check_amount(problems, "the amount " + name + " takes off", p.off);
      if (p.off == Money()) problems.push_back(name + " takes nothing off");
      if (p.off > p.over) {
        problems.push_back(fmt::format("{} takes off {} yuan, more than its threshold {} yuan",
                                       name, p.off.to_string(), p.over.to_string()));
      }
      if (p.stackable && p.over == Money()) {
        problems.push_back(name + " repeats per multiple of its threshold, so the threshold "
                                  "must be above 0");
      }
      break;
    case Kind::threshold_gift:
      check_amount(problems, "the threshold of " + name, p.over);
      check_amount(problems, "the cost of the gift of " + name, p.gift_cost);
      if (p.gift.empty()) problems.push_back(name + " names no gift");
      break;
    case Kind::bundle_price:
      check_amount(problems, "the bundle price of " + name, p.price);
      if (p.products.empty()) problems.push_back(name + " is a bundle that names no product");
      break;
    case Kind::nth_item_discount:
      if (p.nth < 1) {
        problems.push_back(fmt::format("{} discounts item number {}: it must be 1 or more", name,
                                       p.nth));
      }
      if (!(p.ratio >= 0.0 && p.ratio <= 1.0)) {
        problems.push_back(fmt::format(
            "{} charges {} of the price: the share paid must be between 0 and 1", name, p.ratio));
      }
      break;
    case Kind::quantity_shipping:
      if (p.min_quantity < 1) {
        problems.push_back(fmt::format(
            "{} frees shipping from {} items: it must be 1 or more", name, p.min_quantity));
      }
      break;
  }
  return problems;
}

}  // namespace parley
