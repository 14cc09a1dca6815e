#include "simulate/phrases.hpp"

#include <algorithm>
#include <array>

#include "parley/text.hpp"

namespace parley::simulate {
namespace {

// {p}: a price, {x}: another shop's price, {q}: a quantity (两个).
constexpr std::string_view kGreet[] = {
    "在吗", "在不在", "亲在吗", "有人吗", "老板在吗", "你好", "哈喽", "掌柜的在不", "客服在吗", "在么亲",
};
constexpr std::string_view kAskPrice[] = {
    "这个多少钱", "多钱啊", "这款啥价", "现在卖多少", "这个价格是多少呀", "咋卖的", "什么价", "多少钱一个",
    "现在什么价格", "到手多少钱啊", "这个怎么卖", "亲这个多钱",
};
constexpr std::string_view kAskPriceQuantity[] = {
    "{q}多少钱", "要{q}的话多少钱", "拿{q}啥价", "我要{q}, 怎么算",
};
constexpr std::string_view kAskQuality[] = {
    "质量咋样啊", "质量靠谱不", "用久了会不会坏", "是正品吗", "耐用不耐用", "做工怎么样", "不会是次品吧",
    "买过的人说咋样", "这个材质是啥", "会不会用几天就不行了", "质量有保障吗亲", "东西好不好啊, 别坑我",
    "看着挺一般的, 真有那么好吗", "有没有啥质量问题",
};
constexpr std::string_view kPush[] = {
    "太贵了", "贵了点吧", "有点小贵啊", "能便宜点不", "便宜点呗亲", "再少点吧", "优惠点哈", "打个折呗",
    "价格还能再低点吗", "这价有点高啊", "能不能让点", "给个实在价呗", "最低多少", "少点呗老板", "便宜些嘛",
    "降点价呗", "贵死了", "有没有优惠啊", "能再优惠点吗", "一分都不能少吗", "再便宜点我就拍了", "太贵了吧亲",
    "这么贵啊", "能打个折不", "再让点呗", "还能少不", "便宜点呗, 诚心要", "这价格下不去手啊", "贵了贵了",
    "能不能再少点啊",
};
constexpr std::string_view kPushAgain[] = {
    "还是贵啊", "再少点呗", "就不能再便宜点吗", "再让一点嘛", "还能再低吗", "再便宜点呗亲", "还是有点贵哈",
    "再优惠点吧", "差不多了, 再少点", "你再让让呗",
};
constexpr std::string_view kCounter[] = {
    "{p}行不", "{p}卖不卖", "{p}可以吗", "{p}吧, 行就拍", "能{p}吗", "{p}出不出", "给个{p}呗", "就{p}了, 行不行",
    "{p}我就要了", "最多给{p}", "{p}怎么样亲", "{p}成交吧", "{p}行的话我马上拍", "{p}卖吗老板", "便宜点, {p}咋样",
    "{p}能出吗", "我出{p}", "{p}好不好嘛",
};
constexpr std::string_view kCounterQuantityTotal[] = {
    "{q}{p}行吗", "{q}一共{p}吧", "拿{q}, {p}卖不卖", "{q}给{p}呗",
};
constexpr std::string_view kCounterQuantityUnit[] = {
    "{q}的话一个{p}行吗", "要{q}, 每个{p}吧", "{q}单价{p}可以不",
};
constexpr std::string_view kCounterShipping[] = {
    "{p}包邮行吗", "{p}包邮卖不卖", "{p}还得包邮哈", "包邮{p}可以不",
};
constexpr std::string_view kCounterGift[] = {
    "{p}再送个小东西呗", "{p}送点赠品吧", "{p}加个赠品行不",
};
constexpr std::string_view kAskShipping[] = {
    "包邮吗", "能包邮不", "运费能免吗", "邮费可以减免不", "包不包邮啊", "给包个邮呗", "运费太贵了, 包邮吧",
};
constexpr std::string_view kAskGift[] = {
    "有啥赠品吗", "送点啥呗", "有小礼品送吗", "能送个东西不", "买了送啥啊", "送个小礼物呗亲", "有没有送的",
};
constexpr std::string_view kCompareAt[] = {
    "别家才卖{x}", "隔壁店{x}就能买到", "我看别的店{x}", "人家{x}呢", "同款别家{x}, 你这贵了",
    "某宝上别人家卖{x}啊", "另一家{x}, 你家咋这么贵",
};
constexpr std::string_view kCompare[] = {
    "同款别家便宜多了", "别的店比你家便宜", "我看了好几家, 你家最贵", "人家都比你便宜", "别家还包邮呢",
};
constexpr std::string_view kAccept[] = {
    "好的, 要了", "行, 那就这个价", "OK成交", "好吧就这样吧", "那我拍了哈", "行吧, 怎么付款", "成, 马上拍",
    "好嘞, 这就拍", "行行行, 就它了", "可以, 就这么定了", "那就这个价吧",
};
// The yes said as done: the buyer has already ordered or paid.
constexpr std::string_view kPaid[] = {
    "可以, 我下单了", "那行, 我付款了", "可以可以, 拍下了", "好的, 已经拍了", "付好了亲",
};
constexpr std::string_view kLeaveFirm[] = {
    "算了, 不要了", "那算了吧", "不要了谢谢", "买不起, 算了", "不买了拜拜", "算了算了, 不买了", "那就不要了",
    "这个价我是不会买的, 算了",
};
constexpr std::string_view kLeaveSoft[] = {
    "我再看看吧", "我再对比一下", "考虑考虑", "我去别家看看", "回头再说吧", "我再想想哈", "先不买了, 再看看",
};
constexpr std::string_view kNudge[] = {
    "人呢", "在吗?", "怎么不说话了", "???", "还在不", "回一下呗",
};
constexpr std::string_view kTail[] = {"", "", "", "", "亲", "哈", "呗", "啊", "~", "呀", "!", "?"};

// Slips of the pinyin input method: a word and the homophone typed instead.
struct Slip {
  std::string_view right, wrong;
};
constexpr Slip kSlips[] = {
    {"便宜", "便意"}, {"便宜", "遍宜"}, {"多少", "多小"}, {"钱", "前"},    {"可以", "可已"}, {"优惠", "有惠"},
    {"包邮", "包油"}, {"质量", "质亮"}, {"怎么", "怎莫"}, {"什么", "神马"}, {"那", "拿"},    {"在", "再"},
    {"吧", "把"},     {"行", "型"},     {"贵", "桂"},
};

std::string replace_all(std::string s, std::string_view key, std::string_view value) {
  for (std::size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size())) {
    s.replace(at, key.size(), value);
  }
  return s;
}

std::string slip(std::string s, Rng& rng) {
  std::array<std::size_t, std::size(kSlips)> fits{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < std::size(kSlips); ++i) {
    if (s.find(kSlips[i].right) != std::string::npos) fits[n++] = i;
  }
  if (n == 0) return s;
  const Slip& chosen = kSlips[fits[rng.below(n)]];
  std::size_t at = s.find(chosen.right);
  s.replace(at, chosen.right.size(), chosen.wrong);
  return s;
}

template <std::size_t N>
std::string pick(const std::string_view (&items)[N], Rng& rng) {
  return std::string(items[rng.below(N)]);
}

}  // namespace

