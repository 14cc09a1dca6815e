// Reply text is written as a person types it on a Chinese shop's chat:
// full-width marks between Chinese text, half-width ones only inside
// numbers and Latin text (rules/README.md, "Reply text").
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "load_testing.hpp"
#include "rules/reply_style.hpp"

using parley::rules::punctuation_problems;
using parley::test::kSmallShop;
using parley::test::replaced;

namespace {

// The problems as "offset:char" strings, for short checks.
std::vector<std::string> found(std::string_view text, bool fields = true) {
  std::vector<std::string> out;
  for (const auto& p : punctuation_problems(text, fields)) out.push_back(std::to_string(p.offset) + ":" + p.found);
  return out;
}

std::vector<std::string> warnings(const std::string& yaml) {
  std::vector<std::string> out;
  const parley::SourceFile file{"shop.yaml", yaml};
  const auto rules = parley::RuleSet::load(std::span(&file, 1));
  for (const auto& d : rules->warnings()) out.push_back(d.to_string());
  return out;
}

}  // namespace

TEST_CASE("full-width text passes") {
  CHECK(found("亲，这款现在150元，喜欢可以直接拍！").empty());
  CHECK(found("亲，{product.name}{offer}元。{selling_point}，您看可以吗？").empty());
  CHECK(found("").empty());
}

TEST_CASE("half-width marks next to Chinese text are found, each with what to write") {
  const auto problems = punctuation_problems("亲, 好的. 行吗? 可以! 注意: 一; 二", true);
  REQUIRE(problems.size() == 6);
  CHECK(problems[0].offset == 3);
  CHECK(problems[0].found == ',');
  CHECK(problems[0].write == "，");
  CHECK(problems[1].write == "。");
  CHECK(problems[2].write == "？");
  CHECK(problems[3].write == "！");
  CHECK(problems[4].write == "：");
  CHECK(problems[5].write == "；");
  CHECK(found("价保期(付款后7天)内") == std::vector<std::string>{"9:(", "23:)"});
}

TEST_CASE("numbers and Latin text keep their half-width marks") {
  CHECK(found("每天9:00-23:00").empty());
  CHECK(found("重1.5公斤，共3,000个").empty());
  CHECK(found("Hi, Tom").empty());
  CHECK(found("E1级板材").empty());
  // A Latin unit that ends a Chinese clause is Chinese punctuation.
  CHECK(found("额定功率4000W, 还有16A插孔") == std::vector<std::string>{"17:,"});
}

TEST_CASE("fields count as Chinese text and are never looked into") {
  CHECK(found("{offer:.2f}元").empty());
  CHECK(found("省了{max(offer - 10, floor)}元").empty());
  CHECK(found("{selling_point}, 售后") == std::vector<std::string>{"15:,"});
  CHECK(found("{selling_point}. {offer}元") == std::vector<std::string>{"15:."});
  CHECK(found("给您{offer}!") == std::vector<std::string>{"13:!"});
  // {{ and }} are braces, not fields.
  CHECK(found("{{备注}}，好的").empty());
  // Without fields (a selling point), braces are plain text.
  CHECK(found("{a}, 好", false) == std::vector<std::string>{"3:,"});
}

TEST_CASE("a space between Chinese characters is found") {
  CHECK(found("亲 您好") == std::vector<std::string>{"3: "});
  CHECK(found("PDU 插座").empty());
}

TEST_CASE("the loader warns at the first mark of a template, with how many more") {
  const auto w = warnings(kSmallShop);  // say: 亲, 这个价格很实在了
  REQUIRE(w.size() == 1);
  CHECK(w[0] == "shop.yaml:12:11: warning: rule 'hold': half-width ',' in Chinese text: write '，'");
  const auto more = warnings(replaced(kSmallShop, "say: 亲, 这个价格很实在了", "say: \"亲，{offer}元. 好吗?\""));
  REQUIRE(more.size() == 1);
  CHECK(more[0] == "shop.yaml:12:21: warning: rule 'hold': half-width '.' in Chinese text: write '。' (1 more in this text)");
}

TEST_CASE("the loader warns about selling points and a trade's gives") {
  std::string shop = replaced(kSmallShop, "floor: 132}", "floor: 132, selling_points: {功率: '额定功率4000W, 空调也能用'}}");
  shop = replaced(shop, "say: 亲, 这个价格很实在了", "say: 亲，这个价格很实在了");
  const auto w = warnings(shop);
  REQUIRE(w.size() == 1);
  CHECK(w[0] == "shop.yaml:4:85: warning: half-width ',' in Chinese text: write '，'");
  shop = replaced(shop, "'额定功率4000W, 空调也能用'", "额定功率4000W");
  shop = replaced(shop, "do: hold", "do: trade\n    gives: 多拍一件, 不加急");
  const auto g = warnings(shop);
  REQUIRE(g.size() == 1);
  CHECK(g[0] == "shop.yaml:11:16: warning: rule 'hold': half-width ',' in Chinese text: write '，'");
}

TEST_CASE("the default rule set loads without a warning") {
  const auto rules = parley::RuleSet::load_default();
  std::string all;
  for (const auto& d : rules->warnings()) all += d.to_string() + "\n";
  CHECK_MESSAGE(rules->warnings().empty(), all);
}
