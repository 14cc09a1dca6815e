// serve/stdio.hpp: the Service over JSON lines, one request a line on the
// input and one answer a line on the output, in order (docs/serve.md).
//
//   {"id": 1, "op": "suggest", "state": {...}, "message": "太贵了"}
//   {"id": 1, "ok": true, "result": {...}}
//   {"id": 2, "ok": false, "error": {"code": "bad_pick", "message": "..."}}
//
// Every line gets an answer, blank and broken ones included, and the answer
// carries the request's "id" whenever one can be read from the line (also
// from a line with invalid UTF-8 elsewhere in it).
#pragma once

#include <cstddef>
#include <cstdio>
#include <istream>
#include <string>
#include <string_view>

#include "serve/service.hpp"

namespace parley::serve {

// The answer to one line (without the newline). `max_line_bytes` bounds a
// request as the HTTP body limit does.
std::string answer_line(const Service& service, std::string_view line, std::size_t max_line_bytes);

// Answers the lines of `in` on `out` until the input ends, flushing after
// each answer (a host waits for it).
void serve_lines(const Service& service, std::istream& in, std::FILE* out, std::size_t max_line_bytes);

}  // namespace parley::serve
