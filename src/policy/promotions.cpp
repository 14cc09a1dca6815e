// best_price and best_upsell: the promotions of B22/B23, exact in fen.
//
// A cart is first grouped into products (units of one product may sit on
// several lines, at different prices). Item promotions (bundles, nth-item)
// are worked out per product; every non-conflicting set of them is tried,
// and for each set the best threshold discount and the best coupon are
// added on the amounts left. policy.hpp states the rule.
#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "parley/error.hpp"
#include "parley/policy.hpp"
#include "policy/amounts.hpp"

namespace parley {
namespace {

using policy_internal::clamped_fen;
using policy_internal::kMaxFen;
using policy_internal::kMaxQuantity;
using Kind = Promotion::Kind;

constexpr std::int64_t kMaxSubtotalFen = 1'000'000'000'000'000'000;
constexpr std::size_t kMaxItemDealsTried = 16;
constexpr int kMaxUpsellAdd = 1000;

struct Run {
  std::int64_t price;
  std::int64_t count;
};

// All the units of one product in the cart, dearest first.
struct ProductUnits {
  std::string_view id;
  std::vector<Run> runs;
  std::int64_t quantity = 0;
  std::int64_t gross = 0;

  // The price of the `take` dearest units.
  std::int64_t dearest(std::int64_t take) const {
    std::int64_t sum = 0;
    for (const Run& r : runs) {
      std::int64_t n = std::min(take, r.count);
      sum += n * r.price;
      take -= n;
      if (take == 0) break;
    }
    return sum;
  }
};

bool applies(const Promotion& p, std::string_view product) {
  return p.products.empty() ||
         std::find(p.products.begin(), p.products.end(), product) != p.products.end();
}

bool is_item_promotion(Kind k) { return k == Kind::bundle_price || k == Kind::nth_item_discount; }

std::vector<ProductUnits> group_cart(std::span<const CartLine> cart) {
  std::vector<ProductUnits> products;
  std::int64_t subtotal = 0;
  for (const CartLine& line : cart) {
    if (line.unit_price < Money() || line.unit_price.fen() > kMaxFen ||
        line.shipping_fee < Money() || line.shipping_fee.fen() > kMaxFen) {
      throw Error(fmt::format("cart line '{}': price {} or shipping {} is negative or too large",
                              line.product_id, line.unit_price.to_string(),
                              line.shipping_fee.to_string()));
    }
    if (line.quantity < 0 || line.quantity > kMaxQuantity) {
      throw Error(fmt::format("cart line '{}': quantity {} must be between 0 and {}",
                              line.product_id, line.quantity, kMaxQuantity));
    }
    std::int64_t amount = line.unit_price.fen() * line.quantity;
    subtotal += amount;
    if (subtotal > kMaxSubtotalFen) throw Error("the cart's total is too large");
    auto it = std::find_if(products.begin(), products.end(),
                           [&](const ProductUnits& p) { return p.id == line.product_id; });
    if (it == products.end()) {
      products.push_back({line.product_id, {}, 0, 0});
      it = products.end() - 1;
    }
    if (line.quantity > 0) it->runs.push_back({line.unit_price.fen(), line.quantity});
    it->quantity += line.quantity;
    it->gross += amount;
  }
  for (ProductUnits& p : products) {
    std::sort(p.runs.begin(), p.runs.end(),
              [](const Run& a, const Run& b) { return a.price > b.price; });
  }
  return products;
}

// What one item promotion takes off each product when used.
struct ItemDeal {
  std::size_t promotion = 0;
  std::int64_t total = 0;
  std::vector<std::pair<std::size_t, std::int64_t>> parts;  // product index, fen off
};

// Every nth unit of each product, dearest first, paid at `ratio`.
ItemDeal nth_item_deal(const Promotion& p, std::size_t index,
                       const std::vector<ProductUnits>& products) {
  ItemDeal deal;
  deal.promotion = index;
  if (p.nth < 1) return deal;
  const std::int64_t nth = p.nth;
  for (std::size_t i = 0; i < products.size(); ++i) {
    if (!applies(p, products[i].id)) continue;
    std::int64_t off = 0, position = 0;
    for (const Run& r : products[i].runs) {
      std::int64_t discounted = (position + r.count) / nth - position / nth;
      Money paid = clamped_fen(static_cast<double>(r.price) * p.ratio, 0, r.price);
      off += discounted * (r.price - paid.fen());
      position += r.count;
    }
    if (off > 0) {
      deal.parts.emplace_back(i, off);
      deal.total += off;
    }
  }
  return deal;
}

// As many complete sets as the cart holds, each for `price`; the saving is
// shared among the products in proportion to what their units cost.
ItemDeal bundle_deal(const Promotion& p, std::size_t index,
                     const std::vector<ProductUnits>& products) {
  ItemDeal deal;
  deal.promotion = index;
  std::vector<std::pair<std::size_t, std::int64_t>> per_set;  // product index, units a set
  for (const std::string& id : p.products) {
    auto it = std::find_if(products.begin(), products.end(),
                           [&](const ProductUnits& u) { return u.id == id; });
    if (it == products.end()) return deal;
    std::size_t i = static_cast<std::size_t>(it - products.begin());
    auto seen = std::find_if(per_set.begin(), per_set.end(),
                             [&](const auto& e) { return e.first == i; });
    if (seen == per_set.end()) {
      per_set.emplace_back(i, 1);
    } else {
      ++seen->second;
    }
  }
  if (per_set.empty()) return deal;
  std::int64_t sets = kMaxQuantity;
  for (auto [i, units] : per_set) sets = std::min(sets, products[i].quantity / units);
  if (sets == 0) return deal;

  std::vector<std::int64_t> used(per_set.size());
  std::int64_t used_total = 0;
  for (std::size_t k = 0; k < per_set.size(); ++k) {
    used[k] = products[per_set[k].first].dearest(sets * per_set[k].second);
    used_total += used[k];
  }
  const std::int64_t saving = used_total - sets * std::max<std::int64_t>(0, p.price.fen());
  if (saving <= 0) return deal;

  std::int64_t shared = 0;
  for (std::size_t k = 1; k < per_set.size(); ++k) {
    double share = static_cast<double>(saving) * static_cast<double>(used[k]) /
                   static_cast<double>(used_total);
    std::int64_t part = std::min(clamped_fen(share, 0, saving).fen(), saving - shared);
    deal.parts.emplace_back(per_set[k].first, part);
    shared += part;
  }
  deal.parts.emplace_back(per_set[0].first, saving - shared);
  deal.total = saving;
  return deal;
}

// Off for a threshold discount or coupon on `base`, and the threshold reached.
std::pair<std::int64_t, std::int64_t> threshold_off(const Promotion& p, std::int64_t base) {
  const std::int64_t over = std::max<std::int64_t>(0, p.over.fen());
  const std::int64_t off = std::max<std::int64_t>(0, p.off.fen());
  if (base < over || off == 0) return {0, 0};
  std::int64_t times = (p.stackable && over > 0) ? base / over : 1;
  return {std::min(base, times * off), times * over};
}

// best_price with what each promotion contributed, for best_upsell.
struct Evaluation {
  PriceQuote quote;
  std::vector<std::int64_t> amount;   // per promotion: fen off or shipping freed
  std::vector<std::int64_t> reached;  // per promotion: the threshold reached
  std::vector<char> used;             // per promotion
};

class Optimizer {
 public:
  Optimizer(std::span<const CartLine> cart, std::span<const Promotion> promotions,
            bool coupon_claimed)
      : cart_(cart), promotions_(promotions), coupon_claimed_(coupon_claimed),
        products_(group_cart(cart)) {}

