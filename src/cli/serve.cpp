// parley serve: JSON lines on stdin and stdout, for hosts in any language.
//
// One request a line, one response a line, in order:
//   {"id": 1, "op": "start", "product": "pdu"}
//   {"id": 2, "op": "suggest", "state": {...}, "message": "太贵了", "top": 3}
//   {"id": 3, "op": "apply", "state": {...}, "message": "太贵了", "pick": 1}
//   {"id": 4, "op": "observe", "state": {...}, "message": "太贵了", "seller": "给您140"}
//   {"id": 5, "op": "signals", "message": "150包邮行吗"}
//   {"id": 6, "op": "lint", "reply": "加我微信"}
// Responses: {"id": ..., "ok": true, "result": ...} or {"id": ..., "ok":
// false, "error": "..."}. `apply` re-runs suggest on the same state and
// message (deterministic) and sends suggestion `pick` (1-based), so a host
// never has to send a suggestion back. A bad line is answered, never fatal.
#include <cstdio>
#include <iostream>

#include <boost/json.hpp>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "parley/error.hpp"
#include "parley/json.hpp"

namespace parley::cli {
namespace {

namespace json = boost::json;

const json::object& object_at(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_object()) throw Error(std::string("'") + key + "' should be an object");
  return v->as_object();
}

std::string string_at(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string()) throw Error(std::string("'") + key + "' should be a string");
  return std::string(v->as_string());
}

std::int64_t int_at(const json::object& o, const char* key, std::int64_t fallback) {
  const json::value* v = o.if_contains(key);
  if (!v) return fallback;
  if (!v->is_int64()) throw Error(std::string("'") + key + "' should be a whole number");
  return v->as_int64();
}

json::value handle(const Engine& engine, const json::object& request) {
  std::string op = string_at(request, "op");
  auto state = [&] { return conversation_from_json(json::serialize(object_at(request, "state"))); };
  if (op == "start") return json::parse(to_json(engine.start(string_at(request, "product"))));
  if (op == "signals") return json::parse(to_json(engine.signals(string_at(request, "message"))));
  if (op == "lint") {
    json::array hits;
    for (const std::string& word : engine.lint_reply(string_at(request, "reply"))) hits.emplace_back(word);
    return hits;
  }
  if (op == "suggest") {
    SuggestOptions options{.top = static_cast<int>(int_at(request, "top", 0)), .explain = true};
    return json::parse(to_json(engine.suggest(state(), string_at(request, "message"), options)));
  }
  if (op == "apply") {
    Conversation c = state();
    std::string message = string_at(request, "message");
    std::int64_t pick = int_at(request, "pick", 1);
    SuggestResult r = engine.suggest(c, message, {.top = 0, .explain = false});
    if (pick < 1 || static_cast<std::size_t>(pick) > r.suggestions.size()) {
      throw Error("pick " + std::to_string(pick) + ": there are " + std::to_string(r.suggestions.size()) +
                  " suggestions");
    }
    return json::parse(to_json(engine.apply(c, message, r.suggestions[pick - 1])));
  }
  if (op == "observe") {
    return json::parse(to_json(engine.observe_seller_text(state(), string_at(request, "message"),
                                                          string_at(request, "seller"))));
  }
  throw Error("unknown op '" + op + "' (start, suggest, apply, observe, signals, lint)");
}

}  // namespace

int serve(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)");
  po::variables_map vm;
  if (!parse(argc, argv, "parley serve [--rules PATH] < requests.jsonl", options, {}, vm)) return 0;
  Engine engine(load_rules(optional_string(vm, "rules")));
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    json::object response;
    try {
      boost::system::error_code ec;
      json::value request = json::parse(line, ec);
      if (ec) throw Error("the line is not valid JSON (" + ec.message() + ")");
      if (!request.is_object()) throw Error("a request is a JSON object");
      if (const json::value* id = request.as_object().if_contains("id")) response["id"] = *id;
      response["ok"] = true;
      response["result"] = handle(engine, request.as_object());
    } catch (const Error& e) {
      std::string message;
      for (const Diagnostic& d : e.diagnostics()) {
        message += (message.empty() ? "" : "\n") + (d.where.known() ? d.to_string() : d.message);
      }
      response["ok"] = false;
      response.erase("result");
      response["error"] = message;
    } catch (const std::exception& e) {
      response["ok"] = false;
      response.erase("result");
      response["error"] = e.what();
    }
    std::printf("%s\n", json::serialize(response).c_str());
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace parley::cli
