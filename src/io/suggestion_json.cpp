// Signals, suggestions and results as JSON (see parley/json.hpp). Output only:
// hosts read these; nothing reads them back.
#include "io/json_writer.hpp"
#include "parley/json.hpp"

namespace parley {
using io::JsonWriter;

namespace {

void write_mention(JsonWriter& w, const Mention& m) {
  w.begin_object();
  w.key("kind").string(to_string(m.kind));
  w.key("value").number(m.value);
  // A threshold's amount off is meaningful even when 0 (a gift, free shipping).
  if (m.value2 != 0 || m.kind == MentionKind::threshold) w.key("value2").number(m.value2);
  if (!m.unit.empty()) w.key("unit").string(m.unit);
  if (m.kind == MentionKind::money) {
    w.key("role").string(to_string(m.role));
    if (m.scope != PriceScope::unspecified) w.key("scope").string(to_string(m.scope));
    if (m.scope == PriceScope::units_total) w.key("scope_units").number(m.scope_units);
  }
  if (m.flags != 0) {
    w.key("flags").begin_array();
    for (unsigned bit = 1; bit <= m.flags; bit <<= 1) {
      if (m.flags & bit) w.string(to_string(static_cast<MentionFlag>(bit)));
    }
    w.end_array();
  }
  w.key("text").string(m.text);
  w.key("start").integer(m.start);
  w.key("end").integer(m.end);
  w.key("confidence").number(m.confidence);
  w.end_object();
}

void write_signals(JsonWriter& w, const Signals& s) {
  w.begin_object();
  w.key("text").string(s.normalized.text);
  w.key("mentions").begin_array();
  for (const Mention& m : s.mentions) write_mention(w, m);
  w.end_array();
  w.key("intents").begin_array();
  for (const IntentScore& intent : s.intents) {
    w.begin_object();
    w.key("name").string(intent.name);
    w.key("confidence").number(intent.confidence);
    w.end_object();
  }
  w.end_array();
  w.key("topics").begin_array();
  for (std::string_view topic : s.topics) w.string(topic);
  w.end_array();
  w.key("conditional").boolean(s.conditional);
  w.end_object();
}

void write_explanation(JsonWriter& w, const Explanation& why) {
  w.begin_object();
  w.key("fired").boolean(why.fired);
  w.key("parts").begin_array();
  for (const ConditionPart& part : why.parts) {
    w.begin_object();
    w.key("text").string(part.text);
    w.key("values").string(part.values);
    w.key("holds").boolean(part.holds);
    w.key("depth").integer(part.depth);
    w.end_object();
  }
  w.end_array();
  w.key("blocked").string(why.blocked);
  w.key("summary").string(why.summary());
  w.end_object();
}

void write_suggestion(JsonWriter& w, const Suggestion& s) {
  w.begin_object();
  w.key("text").string(s.text);
  w.key("score").number(s.score);
  w.key("rule").string(s.rule_id);
  w.key("playbook").string(s.playbook);
  w.key("action").string(to_string(s.action));
  w.key("offer").money(s.offer);
  w.key("extras").begin_array();
  for (const std::string& extra : s.extras) w.string(extra);
  w.end_array();
  w.key("gives").string(s.gives);
  w.key("next_stage");
  if (s.next_stage) w.string(to_string(*s.next_stage));
  else w.null();
  w.key("argues_value").boolean(s.argues_value);
  w.key("points").begin_array();
  for (const std::string& point : s.points) w.string(point);
  w.end_array();
  write_explanation(w.key("why"), s.why);
  w.end_object();
}

}  // namespace

std::string to_json(const Signals& signals) {
  std::string out;
  JsonWriter w(out);
  write_signals(w, signals);
  return out;
}

std::string to_json(const Suggestion& suggestion) {
  std::string out;
  JsonWriter w(out);
  write_suggestion(w, suggestion);
  return out;
}

std::string to_json(const SuggestResult& result) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  write_signals(w.key("signals"), result.signals);
  w.key("suggestions").begin_array();
  for (const Suggestion& s : result.suggestions) write_suggestion(w, s);
  w.end_array();
  w.end_object();
  return out;
}

}  // namespace parley
