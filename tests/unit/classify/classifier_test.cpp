#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "classify/classifier.hpp"
#include "parley/error.hpp"

using parley::IntentSpec;
using parley::MentionKind;
using parley::Signals;
using parley::classify::Classifier;

namespace {

std::vector<IntentSpec> test_intents() {
  std::vector<IntentSpec> intents(11);
  intents[0] = {.name = "too_expensive",
                .any = {"太贵", "贵了", "便宜点", "便宜一点", "能少点", "优惠点", "再少一点", "降点", "让一点",
                        "抹零", "能不能再便宜", "最低多少", "底价"},
                .unless = {"不贵"}};
  intents[1] = {.name = "counter_offer", .needs = {MentionKind::money}};
  intents[2] = {.name = "free_shipping", .any = {"包邮", "运费"}};
  intents[3] = {.name = "shop_around", .any = {"货比三家", "再看看", "考虑一下"}};
  intents[4] = {.name = "cheaper_elsewhere", .any = {"别家", "更便宜"}};
  intents[5] = {.name = "worried", .any = {"担心", "怕"}};
  intents[6] = {.name = "firm_no", .any = {"不要了", "算了", "不买了", "铁定不买"}};
  intents[7] = {.name = "agree", .any = {"拍了", "好的", "成交", "就要这个"}, .unless = {"能不能"}};
  intents[8] = {.name = "shipping_time", .any = {"什么时候发货", "多久到", "天能到", "天到"}};
  intents[9] = {.name = "quality", .all = {"质量", "怎么样"}};
  // Written full-width and upper case on purpose: keywords are normalised.
  intents[10] = {.name = "vip_price", .any = {"ＶＩＰ价"}, .negatable = false};
  return intents;
}

const Classifier& classifier() {
  static const Classifier instance(test_intents(), {"功率", "安全", "阻燃"});
  return instance;
}

Signals classify(std::string_view text) {
  Signals out;
  classifier().classify(text, out);
  return out;
}

// "worried,too_expensive": the intents in order, for readable failures.
std::string intent_names(const Signals& s) {
  std::string names;
  for (const auto& i : s.intents) {
    if (!names.empty()) names += ',';
    names += i.name;
  }
  return names;
}

float confidence_of(const Signals& s, std::string_view name) {
  for (const auto& i : s.intents) {
    if (i.name == name) return i.confidence;
  }
  return 0;
}

}  // namespace

TEST_CASE("Realistic buyer messages get the expected intents, primary first") {
  struct Case {
    const char* text;
    const char* intents;  // exactly these, in this order
  };
  const Case cases[] = {
      {"太贵了", "too_expensive"},
      {"亲，能便宜点吗", "too_expensive"},
      {"买这些有没有便宜点", "too_expensive"},
      {"是不是太贵了点", "too_expensive"},
      {"能不能再便宜点啊", "too_expensive"},
      {"最低多少能卖", "too_expensive"},
      {"抹零吧老板", "too_expensive"},
      {"这个价格不贵", ""},
      {"不太贵", ""},
      {"没那么贵了", ""},
      {"不买了太贵了", "too_expensive,firm_no"},
      {"不是不想买，就是太贵", "too_expensive"},
      {"不贵，就是怕尺码不合适", "worried"},
      {"价格还行，就是担心质量", "worried"},
      {"太贵了，不过我更担心质量", "worried,too_expensive"},
      {"我担心质量，但是太贵了", "too_expensive,worried"},
      {"我再看看", "shop_around"},
      {"货比三家了，考虑一下", "shop_around"},
      {"别家更便宜", "cheaper_elsewhere"},
      {"别太贵就行", ""},
      {"算了不要了", "firm_no"},
      {"铁定不买", "firm_no"},
      {"好的，拍了", "agree"},
      {"就要这个了", "agree"},
      {"什么时候发货", "shipping_time"},
      {"3天能到吗", "shipping_time"},
      {"几天到啊，怕来不及", "worried,shipping_time"},  // ties in rule-set order
      {"质量怎么样", "quality"},
      {"质量好吗", ""},
      {"有VIP价吗", "vip_price"},
      {"没有ｖｉｐ价吗", "vip_price"},
      {"怎么还要运费", "free_shipping"},
      {"", ""},
      {"你好", ""},
  };
  for (const Case& c : cases) {
    std::string text = c.text;
    CAPTURE(text);
    CHECK(intent_names(classify(c.text)) == c.intents);
  }
}

