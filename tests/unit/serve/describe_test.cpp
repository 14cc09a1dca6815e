// The read-only operations a user interface is built on (serve/describe.hpp):
// rules, quote and simulate through Service::handle, checked against what
// the rule set and the policy say themselves.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "parley/json.hpp"
#include "parley/policy.hpp"
#include "serve/describe.hpp"
#include "service_testing.hpp"
#include "store_testing.hpp"

namespace parley::serve {
namespace {

namespace json = boost::json;
using testing::call;
using testing::code_of;
using testing::result_of;

std::set<std::string> strings_of(const json::value& v) {
  std::set<std::string> out;
  for (const json::value& s : v.as_array()) out.emplace(s.as_string());
  return out;
}

Money money(const json::value& v) { return Money::from_yuan(v.to_number<double>()); }

}  // namespace

TEST_CASE("rules: products, facts, rules and coverage are the rule set's") {
  Service service(ServiceOptions{}, open_memory_store());
  const RuleSet& rules = service.engine()->rules();
  const json::value d = result_of(call(service, R"({"op":"rules"})"));

  CHECK(d.at("generation").as_int64() == 1);
  CHECK(d.at("shop").at("name").as_string() == rules.shop().name);
  const auto& products = d.at("products").as_array();
  REQUIRE(products.size() == rules.products().size());
  for (std::size_t i = 0; i < products.size(); ++i) {
    const Product& p = rules.products()[i];
    CHECK(products[i].at("id").as_string() == p.id);
    CHECK(money(products[i].at("list_price")) == p.list_price);
    CHECK(money(products[i].at("floor")) == p.floor);
    CHECK(products[i].at("line").as_int64() == p.where.line);
  }
  const auto& listed = d.at("rules").as_array();
  REQUIRE(listed.size() == rules.rules().size());
  for (std::size_t i = 0; i < listed.size(); ++i) CHECK(listed[i].at("id").as_string() == rules.rules()[i].id);

  // A declared fact with values lists them, so that a form can offer only those.
  bool order_status = false;
  for (const json::value& f : d.at("facts").as_array()) {
    if (f.at("name").as_string() != "order_status") continue;
    order_status = true;
    CHECK(f.at("type").as_string() == "symbol");
    CHECK(strings_of(f.at("values")).count("paid") == 1);
  }
  CHECK(order_status);

  // The profile: every field has a type and a default a form can start from.
  std::set<std::string> profile;
  for (const json::value& f : d.at("profile").as_array()) {
    profile.emplace(f.at("name").as_string());
    CHECK(f.as_object().contains("default"));
  }
  for (const char* field : {"vip", "coupon_claimed", "groups", "orders"}) CHECK(profile.count(field) == 1);

  // Coverage: covered and missing split B1..B37 between them.
  const json::value& playbook = d.at("playbook");
  CHECK(playbook.at("behaviours").as_int64() == kPlaybookBehaviours);
  const std::set<std::string> covered = strings_of(playbook.at("covered"));
  const std::set<std::string> missing = strings_of(playbook.at("missing"));
  const std::vector<std::string> own = rules.playbook_covered();
  CHECK(covered == std::set<std::string>(own.begin(), own.end()));
  CHECK(covered.size() + missing.size() == static_cast<std::size_t>(kPlaybookBehaviours));
  for (const std::string& b : missing) CHECK(covered.count(b) == 0);

  CHECK(code_of(call(service, R"({"op":"rules","top":1})")) == "bad_request");
}

TEST_CASE("rules: the loader's warnings and the examples that do not fire, at file:line:col") {
  testing::TempDir dir;
  const auto file = dir.path() / "shop.yaml";
  // A half-width comma in a Chinese reply (a warning), and a rule whose
  // example does not fire it.
  std::ofstream(file) << R"(parley: 1
shop: {name: 茶店}
products:
  - {id: tea, name: 龙井, list_price: 100, floor: 80}
intents:
  too_expensive: {any: [太贵]}
rules:
  - id: hold
    playbook: B2
    when: too_expensive
    do: hold
    say: ["亲, {product.name}已经很实在了"]
    score: 80
    examples: [太贵了, 在吗]
)";
  Service service(ServiceOptions{.rules_path = file.string()}, open_memory_store());
  const json::value d = result_of(call(service, R"({"op":"rules"})"));
  const auto& diagnostics = d.at("diagnostics").as_array();
  INFO(json::serialize(diagnostics));
  REQUIRE(diagnostics.size() >= 2);
  bool punctuation = false, example = false;
  for (const json::value& diag : diagnostics) {
    CHECK(diag.at("file").as_string() == file.string());
    CHECK(diag.at("line").as_int64() > 0);
    CHECK(diag.at("column").as_int64() > 0);
    const std::string message(diag.at("message").as_string());
    if (diag.at("line").as_int64() == 12) punctuation = true;
    if (message.find("在吗") != std::string::npos) example = diag.at("rule").as_string() == "hold";
  }
  CHECK(punctuation);
  CHECK(example);
  CHECK(d.at("playbook").at("covered").as_array().size() == 1);
}

