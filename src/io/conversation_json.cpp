// Conversation and BuyerProfile to and from JSON (see parley/json.hpp).
//
// Every key is optional and takes the C++ default when missing, except a
// history turn's "speaker". Unknown keys are errors, so that a typo in a
// stored or hand-written conversation is caught instead of silently ignored.
#include <algorithm>
#include <climits>
#include <string>

#include <boost/json/value.hpp>

#include "context/profile_fields.hpp"
#include "io/conversation_reader.hpp"
#include "io/json_reader.hpp"
#include "io/json_writer.hpp"
#include "parley/error.hpp"
#include "parley/json.hpp"

namespace parley {
namespace json = boost::json;
using io::JsonWriter;
using io::Path;

namespace {

constexpr std::string_view kConversationKeys[] = {
    "version", "product", "cart",  "offer",        "concessions", "holds", "last_step",
    "buyer_best", "extras_granted", "extras_cost", "round", "stage", "topic_counts",
    "buyer", "facts", "history", "earlier", "said", "parked", "seed"};
constexpr std::string_view kSaidKeys[] = {"value_arguments", "points", "rules_sent", "recent_texts"};
constexpr std::string_view kParkedKeys[] = {"offer", "concessions", "last_step", "buyer_best", "extras_granted",
                                            "extras_cost"};
constexpr std::string_view kTurnKeys[] = {"speaker", "text", "rule", "offer"};
constexpr std::string_view kEarlierKeys[] = {"buyer", "seller", "suggested", "priced"};

// ---- Writing ----------------------------------------------------------------

void write_strings(JsonWriter& w, const std::vector<std::string>& strings) {
  w.begin_array();
  for (const std::string& s : strings) w.string(s);
  w.end_array();
}

void write_counts(JsonWriter& w, const std::map<std::string, int>& counts) {
  w.begin_object();
  for (const auto& [name, count] : counts) {
    w.key(name);
    w.integer(count);
  }
  w.end_object();
}

void write_buyer(JsonWriter& w, const BuyerProfile& b) {
  w.begin_object();
  context::for_each_profile_field([&](const context::ProfileField& field, auto member) {
    const auto& value = b.*member;
    using T = std::remove_cvref_t<decltype(value)>;
    w.key(field.name);
    if constexpr (std::is_same_v<T, std::string>) w.string(value);
    else if constexpr (std::is_same_v<T, bool>) w.boolean(value);
    else if constexpr (std::is_same_v<T, int>) w.integer(value);
    else if constexpr (std::is_same_v<T, double>) w.number(value);
    else write_strings(w, value);
  });
  w.end_object();
}

void write_fact(JsonWriter& w, const Fact& fact) {
  if (const bool* b = std::get_if<bool>(&fact)) w.boolean(*b);
  else if (const double* d = std::get_if<double>(&fact)) w.number(*d);
  else w.string(std::get<std::string>(fact));
}

void write_turn(JsonWriter& w, const Turn& turn) {
  w.begin_object();
  w.key("speaker").string(turn.speaker == Turn::Speaker::buyer ? "buyer" : "seller");
  w.key("text").string(turn.text);
  w.key("rule").string(turn.rule_id);
  w.key("offer").money(turn.offer);
  w.end_object();
}

void write_earlier(JsonWriter& w, const EarlierTurns& e) {
  w.begin_object();
  w.key("buyer").integer(e.buyer);
  w.key("seller").integer(e.seller);
  w.key("suggested").integer(e.suggested);
  w.key("priced").integer(e.priced);
  w.end_object();
}

void write_said(JsonWriter& w, const SellerMemory& m) {
  w.begin_object();
  w.key("value_arguments").integer(m.value_arguments);
  write_strings(w.key("points"), m.points);
  write_counts(w.key("rules_sent"), m.rules_sent);
  w.key("recent_texts").begin_array();
  // As strings, like the seed: exact beyond 2^53.
  for (std::uint64_t h : m.recent_texts) w.string(std::to_string(h));
  w.end_array();
  w.end_object();
}

void write_parked(JsonWriter& w, const std::map<std::string, ParkedNegotiation>& parked) {
  w.begin_object();
  for (const auto& [product, p] : parked) {
    w.key(product).begin_object();
    w.key("offer").money(p.offer);
    w.key("concessions").integer(p.concessions);
    w.key("last_step").money(p.last_step);
    w.key("buyer_best").money(p.buyer_best);
    write_strings(w.key("extras_granted"), p.extras_granted);
    w.key("extras_cost").money(p.extras_cost);
    w.end_object();
  }
  w.end_object();
}

// ---- Reading ----------------------------------------------------------------

int read_int(const json::value& v, const Path& path, int min) {
  return static_cast<int>(io::read_integer(v, path, min, INT_MAX));
}

std::vector<std::string> read_strings(const json::value& v, const Path& path) {
  const json::array& array = io::read_array(v, path);
  std::vector<std::string> out;
  out.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) out.push_back(io::read_string(array[i], path / i));
  return out;
}

std::map<std::string, int> read_counts(const json::value& v, const Path& path) {
  std::map<std::string, int> out;
  for (const auto& member : io::read_object(v, path)) {
    const std::string_view name = member.key();
    out.emplace(name, read_int(member.value(), path / name, 0));
  }
  return out;
}

BuyerProfile read_buyer(const json::value& v, const Path& path) {
  BuyerProfile b;
  const json::object& object = io::read_object(v, path);
  static const std::vector<std::string> names = context::profile_field_names();
  for (const auto& member : object) {
    if (std::find(names.begin(), names.end(), member.key()) == names.end()) {
      std::vector<std::string_view> keys(names.begin(), names.end());
      io::unknown_key(member.key(), path, keys);
    }
  }
  context::for_each_profile_field([&](const context::ProfileField& field, auto member) {
    const json::value* value = object.if_contains(field.name);
    if (value == nullptr) return;
    const Path here = path / field.name;
    auto& target = b.*member;
    using T = std::remove_cvref_t<decltype(target)>;
    if constexpr (std::is_same_v<T, std::string>) target = io::read_string(*value, here);
    else if constexpr (std::is_same_v<T, bool>) target = io::read_bool(*value, here);
    else if constexpr (std::is_same_v<T, int>) {
      target = static_cast<int>(io::read_integer(*value, here, static_cast<std::int64_t>(field.min),
                                                 static_cast<std::int64_t>(field.max)));
    } else if constexpr (std::is_same_v<T, double>) target = io::read_number(*value, here, field.min, field.max);
    else target = read_strings(*value, here);
  });
  return b;
}

Fact read_fact(const json::value& v, const Path& path) {
  if (v.is_bool()) return v.get_bool();
  if (v.is_number()) return io::read_number(v, path);
  if (v.is_string()) return io::read_string(v, path);
  path.fail("expected true, false, a number or a string");
}

std::map<std::string, Fact> read_facts(const json::value& v, const Path& path) {
  std::map<std::string, Fact> out;
  for (const auto& member : io::read_object(v, path)) {
    const std::string_view name = member.key();
    out.emplace(name, read_fact(member.value(), path / name));
  }
  return out;
}

Turn read_turn(const json::value& v, const Path& path) {
  const json::object& object = io::read_object(v, path);
  // A turn that does not say who spoke cannot be replayed: no default.
  if (!object.contains("speaker")) (path / "speaker").fail("missing");
  Turn turn;
  for (const auto& member : object) {
    const std::string_view key = member.key();
    const json::value& value = member.value();
    const Path here = path / key;
    if (key == "speaker") {
      const json::string* s = value.if_string();
      if (s != nullptr && *s == "buyer") turn.speaker = Turn::Speaker::buyer;
      else if (s != nullptr && *s == "seller") turn.speaker = Turn::Speaker::seller;
      else here.fail("expected \"buyer\" or \"seller\"");
    } else if (key == "text") {
      turn.text = io::read_string(value, here);
    } else if (key == "rule") {
      turn.rule_id = io::read_string(value, here);
    } else if (key == "offer") {
      turn.offer = io::read_optional_money(value, here);
    } else {
      io::unknown_key(key, path, kTurnKeys);
    }
  }
  return turn;
}

EarlierTurns read_earlier(const json::value& v, const Path& path) {
  EarlierTurns e;
  for (const auto& member : io::read_object(v, path)) {
    const std::string_view key = member.key();
    const Path here = path / key;
    if (key == "buyer") e.buyer = read_int(member.value(), here, 0);
    else if (key == "seller") e.seller = read_int(member.value(), here, 0);
    else if (key == "suggested") e.suggested = read_int(member.value(), here, 0);
    else if (key == "priced") e.priced = read_int(member.value(), here, 0);
    else io::unknown_key(key, path, kEarlierKeys);
  }
  return e;
}

SellerMemory read_said(const json::value& v, const Path& path) {
  SellerMemory m;
  for (const auto& member : io::read_object(v, path)) {
    const std::string_view key = member.key();
    const Path here = path / key;
    if (key == "value_arguments") m.value_arguments = read_int(member.value(), here, 0);
    else if (key == "points") m.points = read_strings(member.value(), here);
    else if (key == "rules_sent") m.rules_sent = read_counts(member.value(), here);
    else if (key == "recent_texts") {
      const json::array& array = io::read_array(member.value(), here);
      if (array.size() > SellerMemory::kRecentTexts) {
        here.fail("at most " + std::to_string(SellerMemory::kRecentTexts) + " entries");
      }
      for (std::size_t i = 0; i < array.size(); ++i) m.recent_texts.push_back(io::read_uint64(array[i], here / i));
    } else {
      io::unknown_key(key, path, kSaidKeys);
    }
  }
  return m;
}

std::map<std::string, ParkedNegotiation> read_parked(const json::value& v, const Path& path) {
  std::map<std::string, ParkedNegotiation> out;
  for (const auto& product : io::read_object(v, path)) {
    const Path at = path / product.key();
    ParkedNegotiation& p = out[std::string(product.key())];
    for (const auto& member : io::read_object(product.value(), at)) {
      const std::string_view key = member.key();
      const Path here = at / key;
      if (key == "offer") p.offer = io::read_optional_money(member.value(), here);
      else if (key == "concessions") p.concessions = read_int(member.value(), here, 0);
      else if (key == "last_step") p.last_step = io::read_money(member.value(), here);
      else if (key == "buyer_best") p.buyer_best = io::read_optional_money(member.value(), here);
      else if (key == "extras_granted") p.extras_granted = read_strings(member.value(), here);
      else if (key == "extras_cost") p.extras_cost = io::read_money(member.value(), here);
      else io::unknown_key(key, at, kParkedKeys);
    }
  }
  return out;
}

std::vector<Turn> read_history(const json::value& v, const Path& path) {
  const json::array& array = io::read_array(v, path);
  std::vector<Turn> out;
  out.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) out.push_back(read_turn(array[i], path / i));
  return out;
}

