#include "util/strings.hpp"

#include <algorithm>
#include <vector>

namespace parley::util {

int edit_distance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

namespace {

template <typename Candidates>
std::string closest(std::string_view word, const Candidates& candidates) {
  int limit = std::max<int>(1, static_cast<int>(word.size()) / 3);
  std::string_view best;
  int best_distance = limit + 1;
  for (std::string_view candidate : candidates) {
    int d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return std::string(best);
}

}  // namespace

std::string closest_word(std::string_view word, std::span<const std::string_view> candidates) {
  return closest(word, candidates);
}

std::string closest_word(std::string_view word, std::span<const std::string> candidates) {
  return closest(word, candidates);
}

int utf8_length(std::string_view text, std::size_t bytes) {
  bytes = std::min(bytes, text.size());
  int count = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace parley::util
