// best_price and best_upsell: the promotions of B22/B23, exact in fen.
//
// A cart is first grouped into products (units of one product may sit on
// several lines, at different prices). Item promotions (bundles, nth-item)
// are worked out per product; every non-conflicting set of them is tried,
// and for each set the best threshold discount and the best coupon are
// added on the amounts left. policy.hpp states the rule.
//
// The engine asks for these on many buyer messages, so once its arrays have
// grown to the carts seen, a call allocates only what it returns: the working
// arrays live in a per-thread Optimizer that is reloaded for each cart. best_upsell groups the cart once and then adds one
// unit at a time to it instead of building a bigger cart per step.
#include <algorithm>
#include <cstdint>
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

// `count` units of one product at `price`, from one cart line.
struct Run {
  std::int64_t price;
  std::int64_t count;
};

// All the units of one product in the cart: runs_[first_run, first_run +
// run_count) of the Optimizer, dearest first.
struct ProductUnits {
  std::string_view id;
  std::size_t first_run = 0;
  std::size_t run_count = 0;
  std::int64_t quantity = 0;
  std::int64_t gross = 0;
};

// What one item promotion takes off one product.
struct DealPart {
  std::size_t product;
  std::int64_t off;
};

// How many units of one product a bundle's set holds.
struct SetUnits {
  std::size_t product;
  std::int64_t units;
};

// What one item promotion takes off when used: parts_[first_part,
// first_part + part_count) of the Optimizer.
struct ItemDeal {
  std::size_t promotion = 0;
  std::int64_t total = 0;
  std::size_t first_part = 0;
  std::size_t part_count = 0;
};

bool applies(const Promotion& p, std::string_view product) {
  return p.products.empty() ||
         std::find(p.products.begin(), p.products.end(), product) != p.products.end();
}

// Off for a threshold discount or coupon on `base`, and the threshold reached.
std::pair<std::int64_t, std::int64_t> threshold_off(const Promotion& p, std::int64_t base) {
  const std::int64_t over = std::max<std::int64_t>(0, p.over.fen());
  const std::int64_t off = std::max<std::int64_t>(0, p.off.fen());
  if (base < over || off == 0) return {0, 0};
  std::int64_t times = (p.stackable && over > 0) ? base / over : 1;
  return {std::min(base, times * off), times * over};
}

// What one promotion contributed to a price.
struct Contribution {
  std::int64_t amount = 0;   // fen off or shipping freed
  std::int64_t reached = 0;  // the threshold reached
  bool used = false;
};

// best_price with what each promotion contributed, for best_upsell.
// `promotions` keeps its capacity from call to call.
struct Evaluation {
  std::int64_t subtotal = 0;
  std::int64_t discount = 0;
  std::int64_t shipping = 0;
  std::vector<Contribution> promotions;  // per promotion
};

// Finds the best combination of promotions for one cart. load() groups the
// cart and works out once what each promotion applies to; run() may then be
// called any number of times, with add_units() between runs. It borrows the
// cart and promotions given to load() until the next load().
class Optimizer {
 public:
  // Throws parley::Error for a negative price or quantity, or amounts over the limit.
  void load(std::span<const CartLine> cart, std::span<const Promotion> promotions,
            bool coupon_claimed) {
    cart_ = cart;
    promotions_ = promotions;
    group_cart();
    const std::size_t n = products_.size();
    applies_.resize(promotions.size() * n);
    item_promotions_.clear();
    order_promotions_.clear();
    shipping_promotions_.clear();
    for (std::size_t i = 0; i < promotions.size(); ++i) {
      for (std::size_t k = 0; k < n; ++k) applies_[i * n + k] = applies(promotions[i], products_[k].id);
      switch (promotions[i].kind) {
        case Kind::bundle_price:
        case Kind::nth_item_discount: item_promotions_.push_back(i); break;
        case Kind::coupon:
          if (coupon_claimed) order_promotions_.push_back(i);
          break;
        case Kind::threshold_discount:
        case Kind::threshold_gift: order_promotions_.push_back(i); break;
        case Kind::quantity_shipping: shipping_promotions_.push_back(i); break;
      }
    }
    product_off_.assign(n, 0);
    product_taken_.assign(n, 0);
  }