Stage read_stage(const json::value& v, const Path& path) {
  const std::string name = io::read_string(v, path);
  if (std::optional<Stage> stage = stage_from_string(name)) return *stage;
  std::string known;
  for (std::string_view s : kStageNames) known += (known.empty() ? "" : ", ") + std::string(s);
  path.fail("unknown stage '" + name + "' (one of: " + known + ")");
}

void check_version(const json::object& object, const Path& path) {
  const json::value* version = object.if_contains("version");
  if (version == nullptr) return;  // hand-written documents: the first version
  const Path here = path / "version";
  const std::int64_t v = io::read_integer(*version, here, 1, INT_MAX);
  if (v > Conversation::kVersion) {
    here.fail(std::to_string(v) + " is newer than this parley reads (" +
              std::to_string(Conversation::kVersion) + "); upgrade parley");
  }
}

}  // namespace

std::string to_json(const Conversation& c) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("version").integer(Conversation::kVersion);
  w.key("product").string(c.product_id);
  write_counts(w.key("cart"), c.cart);
  w.key("offer").money(c.offer);
  w.key("concessions").integer(c.concessions);
  w.key("holds").integer(c.holds);
  w.key("last_step").money(c.last_step);
  w.key("buyer_best").money(c.buyer_best);
  write_strings(w.key("extras_granted"), c.extras_granted);
  w.key("extras_cost").money(c.extras_cost);
  w.key("round").integer(c.round);
  w.key("stage").string(to_string(c.stage));
  write_counts(w.key("topic_counts"), c.topic_counts);
  write_buyer(w.key("buyer"), c.buyer);
  w.key("facts");
  w.begin_object();
  for (const auto& [name, fact] : c.facts) {
    w.key(name);
    write_fact(w, fact);
  }
  w.end_object();
  w.key("history");
  w.begin_array();
  for (const Turn& turn : c.history) write_turn(w, turn);
  w.end_array();
  // Only once turns were dropped: most conversations never have any.
  if (c.earlier != EarlierTurns{}) write_earlier(w.key("earlier"), c.earlier);
  write_said(w.key("said"), c.said);
  write_parked(w.key("parked"), c.parked);
  // As a string: many JSON readers hold numbers as doubles, exact only to 2^53.
  w.key("seed").string(std::to_string(c.seed));
  w.end_object();
  return out;
}

