// The C API (parley/parley.h) over the C++ one. Each entry point runs its body
// through call(), which clears the out-parameters, turns every exception into
// a status and a message, and so keeps exceptions from crossing into C.
#include "parley/parley.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "io/json_writer.hpp"
#include "parley/engine.hpp"
#include "parley/error.hpp"
#include "parley/json.hpp"
#include "parley/rule_set.hpp"

struct parley_rules {
  std::shared_ptr<const parley::RuleSet> rules;
};

struct parley_engine {
  parley::Engine engine;
};

namespace {

using parley::Conversation;
using parley::Engine;

// A mistake of the caller's (a NULL, a bad index): PARLEY_INVALID_ARGUMENT.
class ArgumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A malloc'd copy, or nullptr when there is no memory.
char* copy_or_null(std::string_view text) noexcept {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy) {
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
  }
  return copy;
}

char* copy(std::string_view text) {
  char* result = copy_or_null(text);
  if (!result) throw std::bad_alloc();
  return result;
}

void require(const void* argument, const char* name) {
  if (!argument) throw ArgumentError(std::string(name) + " is NULL");
}

// Runs `body`, which returns the result to store in *out. `parley_error` is
// the status a parley::Error stands for where this call is made: a rule-set
// problem while loading, bad input afterwards.
template <typename T, typename Body>
parley_status call(T** out, char** error, parley_status parley_error, Body&& body) noexcept {
  if (error) *error = nullptr;
  if (!out) {
    if (error) *error = copy_or_null("the output pointer is NULL");
    return PARLEY_INVALID_ARGUMENT;
  }
  *out = nullptr;
  auto fail = [error](parley_status status, const char* message) noexcept {
    if (error) *error = copy_or_null(message);
    return status;
  };
  try {
    *out = body();
    return PARLEY_OK;
  } catch (const ArgumentError& e) {
    return fail(PARLEY_INVALID_ARGUMENT, e.what());
  } catch (const parley::Error& e) {
    return fail(parley_error, e.what());
  } catch (const std::bad_alloc&) {
    return fail(PARLEY_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return fail(PARLEY_INTERNAL, e.what());
  } catch (...) {
    return fail(PARLEY_INTERNAL, "unknown exception");
  }
}

const Engine& engine_of(const parley_engine* engine) {
  require(engine, "engine");
  return engine->engine;
}

Conversation start(const Engine& engine, const char* product_id) {
  if (product_id) return engine.start(product_id);
  const auto& products = engine.rules().products();
  if (products.empty()) throw parley::Error("the rule set has no product");
  return engine.start(products.front().id);
}

// The conversation a call reads: the host's state, or a new one. The engine
// checks it against the rule set (unknown product, undeclared facts, ...).
Conversation state_of(const Engine& engine, const char* state_json, const char* product_id) {
  if (!state_json) return start(engine, product_id);
  return parley::conversation_from_json(state_json);
}

parley_rules* new_rules(std::shared_ptr<const parley::RuleSet> rules) {
  return new parley_rules{std::move(rules)};
}

}  // namespace

