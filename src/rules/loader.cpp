#include "rules/loader.hpp"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <cctype>
#include <set>

#include "rules/rule_set_impl.hpp"
#include "rules/yaml_reader.hpp"
#include "util/strings.hpp"

namespace parley::rules {
namespace {

// A node and the file it came from.
struct Located {
  YamlReader* file = nullptr;
  YAML::Node node;
};

constexpr std::string_view kTopLevel[] = {"parley",  "locale", "shop",       "products",
                                          "promotions", "negotiation", "intents", "facts",
                                          "compliance", "rules"};

bool is_identifier(std::string_view name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::optional<MentionKind> mention_kind(std::string_view name) {
  // MentionKind::count (80抽) is the last kind.
  for (int k = 0; k <= static_cast<int>(MentionKind::count); ++k) {
    auto kind = static_cast<MentionKind>(k);
    if (to_string(kind) == name) return kind;
  }
  return std::nullopt;
}

class Loader {
 public:
  explicit Loader(std::span<const SourceFile> files) {
    for (const SourceFile& f : files) {
      files_.push_back(std::make_unique<YamlReader>(f.name, f.content, diagnostics_));
    }
  }

  std::unique_ptr<RuleSet::Impl> run() {
    static std::atomic<std::uint64_t> loaded{0};
    impl_ = std::make_unique<RuleSet::Impl>();
    impl_->id = ++loaded;
    gather();
    read_shop();
    read_negotiation();
    read_products();
    read_promotions();
    read_intents();
    read_facts();
    read_compliance();
    impl_->slots = declare_names(impl_->schema, intent_names_, fact_decls_);
    read_rules();
    build_classifier();
    index_rules();
    for (std::size_t p = 0; p < impl_->products.size(); ++p) {
      impl_->product_envs.push_back(product_env(*impl_, static_cast<int>(p)));
    }
    impl_->product_word_set.compile();

    std::vector<Diagnostic> errors;
    for (Diagnostic& d : diagnostics_) {
      if (d.severity == Diagnostic::Severity::error) errors.push_back(d);
      else impl_->warnings.push_back(d);
    }
    if (!errors.empty()) throw Error(std::move(errors));
    return std::move(impl_);
  }

 private:
  // ---- Sections -----------------------------------------------------------

  void gather() {
    bool has_version = false;
    for (auto& file : files_) {
      YAML::Node root = file->parse();
      if (!root || root.IsNull()) continue;
      if (!file->check_map(root, "a rule file",
                           {"parley", "locale", "shop", "products", "promotions", "negotiation",
                            "intents", "facts", "compliance", "rules"})) {
        continue;
      }
      for (std::string_view key : kTopLevel) {
        YAML::Node node = root[std::string(key)];
        if (!node) continue;
        if (key == "products" || key == "promotions" || key == "rules") {
          if (!node.IsSequence()) {
            if (!node.IsNull()) file->error(node, std::string(key) + " should be a list");
            continue;
          }
          for (const YAML::Node& item : node) lists_[std::string(key)].push_back({file.get(), item});
        } else if (key == "intents" || key == "facts") {
          if (!node.IsMap()) {
            if (!node.IsNull()) file->error(node, std::string(key) + " should be a mapping");
            continue;
          }
          for (const auto& entry : node) {
            maps_[std::string(key)].push_back({file.get(), entry.first});
            map_values_[std::string(key)].push_back(entry.second);
          }
        } else {
          auto& slot = singles_[std::string(key)];
          if (slot.file) {
            file->error(node, "'" + std::string(key) + "' is set again; it was set in " +
                                  slot.file->at(slot.node).to_string());
            continue;
          }
          slot = {file.get(), node};
        }
      }
    }
    if (auto it = singles_.find("parley"); it != singles_.end()) {
      has_version = true;
      auto version = it->second.file->number(it->second.node, "parley (the format version)");
      if (version && *version != 1) {
        it->second.file->error(it->second.node, "this parley reads rule-set format 1, not " +
                                                    it->second.node.Scalar());
      }
    }
    if (!has_version && !files_.empty()) {
      files_.front()->error(SourceLocation{files_.front()->name(), 1, 1},
                            "no 'parley: 1' line: say which rule-set format this is");
    }
    if (auto it = singles_.find("locale"); it != singles_.end()) {
      auto locale = it->second.file->string(it->second.node, "locale");
      if (locale && *locale != "zh-CN") {
        it->second.file->error(it->second.node, "only locale zh-CN is supported, not " + *locale);
      }
    }
  }

  void read_shop() {
    auto it = singles_.find("shop");
    if (it == singles_.end()) return;
    YamlReader& f = *it->second.file;
    const YAML::Node& node = it->second.node;
    if (!f.check_map(node, "shop", {"name", "ship_within_days", "arrive_in_days", "service_hours"})) return;
    ShopInfo& shop = impl_->shop;
    if (node["name"]) shop.name = f.string(node["name"], "shop name").value_or("");
    if (node["service_hours"]) shop.service_hours = f.string(node["service_hours"], "service_hours").value_or("");
    if (node["ship_within_days"]) {
      if (auto v = f.number(node["ship_within_days"], "ship_within_days")) shop.ship_within_days = static_cast<int>(*v);
    }
    if (const YAML::Node& arrive = node["arrive_in_days"]) {
      if (!arrive.IsSequence() || arrive.size() != 2) {
        f.error(arrive, "arrive_in_days should be [fewest, most] days, such as [2, 4]");
      } else {
        auto lo = f.number(arrive[0], "arrive_in_days");
        auto hi = f.number(arrive[1], "arrive_in_days");
        if (lo && hi) {
          if (*lo > *hi) f.error(arrive, "arrive_in_days: the fewest days are more than the most");
          shop.arrive_min_days = static_cast<int>(*lo);
          shop.arrive_max_days = static_cast<int>(*hi);
        }
      }
    }
  }

  // Reads a `concession:` mapping over `policy` (only the keys present).
  void read_concession(YamlReader& f, const YAML::Node& node, ConcessionPolicy& policy,
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
      if (auto v = f.number(node["deadline"], "deadline")) policy.deadline = static_cast<int>(*v);
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

  void read_negotiation() {
    auto it = singles_.find("negotiation");
    if (it == singles_.end()) return;
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

  void read_products() {
    std::set<std::string> seen;
    for (const Located& item : lists_["products"]) {
      YamlReader& f = *item.file;
      const YAML::Node& node = item.node;
      if (!f.check_map(node, "a product",
                       {"id", "name", "unit", "list_price", "floor", "shipping_fee", "fixed_price",
                        "aliases", "selling_points", "gifts", "concession"})) {
        continue;
      }
      Product p;
      p.where = f.at(node);
      bool complete = true;
      auto required = [&](const char* key) {
        if (node[key]) return true;
        f.error(node, std::string("a product needs '") + key + "'");
        complete = false;
        return false;
      };
      if (required("id")) p.id = f.string(node["id"], "id").value_or("");
      if (!p.id.empty() && !seen.insert(p.id).second) f.error(node["id"], "product '" + p.id + "' is defined twice");
      p.name = node["name"] ? f.string(node["name"], "name").value_or(p.id) : p.id;
      if (node["unit"]) p.unit = f.string(node["unit"], "unit").value_or(p.unit);
      if (required("list_price")) {
        if (auto m = f.money(node["list_price"], "list_price")) p.list_price = *m; else complete = false;
      }
      if (required("floor")) {
        if (auto m = f.money(node["floor"], "floor")) p.floor = *m; else complete = false;
      }
      if (node["shipping_fee"]) p.shipping_fee = f.money(node["shipping_fee"], "shipping_fee").value_or(Money());
      if (node["fixed_price"]) p.fixed_price = f.boolean(node["fixed_price"], "fixed_price").value_or(false);
      if (node["aliases"]) p.aliases = f.strings(node["aliases"], "aliases");
      if (const YAML::Node& points = node["selling_points"]) {
        if (!points.IsMap()) {
          f.error(points, "selling_points should map a keyword to what to say about it: {功率: 额定功率4000W}");
        } else {
          for (const auto& entry : points) {
            // The key is a topic keyword, matched on normalised text.
            if (normalize(entry.first.Scalar()).text.empty()) {
              f.error(entry.first, "selling point '" + entry.first.Scalar() + "' is nothing once normalised: name a keyword");
            }
            if (auto said = f.string(entry.second, "a selling point")) {
              p.selling_points.emplace_back(entry.first.Scalar(), *said);
            }
          }
        }
      }
      if (const YAML::Node& gifts = node["gifts"]) {
        if (!gifts.IsSequence()) {
          f.error(gifts, "gifts should be a list such as [{name: 转换插座, cost: 6}]");
        } else {
          for (const YAML::Node& g : gifts) {
            if (!f.check_map(g, "a gift", {"name", "cost"})) continue;
            Gift gift;
            if (g["name"]) gift.name = f.string(g["name"], "name").value_or("");
            else f.error(g, "a gift needs a name");
            if (g["cost"]) gift.cost = f.money(g["cost"], "cost").value_or(Money());
            else f.error(g, "a gift needs a cost (what it costs the shop)");
            p.gifts.push_back(std::move(gift));
          }
        }
      }
      ConcessionPolicy policy = default_policy_;
      if (node["concession"]) read_concession(f, node["concession"], policy, "concession");

      ProductTerms terms{p.list_price, p.floor, p.shipping_fee, p.fixed_price, {}};
      for (const std::string& id : ladder_) {
        if (id == "free_shipping") {
          if (p.shipping_fee > Money()) terms.extras.push_back({"free_shipping", "包邮", p.shipping_fee});
        } else if (id == "gift") {
          if (!p.gifts.empty()) terms.extras.push_back({"gift", p.gifts.front().name, p.gifts.front().cost});
        } else {
          for (const Extra& e : named_extras_) {
            if (e.id == id) terms.extras.push_back(e);
          }
        }
      }
      if (complete) {
        for (const std::string& problem : check_terms(terms)) {
          f.error(node, "product '" + p.id + "': " + problem);
        }
        // A gift outside the ladder is still offered by rules; it must fit too.
        for (const Gift& g : p.gifts) {
          if (p.floor + g.cost > p.list_price) {
            f.error(node, "product '" + p.id + "': the gift " + g.name + " costs " + g.cost.to_string() +
                              " yuan, more than the margin between list price " + p.list_price.to_string() +
                              " and floor " + p.floor.to_string());
          }
        }
      }
      std::vector<std::string> words;
      for (const std::string& word : p.aliases) {
        try {
          words.push_back(normalize(word).text);
        } catch (const Error& e) {
          f.error(node["aliases"], std::string("aliases: ") + e.what());
        }
      }
      try {
        words.push_back(normalize(p.name).text);
      } catch (const Error&) {
      }
      for (const std::string& word : words) {
        if (impl_->product_word_set.add(word) >= 0) impl_->product_of_word.push_back(static_cast<int>(impl_->products.size()));
      }
      impl_->products.push_back(std::move(p));
      impl_->terms.push_back(std::move(terms));
      impl_->concession.push_back(std::move(policy));
    }
    if (impl_->products.empty() && !files_.empty()) {
      files_.front()->error(SourceLocation{files_.front()->name(), 1, 1},
                            "the rule set has no products: add at least one under products:");
    }
  }

  void read_promotions() {
    static const std::pair<std::string_view, Promotion::Kind> kKinds[] = {
        {"threshold_discount", Promotion::Kind::threshold_discount},
        {"threshold_gift", Promotion::Kind::threshold_gift},
        {"bundle_price", Promotion::Kind::bundle_price},
        {"nth_item_discount", Promotion::Kind::nth_item_discount},
        {"quantity_shipping", Promotion::Kind::quantity_shipping},
        {"coupon", Promotion::Kind::coupon}};
    for (const Located& item : lists_["promotions"]) {
      YamlReader& f = *item.file;
      const YAML::Node& node = item.node;
      if (!f.check_map(node, "a promotion",
                       {"id", "kind", "over", "off", "gift", "gift_cost", "stackable", "products",
                        "price", "nth", "ratio", "min_quantity"})) {
        continue;
      }
      Promotion p;
      if (node["id"]) p.id = f.string(node["id"], "id").value_or("");
      if (!node["kind"]) {
        f.error(node, "a promotion needs a 'kind' (threshold_discount, threshold_gift, bundle_price, nth_item_discount, quantity_shipping, coupon)");
        continue;
      }
      auto kind = f.string(node["kind"], "kind");
      auto found = std::find_if(std::begin(kKinds), std::end(kKinds),
                                [&](const auto& k) { return kind && k.first == *kind; });
      if (found == std::end(kKinds)) {
        if (kind) f.error(node["kind"], "unknown promotion kind '" + *kind + "'");
        continue;
      }
      p.kind = found->second;
      if (node["over"]) p.over = f.money(node["over"], "over").value_or(Money());
      if (node["off"]) p.off = f.money(node["off"], "off").value_or(Money());
      if (node["gift"]) p.gift = f.string(node["gift"], "gift").value_or("");
      if (node["gift_cost"]) p.gift_cost = f.money(node["gift_cost"], "gift_cost").value_or(Money());
      if (node["stackable"]) p.stackable = f.boolean(node["stackable"], "stackable").value_or(false);
      if (node["price"]) p.price = f.money(node["price"], "price").value_or(Money());
      if (node["ratio"]) p.ratio = f.number(node["ratio"], "ratio").value_or(p.ratio);
      if (node["nth"]) p.nth = static_cast<int>(f.number(node["nth"], "nth").value_or(p.nth));
      if (node["min_quantity"]) p.min_quantity = static_cast<int>(f.number(node["min_quantity"], "min_quantity").value_or(0));
      if (node["products"]) {
        p.products = f.strings(node["products"], "products");
        for (const std::string& id : p.products) {
          if (impl_->product_index(id) < 0) f.error(node["products"], "promotion '" + p.id + "' names unknown product '" + id + "'");
        }
      }
      for (const std::string& problem : check_promotion(p)) f.error(node, problem);
      impl_->promotions.push_back(std::move(p));
    }
  }

  void read_intents() {
    const auto& names = maps_["intents"];
    const auto& values = map_values_["intents"];
    std::set<std::string> seen;
    expr::Schema probe;  // names the engine declares, to catch clashes
    declare_names(probe, {}, {});
    for (std::size_t i = 0; i < names.size(); ++i) {
      YamlReader& f = *names[i].file;
      const std::string name = names[i].node.Scalar();
      const YAML::Node& node = values[i];
      if (!is_identifier(name)) {
        f.error(names[i].node, "intent name '" + name + "' must be letters, digits and _ (it is used in conditions)");
        continue;
      }
      if (probe.find(name)) {
        f.error(names[i].node, "intent name '" + name + "' is already a name conditions use; pick another");
        continue;
      }
      if (!seen.insert(name).second) {
        f.error(names[i].node, "intent '" + name + "' is defined twice");
        continue;
      }
      IntentSpec spec;
      spec.name = name;
      if (f.check_map(node, "intent '" + name + "'", {"any", "all", "unless", "regex", "needs", "negatable"})) {
        if (node["any"]) spec.any = f.strings(node["any"], "any");
        if (node["all"]) spec.all = f.strings(node["all"], "all");
        if (node["unless"]) spec.unless = f.strings(node["unless"], "unless");
        if (node["negatable"]) spec.negatable = f.boolean(node["negatable"], "negatable").value_or(true);
        if (node["regex"]) {
          // Patterns were dropped from the format: no rule set used one, and a
          // backtracking matcher let one pattern cost seconds per message.
          f.error(node["regex"], "intent '" + name + "': regex is not part of the format any more: list the words under any (or all)");
        }
        if (node["needs"]) {
          for (const std::string& kind : f.strings(node["needs"], "needs")) {
            if (auto k = mention_kind(kind)) spec.needs.push_back(*k);
            else f.error(node["needs"], "intent '" + name + "': unknown mention kind '" + kind + "' (money, discount, relative, quantity, size, threshold, ...)");
          }
        }
        const std::pair<const char*, const std::vector<std::string>*> lists[] = {
            {"any", &spec.any}, {"all", &spec.all}, {"unless", &spec.unless}};
        for (const auto& [key, list] : lists) {
          for (const std::string& word : *list) {
            if (word.empty()) {
              f.error(node[key], "intent '" + name + "' has an empty keyword");
              continue;
            }
            try {
              if (normalize(word).text.empty()) {
                f.error(node[key], "intent '" + name + "': keyword '" + word + "' is nothing once normalised (spaces and punctuation are dropped)");
              }
            } catch (const Error& e) {
              f.error(node[key], "intent '" + name + "': keyword '" + word + "': " + e.what());
            }
          }
        }
        if (spec.any.empty() && spec.all.empty() && spec.needs.empty()) {
          f.error(node, "intent '" + name + "' has no keywords (any, all) and needs no mention: it could never hold");
        }
      }
      intent_names_.push_back(name);
      intent_nodes_.push_back(names[i]);
      impl_->intents.push_back(std::move(spec));
    }
  }

  void read_facts() {
    const auto& names = maps_["facts"];
    const auto& values = map_values_["facts"];
    std::set<std::string> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
      YamlReader& f = *names[i].file;
      const std::string name = names[i].node.Scalar();
      const YAML::Node& node = values[i];
      if (!is_identifier(name)) {
        f.error(names[i].node, "fact name '" + name + "' must be letters, digits and _");
        continue;
      }
      if (!seen.insert(name).second) {
        f.error(names[i].node, "fact '" + name + "' is declared twice");
        continue;
      }
      FactDecl decl{name, expr::Type::string, {}};
      if (node.IsSequence()) {
        decl.symbols = f.strings(node, "the values of fact " + name);
        for (const std::string& s : decl.symbols) {
          if (!is_identifier(s)) f.error(node, "fact " + name + ": value '" + s + "' must be letters, digits and _");
        }
      } else if (node.IsScalar() && (node.Scalar() == "string" || node.Scalar() == "number" || node.Scalar() == "boolean")) {
        decl.type = node.Scalar() == "number" ? expr::Type::number
                    : node.Scalar() == "boolean" ? expr::Type::boolean : expr::Type::string;
      } else {
        f.error(node, "fact " + name + " should be declared as string, number, boolean or a list of its values");
        continue;
      }
      fact_decls_.push_back(std::move(decl));
    }
  }

  void read_compliance() {
    auto it = singles_.find("compliance");
    if (it == singles_.end()) return;
    YamlReader& f = *it->second.file;
    const YAML::Node& node = it->second.node;
    if (!f.check_map(node, "compliance", {"forbidden", "off_platform", "banned_groups"})) return;
    auto words = [&](const char* key) {
      std::vector<std::string> out;
      if (!node[key]) return out;
      for (const std::string& w : f.strings(node[key], key)) {
        if (w.empty()) continue;
        try {
          out.push_back(normalize(w).text);
        } catch (const Error& e) {
          f.error(node[key], std::string(key) + ": " + e.what());
        }
      }
      return out;
    };
    impl_->compliance.set_words(words("forbidden"), words("off_platform"));
    if (node["banned_groups"]) impl_->compliance.banned_groups = f.strings(node["banned_groups"], "banned_groups");
  }

  // ---- Rules --------------------------------------------------------------

  void report(YamlReader& f, const YAML::Node& scalar, const std::vector<expr::CompileError>& errors,
              std::string_view rule_id, std::string_view what) {
    for (const expr::CompileError& e : errors) {
      f.error(f.at(scalar, e.offset), std::string(what) + ": " + e.message, rule_id);
    }
  }

  void read_rules() {
    std::set<std::string> seen;
    for (const Located& item : lists_["rules"]) {
      YamlReader& f = *item.file;
      const YAML::Node& node = item.node;
      std::string id;
      if (node.IsMap() && node["id"] && node["id"].IsScalar()) id = node["id"].Scalar();
      if (!f.check_map(node, "a rule",
                       {"id", "playbook", "when", "do", "say", "score", "price", "extra", "gives",
                        "stage", "hold_first", "examples"},
                       id)) {
        continue;
      }
      CompiledRule rule;
      rule.where = f.at(node);
      rule.order = static_cast<int>(impl_->rules.size());
      if (id.empty()) {
        f.error(node, "a rule needs an 'id'");
        id = "#" + std::to_string(rule.order + 1);
      } else if (!seen.insert(id).second) {
        f.error(node["id"], "rule id '" + id + "' is used twice", id);
      }
      rule.id = id;

      if (node["playbook"]) {
        rule.playbook = f.strings(node["playbook"], "playbook", id);
        for (const std::string& b : rule.playbook) {
          bool ok = b.size() >= 2 && b[0] == 'B' &&
                    std::all_of(b.begin() + 1, b.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
          if (!ok) f.error(node["playbook"], "playbook '" + b + "' should name a behaviour such as B3", id);
          rule.playbook_joined += (rule.playbook_joined.empty() ? "" : ",") + b;
        }
      }

      if (!node["do"]) {
        f.error(node, "the rule needs 'do', its action (hold, concede, accept, offer_extra, trade, close, retreat, ask, answer, upsell, handoff)", id);
      } else if (auto name = f.string(node["do"], "do", id)) {
        if (auto action = action_from_string(*name)) {
          rule.action = *action;
        } else {
          std::vector<std::string> actions = {"hold", "concede", "accept", "offer_extra", "trade", "close",
                                              "retreat", "ask", "answer", "upsell", "handoff"};
          std::string message = "unknown action '" + *name + "'";
          std::string guess = util::closest_word(*name, actions);
          if (!guess.empty()) message += " (did you mean '" + guess + "'?)";
          f.error(node["do"], message, id);
        }
      }

      if (!node["score"]) {
        f.error(node, "the rule needs a 'score' (higher ranks first)", id);
      } else if (auto score = f.number(node["score"], "score", id)) {
        rule.score = *score;
      }

      if (const YAML::Node& when = node["when"]) {
        if (auto source = f.string(when, "when", id)) {
          std::vector<expr::CompileError> errors;
          rule.when = expr::Expression::compile(*source, impl_->schema, errors, expr::Type::boolean);
          report(f, when, errors, id, "in 'when'");
        }
      }
      if (const YAML::Node& price = node["price"]) {
        if (auto source = f.string(price, "price", id)) {
          std::vector<expr::CompileError> errors;
          rule.price = expr::Expression::compile(*source, impl_->schema, errors, expr::Type::number);
          report(f, price, errors, id, "in 'price'");
        }
      }

      if (!node["say"]) {
        f.error(node, "the rule needs 'say', one reply template or a list of them", id);
      } else {
        const YAML::Node& say = node["say"];
        std::vector<YAML::Node> items;
        if (say.IsSequence()) for (const YAML::Node& s : say) items.push_back(s);
        else items.push_back(say);
        for (const YAML::Node& s : items) {
          auto source = f.string(s, "a reply template", id);
          if (!source) continue;
          std::vector<expr::CompileError> errors;
          if (auto t = expr::Template::compile(*source, impl_->schema, errors)) rule.say.push_back(std::move(*t));
          report(f, s, errors, id, "in a reply");
          for (const std::string& word : impl_->compliance.hits(*source)) {
            f.error(s, "the reply contains '" + word + "', which the compliance list forbids", id);
          }
        }
        if (items.empty()) f.error(say, "'say' is empty: give at least one reply", id);
      }

      if (node["extra"]) {
        rule.extra = f.string(node["extra"], "extra", id).value_or("");
        if (std::find(ladder_.begin(), ladder_.end(), rule.extra) == ladder_.end()) {
          f.error(node["extra"], "extra '" + rule.extra + "' is not in negotiation.extras_ladder", id);
        }
        if (rule.action != Action::offer_extra) f.error(node["extra"], "'extra' goes with do: offer_extra", id);
      }
      if (node["gives"]) {
        rule.gives = f.string(node["gives"], "gives", id).value_or("");
        if (rule.action != Action::trade) f.error(node["gives"], "'gives' goes with do: trade", id);
      }
      if (rule.action == Action::trade && rule.gives.empty()) {
        f.error(node, "a trade needs 'gives': what the buyer gives in return (B6)", id);
      }
      if (node["hold_first"]) {
        rule.hold_first = f.boolean(node["hold_first"], "hold_first", id).value_or(true);
        if (rule.action != Action::concede) f.error(node["hold_first"], "'hold_first' goes with do: concede", id);
      }
      if (node["stage"]) {
        rule.next_stage = f.string(node["stage"], "stage", id).value_or("");
        const auto& stages = stage_names();
        if (std::find(stages.begin(), stages.end(), rule.next_stage) == stages.end()) {
          f.error(node["stage"], "unknown stage '" + rule.next_stage + "'", id);
        }
      }

      if (const YAML::Node& examples = node["examples"]) {
        if (!examples.IsSequence()) f.error(examples, "examples should be a list of buyer messages", id);
        else for (const YAML::Node& e : examples) read_example(f, e, rule);
      }
      impl_->rules.push_back(std::move(rule));
    }
  }

  void read_example(YamlReader& f, const YAML::Node& node, CompiledRule& rule) {
    RuleExample example;
    example.where = f.at(node);
    std::string product;
    if (node.IsScalar()) {
      example.text = node.Scalar();
    } else if (f.check_map(node, "an example", {"text", "state", "buyer", "facts", "product"}, rule.id)) {
      if (node["text"]) example.text = f.string(node["text"], "text", rule.id).value_or("");
      else f.error(node, "an example needs 'text', the buyer's message", rule.id);
      if (node["product"]) product = f.string(node["product"], "product", rule.id).value_or("");
      if (node["state"]) f.read_state(node["state"], example.conversation, rule.id);
      if (node["buyer"]) f.read_buyer(node["buyer"], example.conversation.buyer, rule.id);
      if (node["facts"]) f.read_facts(node["facts"], fact_decls_, example.conversation.facts, rule.id);
    } else {
      return;
    }
    if (product.empty() && !impl_->products.empty()) product = impl_->products.front().id;
    int index = impl_->product_index(product);
    if (index < 0) {
      f.error(node["product"], "unknown product '" + product + "'", rule.id);
      return;
    }
    Conversation& c = example.conversation;
    c.product_id = product;
    if (c.cart.empty()) c.cart[product] = 1;
    for (const std::string& id : c.extras_granted) {
      const auto& extras = impl_->terms[index].extras;
      auto e = std::find_if(extras.begin(), extras.end(), [&](const Extra& x) { return x.id == id; });
      if (e == extras.end()) f.error(node, "extra '" + id + "' is not in this product's ladder", rule.id);
      else c.extras_cost += e->cost;
    }
    rule.examples.push_back(std::move(example));
  }

  void build_classifier() {
    std::vector<std::string> topics;
    for (const Product& p : impl_->products) {
      for (const auto& point : p.selling_points) {
        if (std::find(topics.begin(), topics.end(), point.first) == topics.end()) topics.push_back(point.first);
      }
    }
    try {
      impl_->classifier = std::make_unique<classify::Classifier>(impl_->intents, topics);
    } catch (const Error& e) {
      // The classifier's messages start with "intent 'name'": point at it.
      for (const Diagnostic& d : e.diagnostics()) {
        SourceLocation where;
        for (std::size_t i = 0; i < intent_nodes_.size(); ++i) {
          if (d.message.rfind("intent '" + intent_names_[i] + "'", 0) == 0) {
            where = intent_nodes_[i].file->at(intent_nodes_[i].node);
          }
        }
        if (!where.known() && !intent_nodes_.empty()) where = intent_nodes_.front().file->at(intent_nodes_.front().node);
        diagnostics_.push_back({Diagnostic::Severity::error, where, {}, d.message});
      }
    }
  }

  // Files the rule under what must hold for it to fire: one top-level part
  // of its condition that is an intent, an `or` of intents, or an `or` of
  // atoms (has(relative), conditional). The engine then looks at it only
  // when that holds. Intents are preferred (the classifier lists the ones
  // present), then the fewest atoms.
  void index_rule(const CompiledRule& rule, int rank) {
    const auto intent_of = [&](const expr::Expression::Atom& a) -> int {
      if (a.has) return -1;
      auto it = std::find(impl_->slots.intents.begin(), impl_->slots.intents.end(), a.slot);
      return it == impl_->slots.intents.end() ? -1 : static_cast<int>(it - impl_->slots.intents.begin());
    };
    const std::vector<expr::Expression::Atom>* gate = nullptr;
    const auto cost = [&](const std::vector<expr::Expression::Atom>& group) {
      const bool intents_only = std::all_of(group.begin(), group.end(), [&](const auto& a) { return intent_of(a) >= 0; });
      return std::pair(!intents_only, group.size());
    };
    if (rule.when) {
      for (const auto& group : rule.when->atom_groups()) {
        if (!gate || cost(group) < cost(*gate)) gate = &group;
      }
    }
    if (!gate) {
      impl_->rules_on_every_message.push_back(rank);
      return;
    }
    for (const expr::Expression::Atom& a : *gate) {
      if (const int intent = intent_of(a); intent >= 0) {
        impl_->rules_by_intent[intent].push_back(rank);
        continue;
      }
      auto it = std::find(impl_->gate_atoms.begin(), impl_->gate_atoms.end(), a);
      if (it == impl_->gate_atoms.end()) {
        impl_->gate_atoms.push_back(a);
        impl_->rules_by_atom.emplace_back();
        it = impl_->gate_atoms.end() - 1;
      }
      impl_->rules_by_atom[it - impl_->gate_atoms.begin()].push_back(rank);
    }
  }

  void index_rules() {
    std::vector<int>& by_rank = impl_->by_rank;
    by_rank.resize(impl_->rules.size());
    std::iota(by_rank.begin(), by_rank.end(), 0);
    std::stable_sort(by_rank.begin(), by_rank.end(),
                     [&](int a, int b) { return impl_->rules[a].score > impl_->rules[b].score; });
    std::vector<int> rank(by_rank.size());
    for (std::size_t r = 0; r < by_rank.size(); ++r) rank[by_rank[r]] = static_cast<int>(r);

    impl_->rules_by_intent.assign(impl_->intents.size(), {});
    for (CompiledRule& rule : impl_->rules) {
      index_rule(rule, rank[rule.order]);
      auto reads = [&](const std::vector<int>& slots) {
        for (int s : slots) {
          rule.reads_upsell |= impl_->slots.is_upsell_slot(s);
          rule.reads_cart |= impl_->slots.is_cart_slot(s);
          impl_->reads_upsell |= impl_->slots.is_upsell_slot(s);
          impl_->reads_cart |= impl_->slots.is_cart_slot(s);
          impl_->reads_policy |= impl_->slots.is_policy_slot(s);
          impl_->reads_mentions |= impl_->slots.is_mention_slot(s);
        }
      };
      if (rule.when) reads(rule.when->slots_read());
      if (rule.price) reads(rule.price->slots_read());
      for (const expr::Template& t : rule.say) reads(t.fields());
      if (rule.action == Action::upsell) {
        impl_->reads_upsell = true;
        rule.reads_upsell = true;
      }
      if (rule.action == Action::concede || rule.action == Action::trade || rule.action == Action::offer_extra) {
        impl_->reads_policy = true;
      }
      if (rule.action == Action::concede || rule.action == Action::trade || rule.action == Action::accept) {
        impl_->reads_mentions = true;
      }
    }
    impl_->reads_mentions |= impl_->reads_upsell || impl_->reads_cart;  // the quantity named
    // An intent no rule mentions is worth a warning: maybe a typo in a rule.
    std::vector<bool> used(impl_->intents.size(), false);
    for (const CompiledRule& rule : impl_->rules) {
      if (!rule.when) continue;
      for (int slot : rule.when->slots_read()) {
        for (std::size_t i = 0; i < impl_->slots.intents.size(); ++i) {
          if (impl_->slots.intents[i] == slot) used[i] = true;
        }
        if (slot == impl_->slots.primary) std::fill(used.begin(), used.end(), true);
      }
    }
    for (std::size_t i = 0; i < used.size(); ++i) {
      if (!used[i] && i < intent_nodes_.size()) {
        intent_nodes_[i].file->warning(intent_nodes_[i].node, "intent '" + impl_->intents[i].name + "' is not used by any rule");
      }
    }
  }

  std::vector<Diagnostic> diagnostics_;
  std::vector<std::unique_ptr<YamlReader>> files_;
  std::map<std::string, std::vector<Located>> lists_;
  std::map<std::string, std::vector<Located>> maps_;
  std::map<std::string, std::vector<YAML::Node>> map_values_;
  std::map<std::string, Located> singles_;

  ConcessionPolicy default_policy_;
  std::vector<Extra> named_extras_;
  std::vector<std::string> ladder_;
  std::vector<std::string> intent_names_;
  std::vector<Located> intent_nodes_;
  std::vector<FactDecl> fact_decls_;
  std::unique_ptr<RuleSet::Impl> impl_;
};

}  // namespace

std::unique_ptr<RuleSet::Impl> load_rule_set(std::span<const SourceFile> files) {
  return Loader(files).run();
}

}  // namespace parley::rules