Conversation io::read_conversation(const json::value& document, const Path& root) {
  const json::object& object = io::read_object(document, root);
  // First, so that a newer document's new keys are reported as what they are.
  check_version(object, root);
  Conversation c;
  for (const auto& member : object) {
    const std::string_view key = member.key();
    const json::value& v = member.value();
    const Path here = root / key;
    if (key == "version") continue;
    else if (key == "product") c.product_id = io::read_string(v, here);
    else if (key == "cart") c.cart = read_counts(v, here);
    else if (key == "offer") c.offer = io::read_optional_money(v, here);
    else if (key == "concessions") c.concessions = read_int(v, here, 0);
    else if (key == "holds") c.holds = read_int(v, here, 0);
    else if (key == "last_step") c.last_step = io::read_money(v, here);
    else if (key == "buyer_best") c.buyer_best = io::read_optional_money(v, here);
    else if (key == "extras_granted") c.extras_granted = read_strings(v, here);
    else if (key == "extras_cost") c.extras_cost = io::read_money(v, here);
    else if (key == "round") c.round = read_int(v, here, 0);
    else if (key == "stage") c.stage = read_stage(v, here);
    else if (key == "topic_counts") c.topic_counts = read_counts(v, here);
    else if (key == "buyer") c.buyer = read_buyer(v, here);
    else if (key == "facts") c.facts = read_facts(v, here);
    else if (key == "history") c.history = read_history(v, here);
    else if (key == "earlier") c.earlier = read_earlier(v, here);
    else if (key == "said") c.said = read_said(v, here);
    else if (key == "parked") c.parked = read_parked(v, here);
    else if (key == "seed") c.seed = io::read_uint64(v, here);
    else io::unknown_key(key, root, kConversationKeys);
  }
  return c;
}

std::string to_json(const BuyerProfile& buyer) {
  std::string out;
  JsonWriter w(out);
  write_buyer(w, buyer);
  return out;
}

Conversation conversation_from_json(std::string_view text) {
  return io::read_conversation(io::parse_document(text), Path());
}

BuyerProfile io::read_buyer_profile(const json::value& v, const Path& path) { return read_buyer(v, path); }

BuyerProfile buyer_profile_from_json(std::string_view text) {
  return read_buyer(io::parse_document(text), Path());
}

}  // namespace parley
