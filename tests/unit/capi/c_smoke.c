/* parley.h compiled as C99: a suggest and an apply through the C API, with
 * the default rule set. Exits 0 when every call behaves as documented. */
#include <stdio.h>
#include <string.h>

#include "parley/parley.h"

static int failures = 0;

static void expect(int ok, const char* what) {
  if (!ok) {
    fprintf(stderr, "c_smoke: %s\n", what);
    ++failures;
  }
}

int main(void) {
  parley_rules* rules = NULL;
  parley_engine* engine = NULL;
  char* result = NULL;
  char* state = NULL;
  char* error = NULL;

  expect(strcmp(parley_version(), PARLEY_VERSION) == 0, "the library's version is the headers'");
  expect(parley_rules_load_default(&rules, &error) == PARLEY_OK, "load the default rules");
  expect(parley_engine_new(rules, &engine, &error) == PARLEY_OK, "make an engine");
  parley_rules_free(rules);

  expect(parley_suggest(engine, NULL, "pdu", "太贵了", 2, &result, &error) == PARLEY_OK, "suggest");
  expect(result != NULL && strstr(result, "\"suggestions\":[{") != NULL, "a suggestion");
  expect(error == NULL, "no error message on success");
  if (result) printf("%s\n", result);
  parley_free(result);

  expect(parley_apply(engine, NULL, "pdu", "太贵了", 0, NULL, &state, &error) == PARLEY_OK, "apply");
  expect(state != NULL && strstr(state, "\"round\":1") != NULL, "the state moved on");
  parley_free(state);

  expect(parley_start(engine, "no-such-product", &state, &error) == PARLEY_BAD_INPUT, "unknown product");
  expect(state == NULL && error != NULL, "an error message and no state");
  if (error) printf("expected error: %s\n", error);
  parley_free(error);

  parley_engine_free(engine);
  printf("c_smoke: %s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