  // `units` more of the product on cart line `line`, at that line's price.
  void add_units(std::size_t line, std::int64_t units) {
    const std::int64_t price = cart_[line].unit_price.fen();
    subtotal_ += units * price;
    if (subtotal_ > kMaxSubtotalFen) throw Error("the cart's total is too large");
    ProductUnits& product = products_[line_product_[line]];
    product.quantity += units;
    product.gross += units * price;
    // Runs of one price are interchangeable: any of them stands for the line.
    for (std::size_t r = product.first_run; r < product.first_run + product.run_count; ++r) {
      if (runs_[r].price == price) {
        runs_[r].count += units;
        return;
      }
    }
  }

  // Works out the best price for the cart as it stands, into `out`.
  void run(Evaluation& out) {
    out.promotions.assign(promotions_.size(), Contribution{});
    out.subtotal = subtotal_;

    // The best set of item deals; the order-level promotions that go with it
    // are worked out again below, this time recording them.
    std::uint32_t chosen = 0;
    collect_item_deals();
    if (!deals_.empty()) {
      best_ = {};
      search(0, 0, 0);
      chosen = best_.deals;
    }

    std::int64_t off = 0;
    for (std::size_t d = 0; d < deals_.size(); ++d) {
      if (!(chosen >> d & 1)) continue;
      const ItemDeal& deal = deals_[d];
      take(deal, +1);
      out.promotions[deal.promotion] = {deal.total, 0, true};
      off += deal.total;
    }
    const OrderLevel order_level = choose_order_level(&out);
    for (const Choice& c : {order_level.threshold, order_level.coupon}) {
      if (c.off <= 0) continue;
      out.promotions[c.promotion] = {c.off, c.reached, true};
    }
    off += order_level.off;
    for (std::size_t d = 0; d < deals_.size(); ++d) {
      if (chosen >> d & 1) take(deals_[d], -1);
    }
    out.discount = std::min(off, subtotal_);
    out.shipping = shipping(out);
  }

 private:
  struct Choice {
    std::size_t promotion = 0;
    std::int64_t off = 0;
    std::int64_t reached = 0;
  };
  // The threshold discount, coupon and gifts that go with a set of item deals.
  struct OrderLevel {
    std::int64_t off = 0;  // threshold discount plus coupon
    std::size_t gifts = 0;
    Choice threshold;
    Choice coupon;
  };
  struct Candidate {
    bool set = false;
    std::int64_t total = 0;
    std::size_t gifts = 0;
    std::uint32_t deals = 0;  // bit d: deals_[d] used
  };
  static_assert(kMaxItemDealsTried <= 32, "Candidate::deals holds one bit per deal tried");

  void group_cart() {
    products_.clear();
    line_product_.clear();
    subtotal_ = 0;
    for (const CartLine& line : cart_) {
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
      const std::int64_t amount = line.unit_price.fen() * line.quantity;
      subtotal_ += amount;
      if (subtotal_ > kMaxSubtotalFen) throw Error("the cart's total is too large");
      auto it = std::find_if(products_.begin(), products_.end(),
                             [&](const ProductUnits& p) { return p.id == line.product_id; });
      if (it == products_.end()) {
        products_.push_back({line.product_id});
        it = products_.end() - 1;
      }
      line_product_.push_back(static_cast<std::size_t>(it - products_.begin()));
      ++it->run_count;
      it->quantity += line.quantity;
      it->gross += amount;
    }
    // Every line gets a run, even an empty one, so that add_units finds it.
    std::size_t next = 0;
    for (ProductUnits& p : products_) {
      p.first_run = next;
      next += p.run_count;
      p.run_count = 0;
    }
    runs_.resize(next);
    for (std::size_t l = 0; l < cart_.size(); ++l) {
      ProductUnits& p = products_[line_product_[l]];
      runs_[p.first_run + p.run_count++] = {cart_[l].unit_price.fen(), cart_[l].quantity};
    }
    for (const ProductUnits& p : products_) {
      if (p.run_count < 2) continue;  // the usual case, and std::sort is not free
      auto first = runs_.begin() + static_cast<std::ptrdiff_t>(p.first_run);
      std::sort(first, first + static_cast<std::ptrdiff_t>(p.run_count),
                [](const Run& a, const Run& b) { return a.price > b.price; });
    }
  }

  std::span<const Run> runs(const ProductUnits& p) const {
    return std::span<const Run>(runs_).subspan(p.first_run, p.run_count);
  }

