// extract_mentions(): the buyer-message table (buyer_mentions.tsv), spans in
// the original text, and the confidence rules for bare numbers.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <limits>
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

// "kind=surface", then /role and /scope for money, then +flag for each flag,
// as mention_roles.tsv writes them.
std::string reading(const std::vector<Mention>& mentions) {
  std::string out;
  for (const Mention& m : mentions) {
    if (!out.empty()) out += ';';
    out += std::string(to_string(m.kind)) + '=' + m.text;
    if (m.kind == MentionKind::money) {
      out += '/' + std::string(to_string(m.role));
      if (m.scope == PriceScope::units_total) {
        char units[32];
        std::snprintf(units, sizeof units, "/total%g", m.scope_units);
        out += units;
      } else if (m.scope != PriceScope::unspecified) {
        out += '/' + std::string(to_string(m.scope));
      }
    }
    for (unsigned bit = 1; bit <= m.flags; bit <<= 1) {
      if (m.flags & bit) out += '+' + std::string(to_string(static_cast<MentionFlag>(bit)));
    }
  }
  return out;
}

TEST_CASE("role table: what each number is to the buyer, and what a price covers") {
  std::ifstream in(PARLEY_SOURCE_DIR "/tests/unit/text/mention_roles.tsv");
  REQUIRE(in);
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    const std::string message = line.substr(0, tab);
    const std::string expected = tab == std::string::npos ? "" : line.substr(tab + 1);
    CAPTURE(message);
    CHECK(reading(mentions_of(message)) == expected);
    ++rows;
  }
  CHECK(rows >= 60);
}

TEST_CASE("money beyond the range: finite values, no price role, JSON-safe") {
  // 309 digits: beyond a double.
  const std::string huge = std::string(309, '9') + "元行吗";
  const std::vector<Mention> mentions = mentions_of(huge);
  REQUIRE(mentions.size() == 1);
  CHECK(mentions[0].kind == MentionKind::money);
  CHECK(std::isfinite(mentions[0].value));
  CHECK(mentions[0].value == std::numeric_limits<double>::max());
  CHECK(mentions[0].role == PriceRole::none);
  CHECK(mentions[0].has(MentionFlag::beyond_range));
  CHECK_FALSE(mentions[0].is_offer());
  // A bare run of 309 digits is an order number, still finite.
  const std::vector<Mention> bare = mentions_of(std::string(309, '8'));
  REQUIRE(bare.size() == 1);
  CHECK(bare[0].kind == MentionKind::id);
  CHECK(std::isfinite(bare[0].value));
  CHECK(bare[0].has(MentionFlag::beyond_range));
  // The edges of the range, in yuan.
  CHECK(mentions_of("1000000000000元").at(0).is_offer());
  CHECK_FALSE(mentions_of("1000000000001元").at(0).is_offer());
  CHECK_FALSE(mentions_of("一万亿零一元").at(0).is_offer());
  CHECK(mentions_of("一万亿元").at(0).is_offer());
  // A relative ask beyond the range says so too.
  CHECK(mentions_of("少一万亿亿块").at(0).has(MentionFlag::beyond_range));
  // Every mention of every kind is finite.
  for (const char* text : {"满1e400减5", "少99999999999999999999999999999999万亿亿亿块", "一亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿元"}) {
    CAPTURE(std::string(text));
    for (const Mention& m : mentions_of(text)) {
      CHECK(std::isfinite(m.value));
      CHECK(std::isfinite(m.value2));
    }
  }
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
  CHECK(first("80一袋").scope == PriceScope::per_unit);
}

TEST_CASE("thresholds carry the reward in value2 and flags; other readings in flags") {
  const Mention off = mentions_of("满300减30").at(0);
  CHECK(off.kind == MentionKind::threshold);
  CHECK(off.value == 300);
  CHECK(off.value2 == 30);
  CHECK(off.flags == static_cast<std::uint8_t>(MentionFlag::amount_off));
  CHECK(off.unit.empty());
  CHECK(mentions_of("满3000送靠枕").at(0).has(MentionFlag::gift));
  CHECK(mentions_of("满68包邮").at(0).has(MentionFlag::free_shipping));
  CHECK(mentions_of("满300").at(0).flags == 0);
  CHECK(mentions_of("抹个零吧").at(0).has(MentionFlag::round_down));
  CHECK(mentions_of("第二件半价").at(0).has(MentionFlag::second_item));
  CHECK(mentions_of("618有活动吗").at(0).has(MentionFlag::festival));
  CHECK_FALSE(mentions_of("少10块").at(0).has(MentionFlag::round_down));
  CHECK(to_string(MentionFlag::round_down) == "round_down");
  CHECK(to_string(PriceRole::elsewhere) == "elsewhere");
  CHECK(to_string(PriceScope::units_total) == "units_total");
  CHECK(to_string(MentionKind::model) == "model");
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
    if (x.kind != y.kind || x.role != y.role || x.scope != y.scope || x.flags != y.flags || x.value != y.value ||
        x.value2 != y.value2 || x.scope_units != y.scope_units || x.unit != y.unit || x.text != y.text ||
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

namespace parley {
namespace {

TEST_CASE("long messages: past the stack buffers, many lexicon words, spans still right") {
  std::string filler;
  for (int k = 0; k < 200; ++k) filler += "的是要就包邮吧";  // 1,400 code points, thousands of words
  const std::string message = filler + "原价150现在120行吗" + filler + "两双1100";
  const std::vector<Mention> mentions = mentions_of(message);
  REQUIRE(mentions.size() == 4);
  CHECK(mentions[0].role == PriceRole::earlier);
  CHECK(mentions[1].is_offer());
  CHECK(mentions[1].value == 120);
  CHECK(message.substr(mentions[1].start, mentions[1].end - mentions[1].start) == "120");
  CHECK(mentions[2].kind == MentionKind::quantity);
  CHECK(mentions[3].scope == PriceScope::units_total);
  CHECK(mentions[3].scope_units == 2);
  CHECK(message.substr(mentions[3].start) == "1100");
}

}  // namespace
}  // namespace parley
