#include "io/json_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <functional>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value_stack.hpp>

#include "io/json_path.hpp"
#include "io/json_writer.hpp"
#include "parley/error.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

namespace parley::io {
namespace json = boost::json;
namespace {

std::string_view describe(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "a value";
}

[[noreturn]] void expected(const json::value& v, const Path& path, std::string_view what) {
  std::string message = "expected ";
  message += what;
  message += ", got ";
  message += describe(v);
  path.fail(message);
}

// Builds the DOM as boost::json::parser does, with two differences:
//  - doubles are read with std::from_chars: Boost.JSON 1.81's own conversion
//    can be one ulp off for long mantissas and large exponents
//    (4.1805319239779094e+299), which would break the exact round trip;
//  - a key twice in one object is an error, where Boost.JSON keeps the last
//    silently ("offer" written twice by hand is a mistake to report).
struct StrictHandler {
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  explicit StrictHandler(std::string_view input) : input(input) {}

  std::string_view input;
  json::value_stack stack;
  std::string number;  // the text of a number delivered in parts
  std::string key;     // the text of a key delivered in parts
  // The keys of the objects being read, innermost last: views into the input
  // when the key is there as is, else into escaped_keys.
  std::vector<std::string_view> keys;
  std::deque<std::string> escaped_keys;
  std::vector<std::size_t> object_starts;  // where each open object's keys begin
  std::optional<std::string> duplicate;    // the repeated key, after a failure

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) {
    object_starts.push_back(keys.size());
    return true;
  }
  bool on_object_end(std::size_t n, boost::system::error_code& ec) {
    const auto begin = keys.begin() + static_cast<std::ptrdiff_t>(object_starts.back());
    object_starts.pop_back();
    std::sort(begin, keys.end());
    if (const auto twice = std::adjacent_find(begin, keys.end()); twice != keys.end()) {
      duplicate = std::string(*twice);
      ec = json::error::input_error;
      return false;
    }
    keys.erase(begin, keys.end());
    stack.push_object(n);
    return true;
  }
  bool on_array_begin(boost::system::error_code&) { return true; }
  bool on_array_end(std::size_t n, boost::system::error_code&) {
    stack.push_array(n);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
    key.append(s.data(), s.size());
    stack.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, boost::system::error_code&) {
    // std::less: comparing pointers into different arrays is otherwise unspecified.
    const std::less<const char*> before;
    const bool in_input = key.empty() && !before(s.data(), input.data()) &&
                          !before(input.data() + input.size(), s.data() + s.size());
    if (in_input) {
      keys.emplace_back(s.data(), s.size());
    } else {  // escaped, or in parts: Boost.JSON's buffer for it is reused
      key.append(s.data(), s.size());
      keys.push_back(escaped_keys.emplace_back(std::move(key)));
      key.clear();
    }
    stack.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, boost::system::error_code&) {
    stack.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, boost::system::error_code&) {
    stack.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view s, boost::system::error_code&) {
    number.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view, boost::system::error_code&) {
    number.clear();
    stack.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, boost::system::error_code&) {
    number.clear();
    stack.push_uint64(u);
    return true;
  }
  bool on_double(double d, json::string_view s, boost::system::error_code&) {
    number.append(s.data(), s.size());
    double precise = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), precise);
    // Out of range (1e400): keep Boost's infinity, which readers refuse.
    if (ec == std::errc() && end == number.data() + number.size()) d = precise;
    number.clear();
    stack.push_double(d);
    return true;
  }
  bool on_bool(bool b, boost::system::error_code&) {
    stack.push_bool(b);
    return true;
  }
  bool on_null(boost::system::error_code&) {
    stack.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(json::string_view, boost::system::error_code&) { return true; }
};

std::string format_number(double d) {
  std::string scratch;
  JsonWriter(scratch).number(d);
  return scratch;
}

}  // namespace

std::string Path::to_string() const {
  std::vector<const Path*> chain;
  for (const Path* p = this; p->parent_ != nullptr; p = p->parent_) chain.push_back(p);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if ((*it)->is_index_) append_path_index(out, (*it)->index_);
    else append_path_key(out, (*it)->key_);
  }
  return out;
}

void Path::fail(std::string_view message) const { throw Error(path_message(to_string(), message)); }

json::value parse_document(std::string_view text) {
  // Default options: strict JSON, no comments, no trailing commas.
  json::basic_parser<StrictHandler> parser{json::parse_options(), text};
  StrictHandler& handler = parser.handler();
  // One arena for the whole document, freed with it: a node-per-allocation
  // DOM costs more than the parse itself.
  handler.stack.reset(json::make_shared_resource<json::monotonic_resource>());
  boost::system::error_code ec;
  const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) ec = json::error::extra_data;
  if (ec) {
    // Boost.JSON refuses invalid UTF-8 (overlong forms and surrogates too) but
    // only calls it a "syntax error": say what is wrong.
    if (const std::size_t bad = utf8::find_invalid(text); bad != text.size()) {
      throw Error("invalid UTF-8 at byte " + std::to_string(bad));
    }
    std::string message = "invalid JSON at byte " + std::to_string(consumed) + ": ";
    if (handler.duplicate) {
      message += "duplicate key ";
      JsonWriter(message).string(*handler.duplicate);
    } else {
      message += ec.message();
    }
    throw Error(message);
  }
  return handler.stack.release();
}

