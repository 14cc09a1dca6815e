#include "engine/validate.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "io/json_path.hpp"
#include "parley/error.hpp"
#include "rules/compiled.hpp"
#include "util/strings.hpp"

namespace parley::engine {
namespace {

// The problems found so far; none costs anything until there is one.
class Problems {
 public:
  void add(std::string_view code, std::string path, std::string message) {
    Diagnostic d;
    d.message = io::path_message(path, message);
    found_.push_back(std::move(d));
    codes_.emplace_back(code);
  }
  // "(did you mean 'x'?)" when one of `names` is close to `word`.
  static std::string guess(std::string_view word, std::span<const std::string> names) {
    const std::string close = util::closest_word(word, names);
    return close.empty() ? "" : " (did you mean '" + close + "'?)";
  }
  void throw_if_any() {
    if (!found_.empty()) throw StateError(std::move(found_), std::move(codes_));
  }

 private:
  std::vector<Diagnostic> found_;
  std::vector<std::string> codes_;
};

std::string key_path(std::string_view parent, std::string_view key) {
  std::string out(parent);
  io::append_path_key(out, key);
  return out;
}

std::vector<std::string> product_ids(const RuleSet& rules) {
  std::vector<std::string> ids;
  for (const Product& p : rules.products()) ids.push_back(p.id);
  return ids;
}

const char* type_name(expr::Type type) {
  switch (type) {
    case expr::Type::boolean: return "true or false";
    case expr::Type::number: return "a number";
    default: return "a string";
  }
}

void check_facts(const context::Names& names, const Conversation& c, Problems& problems) {
  for (const auto& [name, value] : c.facts) {
    // Paths are made only for a problem: this runs before every suggest.
    const auto path = [&name = name] { return key_path("facts", name); };
    const context::FactDecl* decl = names.fact(name);
    if (decl == nullptr) {
      std::vector<std::string> declared;
      for (const context::FactDecl& d : names.facts) declared.push_back(d.name);
      std::string guess = Problems::guess(name, declared);
      problems.add("unknown_fact", path(),
                   "unknown fact" + (guess.empty() ? std::string(" (the rule set declares it under facts: or not at all)") : guess));
      continue;
    }
    const bool fits = decl->type == expr::Type::boolean  ? std::holds_alternative<bool>(value)
                      : decl->type == expr::Type::number ? std::holds_alternative<double>(value)
                                                         : std::holds_alternative<std::string>(value);
    if (!fits) {
      problems.add("bad_fact_type", path(), std::string("expected ") + type_name(decl->type));
      continue;
    }
    if (const std::string* s = std::get_if<std::string>(&value); s && !decl->symbols.empty() &&
        std::find(decl->symbols.begin(), decl->symbols.end(), *s) == decl->symbols.end()) {
      std::string allowed;
      for (const std::string& symbol : decl->symbols) allowed += (allowed.empty() ? "" : ", ") + symbol;
      std::string guess = Problems::guess(*s, decl->symbols);
      problems.add("bad_fact_value", path(),
                   "'" + *s + "' is not a declared value" + guess + " (one of: " + allowed + ")");
    }
    if (const double* d = std::get_if<double>(&value); d && !std::isfinite(*d)) {
      problems.add("bad_fact_type", path(), "expected a finite number");
    }
  }
}

void check_buyer(const BuyerProfile& b, Problems& problems) {
  auto rate = [&](double r, const char* field) {
    if (!(r >= 0 && r <= 1)) problems.add("impossible_state", std::string("buyer.") + field, "expected a rate from 0 to 1");
  };
  rate(b.good_rate_given, "good_rate_given");
  rate(b.good_rate_received, "good_rate_received");
  if (b.orders < 0) problems.add("impossible_state", "buyer.orders", "expected at least 0");
  if (!(b.total_spent >= 0 && std::isfinite(b.total_spent))) {
    problems.add("impossible_state", "buyer.total_spent", "expected a finite amount of at least 0");
  }
  if (b.last_order_days < -1) problems.add("impossible_state", "buyer.last_order_days", "expected -1 (none) or more");
}

}  // namespace

void validate(const RuleSet& rules, const Conversation& c) {
  Problems problems;
  const rules::Compiled& impl = rules::Access::compiled(rules);
  const int index = impl.product_index(c.product_id);
  if (index < 0) {
    problems.add("unknown_product", "product",
                 "unknown product '" + c.product_id + "'" + Problems::guess(c.product_id, product_ids(rules)));
  }
  for (const auto& [id, quantity] : c.cart) {
    // The conversation's own product, nearly always the only line, is known.
    if (quantity >= 0 && index >= 0 && id == c.product_id) continue;
    if (impl.product_index(id) < 0) {
      problems.add("unknown_product", key_path("cart", id),
                   "unknown product '" + id + "'" + Problems::guess(id, product_ids(rules)));
    } else if (quantity < 0) {
      problems.add("impossible_state", key_path("cart", id), "expected a quantity of at least 0");
    }
  }
  if (index >= 0) {
    const ProductTerms& terms = impl.terms[static_cast<std::size_t>(index)];
    if (c.offer && *c.offer > terms.list_price) {
      problems.add("impossible_state", "offer",
                   c.offer->to_string() + " is above the list price " + terms.list_price.to_string() +
                       ": parley only ever offers at or below it");
    }
    // The extras granted, each on the ladder, once.
    const auto& granted = c.extras_granted;
    for (std::size_t i = 0; i < granted.size(); ++i) {
      const std::string& id = granted[i];
      const auto path = [i] { return "extras_granted[" + std::to_string(i) + "]"; };
      const auto extra = std::find_if(terms.extras.begin(), terms.extras.end(), [&](const Extra& e) { return e.id == id; });
      if (extra == terms.extras.end()) {
        std::vector<std::string> ladder;
        for (const Extra& e : terms.extras) ladder.push_back(e.id);
        problems.add("unknown_extra", path(),
                     "'" + id + "' is not on the extras ladder of '" + c.product_id + "'" + Problems::guess(id, ladder));
      } else if (std::find(granted.begin(), granted.begin() + static_cast<std::ptrdiff_t>(i), id) !=
                 granted.begin() + static_cast<std::ptrdiff_t>(i)) {
        problems.add("impossible_state", path(), "'" + id + "' is granted twice");
      }
    }
  }
  for (const auto& [field, value] : {std::pair{"concessions", c.concessions}, std::pair{"holds", c.holds},
                                     std::pair{"round", c.round}}) {
    if (value < 0) problems.add("impossible_state", field, "expected at least 0");
  }
  for (const auto& [topic, count] : c.topic_counts) {
    if (count < 0) problems.add("impossible_state", key_path("topic_counts", topic), "expected at least 0");
  }
  check_facts(impl.names, c, problems);
  check_buyer(c.buyer, problems);
  problems.throw_if_any();
}

}  // namespace parley::engine
