// Amounts beyond the range Money converts (money.hpp, 10^12 yuan), named by
// the buyer or typed by the agent, through the whole engine: never a
// negative or wrapped price, never a stuck conversation, always JSON.
#include <doctest/doctest.h>

#include <string>

#include "parley/engine.hpp"
#include "parley/json.hpp"

using namespace parley;

namespace {

const std::string kHuge[] = {"一万亿亿元行吗", "99999999999999999999百行吗", std::string(309, '9') + "元行吗",
                             "1000000000001元卖不卖", "一万亿零一块可以吗"};

}  // namespace

TEST_CASE("a buyer naming an amount beyond the range names no price, and every suggestion applies") {
  Engine engine(RuleSet::load_default());
  for (const std::string& message : kHuge) {
    CAPTURE(message);
    const Conversation start = engine.start(engine.rules().products().front().id);
    const SuggestResult result = engine.suggest(start, message);
    CHECK(result.signals.price() == nullptr);
    REQUIRE_NOTHROW(static_cast<void>(to_json(result)));
    for (const Suggestion& s : result.suggestions) {
      if (s.offer) CHECK(*s.offer > Money());
      Conversation next;
      REQUIRE_NOTHROW(next = engine.apply(start, message, s));
      CHECK_FALSE(next.buyer_best.has_value());
      if (next.offer) CHECK(*next.offer > Money());
      REQUIRE_NOTHROW(static_cast<void>(to_json(next)));
    }
  }
}

TEST_CASE("the agent typing an amount beyond the range records no offer") {
  Engine engine(RuleSet::load_default());
  const Conversation start = engine.start(engine.rules().products().front().id);
  for (const std::string& typed : {std::string("一万亿亿元给你"), std::string(309, '9') + "元",
                                   std::string("1000000000001元")}) {
    CAPTURE(typed);
    Conversation next;
    REQUIRE_NOTHROW(next = engine.observe_seller_text(start, "便宜点", typed));
    CHECK(next.offer == start.offer);
    CHECK_FALSE(next.history.back().offer.has_value());
    REQUIRE_NOTHROW(static_cast<void>(to_json(next)));
  }
  // 10^12 yuan is in the range: above the current offer, so no new offer either.
  const Conversation at_edge = engine.observe_seller_text(start, "便宜点", "1000000000000元");
  CHECK(at_edge.history.back().offer == Money::from_yuan(1e12));
  CHECK(at_edge.offer == start.offer);
}
