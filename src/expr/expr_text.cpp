#include "expr/expr_text.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace parley::expr {
namespace {

void append_number(double number, std::string& out) {
  // Six decimals hide binary noise (169 * 0.9 = 152.10000000000002) that a
  // buyer must never see. Up to 1e12 the scaled value fits an int64 and
  // prints without a format call; beyond that (no price) fmt's shortest form.
  if (!std::isfinite(number) || std::fabs(number) >= 1e12) {
    char buffer[64];
    const auto result = fmt::format_to_n(buffer, sizeof buffer, "{}", number);
    out.append(buffer, std::min(result.size, sizeof buffer));
    return;
  }
  const long long scaled = std::llround(number * 1e6);
  const unsigned long long magnitude = scaled < 0 ? -static_cast<unsigned long long>(scaled) : scaled;
  if (scaled < 0) out += '-';
  const fmt::format_int whole(magnitude / 1000000);
  out.append(whole.data(), whole.size());
  unsigned long long fraction = magnitude % 1000000;
  if (fraction == 0) return;
  char digits[6];
  int length = 6;
  for (int i = 5; i >= 0; --i, fraction /= 10) digits[i] = static_cast<char>('0' + fraction % 10);
  while (digits[length - 1] == '0') --length;
  out += '.';
  out.append(digits, length);
}

}  // namespace

std::string shorten(std::string_view text) {
  constexpr std::size_t kLimit = 32;
  if (text.size() <= kLimit) return std::string(text);
  std::size_t cut = kLimit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string join_limited(const std::vector<std::string>& items, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  if (items.size() > limit) out += ", ...";
  return out;
}

std::string closest_of(const std::vector<std::string>& items, std::string_view name) {
  return util::closest_word(name, items);
}

void append_value(const Value& value, std::string& out, Style style) {
  switch (value.type) {
    case Type::null:
      if (style == Style::explain) out += "null";
      return;
    case Type::boolean: out += value.boolean ? "true" : "false"; return;
    case Type::number: append_number(value.number, out); return;
    case Type::string:
      if (style == Style::explain) out += '"';
      out += value.string;
      if (style == Style::explain) out += '"';
      return;
    case Type::list:
      out += '[';
      for (std::size_t i = 0; i < value.list.size(); ++i) {
        if (i > 0) out += ", ";
        append_value(value.list[i], out, style);
      }
      out += ']';
      return;
  }
}

}  // namespace parley::expr
