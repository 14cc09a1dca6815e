// Uses libparley.so through its public C++ API only: a parley::Error thrown
// inside the library is caught here (its type is exported), and JSON goes
// both ways. Exits 0 when all of it works.
#include <cstdio>
#include <cstring>

#include "parley/engine.hpp"
#include "parley/error.hpp"
#include "parley/json.hpp"
#include "parley/parley.h"

int main() {
  int failures = 0;
  auto expect = [&](bool ok, const char* what) {
    if (!ok) {
      std::fprintf(stderr, "subdirectory: %s\n", what);
      ++failures;
    }
  };
  expect(std::strcmp(parley_version(), PARLEY_VERSION) == 0, "library and headers agree on the version");
  parley::Engine engine(parley::RuleSet::load_default());
  parley::Conversation c = engine.start("pdu");
  parley::SuggestResult r = engine.suggest(c, "150包邮行吗", {.top = 2});
  expect(!r.suggestions.empty(), "a suggestion");
  if (!r.suggestions.empty()) c = engine.apply(c, "150包邮行吗", r.suggestions.front());
  expect(parley::conversation_from_json(parley::to_json(c)).round == 1, "the state goes through JSON");
  bool caught = false;
  try {
    engine.start("no-such-product");
  } catch (const parley::Error& e) {
    caught = std::strstr(e.what(), "no-such-product") != nullptr;
  }
  expect(caught, "a parley::Error from the library is caught as one");
  std::printf("subdirectory: %s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