TEST_CASE("quote: the own product at the offer, the others at list price, with the promotions") {
  Service service(ServiceOptions{}, open_memory_store());
  const RuleSet& rules = service.engine()->rules();
  REQUIRE(rules.products().size() >= 2);
  const Product& own = rules.products()[0];
  const Product& other = rules.products()[1];
  json::value state = json::parse(json::serialize(result_of(call(service, R"({"op":"start","product":")" + own.id + "\"}"))));
  state.at("cart").as_object()[own.id] = 2;
  state.at("cart").as_object()[other.id] = 1;
  const Money offer = own.floor;
  state.at("offer") = json::parse(offer.to_string());
  const json::value q = result_of(call(service, R"({"op":"quote","state":)" + json::serialize(state) + "}"));

  const CartLine lines[] = {{own.id, offer, 2, own.shipping_fee}, {other.id, other.list_price, 1, other.shipping_fee}};
  std::vector<CartLine> sorted(std::begin(lines), std::end(lines));
  // The quote's lines come in the cart's order (its ids sorted).
  std::sort(sorted.begin(), sorted.end(), [](const CartLine& a, const CartLine& b) { return a.product_id < b.product_id; });
  const PriceQuote expected = best_price(sorted, rules.promotions(), false);
  CHECK(money(q.at("total")) == expected.total);
  CHECK(money(q.at("subtotal")) == offer * 2 + other.list_price);
  CHECK(money(q.at("discount")) == expected.discount);
  CHECK(strings_of(q.at("applied")) == std::set<std::string>(expected.applied.begin(), expected.applied.end()));
  REQUIRE(q.at("lines").as_array().size() == 2);

  // A cart line the rule set does not sell is refused with its path.
  state.at("cart").as_object()["no-such-thing"] = 1;
  const Reply bad = call(service, R"({"op":"quote","state":)" + json::serialize(state) + "}");
  CHECK_FALSE(bad.ok);
  CHECK(bad.body.find("no-such-thing") != std::string::npos);
}

TEST_CASE("simulate: bounded, checked, the same for the same seed") {
  Service service(ServiceOptions{}, open_memory_store());
  const std::string id = service.engine()->rules().products()[0].id;
  const std::string request = R"({"op":"simulate","buyers":3,"seed":7,"products":[")" + id + "\"]}";
  const json::value a = result_of(call(service, request));
  CHECK(a.at("buyers").as_int64() == 3);
  CHECK(a.at("seed").as_string() == "7");
  CHECK(strings_of(a.at("products")) == std::set<std::string>{id});
  CHECK(a.at("summary").as_string().size() > 0);
  CHECK(a.at("html").as_string().find("<html") != std::string::npos);
  const json::value b = result_of(call(service, request));
  CHECK(a.at("summary") == b.at("summary"));

  CHECK(code_of(call(service, R"({"op":"simulate","buyers":0})")) == "bad_request");
  CHECK(code_of(call(service, R"({"op":"simulate","buyers":201})")) == "bad_request");
  CHECK(code_of(call(service, R"({"op":"simulate","products":["nope"]})")) == "unknown_product");
  CHECK(code_of(call(service, R"({"op":"simulate","speed":1})")) == "bad_request");
}

}  // namespace parley::serve