  Evaluation run() {
    Evaluation out;
    out.amount.assign(promotions_.size(), 0);
    out.reached.assign(promotions_.size(), 0);
    out.used.assign(promotions_.size(), 0);
    for (const ProductUnits& p : products_) subtotal_ += p.gross;
    out.quote.subtotal = Money::from_fen(subtotal_);

    collect_item_deals();
    product_off_.assign(products_.size(), 0);
    product_taken_.assign(products_.size(), 0);
    search(0);

    std::int64_t off = 0;
    for (std::size_t d : best_.deals) {
      const ItemDeal& deal = deals_[d];
      out.amount[deal.promotion] = deal.total;
      out.used[deal.promotion] = 1;
      off += deal.total;
    }
    for (const Choice& c : best_.order_level) {
      out.amount[c.promotion] = c.off;
      out.reached[c.promotion] = c.reached;
      out.used[c.promotion] = 1;
      off += c.off;
    }
    out.quote.discount = Money::from_fen(std::min(off, out.quote.subtotal.fen()));
    out.quote.shipping = Money::from_fen(shipping(out));
    out.quote.total = out.quote.subtotal - out.quote.discount + out.quote.shipping;
    for (std::size_t i = 0; i < promotions_.size(); ++i) {
      if (!out.used[i]) continue;
      out.quote.applied.push_back(promotions_[i].id);
      if (promotions_[i].kind == Kind::threshold_gift) out.quote.gifts.push_back(promotions_[i].gift);
    }
    return out;
  }

