#include <doctest/doctest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cmath>
#include <string>

#include "parley/error.hpp"
#include "parley/json.hpp"

namespace json = boost::json;
using parley::Mention;
using parley::MentionKind;

namespace {

parley::Signals sample_signals() {
  parley::Signals s;
  s.normalized.text = "150包邮行吗";
  s.mentions.push_back(Mention{.kind = MentionKind::money, .role = parley::PriceRole::offer,
                               .scope = parley::PriceScope::units_total, .value = 150, .scope_units = 2,
                               .text = "150", .start = 0, .end = 3, .confidence = 0.9f});
  s.mentions.push_back(Mention{.kind = MentionKind::threshold,
                               .flags = static_cast<std::uint8_t>(parley::MentionFlag::free_shipping),
                               .value = 68, .value2 = 0, .text = "满68包邮", .start = 3, .end = 14});
  s.intents.push_back({.name = "counter_offer", .index = 3, .confidence = 1.0f});
  s.intents.push_back({.name = "ask_shipping", .index = 5, .confidence = 0.6f});
  s.topics = {"包邮"};
  s.conditional = true;
  return s;
}

parley::Suggestion sample_suggestion() {
  parley::Suggestion s;
  s.text = "亲, 给您\"155\"元";
  s.score = 72.5;
  s.rule_id = "step-down";
  s.playbook = "B3";
  s.action = parley::Action::concede;
  s.offer = parley::Money::from_yuan(155.5);
  s.extras = {"free_shipping", "gift"};
  s.next_stage = parley::Stage::bargaining;
  s.why.rule_id = "step-down";
  s.why.fired = true;
  s.why.parts = {{"intent == counter_offer", "intent = counter_offer", true, 0},
                 {"offer > floor", "offer = 160, floor = 120", true, 1}};
  return s;
}

}  // namespace

TEST_CASE("Signals as JSON: normalised text, mentions, intents, topics") {
  CHECK(parley::to_json(sample_signals()) ==
        R"({"text":"150包邮行吗","mentions":[)"
        R"({"kind":"money","value":150,"role":"offer","scope":"units_total","scope_units":2,)"
        R"("text":"150","start":0,"end":3,"confidence":0.9},)"
        R"({"kind":"threshold","value":68,"value2":0,"flags":["free_shipping"],"text":"满68包邮","start":3,)"
        R"("end":14,"confidence":1}],)"
        R"("intents":[{"name":"counter_offer","confidence":1},{"name":"ask_shipping","confidence":0.6}],)"
        R"("topics":["包邮"],"conditional":true})");
  CHECK(parley::to_json(parley::Signals{}) ==
        R"({"text":"","mentions":[],"intents":[],"topics":[],"conditional":false})");
}

TEST_CASE("A suggestion as JSON carries its offer, action and explanation") {
  const parley::Suggestion s = sample_suggestion();
  const json::value v = json::parse(parley::to_json(s));
  const json::object& o = v.as_object();
  CHECK(o.at("text").as_string() == "亲, 给您\"155\"元");
  CHECK(o.at("score").as_double() == 72.5);
  CHECK(o.at("rule").as_string() == "step-down");
  CHECK(o.at("playbook").as_string() == "B3");
  CHECK(o.at("action").as_string() == "concede");
  CHECK(o.at("offer").as_double() == 155.5);
  CHECK(o.at("extras").as_array().size() == 2);
  CHECK(o.at("gives").as_string() == "");
  CHECK(o.at("next_stage").as_string() == "bargaining");
  const json::object& why = o.at("why").as_object();
  CHECK(why.at("fired").as_bool());
  REQUIRE(why.at("parts").as_array().size() == 2);
  const json::object& part = why.at("parts").as_array()[1].as_object();
  CHECK(part.at("text").as_string() == "offer > floor");
  CHECK(part.at("values").as_string() == "offer = 160, floor = 120");
  CHECK(part.at("holds").as_bool());
  CHECK(part.at("depth").as_int64() == 1);
  CHECK(why.at("blocked").as_string() == "");
  CHECK(why.at("summary").as_string() == s.why.summary());
  // Keys in a fixed order, so that output can be compared as text.
  std::string keys;
  for (const auto& member : o) keys += std::string(member.key()) + ",";
  CHECK(keys == "text,score,rule,playbook,action,offer,extras,gives,next_stage,argues_value,points,why,");
}

TEST_CASE("A suggestion without a price has a null offer") {
  parley::Suggestion s;
  s.action = parley::Action::ask;
  const json::value v = json::parse(parley::to_json(s));
  CHECK(v.at("offer").is_null());
  CHECK(v.at("action").as_string() == "ask");
}

TEST_CASE("A result holds the signals and the suggestions, best first") {
  parley::SuggestResult result;
  result.signals = sample_signals();
  result.suggestions = {sample_suggestion(), parley::Suggestion{}};
  result.suggestions[1].rule_id = "second";
  const std::string text = parley::to_json(result);
  CHECK(text.find(R"({"signals":)" + parley::to_json(result.signals) + R"(,"suggestions":[)" +
                  parley::to_json(result.suggestions[0]) + ",") == 0);
  const json::value v = json::parse(text);
  CHECK(v.at("suggestions").as_array()[1].at("rule").as_string() == "second");
}

TEST_CASE("A non-finite score is an error naming the suggestion, not invalid JSON") {
  parley::SuggestResult result;
  result.suggestions.resize(2);
  result.suggestions[1].score = NAN;
  CHECK_THROWS_WITH_AS(parley::to_json(result), "error: suggestions[1].score: not a finite number",
                       parley::Error);
}

TEST_CASE("Strings are escaped right wherever the special byte falls") {
  const std::string specials[] = {"\"", "\\", std::string(1, '\0'), "\x1f", "\x7f", "\n",
                                  "é",  "太", "😀", " "};
  for (const std::string& special : specials) {
    for (std::size_t length = 0; length < 20; ++length) {
      for (std::size_t at = 0; at <= length; ++at) {
        parley::Signals s;
        s.normalized.text = std::string(at, 'a') + special + std::string(length - at, 'b');
        const json::value v = json::parse(parley::to_json(s));
        CHECK(v.at("text").as_string() == s.normalized.text);
      }
    }
  }
  parley::Signals bad;
  bad.normalized.text = "abcdefghij\xe5\xa4";  // a character cut short after 8 plain bytes
  CHECK_THROWS_WITH_AS(parley::to_json(bad), "error: text: invalid UTF-8 at byte 10",
                       parley::Error);
}

TEST_CASE("Signals with a 309-digit number and 一万亿亿元 are still JSON") {
  for (const std::string& message : {std::string(309, '9') + "元行吗", std::string("一万亿亿元卖吗"),
                                     std::string("少") + std::string(400, '7') + "块"}) {
    CAPTURE(message);
    parley::Signals s;
    s.normalized = parley::normalize(message);
    s.mentions = parley::extract_mentions(s.normalized);
    REQUIRE_FALSE(s.mentions.empty());
    std::string out;
    REQUIRE_NOTHROW(out = parley::to_json(s));
    const json::value v = json::parse(out);
    const json::object& m = v.at("mentions").at(0).as_object();
    CHECK(m.at("flags").as_array().at(0).as_string() == "beyond_range");
    CHECK(std::isfinite(m.at("value").to_number<double>()));
    if (m.at("kind").as_string() == "money") CHECK(m.at("role").as_string() == "none");
  }
}
