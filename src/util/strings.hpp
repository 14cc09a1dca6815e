// Small string helpers shared by the parts: edit distance for "did you
// mean", UTF-8 aware column counting for diagnostics.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace parley::util {

// Edit distance over bytes, a swap of neighbours counting one (good enough
// for ASCII keys and names).
int edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, or "" when none is close enough to be a
// plausible typo (distance at most a third of the word's length, at least 2).
std::string closest_word(std::string_view word, std::span<const std::string_view> candidates);
std::string closest_word(std::string_view word, std::span<const std::string> candidates);

// Number of UTF-8 characters in the first `bytes` bytes of `text`.
int utf8_length(std::string_view text, std::size_t bytes);

// The position of the first ASCII digit at or after `from`, or text.size().
// Messages and replies are mostly bytes of Chinese characters, and the hot
// path looks for numbers in them: sixteen bytes at a time with SSE2 (a byte
// b is a digit when b - '0' is at most 9 unsigned), else eight at a time
// ("has a byte between" from the well-known bit hacks); exact for bytes of
// any value.
inline std::size_t find_ascii_digit(std::string_view text, std::size_t from = 0) {
  std::size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i offset = _mm_sub_epi8(bytes, _mm_set1_epi8('0'));
    const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(offset, _mm_set1_epi8(9)), offset);
    if (const int mask = _mm_movemask_epi8(digit); mask != 0) return i + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(mask)));
  }
#endif
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kLow7 = kOnes * 127;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    const std::uint64_t low = x & kLow7;
    if (((kOnes * (127 + '9' + 1) - low) & ~x & (low + kOnes * (127 - ('0' - 1))) & (kOnes * 128)) != 0) break;
  }
  while (i < text.size() && (text[i] < '0' || text[i] > '9')) ++i;
  return i;
}

}  // namespace parley::util
