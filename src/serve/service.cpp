// The operations of `parley serve` (docs/serve.md is their reference).
//
// A request is read strictly: unknown keys are errors (with "did you mean"),
// every field has its type and range, and each failure has a stable code a
// host can branch on. Results are written straight as JSON text: the
// library's to_json() for conversations, signals and suggestions, pieced
// into the few envelopes of stored conversations.
#include "serve/service.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>


#include "engine/validate.hpp"
#include "io/conversation_reader.hpp"
#include "io/json_reader.hpp"
#include "io/json_writer.hpp"
#include "parley/error.hpp"
#include "parley/json.hpp"
#include "parley/version.h"
#include "serve/describe.hpp"
#include "util/strings.hpp"

namespace parley::serve {
namespace json = boost::json;
using io::JsonWriter;
using io::Path;

namespace {

constexpr std::string_view kOperations[] = {"version", "start",  "suggest", "apply",  "observe", "signals",
                                            "explain", "lint",   "get",     "delete", "reload",  "rules",
                                            "quote",   "simulate"};

// A request that cannot be answered: its HTTP status, stable code and words.
struct Failure {
  int status;
  std::string code;
  std::string message;
  std::string extra;  // more members of the error object, written as ,"key":value
};

[[noreturn]] void fail(int status, std::string code, std::string message) {
  throw Failure{status, std::move(code), std::move(message), {}};
}

// Conversation ids are the host's: short printable ASCII names, safe in a
// URL path, a Redis key and a log line as they are.
void check_id(std::string_view id) {
  const bool fits = !id.empty() && id.size() <= 128 &&
                    std::all_of(id.begin(), id.end(), [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                             c == '-' || c == '_' || c == '.' || c == ':' || c == '@';
                    });
  if (!fits) {
    fail(400, "bad_conversation_id",
         "conversation: expected 1 to 128 characters of A-Z a-z 0-9 - _ . : @");
  }
}


void write_explanation(JsonWriter& w, const Explanation& e) {
  w.begin_object();
  w.key("rule").string(e.rule_id);
  w.key("fired").boolean(e.fired);
  w.key("parts").begin_array();
  for (const ConditionPart& part : e.parts) {
    w.begin_object();
    w.key("text").string(part.text);
    w.key("values").string(part.values);
    w.key("holds").boolean(part.holds);
    w.key("depth").integer(part.depth);
    w.end_object();
  }
  w.end_array();
  w.key("blocked").string(e.blocked);
  w.key("summary").string(e.summary());
  w.end_object();
}

}  // namespace

std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  for (const Diagnostic& d : diagnostics) {
    w.begin_object();
    w.key("severity").string(d.severity == Diagnostic::Severity::error ? "error" : "warning");
    w.key("file").string(d.where.file);
    w.key("line").integer(d.where.line);
    w.key("column").integer(d.where.column);
    w.key("rule").string(d.rule_id);
    w.key("message").string(d.message);
    w.key("text").string(d.to_string());
    w.end_object();
  }
  w.end_array();
  return out;
}

std::string message_of(const Error& e) {
  std::string out;
  for (const Diagnostic& d : e.diagnostics()) {
    if (!out.empty()) out += '\n';
    out += d.where.known() || !d.rule_id.empty() ? d.to_string() : d.message;
  }
  return out;
}

std::string unparsable_body(const Error& e) {
  const std::string message = message_of(e);
  return error_body(message.starts_with("invalid UTF-8") ? "invalid_utf8" : "bad_json",
                    "not valid JSON: " + message);
}

std::string error_body(std::string_view code, std::string_view message) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("code").string(code);
  w.key("message").string(message);
  w.end_object();
  return out;
}

// One request being answered: its fields, the engine it uses throughout, and
// the code a parley::Error means at the step it is on.
struct Service::Request {
  const json::object& fields;
  std::shared_ptr<const Engine> engine;
  const ServiceOptions& options;
  Store& store;
  const char* error_code = "bad_request";
  // Where the conversation is in the request, for the paths of the engine's
  // errors about it: "state." for the host's, "" otherwise.
  std::string state_path;

  // A conversation and, when it is a stored one, its id and version.
  struct Source {
    Conversation conversation;
    std::string id;  // empty: the host's own state
    std::uint64_t version = 0;
  };

