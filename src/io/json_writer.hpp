// io/json_writer.hpp: compact JSON appended straight to a string.
//
// Writing through a Boost.JSON DOM would allocate a node per value; the
// suggestions of every message go out as JSON, so the writer appends to the
// caller's buffer instead. Keys come out in the order written, so output is
// deterministic.
//
// The writer remembers where it is (keys and array indices), so that a value
// JSON cannot carry is a parley::Error naming its path, e.g.
// "history[2].text: invalid UTF-8 at byte 5". Such values are strings that are
// not UTF-8, non-finite numbers, and money beyond kMaxMoneyFen (which the
// reader could not read back exactly).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/money.hpp"

namespace parley::io {

// The largest amount, in fen, that JSON carries exactly: Money's conversion
// range (10^12 yuan). Below it every amount with at most two decimals
// survives the trip through a double.
inline constexpr std::int64_t kMaxMoneyFen = Money::kMaxFen;

class JsonWriter {
 public:
  // Appends to out, which the writer does not own.
  explicit JsonWriter(std::string& out) : out_(out) {
    frames_.reserve(8);
    out_.reserve(out_.size() + 1024);  // most documents: one allocation
  }

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // Returns *this, for w.key("offer").money(offer).
  JsonWriter& key(std::string_view name);

  void string(std::string_view text);
  void boolean(bool b);
  void number(double d);
  void number(float f);
  void integer(std::int64_t i);
  void money(Money m);
  void money(const std::optional<Money>& m);
  void null();

 private:
  struct Frame {
    bool is_array = false;
    std::size_t count = 0;  // elements written so far
    std::string_view key;   // the current key, in an object
  };

  void before_value();
  void quote(std::string_view text);  // escaped, between quotes
  template <class Number>
  void shortest(Number n);
  [[noreturn]] void fail(std::string_view message) const;

  std::string& out_;
  std::vector<Frame> frames_;
  bool after_key_ = false;
};

}  // namespace parley::io