  // The price of the `take` dearest units of product `p`.
  std::int64_t dearest(const ProductUnits& p, std::int64_t take) const {
    std::int64_t sum = 0;
    for (const Run& r : runs(p)) {
      std::int64_t n = std::min(take, r.count);
      sum += n * r.price;
      take -= n;
      if (take == 0) break;
    }
    return sum;
  }

  bool applies_to(std::size_t promotion, std::size_t product) const {
    return applies_[promotion * products_.size() + product] != 0;
  }

  std::span<const DealPart> parts(const ItemDeal& deal) const {
    return std::span<const DealPart>(parts_).subspan(deal.first_part, deal.part_count);
  }

  void collect_item_deals() {
    deals_.clear();
    parts_.clear();
    for (std::size_t i : item_promotions_) {
      const Promotion& p = promotions_[i];
      ItemDeal deal{i, 0, parts_.size(), 0};
      if (p.kind == Kind::bundle_price) {
        bundle_deal(p, deal);
      } else {
        nth_item_deal(p, deal);
      }
      if (deal.total > 0) {
        deal.part_count = parts_.size() - deal.first_part;
        deals_.push_back(deal);
      } else {
        parts_.resize(deal.first_part);
      }
    }
    // Worth most first, ties in promotion order (std::stable_sort would allocate).
    std::sort(deals_.begin(), deals_.end(), [](const ItemDeal& a, const ItemDeal& b) {
      return a.total > b.total || (a.total == b.total && a.promotion < b.promotion);
    });
    if (deals_.size() > kMaxItemDealsTried) deals_.resize(kMaxItemDealsTried);
  }

  // Every nth unit of each product, dearest first, paid at `ratio`.
  void nth_item_deal(const Promotion& p, ItemDeal& deal) {
    if (p.nth < 1) return;
    const std::int64_t nth = p.nth;
    for (std::size_t i = 0; i < products_.size(); ++i) {
      if (!applies_to(deal.promotion, i)) continue;
      std::int64_t off = 0, position = 0;
      for (const Run& r : runs(products_[i])) {
        std::int64_t discounted = (position + r.count) / nth - position / nth;
        Money paid = clamped_fen(static_cast<double>(r.price) * p.ratio, 0, r.price);
        off += discounted * (r.price - paid.fen());
        position += r.count;
      }
      if (off > 0) {
        parts_.push_back({i, off});
        deal.total += off;
      }
    }
  }

  // As many complete sets as the cart holds, each for `price`; the saving is
  // shared among the products in proportion to what their units cost.
  void bundle_deal(const Promotion& p, ItemDeal& deal) {
    set_units_.clear();
    for (const std::string& id : p.products) {
      auto it = std::find_if(products_.begin(), products_.end(),
                             [&](const ProductUnits& u) { return u.id == id; });
      if (it == products_.end()) return;
      std::size_t i = static_cast<std::size_t>(it - products_.begin());
      auto seen = std::find_if(set_units_.begin(), set_units_.end(),
                               [&](const SetUnits& e) { return e.product == i; });
      if (seen == set_units_.end()) {
        set_units_.push_back({i, 1});
      } else {
        ++seen->units;
      }
    }
    if (set_units_.empty()) return;
    std::int64_t sets = kMaxQuantity;
    for (auto [i, units] : set_units_) sets = std::min(sets, products_[i].quantity / units);
    if (sets == 0) return;

    set_cost_.resize(set_units_.size());
    std::int64_t used_total = 0;
    for (std::size_t k = 0; k < set_units_.size(); ++k) {
      set_cost_[k] = dearest(products_[set_units_[k].product], sets * set_units_[k].units);
      used_total += set_cost_[k];
    }
    const std::int64_t saving = used_total - sets * std::max<std::int64_t>(0, p.price.fen());
    if (saving <= 0) return;

    std::int64_t shared = 0;
    for (std::size_t k = 1; k < set_units_.size(); ++k) {
      double share = static_cast<double>(saving) * static_cast<double>(set_cost_[k]) /
                     static_cast<double>(used_total);
      std::int64_t part = std::min(clamped_fen(share, 0, saving).fen(), saving - shared);
      parts_.push_back({set_units_[k].product, part});
      shared += part;
    }
    parts_.push_back({set_units_[0].product, saving - shared});
    deal.total = saving;
  }

  // Marks (sign +1) or unmarks (-1) the products a deal touches.
  void take(const ItemDeal& deal, int sign) {
    for (auto [i, off] : parts(deal)) {
      product_taken_[i] = sign > 0;
      product_off_[i] += sign * off;
    }
  }

