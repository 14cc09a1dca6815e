// The `negotiation:` section: the default concession policy, extras and their ladder.
#include "rules/load_context.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace parley::rules {

// Reads a `concession:` mapping over `policy` (only the keys present).
void LoadContext::read_concession(YamlReader& f, const YAML::Node& node, ConcessionPolicy& policy,
                                  std::string_view where) {
  if (!f.check_map(node, where,
                   {"schedule", "first", "ratio", "min_step", "steps", "deadline", "exponent",
                    "hold_first", "split_gap", "rounding"})) {
    return;
  }
  if (node["schedule"]) {
    static const std::pair<std::string_view, ConcessionPolicy::Schedule> kSchedules[] = {
        {"geometric", ConcessionPolicy::Schedule::geometric},
        {"steps", ConcessionPolicy::Schedule::steps},
        {"linear", ConcessionPolicy::Schedule::linear},
        {"boulware", ConcessionPolicy::Schedule::boulware},
        {"conceder", ConcessionPolicy::Schedule::conceder}};
    auto name = f.string(node["schedule"], "schedule");
    auto found = std::find_if(std::begin(kSchedules), std::end(kSchedules),
                              [&](const auto& s) { return name && s.first == *name; });
    if (found != std::end(kSchedules)) policy.schedule = found->second;
    else if (name) f.error(node["schedule"], "unknown schedule '" + *name + "' (one of: geometric, steps, linear, boulware, conceder)");
  }
  if (node["first"]) policy.first_step = f.money(node["first"], "first").value_or(policy.first_step);
  if (node["min_step"]) policy.min_step = f.money(node["min_step"], "min_step").value_or(policy.min_step);
  if (node["split_gap"]) policy.split_gap = f.money(node["split_gap"], "split_gap").value_or(policy.split_gap);
  if (node["ratio"]) policy.ratio = f.number(node["ratio"], "ratio").value_or(policy.ratio);
  if (node["exponent"]) policy.exponent = f.number(node["exponent"], "exponent").value_or(policy.exponent);
  if (node["deadline"]) {
    if (auto v = f.integer(node["deadline"], "deadline", 1, 1000)) policy.deadline = *v;
  }
  if (node["hold_first"]) policy.hold_first = f.boolean(node["hold_first"], "hold_first").value_or(policy.hold_first);
  if (const YAML::Node& steps = node["steps"]) {
    if (!steps.IsSequence()) {
      f.error(steps, "steps should be a list of amounts, such as [20, 10, 5]");
    } else {
      policy.steps.clear();
      for (const YAML::Node& s : steps) {
        if (auto m = f.money(s, "a step")) policy.steps.push_back(*m);
      }
    }
  }
  if (node["rounding"]) {
    static const std::pair<std::string_view, Rounding::Mode> kModes[] = {
        {"fen", Rounding::Mode::fen}, {"yuan", Rounding::Mode::yuan},
        {"ending_9", Rounding::Mode::ending_9}, {"ending_8", Rounding::Mode::ending_8}};
    auto name = f.string(node["rounding"], "rounding");
    auto found = std::find_if(std::begin(kModes), std::end(kModes),
                              [&](const auto& m) { return name && m.first == *name; });
    if (found != std::end(kModes)) policy.rounding.mode = found->second;
    else if (name) f.error(node["rounding"], "unknown rounding '" + *name + "' (one of: fen, yuan, ending_9, ending_8)");
  }
  for (const std::string& problem : check_policy(policy)) f.error(node, "concession: " + problem);
}

void LoadContext::read_negotiation() {
  auto it = singles_.find("negotiation");
  if (it == singles_.end()) return;
  current_ = it->second;
  YamlReader& f = *it->second.file;
  const YAML::Node& node = it->second.node;
  if (!f.check_map(node, "negotiation", {"concession", "extras_ladder", "extras"})) return;
  if (node["concession"]) read_concession(f, node["concession"], default_policy_, "concession");
  if (const YAML::Node& extras = node["extras"]) {
    if (!extras.IsMap()) {
      f.error(extras, "extras should map extra ids to {name, cost}");
    } else {
      for (const auto& entry : extras) {
        const std::string id = entry.first.Scalar();
        if (id == "free_shipping" || id == "gift") {
          f.error(entry.first, "'" + id + "' is built in: its cost comes from each product");
          continue;
        }
        if (!f.check_map(entry.second, "extra '" + id + "'", {"name", "cost"})) continue;
        Extra extra{id, id, Money()};
        if (entry.second["name"]) extra.name = f.string(entry.second["name"], "name").value_or(id);
        if (entry.second["cost"]) extra.cost = f.money(entry.second["cost"], "cost").value_or(Money());
        else f.error(entry.second, "extra '" + id + "' needs a cost (what it costs the shop)");
        named_extras_.push_back(std::move(extra));
      }
    }
  }
  if (const YAML::Node& ladder = node["extras_ladder"]) {
    for (std::size_t i = 0; i < ladder.size() || (ladder.IsScalar() && i == 0); ++i) {
      const YAML::Node item = ladder.IsSequence() ? ladder[i] : ladder;
      auto id = f.string(item, "an extra");
      if (!id) continue;
      bool known = *id == "free_shipping" || *id == "gift" ||
                   std::any_of(named_extras_.begin(), named_extras_.end(),
                               [&](const Extra& e) { return e.id == *id; });
      if (!known) {
        f.error(item, "unknown extra '" + *id + "' (free_shipping, gift, or one declared under negotiation.extras)");
        continue;
      }
      ladder_.push_back(*id);
      if (ladder.IsScalar()) break;
    }
  }
}

}  // namespace parley::rules
