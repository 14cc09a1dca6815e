#include "engine/plan.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "context/profile_fields.hpp"

namespace parley::engine {
namespace {

using context::Lifetime;

// Files the rule under what must hold for it to fire: one top-level part
// of its condition that is an intent, an `or` of intents, or an `or` of
// atoms (has(relative), conditional). The engine then looks at it only
// when that holds. Intents are preferred (the classifier lists the ones
// present), then the fewest atoms.
void file_rule(const rules::Compiled& rules, const rules::CompiledRule& rule, int rank, Plan& plan) {
  const std::vector<int>& intent_slots = rules.names.intent_slots;
  const auto intent_of = [&](const expr::Expression::Atom& a) -> int {
    if (a.has) return -1;
    auto it = std::find(intent_slots.begin(), intent_slots.end(), a.slot);
    return it == intent_slots.end() ? -1 : static_cast<int>(it - intent_slots.begin());
  };
  const std::vector<expr::Expression::Atom>* gate = nullptr;
  const auto cost = [&](const std::vector<expr::Expression::Atom>& group) {
    const bool intents_only = std::all_of(group.begin(), group.end(), [&](const auto& a) { return intent_of(a) >= 0; });
    return std::pair(!intents_only, group.size());
  };
  if (rule.when) {
    for (const auto& group : rule.when->atom_groups()) {
      if (!gate || cost(group) < cost(*gate)) gate = &group;
    }
  }
  if (!gate) {
    plan.rules_on_every_message.push_back(rank);
    return;
  }
  for (const expr::Expression::Atom& a : *gate) {
    if (const int intent = intent_of(a); intent >= 0) {
      plan.rules_by_intent[intent].push_back(rank);
      continue;
    }
    auto it = std::find(plan.gate_atoms.begin(), plan.gate_atoms.end(), a);
    if (it == plan.gate_atoms.end()) {
      plan.gate_atoms.push_back(a);
      plan.rules_by_atom.emplace_back();
      it = plan.gate_atoms.end() - 1;
    }
    plan.rules_by_atom[it - plan.gate_atoms.begin()].push_back(rank);
  }
}

// The texts field `field` of a reply of `rule` may show for `product` when
// they come from a short list the rule set fixes; nullopt when they do not.
std::optional<std::vector<std::string_view>> known_texts(const rules::Compiled& rules, const rules::CompiledRule& rule,
                                                         const expr::Template::Field& field, int product,
                                                         const std::vector<expr::Value>& product_env) {
  if (field.slot < 0 || field.formatted) return std::nullopt;
  const context::Row* row = rules.names.row_of(field.slot);
  if (!row) return std::nullopt;
  std::vector<std::string_view> texts;
  if (row->lifetime == Lifetime::product) {
    const expr::Value& v = product_env[field.slot];
    if (v.type != expr::Type::string) return std::nullopt;  // numbers are decided below
    texts.push_back(v.string);
  } else if (row->name == "gives") {
    texts.push_back(rule.gives);
  } else if (row->values) {
    row->values(rules.products[product], rules.terms[product], texts);
  } else if (!row->symbols.empty()) {
    texts.assign(row->symbols.begin(), row->symbols.end());
  } else {
    return std::nullopt;
  }
  return texts;
}

// A text a field writes from numbers and fixed words (offer_words,
// price_said): the words, with a number between each two.
using Shape = std::vector<std::string>;

// The shapes of offer_words and price_said for a product whose measure word
// is `u` (evaluation.cpp, price_words and prepare).
std::vector<Shape> offer_words_shapes(const std::string& u) {
  return {{"", "元"}, {"每" + u, "元，", u + "一共", "元"}, {"", u + "一共", "元"}, {"一共", "元"}};
}
std::vector<Shape> price_said_shapes(const std::string& u) {
  return {{"", u, "元"}, {"一共", "元"}, {"", "元一" + u}, {"", "元"}};
}

// Each shape written with `number` for its numbers (the proof's text), or
// nullopt when a number may complete a compliance word: with the words on
// either side of it, or the template's own text (`edge`) at the shape's
// start.
std::optional<std::vector<std::string>> shape_texts(const Compliance& compliance, const std::vector<Shape>& shapes,
                                                    const std::optional<std::string>& edge, char number) {
  std::vector<std::string> texts;
  for (const Shape& shape : shapes) {
    std::string text;
    for (std::size_t i = 0; i < shape.size(); ++i) {
      text += shape[i];
      if (i + 1 == shape.size()) break;
      text += number;
      const std::string before = normalize(shape[i]).text, after = normalize(shape[i + 1]).text;
      const std::optional<std::string_view> left =
          i == 0 && before.empty() ? (edge ? std::optional<std::string_view>(*edge) : std::nullopt)
                                   : std::optional<std::string_view>(before);
      if (after.empty() || compliance.number_may_join(left, after)) return std::nullopt;
    }
    texts.push_back(std::move(text));
  }
  return texts;
}

// Fills plan.proven_fields (see plan.hpp): for each template and product,
// every combination of the texts its fields may show (up to a bound) is
// checked with the literal text around them; fields that may show any text
// stand as a character that joins no word, and are scanned at run time.
void prove_templates(const rules::Compiled& rules, Plan& plan) {
  constexpr std::size_t kMaxCombinations = 256;
  const Compliance& compliance = rules.compliance;
  const char separator = compliance.separator();
  const std::vector<expr::Value> nothing(rules.names.schema.size(), expr::Value::null());
  std::string literal, proof;
  std::vector<expr::Template::RenderedField> spans;
  NormalizedText scratch;
  std::uint32_t templates = 0;
  for (const rules::CompiledRule& rule : rules.rules) {
    plan.first_template.push_back(templates);
    templates += static_cast<std::uint32_t>(rule.say.size());
    for (const expr::Template& t : rule.say) {
      const auto& fields = t.field_list();
      // The literal text, with an empty span where each field goes.
      literal.clear();
      spans.clear();
      t.render(nothing, literal, spans);
      // The normalised literal text right before and after each field;
      // nullopt where another field comes first.
      std::vector<std::pair<std::optional<std::string>, std::optional<std::string>>> number_context(fields.size());
      for (std::size_t k = 0; k < spans.size(); ++k) {
        const std::size_t from = k == 0 ? 0 : spans[k - 1].end;
        const std::size_t to = k + 1 == spans.size() ? literal.size() : spans[k + 1].begin;
        std::string before = normalize(std::string_view(literal).substr(from, spans[k].begin - from)).text;
        std::string after = normalize(std::string_view(literal).substr(spans[k].end, to - spans[k].end)).text;
        auto& context = number_context[spans[k].field];
        if (!before.empty() || k == 0) context.first = std::move(before);
        if (!after.empty() || k + 1 == spans.size()) context.second = std::move(after);
      }
      for (std::size_t p = 0; p < rules.products.size(); ++p) {
        if (separator == 0 || fields.size() > 64) {
          plan.proven_fields.push_back(0);
          continue;
        }
        std::uint64_t provable = 0;
        std::vector<std::vector<std::string_view>> choices(fields.size());
        std::vector<std::vector<std::string>> shaped(fields.size());  // texts choices[] points into
        std::size_t combinations = 1;
        for (std::size_t f = 0; f < fields.size(); ++f) {
          auto texts = known_texts(rules, rule, fields[f], static_cast<int>(p), plan.product_envs[p]);
          if (texts && combinations * std::max<std::size_t>(1, texts->size()) <= kMaxCombinations) {
            combinations *= std::max<std::size_t>(1, texts->size());
            choices[f] = std::move(*texts);
            provable |= std::uint64_t{1} << f;
          } else if (auto texts = (fields[f].slot == plan.offer_words_slot || fields[f].slot == plan.price_said_slot) &&
                                          !fields[f].formatted
                                      ? shape_texts(compliance,
                                                    fields[f].slot == plan.offer_words_slot
                                                        ? offer_words_shapes(rules.products[p].unit)
                                                        : price_said_shapes(rules.products[p].unit),
                                                    number_context[f].first, separator)
                                      : std::nullopt;
                     texts && combinations * texts->size() <= kMaxCombinations) {
            // Fixed words but for the numbers, which join no word here.
            combinations *= texts->size();
            shaped[f] = std::move(*texts);
            choices[f].assign(shaped[f].begin(), shaped[f].end());
            provable |= std::uint64_t{1} << f;
          } else if (fields[f].type == expr::Type::number && !fields[f].formatted &&
                     !compliance.number_may_join(number_context[f].first, number_context[f].second)) {
            provable |= std::uint64_t{1} << f;  // a number's digits join no word here
          }
        }
        if (provable == 0) {
          plan.proven_fields.push_back(0);
          continue;
        }
        bool clean = true;
        for (std::size_t k = 0; k < combinations && clean; ++k) {
          proof.clear();
          std::size_t at = 0, rest = k;
          for (std::size_t f = 0; f < spans.size(); ++f) {
            proof.append(literal, at, spans[f].begin - at);
            at = spans[f].end;
            const auto& texts = choices[spans[f].field];
            if (texts.empty()) {
              proof += separator;
            } else {
              proof += texts[rest % texts.size()];
              rest /= texts.size();
            }
          }
          proof.append(literal, at);
          clean = compliance.first_hit(proof, scratch).empty();
        }
        plan.proven_fields.push_back(clean ? provable : 0);
      }
    }
  }
}

bool acts_on_policy(Action action) {
  return action == Action::concede || action == Action::trade || action == Action::offer_extra;
}

// The promotions that cover `product` (those naming it and those naming no
// product), as a reply names them: 满300减30、满1500减200、全店满3000送靠枕.
std::string promotion_words(const rules::Compiled& rules, const Product& product) {
  std::string out;
  for (const Promotion& p : rules.promotions) {
    const bool shop_wide = p.products.empty();
    if (!shop_wide && std::find(p.products.begin(), p.products.end(), product.id) == p.products.end()) continue;
    if (!out.empty()) out += "、";
    if (shop_wide) out += "全店";
    switch (p.kind) {
      case Promotion::Kind::threshold_discount:
        out += fmt::format("{}满{}减{}", p.stackable ? "每" : "", p.over.to_string(), p.off.to_string());
        break;
      case Promotion::Kind::threshold_gift:
        out += fmt::format("满{}送{}", p.over.to_string(), p.gift);
        break;
      case Promotion::Kind::coupon:
        out += fmt::format("满{}减{}的优惠券", p.over.to_string(), p.off.to_string());
        break;
      case Promotion::Kind::quantity_shipping:
        out += fmt::format("{}件包邮", p.min_quantity);
        break;
      case Promotion::Kind::nth_item_discount:
        if (p.ratio == 0.5) out += fmt::format("第{}件半价", p.nth);
        else out += fmt::format("第{}件{:g}折", p.nth, p.ratio * 10);
        break;
      case Promotion::Kind::bundle_price: {
        std::string names;
        for (const std::string& id : p.products) {
          const int index = rules.product_index(id);
          if (!names.empty()) names += "+";
          names += index >= 0 ? rules.products[index].name : id;
        }
        out += fmt::format("{}一起{}元", names, p.price.to_string());
        break;
      }
    }
  }
  return out;
}

}  // namespace

Plan make_plan(const rules::Compiled& rules) {
  Plan plan;
  const context::Names& names = rules.names;
  const auto row_list = context::rows();

  plan.by_rank.resize(rules.rules.size());
  std::iota(plan.by_rank.begin(), plan.by_rank.end(), 0);
  std::stable_sort(plan.by_rank.begin(), plan.by_rank.end(),
                   [&](int a, int b) { return rules.rules[a].score > rules.rules[b].score; });
  std::vector<int> rank(plan.by_rank.size());
  for (std::size_t r = 0; r < plan.by_rank.size(); ++r) rank[plan.by_rank[r]] = static_cast<int>(r);

  plan.rules_by_intent.assign(rules.intents.size(), {});
  plan.rule_reads_upsell.assign(rules.rules.size(), 0);
  plan.rule_reads_cart.assign(rules.rules.size(), 0);
  std::vector<bool> read(names.schema.size(), false);
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    const rules::CompiledRule& rule = rules.rules[i];
    file_rule(rules, rule, rank[i], plan);
    auto reads = [&](const std::vector<int>& slots) {
      for (int s : slots) {
        read[s] = true;
        const context::Row* row = names.row_of(s);
        if (!row) continue;
        plan.rule_reads_upsell[i] |= row->lifetime == Lifetime::upsell;
        plan.rule_reads_cart[i] |= row->lifetime == Lifetime::cart;
        plan.reads_policy |= row->lifetime == Lifetime::policy;
      }
    };
    if (rule.when) reads(rule.when->slots_read());
    if (rule.price) reads(rule.price->slots_read());
    for (const expr::Template& t : rule.say) reads(t.fields());
    if (rule.action == Action::upsell) plan.rule_reads_upsell[i] = 1;
    plan.reads_policy |= acts_on_policy(rule.action);
  }

