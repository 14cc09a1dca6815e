#include "io/json_writer.hpp"

#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "io/json_path.hpp"
#include "parley/error.hpp"
#include "util/utf8.hpp"

namespace parley::io {
namespace {

constexpr char kHex[] = "0123456789abcdef";

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
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      char32_t cp;
      const std::size_t length = utf8::decode(text, i, &cp);
      if (length == 0) fail("invalid UTF-8 at byte " + std::to_string(i));
      i += length;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out_.append(text.data() + run, i - run);
    out_ += '\\';
    switch (c) {
      case '"': out_ += '"'; break;
      case '\\': out_ += '\\'; break;
      case '\n': out_ += 'n'; break;
      case '\r': out_ += 'r'; break;
      case '\t': out_ += 't'; break;
      case '\b': out_ += 'b'; break;
      case '\f': out_ += 'f'; break;
      default:
        out_ += "u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xf];
    }
    run = ++i;
  }
  out_.append(text.data() + run, text.size() - run);
  out_ += '"';
}

void JsonWriter::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

void JsonWriter::number(double d) {
  before_value();
  if (!std::isfinite(d)) fail("not a finite number");
  if (d == 0) d = 0;  // -0 reads back as 0; write it so
  // fmt writes the shortest text that reads back as the same double ("0.15",
  // "150", "1e+20"), all of it valid JSON.
  fmt::format_to(std::back_inserter(out_), "{}", d);
}

void JsonWriter::number(float f) {
  before_value();
  if (!std::isfinite(f)) fail("not a finite number");
  if (f == 0) f = 0;
  fmt::format_to(std::back_inserter(out_), "{}", f);  // 0.9f as "0.9"
}

void JsonWriter::integer(std::int64_t i) {
  before_value();
  fmt::format_to(std::back_inserter(out_), "{}", i);
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