  // Fails for a key not in `known`; "id" and "op" are the stdio envelope's.
  void allow(std::initializer_list<std::string_view> known) const {
    for (const auto& member : fields) {
      const std::string_view key = member.key();
      if (key == "id" || key == "op") continue;
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::vector<std::string_view> names(known);
        io::unknown_key(key, Path(), names);
      }
    }
  }

  const json::value* get(std::string_view key) const { return fields.if_contains(key); }

  std::string text(std::string_view key) const {
    const json::value* v = get(key);
    if (!v) (Path() / key).fail("missing");
    std::string s = io::read_string(*v, Path() / key);
    if (s.size() > options.max_message_bytes) {
      fail(400, "message_too_long",
           std::string(key) + ": " + std::to_string(s.size()) + " bytes, more than the limit of " +
               std::to_string(options.max_message_bytes));
    }
    return s;
  }

  std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max) const {
    const json::value* v = get(key);
    return v ? io::read_integer(*v, Path() / key, min, max) : fallback;
  }

  bool boolean(std::string_view key, bool fallback) const {
    const json::value* v = get(key);
    return v ? io::read_bool(*v, Path() / key) : fallback;
  }

  std::string id() const {
    const json::value* v = get("conversation");
    if (!v) (Path() / "conversation").fail("missing");
    std::string id = io::read_string(*v, Path() / "conversation");
    check_id(id);
    return id;
  }

  Conversation start(std::string_view product) const {
    if (!engine->rules().find_product(product)) {
      std::vector<std::string> ids;
      for (const Product& p : engine->rules().products()) ids.push_back(p.id);
      std::string message = "product: unknown product '" + std::string(product) + "'";
      if (std::string close = util::closest_word(product, ids); !close.empty()) {
        message += " (did you mean '" + close + "'?)";
      }
      fail(400, "unknown_product", message);
    }
    const std::uint64_t seed = get("seed") ? io::read_uint64(*get("seed"), Path() / "seed") : 0;
    return engine->start(product, seed);
  }

  // The request's "facts" (merged: null removes one) and "buyer" (replaces
  // the profile), which a host sends when they changed.
  void overlay(Conversation& c) const {
    if (const json::value* facts = get("facts")) {
      const Path path = Path() / "facts";
      for (const auto& member : io::read_object(*facts, path)) {
        const std::string name(member.key());
        const json::value& v = member.value();
        const Path here = path / member.key();
        if (v.is_null()) c.facts.erase(name);
        else if (v.is_bool()) c.facts[name] = v.get_bool();
        else if (v.is_number()) c.facts[name] = io::read_number(v, here);
        else if (v.is_string()) c.facts[name] = io::read_string(v, here);
        else here.fail("expected true, false, a number, a string or null");
      }
    }
    if (const json::value* buyer = get("buyer")) c.buyer = io::read_buyer_profile(*buyer, Path() / "buyer");
  }

  // The conversation a request is about: "conversation" (stored), "state"
  // (the host's), or with `may_start`, a new one about "product".
  Source source(bool may_start) {
    Source s;
    const json::value* state = get("state");
    if (get("product") && (state || get("conversation"))) {
      // The product of a state or a stored conversation is its own.
      fail(400, "bad_request", "give one of \"state\", \"conversation\" and \"product\", not two");
    }
    if (get("conversation")) {
      if (state) fail(400, "bad_request", "give one of \"state\", \"conversation\" and \"product\", not two");
      s.id = id();
      std::optional<Stored> stored = store.load(s.id);
      if (!stored) fail(404, "not_found", "conversation '" + s.id + "': none stored under this id");
      if (get("version")) {
        const std::int64_t expected = integer("version", 0, 1, INT64_MAX);
        if (static_cast<std::uint64_t>(expected) != stored->version) {
          fail(409, "version_conflict",
               "conversation '" + s.id + "' is at version " + std::to_string(stored->version) + ", not " +
                   std::to_string(expected));
        }
      }
      s.version = stored->version;
      error_code = "corrupt_state";
      try {
        s.conversation = conversation_from_json(stored->json);
      } catch (const Error& e) {
        fail(500, "corrupt_state", "conversation '" + s.id + "' as stored: " + e.what());
      }
    } else if (state) {
      error_code = "invalid_state";
      s.conversation = io::read_conversation(*state, Path() / "state");
      state_path = "state.";
    } else if (may_start && get("product")) {
      s.conversation = start(io::read_string(*get("product"), Path() / "product"));
    } else {
      fail(400, "bad_request",
           may_start ? "give \"state\", \"conversation\" or \"product\"" : "give \"state\" or \"conversation\"");
    }
    error_code = "bad_request";
    overlay(s.conversation);
    // The rest of what the conversation must be (its product, facts, stage,
    // ...) the engine checks as it uses it (engine/validate.hpp).
    return s;
  }

  // Stored conversations keep their last `history_turns` turns in full and
  // count the older ones, so that what is stored stays the same size
  // however long the conversation (docs/serve.md, "Stored conversations").
  void bound_history(Conversation& c) const {
    if (c.history.size() <= options.history_turns) return;
    const auto drop = static_cast<std::ptrdiff_t>(c.history.size() - options.history_turns);
    for (auto turn = c.history.begin(); turn != c.history.begin() + drop; ++turn) {
      if (turn->speaker == Turn::Speaker::buyer) ++c.earlier.buyer;
      else ++c.earlier.seller;
      if (turn->speaker == Turn::Speaker::seller && !turn->rule_id.empty()) ++c.earlier.suggested;
      if (turn->offer) ++c.earlier.priced;
    }
    c.history.erase(c.history.begin(), c.history.begin() + drop);
  }

  // The result of an operation that moves a conversation on: the new state,
  // saved first when it is a stored one.
  std::string moved_on(const Source& s, Conversation next) const {
    if (s.id.empty()) return to_json(next);
    bound_history(next);
    std::string state = to_json(next);
    std::optional<std::uint64_t> version = store.save(s.id, state, s.version);
    if (!version) {
      fail(409, "version_conflict",
           "conversation '" + s.id + "' changed since version " + std::to_string(s.version) +
               " was read: read it again and retry");
    }
    return stored_envelope(s.id, *version, "state", state);
  }

  // {"conversation": id, "version": N, without the closing brace: the
  // members of a stored conversation's results that come first.
  static std::string stored_head(std::string_view id, std::uint64_t version) {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.key("conversation").string(id);
    w.key("version").integer(static_cast<std::int64_t>(version));
    w.end_object();
    out.pop_back();
    return out;
  }

  // {"conversation", "version", key: value}, value being JSON text.
  static std::string stored_envelope(std::string_view id, std::uint64_t version, std::string_view key,
                                     std::string_view value) {
    std::string out = stored_head(id, version);
    out += ",\"";
    out += key;
    out += "\":";
    out += value;
    out += '}';
    return out;
  }
};

