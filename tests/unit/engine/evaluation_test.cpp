// Evaluation::prepare() reuses its env from message to message, putting back
// only the slots some messages set. Whatever came before, the env must be
// exactly the one a fresh Evaluation builds.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/evaluation.hpp"
#include "engine/plan.hpp"
#include "parley/engine.hpp"
#include "test_rules.hpp"

using namespace parley;

namespace {

bool same(const expr::Value& a, const expr::Value& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case expr::Type::number: return a.number == b.number;
    case expr::Type::boolean: return a.boolean == b.boolean;
    case expr::Type::string: return a.string == b.string;
    case expr::Type::list: return a.list.size() == b.list.size();
    default: return true;
  }
}

}  // namespace

TEST_CASE("a reused Evaluation prepares the same env as a fresh one") {
  const auto shop = RuleSet::load_default();
  const auto other = test::load_shop();
  const Engine engine(shop);
  const std::vector<std::string> messages = {
      "太贵了", "150包邮行吗", "买3个有优惠吗", "这个插座多少钱", "便宜20吧", "打个九折", "抹个零头", "在吗",
      "功率多大, 安全吗", "算了不要了", "我买两件, 再送个靠枕", "", "六十一袋可以吗", "订单号123456789",
      "老顾客了, 优惠点", "不会掉色吧", "包邮吗? 多久到"};
  std::mt19937 rng(7);
  const auto shop_plan = std::make_shared<const engine::Plan>(engine::make_plan(rules::Access::compiled(*shop)));
  const auto other_plan = std::make_shared<const engine::Plan>(engine::make_plan(rules::Access::compiled(*other)));
  engine::Evaluation reused;
  for (int round = 0; round < 400; ++round) {
    const bool use_other = rng() % 5 == 0;
    const RuleSet& rules = use_other ? *other : *shop;
    const auto& products = rules.products();
    Conversation c = Engine(use_other ? other : shop).start(products[rng() % products.size()].id, rng());
    c.round = static_cast<int>(rng() % 6);
    c.concessions = static_cast<int>(rng() % 3);
    c.holds = static_cast<int>(rng() % 2);
    if (rng() % 3 == 0) c.topic_counts["功率"] = 2;
    if (rng() % 3 == 0) c.buyer.credit = "gold";
    if (rng() % 3 == 0) c.buyer.last_order_days = 30;
    if (!use_other && rng() % 3 == 0) c.facts["order_status"] = std::string("paid");
    const std::string& text = messages[rng() % messages.size()];
    CAPTURE(text);

    Signals signals;
    const rules::Compiled& compiled = rules::Access::compiled(rules);
    auto plan = std::make_shared<const engine::Plan>(engine::make_plan(compiled));
    compiled.classifier->classify(text, signals);
    reused.prepare(compiled, use_other ? other_plan : shop_plan, c, signals);
    const bool upsell = rng() % 2 == 0, cart = rng() % 2 == 0;
    reused.prepare_promotions(upsell, cart);
    engine::Evaluation fresh;
    fresh.prepare(compiled, plan, c, signals);
    fresh.prepare_promotions(upsell, cart);
    REQUIRE(reused.env().size() == fresh.env().size());
    for (std::size_t slot = 0; slot < fresh.env().size(); ++slot) {
      CAPTURE(compiled.names.schema.names()[slot].name);
      CHECK(same(reused.env()[slot], fresh.env()[slot]));
    }
  }
}