 private:
  struct Choice {
    std::size_t promotion;
    std::int64_t off;
    std::int64_t reached;
  };
  struct Candidate {
    bool set = false;
    std::int64_t total = 0;
    std::size_t gifts = 0;
    std::vector<std::size_t> deals;
    std::vector<Choice> order_level;
  };

  void collect_item_deals() {
    for (std::size_t i = 0; i < promotions_.size(); ++i) {
      const Promotion& p = promotions_[i];
      if (!is_item_promotion(p.kind)) continue;
      ItemDeal deal = p.kind == Kind::bundle_price ? bundle_deal(p, i, products_)
                                                   : nth_item_deal(p, i, products_);
      if (deal.total > 0) deals_.push_back(std::move(deal));
    }
    std::stable_sort(deals_.begin(), deals_.end(),
                     [](const ItemDeal& a, const ItemDeal& b) { return a.total > b.total; });
    if (deals_.size() > kMaxItemDealsTried) deals_.resize(kMaxItemDealsTried);
  }

  // Tries every set of item deals in which no two touch the same product.
  void search(std::size_t next) {
    if (next == deals_.size()) {
      consider();
      return;
    }
    search(next + 1);
    const ItemDeal& deal = deals_[next];
    for (auto [i, off] : deal.parts) {
      if (product_taken_[i]) return;
    }
    for (auto [i, off] : deal.parts) {
      product_taken_[i] = 1;
      product_off_[i] += off;
    }
    chosen_.push_back(next);
    search(next + 1);
    chosen_.pop_back();
    for (auto [i, off] : deal.parts) {
      product_taken_[i] = 0;
      product_off_[i] -= off;
    }
  }

  std::int64_t base(const Promotion& p) const {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < products_.size(); ++i) {
      if (applies(p, products_[i].id)) sum += products_[i].gross - product_off_[i];
    }
    return sum;
  }

  // Adds the best threshold discount, the best coupon and every gift reached
  // to the chosen item deals; keeps the result if it beats the best so far.
  void consider() {
    std::int64_t off = 0;
    for (std::size_t d : chosen_) off += deals_[d].total;
    std::vector<Choice> order_level;
    std::size_t gifts = 0;
    Choice best_threshold{0, 0, 0}, best_coupon{0, 0, 0};
    for (std::size_t i = 0; i < promotions_.size(); ++i) {
      const Promotion& p = promotions_[i];
      if (p.kind == Kind::threshold_gift) {
        std::int64_t b = base(p);
        if (b >= p.over.fen()) {
          order_level.push_back({i, 0, p.over.fen()});
          ++gifts;
        }
        continue;
      }
      Choice* slot = p.kind == Kind::threshold_discount ? &best_threshold
                     : (p.kind == Kind::coupon && coupon_claimed_) ? &best_coupon
                                                                   : nullptr;
      if (slot == nullptr) continue;
      auto [amount, reached] = threshold_off(p, base(p));
      if (amount > slot->off) *slot = {i, amount, reached};
    }
    for (const Choice& c : {best_threshold, best_coupon}) {
      if (c.off > 0) {
        order_level.push_back(c);
        off += c.off;
      }
    }
    std::int64_t total = std::max<std::int64_t>(0, subtotal_ - off);
    if (best_.set && (total > best_.total || (total == best_.total && gifts <= best_.gifts))) {
      return;
    }
    best_ = {true, total, gifts, chosen_, std::move(order_level)};
  }

