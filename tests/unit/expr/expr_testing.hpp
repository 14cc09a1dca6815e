// Shared fixture for the expression and template tests: a Schema shaped like
// the engine's, and an Env to fill.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "expr/expr.hpp"

namespace parley::expr::testing {

struct Names {
  Schema schema;
  std::vector<Value> env;

  Names() {
    for (const char* name : {"offer", "floor", "list_price", "round", "concessions", "counter"}) {
      schema.add(name, Type::number);
    }
    for (const char* name : {"too_expensive", "free_shipping", "buyer.vip"}) {
      schema.add(name, Type::boolean);
    }
    schema.add("stage", Type::string, "", {"greeting", "bargaining", "closing"});
    schema.add("facts.order_status", Type::string, "",
               {"none", "unpaid", "paid", "shipped", "delivered", "refunded", "cancelled",
                "disputed", "lost"});
    schema.add("intent", Type::string, "", {"too_expensive", "counter_offer", "shop_around"});
    schema.add("message", Type::string);
    schema.add("product.name", Type::string);
    schema.add("tags", Type::list);
    env.resize(schema.size());
  }

  int slot(std::string_view name) const { return schema.find(name)->slot; }
  Names& set(std::string_view name, Value value) {
    env[slot(name)] = value;
    return *this;
  }

  Expression compile(std::string_view source, Type want = Type::boolean) const {
    std::vector<CompileError> errors;
    std::optional<Expression> expression = Expression::compile(source, schema, errors, want);
    INFO("source: ", source, "  first error: ", errors.empty() ? "" : errors[0].message);
    REQUIRE(expression.has_value());
    CHECK(errors.empty());
    return std::move(*expression);
  }

  std::vector<CompileError> errors(std::string_view source, Type want = Type::boolean) const {
    std::vector<CompileError> errors;
    CHECK_FALSE(Expression::compile(source, schema, errors, want).has_value());
    return errors;
  }

  Value eval(std::string_view source, Type want = Type::null) const {
    return compile(source, want).evaluate(env);
  }
  bool test(std::string_view source) const { return compile(source).test(env); }
};

}  // namespace parley::expr::testing