TEST_CASE("A negator cancels a keyword only when it reaches it") {
  CHECK_FALSE(classify("并不贵了").has_intent("too_expensive"));
  CHECK_FALSE(classify("不算太贵").has_intent("too_expensive"));
  CHECK_FALSE(classify("不怕").has_intent("worried"));
  CHECK_FALSE(classify("没有优惠点").has_intent("too_expensive"));
  // Double negation: "not that it isn't too expensive".
  CHECK(classify("不是不太贵").has_intent("too_expensive"));
  // Punctuation and ordinary words end the negator's reach.
  CHECK(classify("不，太贵了").has_intent("too_expensive"));
  CHECK(classify("不过太贵了").has_intent("too_expensive"));
  CHECK(classify("没想到这么贵了").has_intent("too_expensive"));
  CHECK(classify("没货吗太贵了").has_intent("too_expensive"));
}

TEST_CASE("A non-negatable intent ignores negators") {
  CHECK(classify("不是VIP价").has_intent("vip_price"));
}

TEST_CASE("The clause after a contrast word is the main one") {
  Signals s = classify("太贵了，不过我更担心质量");
  CHECK(confidence_of(s, "worried") == 1.0f);
  CHECK(confidence_of(s, "too_expensive") == 0.5f);
  CHECK(s.intents.front().name == "worried");

  // Only the last contrast word counts; a keyword on both sides keeps 1.
  s = classify("太贵了，只是怕，但是真的太贵");
  CHECK(confidence_of(s, "too_expensive") == 1.0f);
  CHECK(confidence_of(s, "worried") == 0.5f);

  // A contrast word that opens the message has nothing before it to demote.
  s = classify("就是便宜点拍了吧");
  CHECK(confidence_of(s, "too_expensive") == 1.0f);
  CHECK(confidence_of(s, "agree") == 1.0f);
  CHECK(s.intents.front().name == "too_expensive");  // ties in rule-set order

  // Regex hits follow the same rule.
  s = classify("3天能到吗，就是怕");
  CHECK(confidence_of(s, "shipping_time") == 0.5f);
}

TEST_CASE("A conditional rejection is a negotiating move, a firm no is not") {
  for (std::string text : {"太贵了，除非包邮", "包邮就要", "如果能便宜点我就拍", "少十块我就拍", "要是能送个赠品的话就买"}) {
    CAPTURE(text);
    CHECK(classify(text).conditional);
  }
  for (std::string text : {"算了不要了", "铁定不买", "太贵了", "如果质量不好能退吗", "我就要这个", "就拍这个"}) {
    CAPTURE(text);
    CHECK_FALSE(classify(text).conditional);
  }
  Signals s = classify("太贵了，除非包邮");
  CHECK(s.has_intent("too_expensive"));
  CHECK(s.has_intent("free_shipping"));
}

TEST_CASE("unless blocks an intent, all needs every keyword") {
  CHECK_FALSE(classify("不贵").has_intent("too_expensive"));
  CHECK(classify("好的").has_intent("agree"));
  CHECK_FALSE(classify("好的，能不能包邮").has_intent("agree"));
  CHECK(classify("怎么样啊这个质量").has_intent("quality"));
  CHECK_FALSE(classify("怎么样").has_intent("quality"));
  CHECK_FALSE(classify("质量不怎么样").has_intent("quality"));  // negated 怎么样
}

TEST_CASE("needs is satisfied by a mention of that kind") {
  Signals s = classify("150元包邮行吗");
  CHECK(s.has_intent("counter_offer"));
  CHECK(s.has_intent("free_shipping"));
  REQUIRE(s.price() != nullptr);
  CHECK(s.price()->value == 150);
  CHECK(s.conditional == false);

  // A bare number is a guess: the intent is no surer than its mention.
  s = classify("25能给吗");
  REQUIRE(s.price() != nullptr);
  CHECK(s.price()->confidence < 1);
  CHECK(confidence_of(s, "counter_offer") == s.price()->confidence);

  s = classify("包邮就要");
  CHECK_FALSE(s.has_intent("counter_offer"));
  CHECK(s.price() == nullptr);
}

TEST_CASE("Topics are listed once each, in order of first occurrence") {
  Signals s = classify("功率多大？功率够不够，安全吗");
  REQUIRE(s.topics.size() == 2);
  CHECK(s.topics[0] == "功率");
  CHECK(s.topics[1] == "安全");
  CHECK(classify("阻燃吗").topics == std::vector<std::string>{"阻燃"});
  CHECK(classify("太贵了").topics.empty());
}

