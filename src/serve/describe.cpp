// The read-only operations behind a user interface (describe.hpp). Each
// reads the rule set through its public interface where it has one, and the
// compiled form only for what only it holds (the declared facts, the banned
// groups), so that the page shows what the engine uses and nothing copied.
#include "serve/describe.hpp"

#include <algorithm>
#include <chrono>
#include <string_view>
#include <type_traits>

#include "context/profile_fields.hpp"
#include "io/json_writer.hpp"
#include "parley/error.hpp"
#include "parley/simulate.hpp"
#include "parley/testing.hpp"
#include "rules/compiled.hpp"
#include "serve/service.hpp"

namespace parley::serve {
namespace {

using io::JsonWriter;

void write_where(JsonWriter& w, const SourceLocation& where) {
  w.key("file").string(where.file);
  w.key("line").integer(where.line);
  w.key("column").integer(where.column);
}

void write_strings(JsonWriter& w, const std::vector<std::string>& items) {
  w.begin_array();
  for (const std::string& s : items) w.string(s);
  w.end_array();
}

// A profile field's type by the member it reads: what a form asks for.
template <class T>
constexpr std::string_view profile_type() {
  if constexpr (std::is_same_v<T, bool>) return "boolean";
  else if constexpr (std::is_same_v<T, int>) return "integer";
  else if constexpr (std::is_same_v<T, double>) return "number";
  else if constexpr (std::is_same_v<T, std::string>) return "string";
  else return "list";
}

template <class T>
void write_value(JsonWriter& w, const T& value) {
  if constexpr (std::is_same_v<T, bool>) w.boolean(value);
  else if constexpr (std::is_same_v<T, int>) w.integer(value);
  else if constexpr (std::is_same_v<T, double>) w.number(value);
  else if constexpr (std::is_same_v<T, std::string>) w.string(value);
  else write_strings(w, value);
}

void write_profile(JsonWriter& w) {
  const BuyerProfile defaults;
  w.begin_array();
  context::for_each_profile_field([&](const context::ProfileField& f, auto member) {
    using T = std::remove_cvref_t<decltype(defaults.*member)>;
    w.begin_object();
    w.key("name").string(f.name);
    w.key("type").string(profile_type<T>());
    w.key("help").string(f.help);
    if constexpr (std::is_same_v<T, int> || std::is_same_v<T, double>) {
      w.key("min").number(f.min);
      w.key("max").number(f.max);
      if (f.none) w.key("none").number(*f.none);
    }
    w.key("default");
    write_value(w, defaults.*member);
    w.end_object();
  });
  w.end_array();
}

void write_product(JsonWriter& w, const Product& p, const ProductTerms* terms) {
  w.begin_object();
  w.key("id").string(p.id);
  w.key("name").string(p.name);
  w.key("unit").string(p.unit);
  w.key("list_price").money(p.list_price);
  w.key("floor").money(p.floor);
  w.key("shipping_fee").money(p.shipping_fee);
  w.key("fixed_price").boolean(p.fixed_price);
  w.key("aliases");
  write_strings(w, p.aliases);
  w.key("selling_points").begin_array();
  for (const auto& [topic, text] : p.selling_points) {
    w.begin_object();
    w.key("topic").string(topic);
    w.key("text").string(text);
    w.end_object();
  }
  w.end_array();
  w.key("gifts").begin_array();
  for (const Gift& g : p.gifts) {
    w.begin_object();
    w.key("name").string(g.name);
    w.key("cost").money(g.cost);
    w.end_object();
  }
  w.end_array();
  // The extras ladder as the policy resolved it, so that a granted extra's
  // id can be shown by name.
  w.key("extras").begin_array();
  if (terms) {
    for (const Extra& e : terms->extras) {
      w.begin_object();
      w.key("id").string(e.id);
      w.key("name").string(e.name);
      w.key("cost").money(e.cost);
      w.end_object();
    }
  }
  w.end_array();
  write_where(w, p.where);
  w.end_object();
}

void write_facts(JsonWriter& w, const context::Names& names) {
  w.begin_array();
  for (const context::FactDecl& fact : names.facts) {
    w.begin_object();
    w.key("name").string(fact.name);
    if (!fact.symbols.empty()) {
      w.key("type").string("symbol");
      w.key("values");
      write_strings(w, fact.symbols);
    } else {
      w.key("type").string(expr::to_string(fact.type));
    }
    w.end_object();
  }
  w.end_array();
}

void write_playbook(JsonWriter& w, const RuleSet& rules) {
  const std::vector<std::string> covered = rules.playbook_covered();
  std::vector<std::string> missing;
  for (int b = 1; b <= kPlaybookBehaviours; ++b) {
    const std::string id = "B" + std::to_string(b);
    if (std::find(covered.begin(), covered.end(), id) == covered.end()) missing.push_back(id);
  }
  w.begin_object();
  w.key("behaviours").integer(kPlaybookBehaviours);
  w.key("covered");
  write_strings(w, covered);
  w.key("missing");
  write_strings(w, missing);
  w.end_object();
}

}  // namespace

std::string describe_rules(const Engine& engine, std::uint64_t generation) {
  const RuleSet& rules = engine.rules();
  const RuleSet::Compiled& compiled = RuleSetAccess::compiled(rules);
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("generation").integer(static_cast<std::int64_t>(generation));
  const Shop& shop = rules.shop();
  w.key("shop").begin_object();
  w.key("name").string(shop.name);
  w.key("ship_within_days").integer(shop.ship_within_days);
  w.key("arrive_in_days").begin_array();
  w.integer(shop.arrive_min_days);
  w.integer(shop.arrive_max_days);
  w.end_array();
  w.key("service_hours").string(shop.service_hours);
  w.end_object();
  w.key("products").begin_array();
  for (const Product& p : rules.products()) write_product(w, p, rules.find_terms(p.id));
  w.end_array();
  w.key("profile");
  write_profile(w);
  w.key("facts");
  write_facts(w, compiled.names);
  w.key("banned_groups");
  write_strings(w, compiled.compliance.banned_groups);
  w.key("stages").begin_array();
  for (std::string_view stage : kStageNames) w.string(stage);
  w.end_array();
  w.key("intents");
  write_strings(w, rules.intent_names());
  w.key("rules").begin_array();
  for (const RuleInfo& rule : rules.rules()) {
    w.begin_object();
    w.key("id").string(rule.id);
    w.key("playbook").string(rule.playbook);
    w.key("action").string(rule.action);
    w.key("score").number(rule.score);
    w.key("when").string(rule.when);
    w.key("examples").integer(static_cast<std::int64_t>(rule.examples));
    write_where(w, rule.where);
    w.end_object();
  }
  w.end_array();
  w.key("playbook");
  write_playbook(w, rules);
  w.end_object();
  out.pop_back();
  // Every problem a shop owner can act on, once: what loading warned about,
  // then the rules whose examples do not fire them (parley check's list).
  std::vector<Diagnostic> diagnostics = rules.warnings();
  for (Diagnostic& d : testing::check_examples(engine)) diagnostics.push_back(std::move(d));
  out += ",\"diagnostics\":" + diagnostics_json(diagnostics) + "}";
  return out;
}

std::string quote_cart(const Engine& engine, const Conversation& conversation) {
  const RuleSet& rules = engine.rules();
  std::vector<CartLine> lines;
  for (const auto& [id, quantity] : conversation.cart) {
    const Product* p = rules.find_product(id);
    if (!p) throw Error("state.cart." + id + ": unknown product '" + id + "' in this rule set");
    const Money unit = id == conversation.product_id && conversation.offer ? *conversation.offer : p->list_price;
    lines.push_back({id, unit, quantity, p->shipping_fee});
  }
  const PriceQuote quote = best_price(lines, rules.promotions(), conversation.buyer.coupon_claimed);
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("lines").begin_array();
  for (const CartLine& line : lines) {
    w.begin_object();
    w.key("product").string(line.product_id);
    w.key("name").string(rules.find_product(line.product_id)->name);
    w.key("quantity").integer(line.quantity);
    w.key("unit_price").money(line.unit_price);
    w.key("shipping_fee").money(line.shipping_fee);
    w.end_object();
  }
  w.end_array();
  w.key("subtotal").money(quote.subtotal);
  w.key("discount").money(quote.discount);
  w.key("shipping").money(quote.shipping);
  w.key("total").money(quote.total);
  w.key("applied");
  write_strings(w, quote.applied);
  w.key("gifts");
  write_strings(w, quote.gifts);
  w.end_object();
  return out;
}

std::string simulation_report(const Engine& engine, const SimulationRequest& request) {
  simulate::Options options;
  options.seed = request.seed;
  options.buyers = request.buyers;
  options.products = request.products;
  options.threads = 1;  // one of the server's threads, not every core
  const auto began = std::chrono::steady_clock::now();
  const simulate::Report report = simulate::run(engine, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("buyers").integer(static_cast<std::int64_t>(request.buyers));
  w.key("seed").string(std::to_string(request.seed));  // as a conversation's seed: exact past 2^53
  w.key("products");
  write_strings(w, report.products);
  w.key("seconds").number(seconds);
  w.key("summary").string(simulate::to_table(report, false));
  w.key("html").string(simulate::to_html(report));
  w.end_object();
  return out;
}

}  // namespace parley::serve