std::string say_quantity(int quantity, std::string_view unit, Rng& rng) {
  static constexpr std::string_view kHan[] = {"零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"};
  std::string number = (quantity >= 0 && quantity <= 10 && rng.chance(0.7)) ? std::string(kHan[quantity])
                                                                             : std::to_string(quantity);
  return number + std::string(unit);
}

std::string say_price(Money price, Rng& rng) {
  if (!price.is_whole_yuan()) return price.to_string() + (rng.chance(0.5) ? "元" : "");
  std::int64_t yuan = price.fen() / 100;
  double u = rng.uniform();
  std::string out;
  if (u < 0.55 || yuan <= 10) {
    static constexpr std::string_view kMarks[] = {"", "", "", "元", "块", "块钱"};
    out = std::to_string(yuan) + std::string(kMarks[rng.below(std::size(kMarks))]);
    if (rng.chance(0.04)) out = "¥" + std::to_string(yuan);
  } else if (u < 0.75) {
    // Colloquial: the last unit dropped (一百二 for 120), as buyers type it.
    out = to_chinese_numeral(yuan, NumeralStyle::colloquial);
  } else if (u < 0.9) {
    out = to_chinese_numeral(yuan, NumeralStyle::everyday) + (rng.chance(0.5) ? "块" : "");
  } else if (yuan >= 100 && yuan < 1000 && yuan % 10 == 0) {
    // 1百5: a digit before 百 and one after, for whole tens.
    out = std::to_string(yuan / 100) + "百" + (yuan % 100 ? std::to_string(yuan % 100 / 10) : "");
  } else if (yuan >= 1000 && yuan < 10000 && yuan % 100 == 0) {
    out = std::to_string(yuan / 1000) + "千" + (yuan % 1000 ? std::to_string(yuan % 1000 / 100) : "");
  } else {
    out = std::to_string(yuan) + "块";
  }
  return out;
}