extern "C" {

const char* parley_version(void) { return PARLEY_VERSION; }

const char* parley_status_string(parley_status status) {
  switch (status) {
    case PARLEY_OK: return "ok";
    case PARLEY_INVALID_ARGUMENT: return "invalid argument";
    case PARLEY_RULES_ERROR: return "rules error";
    case PARLEY_BAD_INPUT: return "bad input";
    case PARLEY_OUT_OF_MEMORY: return "out of memory";
    case PARLEY_INTERNAL: return "internal error";
  }
  return "unknown status";
}

void parley_free(void* p) { std::free(p); }

parley_status parley_rules_load_path(const char* path, parley_rules** rules, char** error) {
  return call(rules, error, PARLEY_RULES_ERROR, [&] {
    require(path, "path");
    return new_rules(parley::RuleSet::load(std::filesystem::path(path)));
  });
}

parley_status parley_rules_load_default(parley_rules** rules, char** error) {
  return call(rules, error, PARLEY_RULES_ERROR, [&] { return new_rules(parley::RuleSet::load_default()); });
}

parley_status parley_rules_load_yaml(const char* name, const char* yaml, parley_rules** rules, char** error) {
  return call(rules, error, PARLEY_RULES_ERROR, [&] {
    require(yaml, "yaml");
    parley::SourceFile file{name ? name : "<memory>", yaml};
    return new_rules(parley::RuleSet::load(std::span<const parley::SourceFile>(&file, 1)));
  });
}

void parley_rules_free(parley_rules* rules) { delete rules; }

parley_status parley_engine_new(const parley_rules* rules, parley_engine** engine, char** error) {
  return call(engine, error, PARLEY_INTERNAL, [&] {
    require(rules, "rules");
    return new parley_engine{Engine(rules->rules)};
  });
}

void parley_engine_free(parley_engine* engine) { delete engine; }

parley_status parley_start(const parley_engine* engine, const char* product_id, char** state_json,
                           char** error) {
  return call(state_json, error, PARLEY_BAD_INPUT, [&] {
    return copy(parley::to_json(start(engine_of(engine), product_id)));
  });
}

parley_status parley_suggest(const parley_engine* engine, const char* state_json, const char* product_id,
                             const char* message, int top, char** result_json, char** error) {
  return call(result_json, error, PARLEY_BAD_INPUT, [&] {
    const Engine& e = engine_of(engine);
    require(message, "message");
    if (top < 0) throw ArgumentError("top is negative");
    Conversation conversation = state_of(e, state_json, product_id);
    return copy(parley::to_json(e.suggest(conversation, message, {.top = top, .explain = true})));
  });
}

parley_status parley_apply(const parley_engine* engine, const char* state_json, const char* product_id,
                           const char* message, int index, const char* rule_id, char** next_state_json,
                           char** error) {
  return call(next_state_json, error, PARLEY_BAD_INPUT, [&] {
    const Engine& e = engine_of(engine);
    require(message, "message");
    Conversation conversation = state_of(e, state_json, product_id);
    // Ranking does not depend on `explain`, so skip the cost of explaining.
    parley::SuggestResult result = e.suggest(conversation, message, {.top = 0, .explain = false});
    if (index < 0 || static_cast<std::size_t>(index) >= result.suggestions.size()) {
      throw ArgumentError("suggestion index " + std::to_string(index) + " is out of range: there are " +
                          std::to_string(result.suggestions.size()) + " suggestions");
    }
    const parley::Suggestion& chosen = result.suggestions[static_cast<std::size_t>(index)];
    if (rule_id && chosen.rule_id != rule_id) {
      throw parley::Error("suggestion " + std::to_string(index) + " now comes from rule '" + chosen.rule_id +
                          "', not '" + rule_id + "': the rules or the state changed");
    }
    return copy(parley::to_json(e.apply(conversation, message, chosen)));
  });
}

parley_status parley_observe_seller_text(const parley_engine* engine, const char* state_json,
                                         const char* product_id, const char* message, const char* seller_text,
                                         char** next_state_json, char** error) {
  return call(next_state_json, error, PARLEY_BAD_INPUT, [&] {
    const Engine& e = engine_of(engine);
    require(message, "message");
    require(seller_text, "seller_text");
    Conversation conversation = state_of(e, state_json, product_id);
    return copy(parley::to_json(e.observe_seller_text(conversation, message, seller_text)));
  });
}

parley_status parley_signals(const parley_engine* engine, const char* message, char** signals_json,
                             char** error) {
  return call(signals_json, error, PARLEY_BAD_INPUT, [&] {
    const Engine& e = engine_of(engine);
    require(message, "message");
    return copy(parley::to_json(e.signals(message)));
  });
}

parley_status parley_lint_reply(const parley_engine* engine, const char* reply, char** words_json,
                                char** error) {
  return call(words_json, error, PARLEY_BAD_INPUT, [&] {
    const Engine& e = engine_of(engine);
    require(reply, "reply");
    std::string json;
    parley::io::JsonWriter writer(json);
    writer.begin_array();
    for (const std::string& word : e.lint_reply(reply)) writer.string(word);
    writer.end_array();
    return copy(json);
  });
}

}  // extern "C"