  // Tries every set of the deals from `next` on in which no two touch the
  // same product, on top of `chosen` (worth `chosen_off`).
  void search(std::size_t next, std::uint32_t chosen, std::int64_t chosen_off) {
    if (next == deals_.size()) {
      consider(chosen, chosen_off);
      return;
    }
    search(next + 1, chosen, chosen_off);
    const ItemDeal& deal = deals_[next];
    for (auto [i, off] : parts(deal)) {
      if (product_taken_[i]) return;
    }
    take(deal, +1);
    search(next + 1, chosen | std::uint32_t{1} << next, chosen_off + deal.total);
    take(deal, -1);
  }

  std::int64_t base(std::size_t promotion) const {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < products_.size(); ++i) {
      if (applies_to(promotion, i)) sum += products_[i].gross - product_off_[i];
    }
    return sum;
  }

  // The best threshold discount, the best coupon and every gift reached on
  // the amounts left by the item deals taken; marks the gifts in `record`.
  OrderLevel choose_order_level(Evaluation* record) const {
    OrderLevel out;
    for (std::size_t i : order_promotions_) {
      const Promotion& p = promotions_[i];
      if (p.kind == Kind::threshold_gift) {
        if (base(i) >= p.over.fen()) {
          ++out.gifts;
          if (record != nullptr) {
            record->promotions[i] = {0, p.over.fen(), true};
          }
        }
        continue;
      }
      Choice* slot = p.kind == Kind::threshold_discount ? &out.threshold : &out.coupon;
      auto [amount, reached] = threshold_off(p, base(i));
      if (amount > slot->off) *slot = {i, amount, reached};
    }
    out.off = out.threshold.off + out.coupon.off;
    return out;
  }

  // Keeps the item deals `chosen` if, with their order-level promotions,
  // they beat the best so far (ties: more gifts).
  void consider(std::uint32_t chosen, std::int64_t chosen_off) {
    const OrderLevel order_level = choose_order_level(nullptr);
    const std::int64_t total = std::max<std::int64_t>(0, subtotal_ - chosen_off - order_level.off);
    if (best_.set && (total > best_.total || (total == best_.total && order_level.gifts <= best_.gifts))) {
      return;
    }
    best_ = {true, total, order_level.gifts, chosen};
  }

  // Shipping still charged; marks each quantity_shipping promotion that freed some.
  std::int64_t shipping(Evaluation& out) const {
    std::int64_t charged = 0;
    for (std::size_t l = 0; l < cart_.size(); ++l) {
      std::int64_t fee = cart_[l].shipping_fee.fen();
      for (std::size_t j = 0; j < shipping_promotions_.size() && fee > 0; ++j) {
        const std::size_t i = shipping_promotions_[j];
        const Promotion& p = promotions_[i];
        if (!applies_to(i, line_product_[l])) continue;
        std::int64_t quantity = 0;
        for (std::size_t k = 0; k < products_.size(); ++k) {
          if (applies_to(i, k)) quantity += products_[k].quantity;
        }
        if (quantity < p.min_quantity) continue;
        out.promotions[i].amount += fee;
        out.promotions[i].used = true;
        fee = 0;
      }
      charged += fee;
    }
    return charged;
  }

  std::span<const CartLine> cart_;
  std::span<const Promotion> promotions_;
  std::vector<ProductUnits> products_;
  std::vector<Run> runs_;
  std::vector<std::size_t> line_product_;  // per cart line: its index in products_
  std::vector<char> applies_;              // [promotion * products + product]
  // Indices into promotions_ by what they are: item promotions, the
  // threshold discounts, gifts and (when claimed) coupons, free shipping.
  std::vector<std::size_t> item_promotions_;
  std::vector<std::size_t> order_promotions_;
  std::vector<std::size_t> shipping_promotions_;
  std::int64_t subtotal_ = 0;
  std::vector<ItemDeal> deals_;
  std::vector<DealPart> parts_;
  std::vector<SetUnits> set_units_;    // bundle_deal: the products of one set
  std::vector<std::int64_t> set_cost_;  // bundle_deal: what their units cost
  std::vector<std::int64_t> product_off_;
  std::vector<char> product_taken_;
  Candidate best_;
};

}  // namespace

// The arrays one call works in; the functions below do not call each other,
// so one call at a time uses them.
struct PromotionWorkspace::State {
  Optimizer optimizer;
  Evaluation now;
  Evaluation then;
};

