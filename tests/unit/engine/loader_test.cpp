// The loader reports every problem with file:line:col and the rule id.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include <string>

#include "parley/error.hpp"
#include "test_rules.hpp"

using namespace parley;

namespace {

std::vector<Diagnostic> problems(const std::string& yaml) {
  try {
    test::load_shop(yaml);
  } catch (const Error& e) {
    return e.diagnostics();
  }
  return {};
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

bool has(const std::vector<Diagnostic>& ds, const std::string& needle) {
  for (const Diagnostic& d : ds) {
    if (d.to_string().find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the test shop loads") {
  auto rules = test::load_shop();
  CHECK(rules->products().size() == 2);
  CHECK(rules->rules().size() == 8);
  CHECK(rules->intent_names().size() == 5);
  CHECK(rules->find_product("pdu")->floor == Money::from_yuan(132));
}

TEST_CASE("an unknown field names file, line, column, rule, and the closest key") {
  auto ds = problems(replace(test::kShop, "    score: 80\n", "    scroe: 80\n"));
  REQUIRE(!ds.empty());
  CHECK(has(ds, "shop.yaml:40:5: error: rule 'justify': unknown field 'scroe' in a rule (did you mean 'score'?)"));
  CHECK(has(ds, "rule 'justify': the rule needs a 'score'"));
}

TEST_CASE("every problem is reported, not just the first") {
  std::string yaml = replace(test::kShop, "    score: 80\n", "    scroe: 80\n");
  yaml = replace(yaml, "when: firm_no\n", "when: firm_noo\n");
  yaml = replace(yaml, "do: close", "do: closee");
  auto ds = problems(yaml);
  CHECK(ds.size() >= 4);
  CHECK(has(ds, "rule 'retreat': in 'when': unknown name 'firm_noo'"));
  CHECK(has(ds, "unknown action 'closee' (did you mean 'close'?)"));
}

TEST_CASE("an error inside an expression points at the offending character") {
  auto ds = problems(replace(test::kShop, "when: firm_no\n", "when: firm_no and round >= \"3\"\n"));
  REQUIRE(!ds.empty());
  // `when: ` starts at column 5; the comparison's offending operand is inside.
  const Diagnostic& d = ds.front();
  CHECK(d.rule_id == "retreat");
  CHECK(d.where.file == "shop.yaml");
  CHECK(d.where.column > 11);
}

TEST_CASE("a template placeholder nothing fills is a load error") {
  auto ds = problems(replace(test::kShop, "给您{offer}元\"", "给您{ofer}元\""));
  REQUIRE(!ds.empty());
  CHECK(has(ds, "rule 'step': in a reply: "));
  CHECK(has(ds, "ofer"));
}

TEST_CASE("money that cannot work is rejected with the reason") {
  auto ds = problems(replace(test::kShop, "floor: 132", "floor: 160"));
  CHECK(has(ds, "product 'pdu'"));
  auto gift = problems(replace(test::kShop, "cost: 4}", "cost: 40}"));
  CHECK(has(gift, "转换插座"));
}

TEST_CASE("a reply that breaks the compliance list is a load error") {
  auto ds = problems(replace(test::kShop, "\"好的亲, 欢迎再来\"", "\"加我微信聊\""));
  CHECK(has(ds, "the reply contains '微信'"));
}

TEST_CASE("facts are declared and their values checked") {
  auto ds = problems(replace(test::kShop, "facts.order_status == unpaid", "facts.order_state == unpaid"));
  CHECK(has(ds, "order_state"));
  auto value = problems(replace(test::kShop, "facts: {order_status: unpaid}", "facts: {order_status: unpiad}"));
  CHECK(has(value, "'unpiad' is not a value of fact order_status"));
}

TEST_CASE("YAML syntax errors carry a place") {
  auto ds = problems("parley: 1\nproducts: [\n");
  REQUIRE(!ds.empty());
  CHECK(ds.front().where.line > 0);
  CHECK(ds.front().message.find("not valid YAML") != std::string::npos);
}

TEST_CASE("a missing folder or file is a clear error") {
  CHECK_THROWS_AS(RuleSet::load("/nonexistent/rules"), Error);
}

TEST_CASE("the default rule set loads and covers the playbook") {
  auto rules = RuleSet::load_default();
  CHECK(rules->products().size() >= 7);
  auto covered = rules->playbook_covered();
  for (int b = 1; b <= 37; ++b) {
    INFO("B" << b);
    CHECK(std::find(covered.begin(), covered.end(), "B" + std::to_string(b)) != covered.end());
  }
}
