#include "util/strings.hpp"

#include <algorithm>
#include <vector>

namespace parley::util {

int edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and
  // swaps of two neighbours (scroe -> score) each cost one.
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

namespace {

template <typename Candidates>
std::string closest(std::string_view word, const Candidates& candidates) {
  // A typo changes a few characters; more than a third of the word is a
  // different word, and suggesting it would only confuse.
  int limit = std::max<int>(2, static_cast<int>(word.size()) / 3);
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