const json::object& read_object(const json::value& v, const Path& path) {
  if (const json::object* object = v.if_object()) return *object;
  expected(v, path, "an object");
}

const json::array& read_array(const json::value& v, const Path& path) {
  if (const json::array* array = v.if_array()) return *array;
  expected(v, path, "an array");
}

std::string read_string(const json::value& v, const Path& path) {
  if (const json::string* s = v.if_string()) return std::string(s->data(), s->size());
  expected(v, path, "a string");
}

bool read_bool(const json::value& v, const Path& path) {
  if (const bool* b = v.if_bool()) return *b;
  expected(v, path, "true or false");
}

double read_number(const json::value& v, const Path& path) {
  if (!v.is_number()) expected(v, path, "a number");
  const double d = v.to_number<double>();
  // Boost.JSON reads 1e400 as infinity.
  if (!std::isfinite(d)) path.fail("expected a finite number");
  return d;
}

double read_number(const json::value& v, const Path& path, double min, double max) {
  const double d = read_number(v, path);
  if (d < min || d > max) {
    path.fail("expected a number from " + format_number(min) + " to " + format_number(max) +
              ", got " + format_number(d));
  }
  return d;
}

std::int64_t read_integer(const json::value& v, const Path& path, std::int64_t min,
                          std::int64_t max) {
  const std::string range = "expected a whole number from " + std::to_string(min) + " to " +
                            std::to_string(max);
  std::int64_t i = 0;
  if (const std::int64_t* p = v.if_int64()) {
    i = *p;
  } else if (v.is_uint64()) {
    path.fail(range);  // above INT64_MAX, so above any max
  } else if (const double* d = v.if_double()) {
    // 0x1p63 is exactly 2^63; anything from there on does not fit.
    if (!(*d >= -0x1p63 && *d < 0x1p63) || std::trunc(*d) != *d) path.fail(range);
    i = static_cast<std::int64_t>(*d);
  } else {
    expected(v, path, "a whole number");
  }
  if (i < min || i > max) path.fail(range + ", got " + std::to_string(i));
  return i;
}

Money read_money(const json::value& v, const Path& path, bool allow_negative) {
  std::optional<Money> money;
  if (const std::int64_t* i = v.if_int64()) {
    // Every integer within the range is exactly a double (money.hpp).
    money = Money::from_yuan_checked(static_cast<double>(*i));
    if (!money) path.fail("amount out of range");
  } else if (v.is_uint64()) {
    path.fail("amount out of range");
  } else if (const double* d = v.if_double()) {
    if (!std::isfinite(*d)) path.fail("expected a finite amount");
    // Within the range a double is exact to well under half a fen, so
    // rounding recovers the amount the writer meant; a third decimal rounds.
    money = Money::from_yuan_checked(*d);
    if (!money) path.fail("amount out of range");
  } else {
    expected(v, path, "an amount in yuan");
  }
  if (*money < Money() && !allow_negative) path.fail("expected an amount of at least 0");
  return *money;
}

std::optional<Money> read_optional_money(const json::value& v, const Path& path) {
  if (v.is_null()) return std::nullopt;
  return read_money(v, path);
}

std::uint64_t read_uint64(const json::value& v, const Path& path) {
  constexpr std::string_view kExpected = "expected a whole number from 0 to 18446744073709551615";
  if (const json::string* s = v.if_string()) {
    std::uint64_t n = 0;
    const char* end = s->data() + s->size();
    const bool digits_only = !s->empty() && s->find_first_not_of("0123456789") == json::string::npos;
    const auto [ptr, ec] = std::from_chars(s->data(), end, n);
    if (!digits_only || ec != std::errc() || ptr != end) path.fail(kExpected);
    return n;
  }
  if (const std::int64_t* i = v.if_int64()) {
    if (*i < 0) path.fail(kExpected);
    return static_cast<std::uint64_t>(*i);
  }
  if (const std::uint64_t* u = v.if_uint64()) return *u;
  if (v.is_double()) path.fail(std::string(kExpected) + " (write it as a string to keep it exact)");
  expected(v, path, "a whole number");
}

void unknown_key(std::string_view key, const Path& path,
                 std::span<const std::string_view> known) {
  std::string message = "unknown key";
  if (std::string close = util::closest_word(key, known); !close.empty()) {
    message += " (did you mean \"" + close + "\"?)";
  }
  (path / key).fail(message);
}

}  // namespace parley::io