TEST_CASE("Signals reused across messages carry nothing over") {
  Signals s;
  classifier().classify("太贵了，除非包邮，功率多大", s);
  REQUIRE_FALSE(s.intents.empty());
  classifier().classify("你好", s);
  CHECK(s.intents.empty());
  CHECK(s.topics.empty());
  CHECK_FALSE(s.conditional);
  CHECK(s.normalized.text == "你好");
}

TEST_CASE("Keywords that cannot match are skipped: the loader reports them, once") {
  std::vector<IntentSpec> intents = {
      {.name = "a", .any = {"太贵", ""}},
      {.name = "b", .all = {"  "}},
      {.name = "c", .any = {"\xff"}, .unless = {"！"}},
  };
  const Classifier c(intents, {"", "功率"});
  Signals s;
  c.classify("太贵了，功率多大", s);
  REQUIRE(s.intents.size() == 1);
  CHECK(s.intents[0].name == "a");
  REQUIRE(s.topics.size() == 1);
  CHECK(s.topics[0] == "功率");
  // `b` needs an `all` keyword that normalises to nothing: it never holds.
  c.classify("你好", s);
  CHECK(s.intents.empty());
}

TEST_CASE("An intent with only needs holds when the mention is there") {
  Classifier c({{.name = "gives_size", .needs = {MentionKind::size}}}, {});
  Signals s;
  c.classify("我穿43码", s);
  CHECK(s.has_intent("gives_size"));
  c.classify("我穿多大的", s);
  CHECK_FALSE(s.has_intent("gives_size"));
}

TEST_CASE("Ten thousand keywords are all found in one pass") {
  // Keywords are two-character words over a pool of characters; each intent
  // owns ten of them.
  const char32_t first = U'\u4e00';
  auto word = [first](int n) {
    std::string out;
    for (int c : {n / 200, n % 200}) {
      char32_t cp = first + static_cast<char32_t>(c);
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
  };
  std::vector<IntentSpec> intents(1000);
  for (int i = 0; i < 1000; ++i) {
    intents[i].name = "intent" + std::to_string(i);
    intents[i].negatable = false;
    for (int k = 0; k < 10; ++k) intents[i].any.push_back(word(i * 10 + k));
  }
  Classifier big(intents, {});
  CHECK(big.keywords().size() >= 10000);

  std::mt19937 rng(7);
  Signals s;
  for (int round = 0; round < 50; ++round) {
    std::vector<int> chosen = {static_cast<int>(rng() % 10000), static_cast<int>(rng() % 10000)};
    std::string text = word(chosen[0]) + "，" + word(chosen[1]);
    big.classify(text, s);
    for (int k : chosen) CHECK(s.has_intent("intent" + std::to_string(k / 10)));
    // No keyword spans the comma, so nothing else shows up.
    CHECK(s.intents.size() == (chosen[0] / 10 == chosen[1] / 10 ? 1u : 2u));
  }
}

TEST_CASE("Random bytes never crash the classifier") {
  std::mt19937 rng(99);
  const std::vector<std::string> pieces = {"太贵", "不", "就是", "除非", "包邮", "150", "，", "功率", "没有", "\xff", "\xe4\xb8"};
  Signals s;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      if (rng() % 4 == 0) {
        text += static_cast<char>(rng() & 0xff);
      } else {
        text += pieces[rng() % pieces.size()];
      }
    }
    try {
      classifier().classify(text, s);
    } catch (const parley::Error&) {
      continue;  // invalid UTF-8 is reported, not classified
    }
    for (std::size_t i = 0; i < s.intents.size(); ++i) {
      CHECK(s.intents[i].confidence > 0);
      CHECK(s.intents[i].confidence <= 1);
      if (i > 0) CHECK(s.intents[i - 1].confidence >= s.intents[i].confidence);
    }
    std::vector<std::string> topics = s.topics;
    std::sort(topics.begin(), topics.end());
    CHECK(std::adjacent_find(topics.begin(), topics.end()) == topics.end());
  }
}

TEST_CASE("A huge message is classified without trouble") {
  Classifier greedy({{.name = "too_expensive", .any = {"太贵"}}}, {"功率"});
  std::string text = "太";
  for (int i = 0; i < 200000; ++i) text += "很";
  text += "贵，功率";
  Signals s;
  greedy.classify(text, s);
  CHECK_FALSE(s.has_intent("too_expensive"));
  CHECK(s.topics.size() == 1);
  greedy.classify("太太太贵了", s);
  CHECK(s.has_intent("too_expensive"));
}
