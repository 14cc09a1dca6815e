// normalize(): folding, dropping, the origin map, and what invalid or random
// bytes do (an Error with the offset for invalid UTF-8, never a crash).
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "parley/error.hpp"
#include "parley/text.hpp"
#include "util/utf8.hpp"

namespace parley {
namespace {

TEST_CASE("full-width forms, Chinese punctuation and case fold to ASCII") {
  CHECK(normalize("ＡＢＣ１２３").text == "abc123");
  CHECK(normalize("１５０元，行吗？").text == "150元,行吗?");
  CHECK(normalize("好。（包邮）：是；！").text == "好.(包邮):是;!");
  CHECK(normalize("￥１５０").text == "¥150");
  CHECK(normalize("XL码").text == "xl码");
  CHECK(normalize("一百五十块").text == "一百五十块");  // Chinese kept as it is
}

TEST_CASE("spaces go, except one between two ASCII words or numbers") {
  CHECK(normalize("  亲 150　包邮 吗  ").text == "亲150包邮吗");
  CHECK(normalize("iphone   13").text == "iphone 13");
  CHECK(normalize("\t\n").text.empty());
}

TEST_CASE("emoji, variation selectors, joiners and repeated punctuation are dropped") {
  CHECK(normalize("好😀的👍🏻").text == "好的");
  CHECK(normalize("❤️👨‍👩‍👧行").text == "行");
  CHECK(normalize("太贵了！！！？？？").text == "太贵了!?");
  CHECK(normalize("嗯。。。……").text == "嗯.…");
  CHECK(normalize("a\u200Bb").text == "ab");
}

TEST_CASE("origin maps every normalised byte back to its character in the original") {
  const std::string original = "😀ＯＫ，１５０元";
  const NormalizedText n = normalize(original);
  REQUIRE(n.text == "ok,150元");
  REQUIRE(n.origin.size() == n.text.size() + 1);
  CHECK(n.origin.back() == original.size());
  CHECK(n.original == original);
  CHECK(n.origin[0] == 4);                      // 'o' came from Ｏ after the emoji
  CHECK(n.origin[3] == 13);                     // '1' from １
  CHECK(n.origin[6] == original.find("元"));   // each byte of 元 maps to its start
  CHECK(n.origin[8] == original.find("元"));
}

// normalize(text) throws an Error that names the byte offset.
void check_error_at(const std::string& text, std::size_t offset) {
  CAPTURE(text);
  try {
    normalize(text);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("at byte " + std::to_string(offset)) != std::string::npos);
  }
}

TEST_CASE("invalid UTF-8 is an Error naming the byte offset") {
  const std::string bad[] = {std::string("ab\xff", 3), std::string("好\xe5\xa5", 5), std::string("\xc0\xaf"),
                             std::string("\xed\xa0\x80"), std::string("\xf4\x90\x80\x80")};
  const std::size_t offsets[] = {2, 3, 0, 0, 0};
  for (std::size_t k = 0; k < std::size(bad); ++k) check_error_at(bad[k], offsets[k]);
  CHECK(normalize("").text.empty());
}

TEST_CASE("ideographs are copied whole, and a broken one is still an Error at its offset") {
  // U+4DB5 (extension A, lead byte E4) and U+9FA5 (lead byte E9) bound the run
  // that is copied undecoded; U+3400 (E3) and U+A000 (EA) are decoded.
  const NormalizedText text = normalize("\u4DB5\u9FA5 \u3400\uA000 x好");
  CHECK(text.text == "\u4DB5\u9FA5\u3400\uA000x好");
  const std::vector<std::uint32_t> origin = {0, 0, 0, 3, 3, 3, 7, 7, 7, 10, 10, 10, 14, 15, 15, 15, 18};
  CHECK(text.origin == origin);
  const std::string bad[] = {std::string("好\xe5\xa5\x41", 6), std::string("好\xe5\x41\xa5", 6),
                             std::string("好好\xe9\xbf", 8)};
  const std::size_t offsets[] = {3, 3, 6};
  for (std::size_t k = 0; k < std::size(bad); ++k) check_error_at(bad[k], offsets[k]);
}

TEST_CASE("runs of ideographs of every length map each byte to the start of its character") {
  // Runs are filled four characters at a time and then one at a time: cover
  // both parts and every remainder, between ASCII on both sides.
  const std::string ideographs = "一丁七万丈三上下不与丐丑专且丕世丘丙业丛";
  for (std::size_t count = 1; count * 3 <= ideographs.size(); ++count) {
    CAPTURE(count);
    const std::string run = ideographs.substr(0, count * 3);
    const NormalizedText n = normalize("a " + run + "B");
    REQUIRE(n.text == "a" + run + "b");
    std::vector<std::uint32_t> origin = {0};
    for (std::uint32_t k = 0; k < run.size(); ++k) origin.push_back(2 + k - k % 3);
    origin.push_back(static_cast<std::uint32_t>(2 + run.size()));
    origin.push_back(static_cast<std::uint32_t>(3 + run.size()));
    CHECK(n.origin == origin);
  }
}

TEST_CASE("extract_mentions on any bytes with a plain origin map: spans stay inside the text") {
  std::mt19937_64 rng(99);
  const std::string alphabet[] = {"一", "百", "元", "满", "减", "少", "双", "号", "第", "抹", "零", "块",
                                  "1", "5", "0", "k", "x", "l", "A", ".", "/", "\xff", "\xe4", "\xb8"};
  std::vector<Mention> mentions;
  for (int k = 0; k < 5000; ++k) {
    NormalizedText text;
    const int length = static_cast<int>(rng() % 20);
    for (int j = 0; j < length; ++j) text.original += alphabet[rng() % std::size(alphabet)];
    text.text = text.original;
    for (std::uint32_t b = 0; b <= text.original.size(); ++b) text.origin.push_back(b);
    CAPTURE(text.original);
    extract_mentions(text, mentions);
    for (const Mention& m : mentions) {
      REQUIRE(m.start <= m.end);
      REQUIRE(m.end <= text.original.size());
      CHECK(text.original.compare(m.start, m.end - m.start, m.text) == 0);
    }
  }
}

TEST_CASE("random bytes: an Error exactly when the input is not UTF-8, never a crash") {
  std::mt19937_64 rng(1234);
  const std::string alphabet[] = {"一", "百", "五", "十", "万", "零", "点", "块", "元", "折", "满", "减", "少",
                                  "双", "号", "月", "１", "５", "０", "😀", "\u200D", "\uFE0F", ".", "-", "/",
                                  "1", "5", "0", "k", "w", "x", "l", "个", "斤", "包", "邮", "再", "抹"};
  std::vector<Mention> mentions;
  NormalizedText text;
  for (int k = 0; k < 20000; ++k) {
    std::string input;
    const int length = static_cast<int>(rng() % 24);
    for (int j = 0; j < length; ++j) {
      if (k % 2 == 0) {
        input += static_cast<char>(rng() & 0xFF);
      } else {
        input += alphabet[rng() % std::size(alphabet)];
      }
    }
    const bool valid = utf8::find_invalid(input) == input.size();
    CAPTURE(input);
    bool threw = false;
    try {
      normalize(input, text);
      extract_mentions(text, mentions);
      for (const Mention& m : mentions) {
        REQUIRE(m.start <= m.end);
        REQUIRE(m.end <= input.size());
        CHECK(input.compare(m.start, m.end - m.start, m.text) == 0);
      }
    } catch (const Error&) {
      threw = true;
    }
    CHECK(threw == !valid);
    (void)parse_number(input);  // must not crash on anything
  }
}

TEST_CASE("utf8 helpers agree with each other") {
  std::string out;
  for (char32_t cp : {U'a', U'é', U'好', U'😀'}) {
    out.clear();
    utf8::append(cp, out);
    char32_t back = 0;
    CHECK(utf8::decode(out, 0, &back) == utf8::encoded_length(cp));
    CHECK(back == cp);
  }
}

}  // namespace
}  // namespace parley