Service::Service(ServiceOptions options, std::unique_ptr<Store> store)
    : options_(std::move(options)), store_(std::move(store)) {
  auto rules = options_.rules_path ? RuleSet::load(*options_.rules_path) : RuleSet::load_default();
  publish(std::make_shared<const Engine>(std::move(rules)));
}

Service::~Service() = default;

std::span<const std::string_view> Service::operations() { return kOperations; }

std::shared_ptr<const Engine> Service::engine() const {
  std::lock_guard lock(engine_mutex_);
  return engine_;
}

void Service::publish(std::shared_ptr<const Engine> engine) const {
  std::lock_guard lock(engine_mutex_);
  engine_.swap(engine);
  // The old engine (now in `engine`) is released after the lock, so a
  // request never waits on its destruction.
}

Reply Service::handle(std::string_view op, const json::object& fields) const {
  if (op == "reload") {
    for (const auto& member : fields) {
      if (member.key() != "id" && member.key() != "op") {
        return {400, false, error_body("bad_request", std::string(member.key()) + ": unknown key (reload takes none)")};
      }
    }
    return reload();
  }
  Request r{fields, engine(), options_, *store_, "bad_request", {}};
  try {
    return {200, true, run(op, r)};
  } catch (const Failure& f) {
    std::string body = error_body(f.code, f.message);
    if (!f.extra.empty()) body.insert(body.size() - 1, f.extra);
    return {f.status, false, std::move(body)};
  } catch (const engine::StateError& e) {
    // The engine's checks of a conversation (engine/validate.hpp) name their
    // kind of problem (the first one's is the code); their paths are from
    // the conversation's root.
    std::string message;
    for (const Diagnostic& d : e.diagnostics()) {
      if (!message.empty()) message += '\n';
      message += r.state_path + d.message;
    }
    return {400, false, error_body(e.codes().front(), message)};
  } catch (const Error& e) {
    return {r.error_code == std::string_view("corrupt_state") ? 500 : 400, false,
            error_body(r.error_code, message_of(e))};
  } catch (const StoreError& e) {
    return {503, false, error_body("store_unavailable", e.what())};
  } catch (const std::bad_alloc&) {
    return {503, false, error_body("out_of_memory", "out of memory")};
  } catch (const std::exception& e) {
    return {500, false, error_body("internal", e.what())};
  }
}

