// Fuzz target: the text part on arbitrary bytes. normalize() either throws
// parley::Error (invalid UTF-8) or returns text whose origin map has one
// entry a byte plus the end, rising, within the input; extract_mentions() and
// parse_number() never fail on what normalize() returns.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parley/error.hpp"
#include "parley/money.hpp"
#include "parley/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)parley::parse_number(input);
  parley::NormalizedText text;
  try {
    parley::normalize(input, text);
  } catch (const parley::Error&) {
    return 0;
  }
  if (text.origin.size() != text.text.size() + 1 || text.origin.back() != input.size()) std::abort();
  for (std::size_t i = 1; i < text.origin.size(); ++i) {
    if (text.origin[i] < text.origin[i - 1]) std::abort();
  }
  (void)parley::parse_number(text.text);
  for (const parley::Mention& m : parley::extract_mentions(text)) {
    if (m.start > m.end || m.end > input.size()) std::abort();
    if (!(m.confidence > 0 && m.confidence <= 1)) std::abort();
    if (!std::isfinite(m.value) || !std::isfinite(m.value2)) std::abort();
    // A price the buyer offers is always an amount Money converts.
    if (m.is_offer() && !parley::Money::from_yuan_checked(m.value)) std::abort();
  }
  if (const auto found = parley::find_number(input); found && (found->start > found->end || found->end > input.size())) {
    std::abort();
  }
  return 0;
}
