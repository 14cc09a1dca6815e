#include "serve/stdio.hpp"

#include <algorithm>
#include <cstdint>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "io/json_reader.hpp"
#include "io/json_writer.hpp"
#include "parley/error.hpp"
#include "util/utf8.hpp"

namespace parley::serve {
namespace json = boost::json;

namespace {

// The "id" of a line that did not parse strictly (invalid UTF-8, a key
// twice), when a lenient reading finds one that can be sent back as it is:
// of any type, with no invalid UTF-8 in it (a string, or a key or string
// inside an object or array id).
std::optional<json::value> salvage_id(std::string_view line) {
  json::parse_options lenient;
  lenient.allow_invalid_utf8 = true;
  boost::system::error_code ec;
  json::value v = json::parse(line, ec, {}, lenient);
  if (ec || !v.is_object()) return std::nullopt;
  const json::value* id = v.as_object().if_contains("id");
  if (!id) return std::nullopt;
  const std::string text = json::serialize(*id);
  if (utf8::find_invalid(text) != text.size()) return std::nullopt;
  return *id;
}

std::string envelope(const std::optional<json::value>& id, const Reply& reply) {
  std::string out = "{";
  if (id) {
    out += "\"id\":";
    out += json::serialize(*id);
    out += ',';
  }
  out += reply.ok ? "\"ok\":true,\"result\":" : "\"ok\":false,\"error\":";
  out += reply.body;
  out += '}';
  return out;
}

Reply failure(std::string_view code, std::string_view message) { return {400, false, error_body(code, message)}; }

std::string too_large(std::size_t length, std::size_t max_line_bytes) {
  return envelope(std::nullopt, {413, false, error_body("too_large", "the line has " + std::to_string(length) +
                                                                     " bytes, more than the limit of " +
                                                                     std::to_string(max_line_bytes))});
}

// Reads one line, without its '\n', into `line`, keeping no more than
// `keep` bytes of it: the rest of a longer line is read and dropped, so that
// a runaway line costs the limit in memory, not its length. `length` is the
// whole line's. False at the end of the input when no line was there.
bool read_line(std::istream& in, std::string& line, std::size_t keep, std::size_t& length) {
  line.clear();
  length = 0;
  std::streambuf* buffer = in.rdbuf();
  bool any = false;
  for (int c = buffer->sbumpc(); c != std::char_traits<char>::eof(); c = buffer->sbumpc()) {
    any = true;
    if (c == '\n') return true;
    if (length++ < keep) line.push_back(static_cast<char>(c));
  }
  in.setstate(std::ios::eofbit);
  return any;
}

}  // namespace

std::string answer_line(const Service& service, std::string_view line, std::size_t max_line_bytes) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > max_line_bytes) return too_large(line.size(), max_line_bytes);
  if (line.find_first_not_of(" \t") == std::string_view::npos) {
    return envelope(std::nullopt, failure("empty_line", "the line is empty: a request is a JSON object"));
  }
  // Made where it is kept: assigning a parsed value to one of another
  // memory resource would copy the whole document.
  std::optional<json::value> parsed;
  try {
    parsed.emplace(io::parse_document(line));
  } catch (const Error& e) {
    return envelope(salvage_id(line), {400, false, unparsable_body(e)});
  }
  const json::value& request = *parsed;
  if (!request.is_object()) return envelope(std::nullopt, failure("bad_request", "a request is a JSON object"));
  const json::object& object = request.as_object();
  std::optional<json::value> id;
  if (const json::value* v = object.if_contains("id")) id = *v;
  const json::value* op = object.if_contains("op");
  if (!op) return envelope(id, failure("bad_request", "op: missing"));
  if (!op->is_string()) return envelope(id, failure("bad_request", "op: expected a string"));
  return envelope(id, service.handle(op->as_string(), object));
}

void serve_lines(const Service& service, std::istream& in, std::FILE* out, std::size_t max_line_bytes) {
  std::string line;
  std::size_t length = 0;
  // Two bytes over the limit kept (a '\r' may end the line): a line cut
  // short is too long whatever ends it.
  const std::size_t keep = std::min(max_line_bytes, SIZE_MAX - 2) + 2;
  while (read_line(in, line, keep, length)) {
    const std::string answer =
        length > line.size() ? too_large(length, max_line_bytes) : answer_line(service, line, max_line_bytes);
    std::fwrite(answer.data(), 1, answer.size(), out);
    std::fputc('\n', out);
    std::fflush(out);
  }
}

}  // namespace parley::serve
