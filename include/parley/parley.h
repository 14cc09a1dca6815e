/* parley/parley.h: the C API, for hosts in C and for other languages' FFI.
 *
 * Opaque handles, JSON in and out, status codes. Nothing here throws: every
 * C++ exception (bad_alloc included) is caught and returned as a status.
 *
 *   parley_rules* rules;  parley_engine* engine;  char* out;  char* err;
 *   parley_rules_load_default(&rules, &err);
 *   parley_engine_new(rules, &engine, &err);
 *   parley_rules_free(rules);                       // the engine keeps its own
 *   if (parley_suggest(engine, NULL, "pdu", "太贵了", 3, &out, &err) == PARLEY_OK) {
 *     puts(out);                                    // {"signals":...,"suggestions":[...]}
 *     parley_free(out);
 *   } else {
 *     fprintf(stderr, "%s\n", err);
 *     parley_free(err);
 *   }
 *   parley_engine_free(engine);
 *
 * Strings.  Every string passed in is NUL-terminated UTF-8. Every string
 * returned is malloc'd, NUL-terminated UTF-8 JSON (or an error message) that
 * the caller owns and releases with parley_free().
 *
 * Results.  Each call returns a parley_status. Its out-parameters are set on
 * every call: to the result on PARLEY_OK, to NULL otherwise. `error` may be
 * NULL when the caller does not want the message; otherwise *error is set to
 * NULL on success and to a message on failure (NULL too when even the message
 * could not be allocated). A previous value of *error is overwritten, not
 * freed. Errors are returned, never kept in global or thread-local state.
 *
 * Conversations.  The conversation state is the host's: a JSON document (the
 * one parley_start() and parley_apply() return; format in parley/json.hpp) that
 * the host stores between messages. Calls that read a state take `state_json`
 * or, when it is NULL, start a new conversation about `product_id` (NULL: the
 * rule set's first product); `product_id` is ignored when a state is given.
 *
 * Thread safety.  A parley_rules and a parley_engine are immutable once made:
 * any number of threads may call any function on the same handle at once,
 * except the matching *_free, which must be the handle's last use. An engine
 * holds its own reference to the rules it was made from, so the rules handle
 * may be freed right after parley_engine_new().
 */
#ifndef PARLEY_PARLEY_H_
#define PARLEY_PARLEY_H_

#include <stddef.h>

#include "parley/export.h"
#include "parley/version.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_status {
  PARLEY_OK = 0,
  PARLEY_INVALID_ARGUMENT = 1, /* a NULL where a value is needed, a bad index */
  PARLEY_RULES_ERROR = 2,      /* the rule set did not load; the message lists every problem */
  PARLEY_BAD_INPUT = 3,        /* malformed state JSON, invalid UTF-8, unknown product */
  PARLEY_OUT_OF_MEMORY = 4,
  PARLEY_INTERNAL = 5          /* a bug in parley: please report the message */
} parley_status;

/* A compiled rule set (a shop's policy). */
typedef struct parley_rules parley_rules;
/* Suggests replies with one rule set. */
typedef struct parley_engine parley_engine;

/* The version of the library linked, "MAJOR.MINOR.PATCH" (PARLEY_VERSION in
 * parley/version.h is that of the headers compiled against). Never NULL; not
 * to be freed. */
PARLEY_EXPORT const char* parley_version(void);

/* A constant name for `status`, e.g. "bad input". Never NULL; not to be freed. */
PARLEY_EXPORT const char* parley_status_string(parley_status status);

/* Releases a string parley returned. NULL is allowed. */
PARLEY_EXPORT void parley_free(void* p);

/* ---- Rule sets ------------------------------------------------------------ */

/* Loads a .yaml file, or every .yaml/.yml file of a folder. On a rule-set
 * problem returns PARLEY_RULES_ERROR with every diagnostic, one a line, as
 * "file:line:col: error: ...". */
PARLEY_EXPORT parley_status parley_rules_load_path(const char* path, parley_rules** rules,
                                                   char** error);

/* The default rule set compiled into the library. */
PARLEY_EXPORT parley_status parley_rules_load_default(parley_rules** rules, char** error);

/* A rule set from one YAML document held in memory. `name` is the file name
 * diagnostics show (NULL: "<memory>"). */
PARLEY_EXPORT parley_status parley_rules_load_yaml(const char* name, const char* yaml,
                                                   parley_rules** rules, char** error);

/* NULL is allowed. */
PARLEY_EXPORT void parley_rules_free(parley_rules* rules);

/* ---- Engines -------------------------------------------------------------- */

PARLEY_EXPORT parley_status parley_engine_new(const parley_rules* rules, parley_engine** engine,
                                              char** error);

/* NULL is allowed. */
PARLEY_EXPORT void parley_engine_free(parley_engine* engine);

/* A new conversation about `product_id` (NULL: the first product), as state
 * JSON. PARLEY_BAD_INPUT for an unknown product. */
PARLEY_EXPORT parley_status parley_start(const parley_engine* engine, const char* product_id,
                                         char** state_json, char** error);

/* Suggested replies to the buyer's `message`, best first:
 * {"signals": {...}, "suggestions": [{"text", "score", "rule", "action",
 * "offer", "extras", "why", ...}, ...]}. `top` keeps at most that many
 * (0: all; negative: PARLEY_INVALID_ARGUMENT). The state is not changed. */
PARLEY_EXPORT parley_status parley_suggest(const parley_engine* engine, const char* state_json,
                                           const char* product_id, const char* message, int top,
                                           char** result_json, char** error);

/* The state after the buyer said `message` and the agent sent suggestion
 * `index` (0-based, in the order parley_suggest() returned them).
 *
 * parley_apply runs the suggestion again on (state, message) rather than
 * reading a suggestion back from JSON: the reply applied is always one the
 * rules and the floor guard produced, never an edited copy. Suggestions are
 * deterministic for a given state and rule set, so the index names the same
 * reply the host showed. `rule_id`, when not NULL, must be that suggestion's
 * "rule": if the rules changed in between (a reload) and it differs, nothing
 * is applied and PARLEY_BAD_INPUT is returned. An index past the last
 * suggestion is PARLEY_INVALID_ARGUMENT. */
PARLEY_EXPORT parley_status parley_apply(const parley_engine* engine, const char* state_json,
                                         const char* product_id, const char* message, int index,
                                         const char* rule_id, char** next_state_json,
                                         char** error);

/* The state after the buyer said `message` and the agent typed `seller_text`
 * themselves; a lower price in it becomes the current offer. */
PARLEY_EXPORT parley_status parley_observe_seller_text(const parley_engine* engine,
                                                       const char* state_json,
                                                       const char* product_id,
                                                       const char* message,
                                                       const char* seller_text,
                                                       char** next_state_json, char** error);

/* How `message` is understood (normalised text, mentions, intents, topics),
 * as JSON, without evaluating rules. */
PARLEY_EXPORT parley_status parley_signals(const parley_engine* engine, const char* message,
                                           char** signals_json, char** error);

/* The compliance guard on a reply the agent typed: a JSON array of the
 * forbidden and off-platform words it contains ("[]" when it may be sent). */
PARLEY_EXPORT parley_status parley_lint_reply(const parley_engine* engine, const char* reply,
                                              char** words_json, char** error);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PARLEY_PARLEY_H_ */
