#include "io/json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "io/json_path.hpp"
#include "parley/error.hpp"
#include "util/utf8.hpp"

namespace parley::io {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Bytes JSON does not allow raw in a string: control characters, '"', '\\'.
constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  table['"'] = table['\\'] = true;
  return table;
}();

// Whether the 8 bytes at p are all ASCII that JSON allows raw (so the common
// case costs a few instructions per 8 bytes instead of per byte).
bool plain_ascii(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHigh = 0x8080808080808080;
  // The classic SWAR tests: (x - 0x0101..) & ~x & 0x8080.. is non-zero
  // exactly when some byte of x is 0, and with 0x2020.. in place of 0x0101..
  // when some byte is below 0x20. A byte equals c when that byte of w ^ c.. is 0.
  const auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const std::uint64_t control = (w - kOnes * 0x20) & ~w & kHigh;
  return ((w & kHigh) | control | has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\'))) == 0;
}

}  // namespace

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!frames_.empty()) {
    Frame& frame = frames_.back();
    if (frame.count++ > 0) out_ += ',';
  }
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  frames_.push_back(Frame{});
}

void JsonWriter::end_object() {
  out_ += '}';
  frames_.pop_back();
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  frames_.push_back(Frame{.is_array = true, .count = 0, .key = {}});
}

void JsonWriter::end_array() {
  out_ += ']';
  frames_.pop_back();
}

JsonWriter& JsonWriter::key(std::string_view name) {
  Frame& frame = frames_.back();
  if (frame.count++ > 0) out_ += ',';
  frame.key = name;
  quote(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

void JsonWriter::string(std::string_view text) {
  before_value();
  quote(text);
}

void JsonWriter::quote(std::string_view text) {
  out_ += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.size() - i >= 8 && plain_ascii(text.data() + i)) {
      i += 8;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      char32_t cp;
      const std::size_t length = utf8::decode(text, i, &cp);
      if (length == 0) fail("invalid UTF-8 at byte " + std::to_string(i));
      i += length;
      continue;
    }
    if (!kNeedsEscape[c]) {
      ++i;
      continue;
    }
    out_.append(text.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      default: {
        const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
        out_.append(escape, sizeof escape);
      }
    }
  }
  out_.append(text.data() + run, text.size() - run);
  out_ += '"';
}

void JsonWriter::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

// fmt writes the shortest text that reads back as the same value ("0.15",
// "150", "1e+20"; 0.9f as "0.9"), all of it valid JSON.
template <class Number>
void JsonWriter::shortest(Number n) {
  before_value();
  if (!std::isfinite(n)) fail("not a finite number");
  if (n == 0) n = 0;  // -0 reads back as 0; write it so
  char buffer[32];
  out_.append(buffer, fmt::format_to_n(buffer, sizeof buffer, "{}", n).out);
}

void JsonWriter::number(double d) { shortest(d); }
void JsonWriter::number(float f) { shortest(f); }

void JsonWriter::integer(std::int64_t i) {
  before_value();
  char buffer[24];
  out_.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, i).ptr);
}

void JsonWriter::money(Money m) {
  before_value();
  if (m.fen() > kMaxMoneyFen || m.fen() < -kMaxMoneyFen) {
    fail("amount beyond what JSON carries exactly (1000000000000 yuan)");
  }
  out_ += m.to_string();  // yuan, "150.5": a JSON number
}

void JsonWriter::money(const std::optional<Money>& m) {
  if (m) money(*m);
  else null();
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

void JsonWriter::fail(std::string_view message) const {
  std::string path;
  for (const Frame& frame : frames_) {
    if (frame.is_array) append_path_index(path, frame.count - 1);
    else append_path_key(path, frame.key);
  }
  throw Error(path_message(path, message));
}

}  // namespace parley::io
