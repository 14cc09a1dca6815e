// The `negotiation:` section: the default concession policy, extras and their
// ladder. A product's own `concession:` is read with the same table.
#include "rules/fields.hpp"

#include <algorithm>

namespace parley::rules {
namespace {

using Policy = ConcessionPolicy;
using PolicyReading = Reading<Policy>;

constexpr std::pair<std::string_view, Policy::Schedule> kSchedules[] = {
    {"geometric", Policy::Schedule::geometric}, {"steps", Policy::Schedule::steps},
    {"linear", Policy::Schedule::linear},       {"boulware", Policy::Schedule::boulware},
    {"conceder", Policy::Schedule::conceder}};
constexpr std::pair<std::string_view, Rounding::Mode> kRoundings[] = {
    {"fen", Rounding::Mode::fen},
    {"yuan", Rounding::Mode::yuan},
    {"ending_9", Rounding::Mode::ending_9},
    {"ending_8", Rounding::Mode::ending_8}};

// Each key sets one member of the policy and leaves the others as they were
// (the shop's default, or the built-in one).
constexpr Field<Policy> kConcessionFields[] = {
    {"schedule", "how steps shrink: geometric, steps, linear, boulware or conceder",
     [](PolicyReading& r, const YAML::Node& v) {
       if (auto s = choice(r.f, v, "schedule", kSchedules)) r.out.schedule = *s;
     }},
    {"first", "the first step in yuan",
     [](PolicyReading& r, const YAML::Node& v) { r.out.first_step = r.f.money(v, "first").value_or(r.out.first_step); }},
    {"ratio", "geometric: each step is the one before times this (above 0, at most 1)",
     [](PolicyReading& r, const YAML::Node& v) { r.out.ratio = r.f.number(v, "ratio").value_or(r.out.ratio); }},
    {"min_step", "no step is smaller (yuan)",
     [](PolicyReading& r, const YAML::Node& v) { r.out.min_step = r.f.money(v, "min_step").value_or(r.out.min_step); }},
    {"steps", "steps: the amounts in order, such as [20, 10, 5]",
     [](PolicyReading& r, const YAML::Node& v) {
       if (!v.IsSequence()) {
         r.f.error(v, "steps should be a list of amounts, such as [20, 10, 5]");
         return;
       }
       r.out.steps.clear();
       for (const YAML::Node& s : v) {
         if (auto m = r.f.money(s, "a step")) r.out.steps.push_back(*m);
       }
     }},
    {"deadline", "linear, boulware, conceder: concessions until the floor (1 to 1000)",
     [](PolicyReading& r, const YAML::Node& v) {
       if (auto d = r.f.integer(v, "deadline", 1, 1000)) r.out.deadline = *d;
     }},
    {"exponent", "boulware (below 1) and conceder (above 1): the curve's shape",
     [](PolicyReading& r, const YAML::Node& v) { r.out.exponent = r.f.number(v, "exponent").value_or(r.out.exponent); }},
    {"hold_first", "hold once before the first concession",
     [](PolicyReading& r, const YAML::Node& v) { r.out.hold_first = r.f.boolean(v, "hold_first").value_or(r.out.hold_first); }},
    {"split_gap", "split the difference when the buyer is this close (yuan)",
     [](PolicyReading& r, const YAML::Node& v) { r.out.split_gap = r.f.money(v, "split_gap").value_or(r.out.split_gap); }},
    {"rounding", "prices offered end in: fen, yuan, ending_9 or ending_8",
     [](PolicyReading& r, const YAML::Node& v) {
       if (auto m = choice(r.f, v, "rounding", kRoundings)) r.out.rounding.mode = *m;
     }},
};

using ExtraReading = Reading<Extra>;

constexpr Field<Extra> kExtraFields[] = {
    {"name", "how replies name it",
     [](ExtraReading& r, const YAML::Node& v) { r.out.name = r.f.string(v, "name").value_or(r.out.id); }},
    {"cost", "what it costs the shop (yuan)",
     [](ExtraReading& r, const YAML::Node& v) { r.out.cost = r.f.money(v, "cost").value_or(Money()); }},
};

using NegotiationReading = Reading<LoadContext>;

constexpr Field<LoadContext> kNegotiationFields[] = {
    {"concession", "the default concession policy (below)",
     [](NegotiationReading& r, const YAML::Node& v) { r.load.read_concession(r.f, v, r.load.default_policy_, "concession"); }},
    {"extras", "extras besides free_shipping and gift: {id: {name, cost}}",
     [](NegotiationReading& r, const YAML::Node& v) {
       if (!v.IsMap()) {
         r.f.error(v, "extras should map extra ids to {name, cost}");
         return;
       }
       for (const auto& entry : v) {
         const std::string id = entry.first.Scalar();
         if (id == "free_shipping" || id == "gift") {
           r.f.error(entry.first, "'" + id + "' is built in: its cost comes from each product");
           continue;
         }
         Extra extra{id, id, Money()};
         ExtraReading er{r.load, r.f, entry.second, extra};
         if (!read_fields<Extra>(er, "extra '" + id + "'", kExtraFields)) continue;
         if (!entry.second["cost"]) r.f.error(entry.second, "extra '" + id + "' needs a cost (what it costs the shop)");
         r.load.named_extras_.push_back(std::move(extra));
       }
     }},
    {"extras_ladder", "the extras to offer, in order: free_shipping, gift, or ids of extras",
     [](NegotiationReading& r, const YAML::Node& v) {
       if (!v.IsSequence() && !v.IsScalar()) {
         r.f.error(v, "extras_ladder should be a list of extras, such as [free_shipping, gift]");
         return;
       }
       std::vector<YAML::Node> items;
       if (v.IsScalar()) items.push_back(v);
       else for (const YAML::Node& item : v) items.push_back(item);
       for (const YAML::Node& item : items) {
         auto id = r.f.string(item, "an extra");
         if (!id) continue;
         const auto& named = r.load.named_extras_;
         bool known = *id == "free_shipping" || *id == "gift" ||
                      std::any_of(named.begin(), named.end(), [&](const Extra& e) { return e.id == *id; });
         if (!known) {
           r.f.error(item, "unknown extra '" + *id + "' (free_shipping, gift, or one declared under negotiation.extras)");
           continue;
         }
         r.load.ladder_.push_back(*id);
       }
     }},
};

}  // namespace

std::vector<TableDoc> negotiation_tables() {
  return {document<LoadContext>("## Negotiation", "negotiation", kNegotiationFields),
          document<Policy>("## Negotiation", "concession", kConcessionFields),
          document<Extra>("## Negotiation", "an extra", kExtraFields)};
}

// Reads a `concession:` mapping over `policy` (only the keys present).
void LoadContext::read_concession(YamlReader& f, const YAML::Node& node, ConcessionPolicy& policy,
                                  std::string_view where) {
  PolicyReading r{*this, f, node, policy};
  if (!read_fields<Policy>(r, where, kConcessionFields)) return;
  for (const std::string& problem : check_policy(policy)) f.error(node, "concession: " + problem);
}

void LoadContext::read_negotiation() {
  auto it = singles_.find("negotiation");
  if (it == singles_.end()) return;
  current_ = it->second;
  NegotiationReading r{*this, *it->second.file, it->second.node, *this};
  read_fields<LoadContext>(r, "negotiation", kNegotiationFields);
}

}  // namespace parley::rules
