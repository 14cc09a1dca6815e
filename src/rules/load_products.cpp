// The `products:` and `promotions:` sections.
#include "rules/load_context.hpp"

#include <algorithm>
#include <set>

#include "rules/limits.hpp"
#include "util/strings.hpp"

namespace parley::rules {

void LoadContext::read_products() {
  std::set<std::string> seen;
  for (const Located& item : lists_["products"]) {
    current_ = item;
    if (!within(impl_->products.size() + 1, limits::kProducts, item, "products")) break;
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
  const bool unreadable = std::any_of(files_.begin(), files_.end(), [](const auto& f) { return f->unreadable(); });
  if (impl_->products.empty() && !files_.empty() && !unreadable) {
    files_.front()->error(SourceLocation{files_.front()->name(), 1, 1},
                          "the rule set has no products: add at least one under products:");
  }
}

void LoadContext::read_promotions() {
  static const std::pair<std::string_view, Promotion::Kind> kKinds[] = {
      {"threshold_discount", Promotion::Kind::threshold_discount},
      {"threshold_gift", Promotion::Kind::threshold_gift},
      {"bundle_price", Promotion::Kind::bundle_price},
      {"nth_item_discount", Promotion::Kind::nth_item_discount},
      {"quantity_shipping", Promotion::Kind::quantity_shipping},
      {"coupon", Promotion::Kind::coupon}};
  for (const Located& item : lists_["promotions"]) {
    current_ = item;
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
    if (node["nth"]) p.nth = f.integer(node["nth"], "nth", 1, 1000).value_or(p.nth);
    if (node["min_quantity"]) p.min_quantity = f.integer(node["min_quantity"], "min_quantity", 0, 100000).value_or(0);
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

}  // namespace parley::rules
