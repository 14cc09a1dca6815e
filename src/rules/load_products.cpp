// The `products:` and `promotions:` sections.
#include "rules/fields.hpp"

#include <algorithm>
#include <set>

#include "rules/limits.hpp"

namespace parley::rules {
namespace {

// A product as it is read, before its terms are worked out.
struct ProductDraft {
  Product product;
  ConcessionPolicy policy;
  bool priced = true;  // list price and floor both read: the terms can be checked
};
using ProductReading = Reading<ProductDraft>;

using GiftReading = Reading<Gift>;
constexpr Field<Gift> kGiftFields[] = {
    {"name", "how replies name it",
     [](GiftReading& r, const YAML::Node& v) { r.out.name = r.f.string(v, "name").value_or(""); },
     "a gift needs a name"},
    {"cost", "what it costs the shop (yuan)",
     [](GiftReading& r, const YAML::Node& v) { r.out.cost = r.f.money(v, "cost").value_or(Money()); },
     "a gift needs a cost (what it costs the shop)"},
};

void read_price(ProductReading& r, const YAML::Node& v, const char* what, Money& out) {
  if (auto m = r.f.money(v, what)) out = *m;
  else r.out.priced = false;
}

constexpr Field<ProductDraft> kProductFields[] = {
    {"id", "how conversations and rules name it",
     [](ProductReading& r, const YAML::Node& v) { r.out.product.id = r.f.string(v, "id").value_or(""); },
     "a product needs 'id'"},
    {"name", "how replies name it (default: the id)",
     [](ProductReading& r, const YAML::Node& v) {
       r.out.product.name = r.f.string(v, "name").value_or(r.out.product.id);
     }},
    {"unit", "what one is called: 个, 件, 套, ...",
     [](ProductReading& r, const YAML::Node& v) {
       r.out.product.unit = r.f.string(v, "unit").value_or(r.out.product.unit);
     }},
    {"list_price", "the price asked (yuan)",
     [](ProductReading& r, const YAML::Node& v) { read_price(r, v, "list_price", r.out.product.list_price); },
     "a product needs 'list_price'"},
    {"floor", "never sold below this (yuan)",
     [](ProductReading& r, const YAML::Node& v) { read_price(r, v, "floor", r.out.product.floor); },
     "a product needs 'floor'"},
    {"shipping_fee", "what shipping costs the shop: free shipping as an extra is worth this",
     [](ProductReading& r, const YAML::Node& v) {
       r.out.product.shipping_fee = r.f.money(v, "shipping_fee").value_or(Money());
     }},
    {"fixed_price", "true: the price is never conceded",
     [](ProductReading& r, const YAML::Node& v) {
       r.out.product.fixed_price = r.f.boolean(v, "fixed_price").value_or(false);
     }},
    {"category", "what kind of product it is (shoes, desk, ...): rules read it as product.category",
     [](ProductReading& r, const YAML::Node& v) {
       r.out.product.category = r.f.string(v, "category").value_or("");
     }},
    {"has_sizes", "true: sold in sizes (a size worry gets the size answer)",
     [](ProductReading& r, const YAML::Node& v) {
       r.out.product.has_sizes = r.f.boolean(v, "has_sizes").value_or(false);
     }},
    {"aliases", "words buyers use for it (书桌, 桌子)",
     [](ProductReading& r, const YAML::Node& v) { r.out.product.aliases = r.f.strings(v, "aliases"); }},
    {"selling_points", "topic keyword to what to say about it: {功率: 额定功率4000W}",
     [](ProductReading& r, const YAML::Node& v) {
       if (!v.IsMap()) {
         r.f.error(v, "selling_points should map a keyword to what to say about it: {功率: 额定功率4000W}");
         return;
       }
       for (const auto& entry : v) {
         auto keyword = r.f.string(entry.first, "a selling point's keyword");
         if (!keyword) continue;
         // The key is a topic keyword, matched on normalised text.
         if (normalize(*keyword).text.empty()) {
           r.f.error(entry.first, "selling point '" + *keyword + "' is nothing once normalised: name a keyword");
         }
         if (auto said = r.f.string(entry.second, "a selling point")) {
           r.load.warn_punctuation(r.f, entry.second, false);
           r.out.product.selling_points.emplace_back(*keyword, *said);
         }
       }
     }},
    {"gifts", "gifts the shop may add: [{name, cost}]",
     [](ProductReading& r, const YAML::Node& v) {
       if (!v.IsSequence()) {
         r.f.error(v, "gifts should be a list such as [{name: 转换插座, cost: 6}]");
         return;
       }
       for (const YAML::Node& g : v) {
         Gift gift;
         GiftReading gr{r.load, r.f, g, gift};
         if (read_fields<Gift>(gr, "a gift", kGiftFields)) r.out.product.gifts.push_back(std::move(gift));
       }
     }},
    {"concession", "this product's concession policy, over negotiation.concession",
     [](ProductReading& r, const YAML::Node& v) { r.load.read_concession(r.f, v, r.out.policy, "concession"); }},
};

// A promotion as it is read: without a known kind it is not kept.
struct PromotionDraft {
  Promotion promotion;
  bool kind = false;
};
using PromotionReading = Reading<PromotionDraft>;

constexpr std::pair<std::string_view, Promotion::Kind> kKinds[] = {
    {"threshold_discount", Promotion::Kind::threshold_discount},
    {"threshold_gift", Promotion::Kind::threshold_gift},
    {"bundle_price", Promotion::Kind::bundle_price},
    {"nth_item_discount", Promotion::Kind::nth_item_discount},
    {"quantity_shipping", Promotion::Kind::quantity_shipping},
    {"coupon", Promotion::Kind::coupon}};

void read_money(PromotionReading& r, const YAML::Node& v, const char* what, Money& out) {
  out = r.f.money(v, what).value_or(Money());
}

constexpr Field<PromotionDraft> kPromotionFields[] = {
    {"id", "how replies and explanations name it",
     [](PromotionReading& r, const YAML::Node& v) { r.out.promotion.id = r.f.string(v, "id").value_or(""); }},
    {"kind", "threshold_discount, threshold_gift, bundle_price, nth_item_discount, quantity_shipping or coupon",
     [](PromotionReading& r, const YAML::Node& v) {
       if (auto kind = choice(r.f, v, "promotion kind", kKinds)) {
         r.out.promotion.kind = *kind;
         r.out.kind = true;
       }
     },
     "a promotion needs a 'kind' (threshold_discount, threshold_gift, bundle_price, nth_item_discount, "
     "quantity_shipping, coupon)"},
    {"over", "the order total it needs (yuan)",
     [](PromotionReading& r, const YAML::Node& v) { read_money(r, v, "over", r.out.promotion.over); }},
    {"off", "what it takes off (yuan)",
     [](PromotionReading& r, const YAML::Node& v) { read_money(r, v, "off", r.out.promotion.off); }},
    {"gift", "threshold_gift: the gift's name",
     [](PromotionReading& r, const YAML::Node& v) { r.out.promotion.gift = r.f.string(v, "gift").value_or(""); }},
    {"gift_cost", "threshold_gift: what the gift costs the shop (yuan)",
     [](PromotionReading& r, const YAML::Node& v) { read_money(r, v, "gift_cost", r.out.promotion.gift_cost); }},
    {"stackable", "threshold_discount: applies once per full threshold",
     [](PromotionReading& r, const YAML::Node& v) {
       r.out.promotion.stackable = r.f.boolean(v, "stackable").value_or(false);
     }},
    {"products", "the products it is limited to (default: all)",
     [](PromotionReading& r, const YAML::Node& v) {
       Promotion& p = r.out.promotion;
       p.products = r.f.strings(v, "products");
       for (const std::string& id : p.products) {
         if (r.load.impl_->product_index(id) < 0) {
           r.f.error(v, "promotion '" + p.id + "' names unknown product '" + id + "'");
         }
       }
     }},
    {"price", "bundle_price: the price of the bundle (yuan)",
     [](PromotionReading& r, const YAML::Node& v) { read_money(r, v, "price", r.out.promotion.price); }},
    {"nth", "nth_item_discount: which item is discounted (1 to 1000)",
     [](PromotionReading& r, const YAML::Node& v) {
       r.out.promotion.nth = r.f.integer(v, "nth", 1, 1000).value_or(r.out.promotion.nth);
     }},
    {"ratio", "nth_item_discount: the share of the price paid for it (0 to 1)",
     [](PromotionReading& r, const YAML::Node& v) {
       r.out.promotion.ratio = r.f.number(v, "ratio").value_or(r.out.promotion.ratio);
     }},
    {"min_quantity", "bundle_price, quantity_shipping: the quantity it needs (0 to 100000)",
     [](PromotionReading& r, const YAML::Node& v) {
       r.out.promotion.min_quantity = r.f.integer(v, "min_quantity", 0, 100000).value_or(0);
     }},
};

}  // namespace

std::vector<TableDoc> product_tables() {
  return {document<ProductDraft>("## Products", "a product", kProductFields),
          document<Gift>("## Products", "a gift", kGiftFields),
          document<PromotionDraft>("## Promotions", "a promotion", kPromotionFields)};
}

void LoadContext::read_products() {
  std::set<std::string> seen;
  for (const Located& item : lists_["products"]) {
    current_ = item;
    if (!within(impl_->products.size() + 1, limits::kProducts, item, "products")) break;
    YamlReader& f = *item.file;
    const YAML::Node& node = item.node;
    ProductDraft draft;
    draft.policy = default_policy_;
    ProductReading r{*this, f, node, draft};
    if (!read_fields<ProductDraft>(r, "a product", kProductFields)) continue;
    Product& p = draft.product;
    p.where = f.at(node);
    if (!node["name"]) p.name = p.id;
    if (!p.id.empty() && !seen.insert(p.id).second) f.error(node["id"], "product '" + p.id + "' is defined twice");
    const bool complete = draft.priced && node["id"] && node["list_price"] && node["floor"];

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
    // Names and aliases are UTF-8 (the file is): normalize() cannot throw.
    std::vector<std::string> words;
    for (const std::string& word : p.aliases) words.push_back(normalize(word).text);
    words.push_back(normalize(p.name).text);
    for (const std::string& word : words) {
      if (impl_->product_word_set.add(word) >= 0) impl_->product_of_word.push_back(static_cast<int>(impl_->products.size()));
    }
    impl_->products.push_back(std::move(p));
    impl_->terms.push_back(std::move(terms));
    impl_->concession.push_back(std::move(draft.policy));
  }
  const bool unreadable = std::any_of(files_.begin(), files_.end(), [](const auto& f) { return f->unreadable(); });
  if (impl_->products.empty() && !files_.empty() && !unreadable) {
    files_.front()->error(SourceLocation{files_.front()->name(), 1, 1},
                          "the rule set has no products: add at least one under products:");
  }
}

void LoadContext::read_promotions() {
  for (const Located& item : lists_["promotions"]) {
    current_ = item;
    PromotionDraft draft;
    PromotionReading r{*this, *item.file, item.node, draft};
    if (!read_fields<PromotionDraft>(r, "a promotion", kPromotionFields) || !draft.kind) continue;
    for (const std::string& problem : check_promotion(draft.promotion)) item.file->error(item.node, problem);
    impl_->promotions.push_back(std::move(draft.promotion));
  }
}

}  // namespace parley::rules
