// io/json_reader.hpp: reading typed values out of a parsed JSON document.
//
// Every reader takes the value and its Path and either returns the C++ value
// or throws parley::Error naming the path and what was expected:
// "history[2].speaker: expected \"buyer\" or \"seller\"". Paths are a chain of
// stack frames, so naming a place costs nothing until something is wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "parley/money.hpp"

namespace parley::io {

// Where a value sits in the document. A Path refers to its parent, so it lives
// on the stack of the function reading that value.
class Path {
 public:
  Path() = default;  // the document itself

  Path operator/(std::string_view key) const { return Path(this, key, 0, false); }
  Path operator/(std::size_t index) const { return Path(this, {}, index, true); }

  std::string to_string() const;
  [[noreturn]] void fail(std::string_view message) const;

 private:
  Path(const Path* parent, std::string_view key, std::size_t index, bool is_index)
      : parent_(parent), key_(key), index_(index), is_index_(is_index) {}

  const Path* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

// Parses a whole document: strict JSON (no comments, no trailing commas),
// valid UTF-8, nesting at most 32 deep, no key twice in one object, numbers
// read to the nearest double. Throws "invalid JSON at byte N: ..." or
// "invalid UTF-8 at byte N".
boost::json::value parse_document(std::string_view json);

const boost::json::object& read_object(const boost::json::value& v, const Path& path);
const boost::json::array& read_array(const boost::json::value& v, const Path& path);
std::string read_string(const boost::json::value& v, const Path& path);
bool read_bool(const boost::json::value& v, const Path& path);
// Any finite number.
double read_number(const boost::json::value& v, const Path& path);
double read_number(const boost::json::value& v, const Path& path, double min, double max);
// A whole number in [min, max]; 3.0 counts as 3.
std::int64_t read_integer(const boost::json::value& v, const Path& path, std::int64_t min,
                          std::int64_t max);
// Yuan, rounded to the nearest fen; within ±kMaxMoneyFen, and not negative
// unless allowed.
Money read_money(const boost::json::value& v, const Path& path, bool allow_negative = false);
// null is "none".
std::optional<Money> read_optional_money(const boost::json::value& v, const Path& path);
// A decimal string ("18446744073709551615", exact) or a non-negative integer.
std::uint64_t read_uint64(const boost::json::value& v, const Path& path);

// Throws "unknown key", with "did you mean" when one of `known` is close.
[[noreturn]] void unknown_key(std::string_view key, const Path& path,
                              std::span<const std::string_view> known);

}  // namespace parley::io
