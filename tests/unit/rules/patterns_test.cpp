// Word classes and intent patterns (rules/README.md, "Patterns"): read from a
// rule set, matched in the classifier's one pass, explained by why_intent().
// The messages are written for these tests.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "parley/rule_set.hpp"
#include "rules/compiled.hpp"
#include "load_testing.hpp"

namespace {

using parley::test::kSmallShop;
using parley::test::load_problems;
using parley::test::replaced;

const std::string kWords =
    "words:\n"
    "  can: [能, 可以, 能不能]\n"
    "  cheap: [便宜, 优惠]\n"
    "  soften: [点, 一点, 些]\n"
    "  good: [好用, 好]\n"
    "  broken: [坏, 破, 裂]\n"
    "  done: [了, 已经, 收到]\n"
    "  may: [会不会, 怕, 万一]\n"
    "  yes: [好, 行, 嗯, ok, 可以, 👌]\n"
    "  abuse: [垃圾]\n";

// A shop whose intents are patterns only.
std::string shop(const std::string& intents) {
  return replaced(kSmallShop, "intents:\n  too_expensive: {any: [太贵, 便宜点]}\n", kWords + "intents:\n" + intents) +
         "  - {id: other, when: intent_count > 0, do: answer, score: 1, say: 好的}\n";
}

const std::string kIntents =
    "  too_expensive:\n"
    "    any: [太贵]\n"
    "    patterns: ['@can ~3 @cheap', '@cheap @soften']\n"
    "  damaged:\n"
    "    patterns: ['@broken +@done -@may', '收到 ... @broken']\n"
    "  worried:\n"
    "    patterns: ['@may ~2 @broken']\n"
    "  complaint:\n"
    "    patterns: ['!@good', {match: '@abuse', confidence: 0.8}]\n"
    "  agree:\n"
    "    patterns: [{match: '^ @yes ~2 $', confidence: 0.6, fallback: true}]\n";

std::string names(const parley::Signals& s) {
  std::string out;
  for (const auto& i : s.intents) out += (out.empty() ? "" : ",") + i.name;
  return out;
}

// The rule set and its classifier, as the engine uses them.
struct Shop {
  std::shared_ptr<const parley::RuleSet> set =
      parley::RuleSet::load(std::vector<parley::SourceFile>{{"shop.yaml", shop(kIntents)}});
  parley::Signals signals(std::string_view text) const {
    parley::Signals out;
    parley::RuleSetAccess::compiled(*set).classifier->classify(text, out);
    return out;
  }
  const parley::RuleSet& rules() const { return *set; }
};

const Shop& engine() {
  static const Shop instance;
  return instance;
}

}  // namespace

TEST_CASE("patterns read nearness, negation, clause words and anchors") {
  struct Case {
    const char* text;
    const char* intents;
  };
  const Case cases[] = {
      {"能不能再稍微便宜", "too_expensive"},      // ~3: 再稍微 between
      {"能帮我问问老板看看便宜", ""},             // too far apart
      {"优惠些吧", "too_expensive"},              // adjacent
      {"太贵", "too_expensive"},                  // keywords still hold
      {"收到的杯子裂了", "damaged"},              // a problem after the sale
      {"会不会坏", "worried"},                    // a worry before it
      {"这个不太好用", "complaint"},              // !@good: negated 好用
      {"挺好用的", ""},
      {"垃圾", "complaint"},
      {"可以便宜，东西坏了", "too_expensive,damaged"},  // clauses read apart
      {"能,便宜", ""},                            // a clause break between
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(names(engine().signals(c.text)) == c.intents);
  }
}

TEST_CASE("a fallback pattern reads a message nothing else reads, pictographs included") {
  CHECK(names(engine().signals("嗯")) == "agree");
  CHECK(names(engine().signals("好的呀")) == "agree");
  CHECK(names(engine().signals("OK")) == "agree");
  CHECK(names(engine().signals("👌")) == "agree");
  CHECK(names(engine().signals("👌👌")) == "agree");
  // Another reading wins: the fallback stays out.
  CHECK(names(engine().signals("好,太贵")) == "too_expensive");
  // Too long to be a bare yes.
  CHECK(names(engine().signals("好久没来这家店逛了")) == "");
  auto s = engine().signals("行");
  REQUIRE(s.intents.size() == 1);
  CHECK(s.intents[0].confidence == doctest::Approx(0.6));
}

TEST_CASE("confidence: a pattern's own, halved before a contrast word") {
  auto s = engine().signals("垃圾");
  REQUIRE(s.intents.size() == 1);
  CHECK(s.intents[0].confidence == doctest::Approx(0.8));
  s = engine().signals("能便宜吗,不过太贵了");
  REQUIRE(s.intents.size() == 1);
  CHECK(s.intents[0].confidence == doctest::Approx(1.0));
  s = engine().signals("能便宜吗,不过算了");
  REQUIRE(s.intents.size() == 1);
  CHECK(s.intents[0].confidence == doctest::Approx(0.5));
}

TEST_CASE("why_intent names the pattern, its place and the text it matched") {
  const Shop& e = engine();
  auto s = e.signals("能不能再便宜");
  REQUIRE(s.intents.size() == 1);
  const std::string why = e.rules().why_intent(s, s.intents[0]);
  CHECK(why.find("pattern \"@can ~3 @cheap\"") != std::string::npos);
  CHECK(why.find("shop.yaml:18:") != std::string::npos);
  CHECK(why.find("能不能再便宜") != std::string::npos);
  s = e.signals("太贵");
  CHECK(e.rules().why_intent(s, s.intents[0]) == "keyword '太贵'");
}

TEST_CASE("pattern errors are reported at their file:line:col") {
  auto problems = load_problems(shop("  too_expensive:\n    patterns: ['@can ~3 @chaep', '@can ~99 便宜', '^ 便宜 $ 贵']\n"));
  REQUIRE(problems.size() == 4);  // and: no pattern is left, so the intent could never hold
  CHECK(problems[0].find("shop.yaml:17:26: error") == 0);
  CHECK(problems[0].find("no word class 'chaep' (did you mean 'cheap'?)") != std::string::npos);
  CHECK(problems[1].find("shop.yaml:17:40: error") == 0);
  CHECK(problems[1].find("a gap is ~N") != std::string::npos);
  CHECK(problems[2].find("shop.yaml:17:57: error") == 0);
  CHECK(problems[2].find("nothing may follow $") != std::string::npos);
  CHECK(problems[3].find("could never hold") != std::string::npos);

  problems = load_problems(shop("  too_expensive:\n    patterns: ['~2', {match: '@can', confidence: 2}, {confidence: 1}]\n"));
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].find("needs an item after it") != std::string::npos);
  CHECK(problems[1].find("confidence is above 0 and at most 1") != std::string::npos);
  CHECK(problems[2].find("a pattern needs match:") != std::string::npos);

  problems = load_problems(replaced(shop(kIntents), "  abuse: [垃圾]\n", "  abuse: [垃圾]\n  bad-name: [x]\n"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("shop.yaml:15:3: error: word class name 'bad-name'") == 0);
  // A class in two files.
  problems = load_problems({{"a.yaml", shop(kIntents)}, {"b.yaml", "words:\n  can: [能够]\n"}});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("b.yaml:2:3: error: word class 'can' is defined twice") == 0);
}
