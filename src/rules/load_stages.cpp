// The `stages:` section: how replies and buyer messages move a
// conversation's stage (rules/README.md, "Stages").
#include "rules/fields.hpp"

namespace parley::rules {
namespace {

using StageReading = Reading<StageMoves>;

std::optional<Stage> read_stage(StageReading& r, const YAML::Node& v, std::string_view what) {
  auto name = r.f.string(v, what);
  if (!name || *name == "none") return std::nullopt;
  std::optional<Stage> found = stage_from_string(*name);
  if (!found) r.f.error(v, "unknown stage '" + *name + "'" + stage_list());
  return found;
}

constexpr Field<StageMoves> kStageFields[] = {
    {"after", "action: stage, the stage a reply with that action moves to (replaces the defaults)",
     [](StageReading& r, const YAML::Node& v) {
       if (!v.IsMap()) {
         r.f.error(v, "stages.after should map actions to the stage their replies move to");
         return;
       }
       r.out.after_action = {};
       for (const auto& entry : v) {
         std::optional<Action> action = action_from_string(entry.first.Scalar());
         if (!action) {
           r.f.error(entry.first, "unknown action '" + entry.first.Scalar() + "' in stages.after");
           continue;
         }
         r.out.after_action[static_cast<std::size_t>(*action)] = read_stage(r, entry.second, "stage");
       }
     }},
    {"on_intent", "the stage `open` moves to when a buyer message has an intent (`none`: stays)",
     [](StageReading& r, const YAML::Node& v) { r.out.open_on_intent = read_stage(r, v, "stages.on_intent"); }},
};

using RankingReading = Reading<Ranking>;

constexpr Field<Ranking> kRankingFields[] = {
    {"diverse", "true (the default): after the best, the next places answer the message's other questions and differ in action; false: by score alone",
     [](RankingReading& r, const YAML::Node& v) { r.out.diverse = r.f.boolean(v, "diverse").value_or(true); }},
};

}  // namespace

std::vector<TableDoc> ranking_tables() { return {document<Ranking>("## Ranking", "ranking", kRankingFields)}; }

void LoadContext::read_ranking() {
  auto it = singles_.find("ranking");
  if (it == singles_.end()) return;
  current_ = it->second;
  RankingReading r{*this, *it->second.file, it->second.node, impl_->ranking};
  read_fields<Ranking>(r, "ranking", kRankingFields);
}

std::string stage_list() {
  std::string out = " (one of:";
  for (std::string_view name : kStageNames) out += " " + std::string(name) + ",";
  out.back() = ')';
  return out;
}

std::vector<TableDoc> stage_tables() { return {document<StageMoves>("## Stages", "stages", kStageFields)}; }

void LoadContext::read_stages() {
  auto it = singles_.find("stages");
  if (it == singles_.end()) return;
  current_ = it->second;
  StageReading r{*this, *it->second.file, it->second.node, impl_->stages};
  read_fields<StageMoves>(r, "stages", kStageFields);
}

}  // namespace parley::rules