std::string write(const Move& move, const Wording& wording, Rng& rng) {
  std::string s;
  std::string q = move.quantity > 1 ? say_quantity(move.quantity, wording.unit, rng) : "";
  auto price = [&](Money p) { return say_price(p, rng); };
  switch (move.kind) {
    case MoveKind::greet: s = pick(kGreet, rng); break;
    case MoveKind::ask_price:
      s = move.mention_quantity && move.quantity > 1 ? pick(kAskPriceQuantity, rng) : pick(kAskPrice, rng);
      break;
    case MoveKind::ask_quality: s = pick(kAskQuality, rng); break;
    case MoveKind::push:
      s = move.again && rng.chance(0.6) ? pick(kPushAgain, rng) : pick(kPush, rng);
      if (move.mention_quantity && move.quantity > 1) s = "我要" + q + ", " + s;
      break;
    case MoveKind::counter: {
      Money unit_price = move.bid.value_or(Money());
      if (move.quantity > 1 && move.total) {
        s = replace_all(pick(kCounterQuantityTotal, rng), "{p}", price(unit_price * move.quantity));
      } else if (move.quantity > 1 && move.mention_quantity) {
        s = replace_all(pick(kCounterQuantityUnit, rng), "{p}", price(unit_price));
      } else if (move.extra == "free_shipping") {
        s = replace_all(pick(kCounterShipping, rng), "{p}", price(unit_price));
      } else if (move.extra == "gift") {
        s = replace_all(pick(kCounterGift, rng), "{p}", price(unit_price));
      } else {
        s = replace_all(pick(kCounter, rng), "{p}", price(unit_price));
      }
      break;
    }
    case MoveKind::ask_extra: s = move.extra == "free_shipping" ? pick(kAskShipping, rng) : pick(kAskGift, rng); break;
    case MoveKind::compare:
      if (move.competitor > Money()) s = replace_all(pick(kCompareAt, rng), "{x}", price(move.competitor));
      else s = pick(kCompare, rng);
      break;
    case MoveKind::accept: s = move.paid ? pick(kPaid, rng) : pick(kAccept, rng); break;
    case MoveKind::leave_firm: s = pick(kLeaveFirm, rng); break;
    case MoveKind::leave_soft: s = pick(kLeaveSoft, rng); break;
    case MoveKind::nudge: s = pick(kNudge, rng); break;
    case MoveKind::replay: s = move.text; break;
  }
  s = replace_all(std::move(s), "{q}", q);
  if (move.kind != MoveKind::replay) {
    std::string tail = pick(kTail, rng);
    // No particle after a particle or a question or exclamation mark.
    static constexpr std::string_view kEnds[] = {"?", "!", "吗", "呗", "吧", "啊", "呀", "哈", "嘛", "亲", "~", "么"};
    bool ends = std::any_of(std::begin(kEnds), std::end(kEnds), [&](std::string_view e) {
      return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
    });
    if (!tail.empty() && !ends) s += tail;
    if (wording.typo_rate > 0 && rng.chance(wording.typo_rate)) s = slip(std::move(s), rng);
  }
  return s;
}

std::string_view to_string(MoveKind kind) {
  switch (kind) {
    case MoveKind::greet: return "greet";
    case MoveKind::ask_price: return "ask_price";
    case MoveKind::ask_quality: return "ask_quality";
    case MoveKind::push: return "push";
    case MoveKind::counter: return "counter";
    case MoveKind::ask_extra: return "ask_extra";
    case MoveKind::compare: return "compare";
    case MoveKind::accept: return "accept";
    case MoveKind::leave_firm: return "leave_firm";
    case MoveKind::leave_soft: return "leave_soft";
    case MoveKind::nudge: return "nudge";
    case MoveKind::replay: return "replay";
  }
  return "?";
}

}  // namespace parley::simulate
