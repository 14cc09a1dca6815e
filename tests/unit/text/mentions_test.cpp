// extract_mentions(): the buyer-message table (buyer_mentions.tsv), spans in
// the original text, and the confidence rules for bare numbers.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "parley/text.hpp"

namespace parley {
namespace {

std::vector<Mention> mentions_of(std::string_view message) { return extract_mentions(normalize(message)); }

// "kind=surface=value" for each mention, ';'-separated, as the table writes them.
std::string describe(const std::vector<Mention>& mentions) {
  std::string out;
  for (const Mention& m : mentions) {
    if (!out.empty()) out += ';';
    char value[32];
    std::snprintf(value, sizeof value, "%.10g", m.value);
    out += std::string(to_string(m.kind)) + '=' + m.text + '=' + value;
  }
  return out;
}

// Rewrites an expected list through strtod so that 0.50 and 0.5 compare equal.
std::string canonical(const std::string& expected) {
  std::string out;
  std::size_t pos = 0;
  while (pos < expected.size()) {
    std::size_t end = expected.find(';', pos);
    if (end == std::string::npos) end = expected.size();
    const std::string item = expected.substr(pos, end - pos);
    const std::size_t eq = item.rfind('=');
    char value[32];
    std::snprintf(value, sizeof value, "%.10g", std::strtod(item.c_str() + eq + 1, nullptr));
    if (!out.empty()) out += ';';
    out += item.substr(0, eq + 1) + value;
    pos = end + 1;
  }
  return out;
}

TEST_CASE("buyer message table: every mention with kind, surface and value") {
  std::ifstream in(PARLEY_SOURCE_DIR "/tests/unit/text/buyer_mentions.tsv");
  REQUIRE(in);
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    const std::string message = line.substr(0, tab);
    const std::string expected = tab == std::string::npos ? "" : line.substr(tab + 1);
    CAPTURE(message);
    CHECK(describe(mentions_of(message)) == canonical(expected));
    ++rows;
  }
  CHECK(rows >= 300);
}

TEST_CASE("spans point into the original text past full-width characters and emoji") {
  const std::string message = "😀ＯＫ！！亲，１５０元🙏🏻包邮吗？少１０块";
  const std::vector<Mention> mentions = mentions_of(message);
  REQUIRE(mentions.size() == 2);
  CHECK(mentions[0].kind == MentionKind::money);
  CHECK(message.substr(mentions[0].start, mentions[0].end - mentions[0].start) == "１５０元");
  CHECK(mentions[0].text == "１５０元");
  CHECK(mentions[1].kind == MentionKind::relative);
  CHECK(message.substr(mentions[1].start, mentions[1].end - mentions[1].start) == "少１０块");
  CHECK(mentions[1].value == 10);
}

TEST_CASE("a span does not swallow an emoji dropped inside or after it") {
  const std::string message = "150🙏块";
  const std::vector<Mention> mentions = mentions_of(message);
  REQUIRE(mentions.size() == 1);
  CHECK(mentions[0].start == 0);
  CHECK(mentions[0].end == message.size());
  const std::string after = "150块🙏🙏";
  const std::vector<Mention> tail = mentions_of(after);
  REQUIRE(tail.size() == 1);
  CHECK(tail[0].text == "150块");
}

TEST_CASE("bare numbers: confidence says how sure the price reading is") {
  const auto first = [](std::string_view message) { return mentions_of(message).at(0); };
  CHECK(first("150元").confidence == 1.0f);
  CHECK(first("150行吗").confidence >= 0.8f);
  CHECK(first("150能不能包邮").confidence >= 0.8f);
  CHECK(first("原价150").confidence >= 0.8f);
  const Mention plain = first("我看到150");
  CHECK(plain.kind == MentionKind::money);
  CHECK(plain.confidence < 0.8f);
  CHECK(first("80一袋").unit == "per_unit");
}

TEST_CASE("thresholds carry the reward in value2 and unit") {
  const Mention off = mentions_of("满300减30").at(0);
  CHECK(off.kind == MentionKind::threshold);
  CHECK(off.value == 300);
  CHECK(off.value2 == 30);
  CHECK(off.unit == "减");
  CHECK(mentions_of("满3000送靠枕").at(0).unit == "送");
  CHECK(mentions_of("满68包邮").at(0).unit == "包邮");
  CHECK(mentions_of("抹个零吧").at(0).unit == "round_down");
  CHECK(mentions_of("第二件半价").at(0).unit == "second_item");
}

TEST_CASE("quantities carry their measure word") {
  const Mention m = mentions_of("买10个").at(0);
  CHECK(m.unit == "个");
  CHECK(mentions_of("XL").at(0).unit == "XL");
  CHECK(mentions_of("43码").at(0).unit == "码");
}

TEST_CASE("the buffer-reusing overload gives the same mentions") {
  std::vector<Mention> out;
  NormalizedText text;
  normalize("少10块吧", text);
  extract_mentions(text, out);
  REQUIRE(out.size() == 1);
  normalize("150行吗，满300减30", text);
  extract_mentions(text, out);
  CHECK(describe(out) == describe(mentions_of("150行吗，满300减30")));
}

bool same_mentions(const std::vector<Mention>& a, const std::vector<Mention>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const Mention& x = a[k];
    const Mention& y = b[k];
    if (x.kind != y.kind || x.value != y.value || x.value2 != y.value2 || x.unit != y.unit || x.text != y.text ||
        x.start != y.start || x.end != y.end || x.confidence != y.confidence) {
      return false;
    }
  }
  return true;
}

TEST_CASE("one buffer reused over many messages holds exactly each message's mentions") {
  std::ifstream in(PARLEY_SOURCE_DIR "/tests/unit/text/buyer_mentions.tsv");
  REQUIRE(in);
  std::vector<std::string> messages;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') messages.push_back(line.substr(0, line.find('\t')));
  }
  REQUIRE(messages.size() >= 300);
  // Forward then backward, so that a message follows both longer and shorter
  // lists of mentions with longer and shorter strings.
  std::vector<const std::string*> order;
  for (const std::string& m : messages) order.push_back(&m);
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) order.push_back(&*it);
  std::vector<Mention> reused;
  NormalizedText text;
  for (const std::string* message : order) {
    CAPTURE(*message);
    normalize(*message, text);
    extract_mentions(text, reused);
    CHECK(same_mentions(reused, mentions_of(*message)));
  }
}

TEST_CASE("a NormalizedText not made by normalize() gives no mentions rather than bad spans") {
  NormalizedText broken;
  broken.text = "150元";
  CHECK(extract_mentions(broken).empty());
  std::vector<Mention> used = mentions_of("150元");
  REQUIRE(used.size() == 1);
  extract_mentions(broken, used);
  CHECK(used.empty());
}

}  // namespace
}  // namespace parley