  // Shipping still charged; marks each quantity_shipping promotion that freed some.
  std::int64_t shipping(Evaluation& out) const {
    std::int64_t charged = 0;
    for (const CartLine& line : cart_) {
      std::int64_t fee = line.shipping_fee.fen();
      for (std::size_t i = 0; i < promotions_.size() && fee > 0; ++i) {
        const Promotion& p = promotions_[i];
        if (p.kind != Kind::quantity_shipping || !applies(p, line.product_id)) continue;
        std::int64_t quantity = 0;
        for (const ProductUnits& u : products_) {
          if (applies(p, u.id)) quantity += u.quantity;
        }
        if (quantity < p.min_quantity) continue;
        out.amount[i] += fee;
        out.used[i] = 1;
        fee = 0;
      }
      charged += fee;
    }
    return charged;
  }

  std::span<const CartLine> cart_;
  std::span<const Promotion> promotions_;
  bool coupon_claimed_;
  std::vector<ProductUnits> products_;
  std::int64_t subtotal_ = 0;
  std::vector<ItemDeal> deals_;
  std::vector<std::int64_t> product_off_;
  std::vector<char> product_taken_;
  std::vector<std::size_t> chosen_;
  Candidate best_;
};

}  // namespace

PriceQuote best_price(std::span<const CartLine> cart, std::span<const Promotion> promotions,
                      bool coupon_claimed) {
  return Optimizer(cart, promotions, coupon_claimed).run().quote;
}

std::optional<Upsell> best_upsell(std::span<const CartLine> cart, std::string_view product_id,
                                  std::span<const Promotion> promotions, bool coupon_claimed,
                                  int max_add) {
  auto line = std::find_if(cart.begin(), cart.end(),
                           [&](const CartLine& l) { return l.product_id == product_id; });
  if (line == cart.end()) return std::nullopt;
  const std::size_t line_index = static_cast<std::size_t>(line - cart.begin());
  const Evaluation now = Optimizer(cart, promotions, coupon_claimed).run();
  std::int64_t product_quantity = 0;
  std::int64_t full_shipping = 0;
  for (const CartLine& l : cart) {
    if (l.product_id == product_id) product_quantity += l.quantity;
    full_shipping += l.shipping_fee.fen();
  }

  std::vector<CartLine> bigger(cart.begin(), cart.end());
  const int base_quantity = bigger[line_index].quantity;
  const int limit = std::min({max_add, kMaxUpsellAdd, kMaxQuantity - base_quantity});
  for (int add = 1; add <= limit; ++add) {
    bigger[line_index].quantity = base_quantity + add;
    const Evaluation then = Optimizer(bigger, promotions, coupon_claimed).run();
    // The promotion newly used, or grown the most; the largest amount wins.
    std::optional<std::size_t> reached;
    for (std::size_t i = 0; i < promotions.size(); ++i) {
      bool is_new = then.used[i] && !now.used[i];
      bool grew = then.used[i] && now.used[i] && then.amount[i] > now.amount[i];
      if ((is_new || grew) && (!reached || then.amount[i] > then.amount[*reached])) reached = i;
    }
    if (!reached) continue;
    const Promotion& p = promotions[*reached];
    Upsell upsell;
    upsell.promotion = p.id;
    upsell.add_quantity = add;
    upsell.new_quantity = static_cast<int>(product_quantity + add);
    upsell.threshold = Money::from_fen(then.reached[*reached]);
    upsell.saving = then.quote.discount + Money::from_fen(full_shipping) - then.quote.shipping;
    upsell.per_unit_saving = Money::from_fen(upsell.saving.fen() / upsell.new_quantity);
    if (p.kind == Kind::threshold_gift) upsell.gift = p.gift;
    return upsell;
  }
  return std::nullopt;
}

}  // namespace parley
