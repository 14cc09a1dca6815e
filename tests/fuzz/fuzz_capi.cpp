// Fuzz target: the C API (parley/parley.h) on the default rule set. The input
// is lines: two bytes for `top` and the index to apply, the state JSON
// (empty: NULL), the product id (empty: NULL), the buyer's message, and the
// agent's reply (the rest, newlines included). Every call must return a
// status other than PARLEY_INTERNAL, with its output set on success and its
// message otherwise. The reply is also loaded as a rule file, so that the
// loader is reached through the C API too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "parley/parley.h"

namespace {

const parley_engine* default_engine() {
  static const parley_engine* instance = [] {
    parley_rules* rules = nullptr;
    parley_engine* e = nullptr;
    if (parley_rules_load_default(&rules, nullptr) != PARLEY_OK) std::abort();
    if (parley_engine_new(rules, &e, nullptr) != PARLEY_OK) std::abort();
    parley_rules_free(rules);
    return e;
  }();
  return instance;
}

// The contract of every call: not PARLEY_INTERNAL, an output on success and
// an error message otherwise. Frees both (the output with `release`).
template <typename T, typename Release>
void check(parley_status status, T* out, char* error, Release release) {
  if (status == PARLEY_INTERNAL) std::abort();
  if ((status == PARLEY_OK) != (out != nullptr) || (status == PARLEY_OK) == (error != nullptr)) std::abort();
  if (out) release(out);
  parley_free(error);
}

// Runs `fn(&out, &error)`, then checks what it returned.
template <typename Fn>
void call(Fn fn) {
  char* out = nullptr;
  char* error = nullptr;
  const parley_status status = fn(&out, &error);
  check(status, out, error, parley_free);
}

const char* or_null(const std::string& s) { return s.empty() ? nullptr : s.c_str(); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A NUL byte ends a field's C string there, as it would for a C caller.
  std::vector<std::string> fields(5);
  std::size_t f = 0;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == '\n' && f + 1 < fields.size()) ++f;
    else fields[f] += static_cast<char>(data[i]);
  }
  const std::string& control = fields[0];
  const char* state = or_null(fields[1]);
  const char* product = or_null(fields[2]);
  const char* message = fields[3].c_str();
  const char* reply = fields[4].c_str();
  const int top = control.empty() ? 0 : static_cast<unsigned char>(control[0]) % 8 - 1;
  const int index = control.size() < 2 ? 0 : static_cast<unsigned char>(control[1]) % 8 - 1;
  const parley_engine* engine = default_engine();

  call([&](char** out, char** error) { return parley_start(engine, product, out, error); });
  call([&](char** out, char** error) { return parley_suggest(engine, state, product, message, top, out, error); });
  call([&](char** out, char** error) {
    return parley_apply(engine, state, product, message, index, nullptr, out, error);
  });
  call([&](char** out, char** error) {
    return parley_observe_seller_text(engine, state, product, message, reply, out, error);
  });
  call([&](char** out, char** error) { return parley_signals(engine, message, out, error); });
  call([&](char** out, char** error) { return parley_lint_reply(engine, reply, out, error); });

  parley_rules* rules = nullptr;
  char* load_error = nullptr;
  const parley_status loaded = parley_rules_load_yaml("fuzz.yaml", reply, &rules, &load_error);
  if (loaded == PARLEY_OK) {
    parley_engine* e = nullptr;
    char* error = nullptr;
    const parley_status made = parley_engine_new(rules, &e, &error);
    if (made == PARLEY_OK) call([&](char** out, char** error) { return parley_signals(e, message, out, error); });
    check(made, e, error, parley_engine_free);
  }
  check(loaded, rules, load_error, parley_rules_free);
  return 0;
}
