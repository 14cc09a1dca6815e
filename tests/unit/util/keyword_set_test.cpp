#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "util/keyword_set.hpp"

using parley::util::KeywordSet;

namespace {

using Occurrence = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;  // keyword, start, end

std::vector<Occurrence> naive_matches(const std::vector<std::string>& keywords, std::string_view text) {
  std::vector<Occurrence> out;
  for (std::uint32_t k = 0; k < keywords.size(); ++k) {
    for (auto pos = text.find(keywords[k]); pos != std::string_view::npos;
         pos = text.find(keywords[k], pos + 1)) {
      out.emplace_back(k, pos, pos + keywords[k].size());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Occurrence> fast_matches(const KeywordSet& set, std::string_view text) {
  std::vector<KeywordSet::Match> matches;
  set.match(text, matches);
  CHECK(std::is_sorted(matches.begin(), matches.end(),
                       [](const auto& a, const auto& b) { return a.end < b.end; }));
  std::vector<Occurrence> out;
  for (const auto& m : matches) out.emplace_back(m.keyword, m.start, m.end);
  std::sort(out.begin(), out.end());
  return out;
}

KeywordSet compiled(const std::vector<std::string>& keywords) {
  KeywordSet set;
  for (const auto& k : keywords) REQUIRE(set.add(k) >= 0);
  set.compile();
  return set;
}

// A small alphabet makes overlaps, nesting and shared prefixes frequent.
const std::vector<std::string> kAlphabet = {"a", "b", "c", "太", "贵", "便", "宜", "点", "不", "，"};

std::string random_string(std::mt19937& rng, int max_units, bool raw_bytes) {
  std::string out;
  int units = std::uniform_int_distribution<int>(1, max_units)(rng);
  for (int i = 0; i < units; ++i) {
    if (raw_bytes && rng() % 8 == 0) {
      out += static_cast<char>(rng() & 0xff);  // a stray byte, maybe half a character
    } else {
      out += kAlphabet[rng() % kAlphabet.size()];
    }
  }
  return out;
}

}  // namespace

TEST_CASE("KeywordSet reports overlapping and nested keywords") {
  std::vector<std::string> keywords = {"太贵", "贵了", "太贵了", "便宜点", "便宜", "宜", "太贵"};
  KeywordSet set = compiled(keywords);
  std::string text = "太贵了吧，便宜点";
  CHECK(fast_matches(set, text) == naive_matches(keywords, text));
  CHECK(fast_matches(set, text).size() == 7);  // 太贵 twice (added twice), 贵了, 太贵了, 便宜, 宜, 便宜点
}

TEST_CASE("KeywordSet reports longer keywords first among those ending together") {
  KeywordSet set = compiled({"贵", "太贵", "b", "abb"});
  std::vector<KeywordSet::Match> matches;
  set.match("太贵abb", matches);
  REQUIRE(matches.size() == 5);
  CHECK(matches[0].keyword == 1);
  CHECK(matches[1].keyword == 0);
  CHECK(matches[2].keyword == 2);
  CHECK(matches[3].keyword == 3);
  CHECK(matches[4].keyword == 2);
  CHECK(matches[3].start == 6);
  CHECK(matches[3].end == 9);
}

TEST_CASE("KeywordSet refuses empty keywords and keywords after compile") {
  KeywordSet set;
  CHECK(set.add("") == -1);
  CHECK(set.add("贵") == 0);
  set.compile();
  CHECK(set.add("便宜") == -1);
  CHECK(set.size() == 1);
  std::vector<KeywordSet::Match> matches;
  set.match("", matches);
  CHECK(matches.empty());
}

TEST_CASE("KeywordSet before compile and with no keywords matches nothing") {
  std::vector<KeywordSet::Match> matches{{1, 2, 3}};
  KeywordSet fresh;
  fresh.add("a");
  fresh.match("aaa", matches);
  CHECK(matches.empty());
  KeywordSet empty;
  empty.compile();
  empty.match("aaa太贵", matches);
  CHECK(matches.empty());
}

TEST_CASE("KeywordSet agrees with std::string::find on random keyword sets and texts") {
  std::mt19937 rng(20240611);
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> keywords;
    int count = std::uniform_int_distribution<int>(1, 40)(rng);
    for (int i = 0; i < count; ++i) keywords.push_back(random_string(rng, 4, round % 3 == 0));
    KeywordSet set = compiled(keywords);
    for (int t = 0; t < 10; ++t) {
      std::string text = random_string(rng, 60, round % 2 == 0);
      REQUIRE(fast_matches(set, text) == naive_matches(keywords, text));
    }
  }
}

TEST_CASE("KeywordSet handles every byte value, NUL included") {
  std::vector<std::string> keywords;
  for (int b = 0; b < 256; ++b) keywords.push_back(std::string(1, static_cast<char>(b)) + "x");
  keywords.push_back(std::string("\0\0", 2));
  KeywordSet set = compiled(keywords);
  std::string text;
  for (int b = 255; b >= 0; --b) text += std::string(1, static_cast<char>(b)) + "xx";
  text += std::string("\0\0\0", 3);
  CHECK(fast_matches(set, text) == naive_matches(keywords, text));
}