  for (std::size_t r = 0; r < row_list.size(); ++r) {
    const context::Row& row = row_list[r];
    const int slot = names.row_slots[r];
    if (row.refill_in_reply || row.lifetime == Lifetime::reply) {
      if (read[slot]) plan.reply_rows.push_back(static_cast<int>(r));
    }
    if (!read[slot]) continue;
    switch (row.lifetime) {
      case Lifetime::conversation:
      case Lifetime::message:
      case Lifetime::policy: plan.message_rows.push_back(static_cast<int>(r)); break;
      case Lifetime::upsell: plan.upsell_rows.push_back(static_cast<int>(r)); break;
      case Lifetime::cart: plan.cart_rows.push_back(static_cast<int>(r)); break;
      case Lifetime::product:
      case Lifetime::reply: break;
    }
  }
  for (std::size_t f = 0; f < names.profile_slots.size(); ++f) {
    if (read[names.profile_slots[f]]) plan.profile_fields.push_back(static_cast<int>(f));
  }
  for (std::size_t f = 0; f < names.fact_slots.size(); ++f) {
    if (read[names.fact_slots[f]]) plan.facts.push_back(static_cast<int>(f));
  }
  plan.reads_intents = read[names.primary] ||
                       std::any_of(names.intent_slots.begin(), names.intent_slots.end(), [&](int s) { return read[s]; });