std::string Service::run(std::string_view op, Request& r) const {
  const Engine& engine = *r.engine;
  if (op == "version") {
    r.allow({});
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.key("parley_version").string(PARLEY_VERSION);
    w.key("protocol").integer(kProtocolVersion);
    w.key("conversation_version").integer(Conversation::kVersion);
    w.key("operations").begin_array();
    for (std::string_view name : kOperations) w.string(name);
    w.end_array();
    w.key("store").string(store_->describe());
    w.key("rules").begin_object();
    w.key("shop").string(engine.rules().shop_name());
    w.key("generation").integer(static_cast<std::int64_t>(generation_.load()));
    w.key("products").integer(static_cast<std::int64_t>(engine.rules().products().size()));
    w.end_object();
    w.end_object();
    return out;
  }
  if (op == "start") {
    r.allow({"product", "seed", "buyer", "facts", "conversation"});
    if (!r.get("product")) (Path() / "product").fail("missing");
    Conversation c = r.start(io::read_string(*r.get("product"), Path() / "product"));
    r.overlay(c);
    if (!r.get("conversation")) return to_json(c);
    const std::string id = r.id();
    const std::string state = to_json(c);
    std::optional<std::uint64_t> version = r.store.save(id, state, 0);
    if (!version) fail(409, "conversation_exists", "conversation '" + id + "' exists already");
    return Request::stored_envelope(id, *version, "state", state);
  }
  if (op == "suggest") {
    r.allow({"state", "conversation", "product", "version", "facts", "buyer", "message", "top", "explain"});
    const std::string message = r.text("message");
    const SuggestOptions options{.top = static_cast<int>(r.integer("top", 0, 0, 1000)),
                                 .explain = r.boolean("explain", true)};
    Request::Source s = r.source(true);
    r.error_code = "bad_input";
    std::string result = to_json(engine.suggest(s.conversation, message, options));
    if (s.id.empty()) return result;
    // {"conversation", "version", "signals", "suggestions"}: the version to
    // send back with apply, so that a change in between is a conflict.
    return Request::stored_head(s.id, s.version) + "," + result.substr(1);
  }
  if (op == "apply") {
    r.allow({"state", "conversation", "product", "version", "facts", "buyer", "message", "pick", "rule"});
    const std::string message = r.text("message");
    const std::int64_t pick = r.integer("pick", 1, 1, INT_MAX);
    std::optional<std::string> rule;
    if (const json::value* v = r.get("rule")) rule = io::read_string(*v, Path() / "rule");
    Request::Source s = r.source(true);
    r.error_code = "bad_input";
    // Suggestions are deterministic for a state and a rule set, so the pick
    // names the reply the host showed; the reply sent is always one the
    // rules and the floor guard produced.
    SuggestResult result = engine.suggest(s.conversation, message, {.top = 0, .explain = false});
    if (static_cast<std::size_t>(pick) > result.suggestions.size()) {
      fail(400, "bad_pick",
           "pick: " + std::to_string(pick) + ", but there are " + std::to_string(result.suggestions.size()) +
               " suggestions");
    }
    const Suggestion& chosen = result.suggestions[static_cast<std::size_t>(pick - 1)];
    if (rule && chosen.rule_id != *rule) {
      fail(409, "rule_changed",
           "suggestion " + std::to_string(pick) + " now comes from rule '" + chosen.rule_id + "', not '" + *rule +
               "': the rules or the conversation changed");
    }
    return r.moved_on(s, engine.apply(s.conversation, message, chosen));
  }
  if (op == "observe") {
    r.allow({"state", "conversation", "product", "version", "facts", "buyer", "message", "seller"});
    const std::string message = r.text("message");
    const std::string seller = r.text("seller");
    Request::Source s = r.source(true);
    r.error_code = "bad_input";
    return r.moved_on(s, engine.observe_seller_text(s.conversation, message, seller));
  }
  if (op == "signals") {
    r.allow({"message"});
    const std::string message = r.text("message");
    r.error_code = "bad_input";
    return to_json(engine.signals(message));
  }
  if (op == "explain") {
    r.allow({"state", "conversation", "product", "version", "facts", "buyer", "message", "rule"});
    const std::string message = r.text("message");
    std::optional<std::string> rule;
    if (const json::value* v = r.get("rule")) rule = io::read_string(*v, Path() / "rule");
    Request::Source s = r.source(true);
    r.error_code = "bad_input";
    std::string out;
    JsonWriter w(out);
    if (rule) {
      std::vector<std::string> ids;
      for (const RuleInfo& info : engine.rules().rules()) ids.push_back(info.id);
      if (std::find(ids.begin(), ids.end(), *rule) == ids.end()) {
        std::string text = "rule: unknown rule '" + *rule + "'";
        if (std::string close = util::closest_word(*rule, ids); !close.empty()) {
          text += " (did you mean '" + close + "'?)";
        }
        fail(400, "unknown_rule", text);
      }
      write_explanation(w, engine.why(s.conversation, message, *rule));
    } else {
      w.begin_array();
      for (const Explanation& e : engine.explain(s.conversation, message)) write_explanation(w, e);
      w.end_array();
    }
    return out;
  }
  if (op == "lint") {
    r.allow({"reply"});
    const std::string reply = r.text("reply");
    r.error_code = "bad_input";
    std::string out;
    JsonWriter w(out);
    w.begin_array();
    for (const std::string& word : engine.lint_reply(reply)) w.string(word);
    w.end_array();
    return out;
  }
  if (op == "get") {
    r.allow({"conversation"});
    const std::string id = r.id();
    std::optional<Stored> stored = r.store.load(id);
    if (!stored) fail(404, "not_found", "conversation '" + id + "': none stored under this id");
    return Request::stored_envelope(id, stored->version, "state", stored->json);
  }
  if (op == "delete") {
    r.allow({"conversation"});
    const std::string id = r.id();
    if (!r.store.remove(id)) fail(404, "not_found", "conversation '" + id + "': none stored under this id");
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.key("conversation").string(id);
    w.key("deleted").boolean(true);
    w.end_object();
    return out;
  }
  if (op == "rules") {
    r.allow({});
    return describe_rules(engine, generation_.load());
  }
  if (op == "quote") {
    r.allow({"state", "conversation", "product", "version", "facts", "buyer"});
    Request::Source s = r.source(true);
    r.error_code = "bad_input";
    return quote_cart(engine, s.conversation);
  }
  if (op == "simulate") {
    r.allow({"buyers", "seed", "products"});
    SimulationRequest sim;
    sim.buyers = static_cast<std::size_t>(
        r.integer("buyers", static_cast<std::int64_t>(sim.buyers), 1, SimulationRequest::kMaxBuyers));
    if (const json::value* v = r.get("seed")) sim.seed = io::read_uint64(*v, Path() / "seed");
    if (const json::value* v = r.get("products")) {
      const Path path = Path() / "products";
      const json::array& ids = io::read_array(*v, path);
      for (std::size_t i = 0; i < ids.size(); ++i) sim.products.push_back(io::read_string(ids[i], path / i));
      for (const std::string& id : sim.products) {
        if (!engine.rules().find_product(id)) fail(400, "unknown_product", "products: unknown product '" + id + "'");
      }
    }
    r.error_code = "bad_input";
    return simulation_report(engine, sim);
  }
  std::string known;
  for (std::string_view name : kOperations) known += (known.empty() ? "" : ", ") + std::string(name);
  std::string text = "unknown op '" + std::string(op) + "'";
  std::vector<std::string_view> names(std::begin(kOperations), std::end(kOperations));
  if (std::string close = util::closest_word(op, names); !close.empty()) text += " (did you mean '" + close + "'?)";
  fail(404, "unknown_op", text + "; ops: " + known);
}

