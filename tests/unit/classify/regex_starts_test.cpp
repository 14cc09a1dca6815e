#include <doctest/doctest.h>

#include <random>
#include <regex>
#include <string>
#include <vector>

#include "classify/regex_starts.hpp"

using parley::classify::RegexStarts;

namespace {

// Every place std::regex finds a match of pattern in text (at every start,
// overlapping or not) must be a place RegexStarts lets the matcher try.
void check_superset(const std::string& pattern, const std::vector<std::string>& texts) {
  const RegexStarts starts = RegexStarts::of(pattern);
  const std::regex re(pattern, std::regex::ECMAScript);
  for (const std::string& text : texts) {
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
      auto flags = std::regex_constants::match_continuous;
      if (pos > 0) flags |= std::regex_constants::match_prev_avail;
      std::cmatch m;
      if (!std::regex_search(text.data() + pos, text.data() + text.size(), m, re, flags)) continue;
      INFO("pattern " << pattern << " text " << text << " at " << pos);
      CHECK(starts.may_begin(text, pos));
    }
  }
}

// The words the patterns below are made of, glued at random.
std::vector<std::string> random_texts(std::uint32_t seed) {
  const std::vector<std::string> pieces = {"不", "会", "吧", "是", "40", "元", "吗", "满", "300", "减", "30",
                                           "买", "2", "件", "少", "便宜", "我", "那", "就", "要", "码", "43",
                                           ".5", ",", "?", "x", "天了", "给我", "个", "扣", "的", "区别"};
  std::mt19937 rng(seed);
  std::vector<std::string> texts;
  for (int t = 0; t < 300; ++t) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    texts.push_back(text);
  }
  return texts;
}

}  // namespace

TEST_CASE("regex starts: a literal prefix is the whole character, or more") {
  const RegexStarts s = RegexStarts::of("不会.{1,18}吧");
  CHECK_FALSE(s.anywhere);
  CHECK(s.may_begin("不会吧", 0));
  CHECK_FALSE(s.may_begin("不是吧", 0));  // same first bytes as 不会, not the same prefix
  CHECK_FALSE(s.may_begin("太贵了", 0));
}

TEST_CASE("regex starts: alternatives, optional parts, classes and anchors") {
  const RegexStarts a = RegexStarts::of("(^|,|再)(少|便宜)\\d+");
  CHECK(a.at_begin);
  CHECK(a.may_begin("少10", 0));
  CHECK(a.may_begin("x,少10", 1));
  CHECK(a.may_begin("x再少10", 1));
  CHECK_FALSE(a.may_begin("x少10", 1));  // only at the start, after a comma or 再

  const RegexStarts b = RegexStarts::of("(不|没)?[0-9]+天了");
  CHECK(b.may_begin("3天了", 0));
  CHECK(b.may_begin("没3天了", 0));
  CHECK_FALSE(b.may_begin("天了", 0));

  // 我? makes only the last byte of 我 optional, as std::regex reads bytes.
  const RegexStarts c = RegexStarts::of("我?要");
  CHECK(c.may_begin(std::string("我", 2) + "要", 0));
}

TEST_CASE("regex starts: what the analysis does not follow is tried everywhere") {
  for (const char* pattern : {".*贵", "[^a]x", "(?=a)a", "(a)\\1", "\\s*x", "a*", "x|", "(", "a{2", "$"}) {
    INFO(pattern);
    CHECK(RegexStarts::of(pattern).anywhere);
  }
}

TEST_CASE("regex starts: every match std::regex finds begins where the starts allow") {
  const std::vector<std::string> patterns = {
      "不(送|到|发|给|行|包邮|便宜).{0,18}(退了|不要了)",
      "(不|没)(能|肯)?(便宜|优惠|打折|降)",
      "(^|,|再|能|可以|就|给我)(少|便宜|让|减)(个)?(\\d+|(一|二|两|三|四|五|六|七|八|九|十)+(块|元))",
      "[0-9]+天了",
      "不会.{1,18}吧",
      "\\d\\d(\\.5)?码",
      "满\\d+(元|块)?(还|再|就)?减",
      "买\\d+(份|件|个|包|盒|套)(少|减|送)\\d",
      "是\\d+(\\.\\d+)?(元|块)?(吗|么|嘛)",
      "不是.{0,24}\\d",
      "\\d+的.{0,40}区别",
      "^\\d*(个|件|包|袋|盒|份|套|双|瓶|罐|箱|支|只|斤)多少",
      "^(那|好)?(我)?(就|还是)?(买|要|来)[^?,]{1,30}吧",
      "我?要",
      "[a-c\\d,]x+",
      "(?:是|的)+\\.?x",
  };
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    const std::vector<std::string> texts = random_texts(seed);
    for (const std::string& pattern : patterns) check_superset(pattern, texts);
  }
}