  // Every text first, so that the product envs may point into them.
  for (const Product& product : rules.products) plan.product_promotions.push_back(promotion_words(rules, product));
  for (std::size_t p = 0; p < rules.products.size(); ++p) {
    const Product& product = rules.products[p];
    std::vector<expr::Value> env(names.schema.size(), expr::Value::null());
    for (int slot : names.intent_slots) env[slot] = expr::Value::of(false);
    context::Situation s;
    s.shop = &rules.shop;
    s.product = &product;
    s.promotions = plan.product_promotions[p];
    for (std::size_t r = 0; r < row_list.size(); ++r) {
      if (row_list[r].lifetime == Lifetime::product) env[names.row_slots[r]] = row_list[r].fill(s);
    }
    plan.product_envs.push_back(std::move(env));
  }
  for (std::string_view name : {"offer", "new_offer", "list_price", "floor", "product.list_price", "product.floor",
                                "next_offer", "counter_price", "cart_total", "cart_subtotal", "price", "price_said",
                                "asked_price", "offer_words"}) {
    plan.price_slots.push_back(names.slot(name));
  }
  plan.selling_point_slot = names.slot("selling_point");
  plan.topic_point_slot = names.slot("topic_point");
  plan.offer_words_slot = names.slot("offer_words");
  plan.price_said_slot = names.slot("price_said");
  for (const rules::CompiledRule& rule : rules.rules) {
    std::vector<int> intents;
    if (rule.when) {
      for (int slot : rule.when->slots_read()) {
        auto it = std::find(names.intent_slots.begin(), names.intent_slots.end(), slot);
        if (it != names.intent_slots.end()) intents.push_back(static_cast<int>(it - names.intent_slots.begin()));
      }
    }
    plan.rule_intents.push_back(std::move(intents));
  }
  prove_templates(rules, plan);
  return plan;
}

}  // namespace parley::engine
