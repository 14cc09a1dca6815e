// A small rule set for the engine's tests, written inline so each test shows
// the policy it exercises.
#pragma once

#include <memory>
#include <string>

#include "parley/rule_set.hpp"

namespace parley::test {

inline const char* kShop = R"(parley: 1
locale: zh-CN
shop: {name: 测试小店, ship_within_days: 2, arrive_in_days: [2, 4]}
products:
  - id: pdu
    name: PDU插座
    list_price: 150
    floor: 132
    shipping_fee: 8
    selling_points: {功率: 额定功率4000W, 安全: 75N安全保护门}
    gifts: [{name: 转换插座, cost: 4}]
  - id: desk
    name: 书桌
    list_price: 499
    floor: 455
    fixed_price: true
promotions:
  - {id: over300, kind: threshold_discount, over: 300, off: 30, products: [pdu]}
negotiation:
  concession: {schedule: steps, steps: [8, 4, 2], hold_first: true}
  extras_ladder: [free_shipping, gift]
facts:
  order_status: [none, unpaid, paid, shipped]
compliance:
  forbidden: [最便宜, 治愈]
  off_platform: [微信]
  banned_groups: [禁止购买]
intents:
  too_expensive: {any: [太贵, 便宜点, 能少点]}
  counter_offer: {needs: [money]}
  firm_no: {any: [不要了, 算了]}
  agree: {any: [好的, 拍了]}
  power: {any: [功率]}
rules:
  - id: justify
    playbook: B2
    when: too_expensive and value_given == 0 and not has(price)
    do: hold
    say: ["亲, {product.name}{selling_point}, {offer}元很实在了"]
    score: 80
    examples: [太贵了]
  - id: step
    playbook: B3
    when: too_expensive and not has(price)
    do: concede
    say: ["给您{offer}元", "那就{offer}元吧"]
    score: 70
    examples: [{text: 便宜点, state: {value_given: 1}}]
  - id: accept
    playbook: B7
    when: counter_offer and counter == accept
    do: accept
    say: ["{offer}元可以, 拍下吧"]
    score: 90
    examples: [{text: 145行吗, state: {value_given: 1}}]
  - id: counter
    playbook: B7
    when: counter_offer and counter in [split, counter]
    do: concede
    say: ["{offer}元吧亲"]
    score: 85
    examples: [{text: 138行吗, state: {value_given: 1}}]
  - id: decline
    playbook: B4
    when: counter_offer and counter == decline
    do: offer_extra
    say: ["价格做不到, 给您{extra}"]
    score: 84
    examples: [{text: 100行吗, state: {value_given: 1}}]
  - id: retreat
    playbook: B17
    when: firm_no
    do: retreat
    say: ["好的亲, 欢迎再来"]
    score: 95
    examples: [算了不要了]
  - id: close
    playbook: B8
    when: agree
    do: close
    say: ["好的亲, 现在拍下吧"]
    score: 60
    examples: [好的]
  - id: unpaid
    playbook: B26
    when: facts.order_status == unpaid
    do: ask
    say: ["亲, 订单还没付款, 有什么可以帮您"]
    score: 50
    examples: [{text: 在吗, facts: {order_status: unpaid}}]
)";

inline std::shared_ptr<const RuleSet> load_shop(const std::string& yaml = kShop) {
  SourceFile file{"shop.yaml", yaml};
  return RuleSet::load(std::span<const SourceFile>(&file, 1));
}

}  // namespace parley::test