PromotionWorkspace::PromotionWorkspace() : state_(std::make_unique<State>()) {}
PromotionWorkspace::~PromotionWorkspace() = default;
PromotionWorkspace::PromotionWorkspace(PromotionWorkspace&&) noexcept = default;
PromotionWorkspace& PromotionWorkspace::operator=(PromotionWorkspace&&) noexcept = default;

PriceQuote best_price(std::span<const CartLine> cart, std::span<const Promotion> promotions,
                      bool coupon_claimed) {
  PromotionWorkspace workspace;
  return best_price(cart, promotions, coupon_claimed, workspace);
}

std::optional<Upsell> best_upsell(std::span<const CartLine> cart, std::string_view product_id,
                                  std::span<const Promotion> promotions, bool coupon_claimed,
                                  int max_add) {
  PromotionWorkspace workspace;
  return best_upsell(cart, product_id, promotions, coupon_claimed, max_add, workspace);
}

PriceQuote best_price(std::span<const CartLine> cart, std::span<const Promotion> promotions,
                      bool coupon_claimed, PromotionWorkspace& workspace) {
  PromotionWorkspace::State& w = workspace.state();
  w.optimizer.load(cart, promotions, coupon_claimed);
  w.optimizer.run(w.now);
  const Evaluation& e = w.now;
  PriceQuote quote;
  quote.subtotal = Money::from_fen(e.subtotal);
  quote.discount = Money::from_fen(e.discount);
  quote.shipping = Money::from_fen(e.shipping);
  quote.total = quote.subtotal - quote.discount + quote.shipping;
  for (std::size_t i = 0; i < promotions.size(); ++i) {
    if (!e.promotions[i].used) continue;
    quote.applied.push_back(promotions[i].id);
    if (promotions[i].kind == Kind::threshold_gift) quote.gifts.push_back(promotions[i].gift);
  }
  return quote;
}

std::optional<Upsell> best_upsell(std::span<const CartLine> cart, std::string_view product_id,
                                  std::span<const Promotion> promotions, bool coupon_claimed,
                                  int max_add, PromotionWorkspace& workspace) {
  auto line = std::find_if(cart.begin(), cart.end(),
                           [&](const CartLine& l) { return l.product_id == product_id; });
  if (line == cart.end()) return std::nullopt;
  const std::size_t line_index = static_cast<std::size_t>(line - cart.begin());
  PromotionWorkspace::State& w = workspace.state();
  w.optimizer.load(cart, promotions, coupon_claimed);
  const int limit = std::min({max_add, kMaxUpsellAdd, kMaxQuantity - line->quantity});
  if (limit < 1) return std::nullopt;
  const Evaluation& now = w.now;
  const Evaluation& then = w.then;
  w.optimizer.run(w.now);
  std::int64_t product_quantity = 0;
  std::int64_t full_shipping = 0;
  for (const CartLine& l : cart) {
    if (l.product_id == product_id) product_quantity += l.quantity;
    full_shipping += l.shipping_fee.fen();
  }

  for (int add = 1; add <= limit; ++add) {
    w.optimizer.add_units(line_index, 1);
    w.optimizer.run(w.then);
    // The promotion newly used, or grown the most; the largest amount wins.
    std::optional<std::size_t> reached;
    for (std::size_t i = 0; i < promotions.size(); ++i) {
      const Contribution& before = now.promotions[i];
      const Contribution& after = then.promotions[i];
      bool is_new = after.used && !before.used;
      bool grew = after.used && before.used && after.amount > before.amount;
      if ((is_new || grew) && (!reached || after.amount > then.promotions[*reached].amount)) {
        reached = i;
      }
    }
    if (!reached) continue;
    const Promotion& p = promotions[*reached];
    Upsell upsell;
    upsell.promotion = p.id;
    upsell.add_quantity = add;
    upsell.new_quantity = static_cast<int>(product_quantity + add);
    upsell.threshold = Money::from_fen(then.promotions[*reached].reached);
    upsell.saving = Money::from_fen(then.discount + full_shipping - then.shipping);
    upsell.per_unit_saving = Money::from_fen(upsell.saving.fen() / upsell.new_quantity);
    if (p.kind == Kind::threshold_gift) upsell.gift = p.gift;
    return upsell;
  }
  return std::nullopt;
}

}  // namespace parley