Reply Service::reload() const {
  std::lock_guard lock(reload_mutex_);
  return reload_locked();
}

Reply Service::reload_locked() const {
  std::shared_ptr<const RuleSet> rules;
  try {
    rules = options_.rules_path ? RuleSet::load(*options_.rules_path) : RuleSet::load_default();
  } catch (const Error& e) {
    std::string body = error_body("rules_error", "the rule set did not load; the old one stays in use:\n" +
                                                     message_of(e));
    body.insert(body.size() - 1, ",\"diagnostics\":" + diagnostics_json(e.diagnostics()));
    return {422, false, std::move(body)};
  } catch (const std::exception& e) {
    return {422, false, error_body("rules_error", std::string("the rule set did not load; the old one stays in use: ") + e.what())};
  }
  auto engine = std::make_shared<const Engine>(rules);
  publish(engine);
  const std::uint64_t generation = generation_.fetch_add(1) + 1;
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("reloaded").boolean(true);
  w.key("generation").integer(static_cast<std::int64_t>(generation));
  w.key("shop").string(rules->shop_name());
  w.key("products").integer(static_cast<std::int64_t>(rules->products().size()));
  w.key("rules").integer(static_cast<std::int64_t>(rules->rules().size()));
  w.end_object();
  out.pop_back();
  out += ",\"warnings\":" + diagnostics_json(rules->warnings()) + "}";
  return {200, true, std::move(out)};
}

}  // namespace parley::serve
