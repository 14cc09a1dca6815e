// parley eval FILE.tsv: how well a rule set understands labelled buyer
// messages (intents, the named price, mentions).
//
// What the labels mean, and what is judged:
//   - `other` (or an empty `intents` cell) means the message has none of the
//     file's intents: any of them found there is a false positive, and the
//     primary intent is right only when none is found.
//   - The file's intent vocabulary is the labels it uses. An intent the rule
//     set finds but the file never uses as a label (greeting, quality_doubt,
//     ...) is not judged: the labeller did not consider it. It is counted
//     apart, and the primary intent is the first judged one. The strict
//     figure, with every intent the rule set finds, is reported too.
//   - A label the rule set does not define can never be found: it counts as
//     missed and is named in the report.
//   - --map NAME=LABEL reads the rule set's intent NAME as the label LABEL,
//     for a rule set finer than the labels (quality_doubt=worried). Several
//     names may map to one label; a message then counts the label once.
//   - Mentions are judged for the kinds parley extracts and the file labels;
//     a labelled kind parley does not extract (bundle) is counted apart. A
//     found mention matches a label of its kind when its span overlaps the
//     labelled surface in the message, or when the surface reads as the
//     mention's value (discount=0.75 for 7.5折).
//   - The price is Signals::price(). A price found where the file names none,
//     or a different one, counts against precision; the first of these is
//     also reported as the rate of messages with a price read where there is
//     none.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/eval_table.hpp"
#include "parley/text.hpp"

namespace parley::cli::evaluation {
namespace {

namespace json = boost::json;

constexpr std::string_view kNoIntent = "other";

struct MentionLabel {
  std::string kind;
  std::string surface;
  std::string to_string() const { return kind + "=" + surface; }
};

struct Labels {
  int line = 0;
  std::string text;
  std::vector<std::string> intents;  // primary first; `other` dropped
  std::optional<double> price;
  std::vector<MentionLabel> mentions;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    std::size_t at = s.find(separator);
    std::string_view part = trim(s.substr(0, at));
    if (!part.empty()) parts.push_back(part);
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

std::vector<Labels> read_labels(const Table& table) {
  std::vector<Labels> all;
  std::vector<Diagnostic> problems;
  for (const Table::Row& row : table.rows()) {
    Labels labels;
    labels.line = row.line;
    labels.text = std::string(table.cell(row, "text"));
    for (std::string_view intent : split(table.cell(row, "intents"), '|')) {
      bool seen = std::find(labels.intents.begin(), labels.intents.end(), intent) != labels.intents.end();
      if (intent != kNoIntent && !seen) labels.intents.emplace_back(intent);
    }
    if (std::string_view price = trim(table.cell(row, "expected_price")); !price.empty()) {
      labels.price = parse_label_number(price);
      if (!labels.price) problems.push_back(table.problem(row, fmt::format("expected_price '{}' is not a number", price)));
    }
    for (std::string_view mention : split(table.cell(row, "mentions"), ';')) {
      std::size_t eq = mention.find('=');
      if (eq == std::string_view::npos || trim(mention.substr(0, eq)).empty() || trim(mention.substr(eq + 1)).empty()) {
        problems.push_back(table.problem(row, fmt::format("mention '{}' is not kind=surface", mention)));
        continue;
      }
      labels.mentions.push_back({std::string(trim(mention.substr(0, eq))), std::string(trim(mention.substr(eq + 1)))});
    }
    all.push_back(std::move(labels));
  }
  if (!problems.empty()) throw Error(std::move(problems));
  return all;
}

// The kinds extract_mentions() can produce, by name.
const std::vector<std::string>& extracted_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> names;
    for (int k = 0; k < 64; ++k) {
      std::string_view name = to_string(static_cast<MentionKind>(k));
      if (name != "unknown") names.emplace_back(name);
    }
    return names;
  }();
  return kinds;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Whether `found` is the mention `label` stands for. `by_span` looks for the
// labelled surface where the mention is; otherwise the surface must read as
// the mention's value.
bool matches(const MentionLabel& label, const Mention& found, std::string_view text, bool by_span) {
  if (to_string(found.kind) != label.kind) return false;
  if (!by_span) {
    std::optional<double> value = parse_number(label.surface);
    return value && same_number(*value, found.value);
  }
  for (std::size_t at = text.find(label.surface); at != std::string_view::npos; at = text.find(label.surface, at + 1)) {
    if (at < found.end && found.start < at + label.surface.size()) return true;
  }
  return false;
}

std::string format_number(double value) { return fmt::format("{:g}", value); }
std::string format_price(const std::optional<double>& price) { return price ? format_number(*price) : "none"; }
std::string format_mention(const Mention& m) { return fmt::format("{}={}", to_string(m.kind), m.text); }

struct FoundIntent {
  std::string name;   // as the rule set calls it
  std::string label;  // as the labels call it (--map), usually the same
  float confidence = 0;
};

// One message, read and compared with its labels.
struct Outcome {
  const Labels* labels = nullptr;
  std::string error;  // why the message could not be read (invalid UTF-8)
  std::vector<FoundIntent> intents;  // every intent found, in order
  std::vector<std::string> judged;   // their labels in the file's vocabulary, once each
  std::optional<double> price;
  std::vector<Mention> mentions;
  std::vector<std::string> problems;  // empty when everything was right
};

class MessageReport {
 public:
  MessageReport(const Engine& engine, const std::vector<Labels>& labels, const IntentMap& map)
      : engine_(engine), map_(map) {
    std::vector<std::string> rule_intents = engine.rules().intent_names();
    for (const auto& [name, label] : map) rule_intents.push_back(label);
    for (const Labels& l : labels) {
      for (const std::string& intent : l.intents) {
        if (!contains(vocabulary_, intent)) vocabulary_.push_back(intent);
        if (!contains(rule_intents, intent)) ++undefined_[intent];
      }
      for (const MentionLabel& m : l.mentions) {
        if (!contains(extracted_kinds(), m.kind)) ++unextracted_[m.kind];
        else if (!contains(kinds_, m.kind)) kinds_.push_back(m.kind);
      }
    }
    // Rule-set order reads best; labels it does not define go last.
    std::vector<std::string> ordered;
    for (const std::string& name : rule_intents) {
      if (contains(vocabulary_, name) && !contains(ordered, name)) ordered.push_back(name);
    }
    for (const std::string& name : vocabulary_) {
      if (!contains(ordered, name)) ordered.push_back(name);
    }
    vocabulary_ = std::move(ordered);
    std::vector<std::string> kinds;
    for (const std::string& kind : extracted_kinds()) {
      if (contains(kinds_, kind)) kinds.push_back(kind);
    }
    kinds_ = std::move(kinds);
    for (const Labels& l : labels) outcomes_.push_back(measure(l));
  }

  void print_text(const std::string& path) const;
  json::object to_json(const std::string& path) const;

 private:
  Outcome measure(const Labels& labels);
  void judge_intents(const Labels& labels, Outcome& out);
  void judge_price(const Labels& labels, Outcome& out);
  void judge_mentions(const Labels& labels, Outcome& out);

  std::string label_of(std::string_view intent) const {
    for (const auto& [name, label] : map_) {
      if (name == intent) return label;
    }
    return std::string(intent);
  }

  const Engine& engine_;
  const IntentMap& map_;
  std::vector<std::string> vocabulary_;       // intents the file labels
  std::vector<std::string> kinds_;            // mention kinds judged
  std::map<std::string, int> undefined_;      // labels the rule set lacks: messages
  std::map<std::string, int> unextracted_;    // labelled kinds parley lacks: labels
  std::map<std::string, int> unjudged_;       // intents found the file never labels
  std::map<std::string, int> unjudged_kinds_; // mentions found of kinds never labelled
  std::map<std::string, Tally> per_intent_;
  std::map<std::string, Tally> per_kind_;
  Tally intents_, price_;
  int primary_right_ = 0, primary_strict_right_ = 0;
  int without_price_ = 0, false_price_ = 0;
  std::vector<Outcome> outcomes_;
};

Outcome MessageReport::measure(const Labels& labels) {
  Outcome out;
  out.labels = &labels;
  Signals signals;
  try {
    signals = engine_.signals(labels.text);
  } catch (const Error& e) {
    out.error = e.what();
    out.problems.push_back("not read: " + out.error);
  }
  for (const IntentScore& i : signals.intents) {
    FoundIntent found{std::string(i.name), label_of(i.name), i.confidence};
    if (!contains(vocabulary_, found.label)) ++unjudged_[found.label];
    else if (!contains(out.judged, found.label)) out.judged.push_back(found.label);
    out.intents.push_back(std::move(found));
  }
  if (const Mention* price = signals.price()) out.price = price->value;
  out.mentions = std::move(signals.mentions);
  judge_intents(labels, out);
  judge_price(labels, out);
  judge_mentions(labels, out);
  return out;
}

void MessageReport::judge_intents(const Labels& labels, Outcome& out) {
  std::string_view expected = labels.intents.empty() ? kNoIntent : std::string_view(labels.intents.front());
  std::string_view found = out.judged.empty() ? kNoIntent : std::string_view(out.judged.front());
  std::string_view strict = out.intents.empty() ? kNoIntent : std::string_view(out.intents.front().label);
  primary_right_ += expected == found;
  primary_strict_right_ += expected == strict;
  if (expected != found) out.problems.push_back(fmt::format("primary intent {}, found {}", expected, found));

  std::vector<std::string> missed, unexpected;
  for (const std::string& intent : vocabulary_) {
    bool labelled = contains(labels.intents, intent), hit = contains(out.judged, intent);
    Tally& t = per_intent_[intent];
    t.labelled += labelled;
    t.found += hit;
    t.right += labelled && hit;
    if (labelled && !hit) missed.push_back(intent);
    if (hit && !labelled) unexpected.push_back(intent);
  }
  intents_.labelled += static_cast<int>(labels.intents.size());
  intents_.found += static_cast<int>(out.judged.size());
  intents_.right += static_cast<int>(labels.intents.size() - missed.size());
  if (!missed.empty()) out.problems.push_back(fmt::format("intent missed: {}", fmt::join(missed, ", ")));
  if (!unexpected.empty()) out.problems.push_back(fmt::format("intent not expected: {}", fmt::join(unexpected, ", ")));
}

void MessageReport::judge_price(const Labels& labels, Outcome& out) {
  price_.labelled += labels.price.has_value();
  price_.found += out.price.has_value();
  without_price_ += !labels.price;
  if (labels.price && out.price && same_number(*labels.price, *out.price)) {
    ++price_.right;
  } else if (!labels.price && out.price) {
    ++false_price_;
    out.problems.push_back(fmt::format("price {} read where none is named", format_number(*out.price)));
  } else if (labels.price) {
    out.problems.push_back(fmt::format("price {}, found {}", format_number(*labels.price), format_price(out.price)));
  }
}

void MessageReport::judge_mentions(const Labels& labels, Outcome& out) {
  std::vector<const MentionLabel*> pending;
  for (const MentionLabel& m : labels.mentions) {
    if (contains(kinds_, m.kind)) pending.push_back(&m);
  }
  std::vector<bool> used(out.mentions.size());
  std::vector<bool> matched(pending.size());
  // Where the surface is first, so that two labels of one number (366 ...
  // 366) each find their own mention; then by value.
  for (bool by_span : {true, false}) {
    for (std::size_t l = 0; l < pending.size(); ++l) {
      for (std::size_t f = 0; f < out.mentions.size() && !matched[l]; ++f) {
        if (!used[f] && matches(*pending[l], out.mentions[f], labels.text, by_span)) used[f] = matched[l] = true;
      }
    }
  }
  std::vector<std::string> missed, unexpected;
  for (std::size_t l = 0; l < pending.size(); ++l) {
    Tally& t = per_kind_[pending[l]->kind];
    ++t.labelled;
    t.right += matched[l];
    if (!matched[l]) missed.push_back(pending[l]->to_string());
  }
  for (std::size_t f = 0; f < out.mentions.size(); ++f) {
    std::string kind(to_string(out.mentions[f].kind));
    if (!contains(kinds_, kind)) {
      ++unjudged_kinds_[kind];
      continue;
    }
    ++per_kind_[kind].found;
    if (!used[f]) unexpected.push_back(format_mention(out.mentions[f]));
  }
  if (!missed.empty()) out.problems.push_back(fmt::format("mention missed: {}", fmt::join(missed, " ")));
  if (!unexpected.empty()) out.problems.push_back(fmt::format("mention not expected: {}", fmt::join(unexpected, " ")));
}

std::string counts(const std::map<std::string, int>& names) {
  std::vector<std::string> parts;
  for (const auto& [name, n] : names) parts.push_back(fmt::format("{} {}", name, n));
  return fmt::format("{}", fmt::join(parts, ", "));
}

// "; money=150元 quantity=2个", or "" when there is none.
std::string mention_list(const std::vector<std::string>& mentions) {
  return mentions.empty() ? "" : fmt::format("; {}", fmt::join(mentions, " "));
}

void print_tally_row(std::string_view name, const Tally& t) {
  std::printf("  %-20.*s %8d %6d %6d %10s %8s\n", static_cast<int>(name.size()), name.data(), t.labelled, t.found,
              t.right, percent(t.precision()).c_str(), percent(t.recall()).c_str());
}

void MessageReport::print_text(const std::string& path) const {
  Style style = Style::for_stream(stdout);
  int messages = static_cast<int>(outcomes_.size());
  std::printf("%s\n\n", style.bold(fmt::format("parley eval: {} messages in {}", messages, path)).c_str());

  std::printf("%s\n", style.bold("intents").c_str());
  std::printf("  primary intent right       %s\n", fraction(primary_right_, messages).c_str());
  std::printf("  strict (every intent)      %s\n", fraction(primary_strict_right_, messages).c_str());
  std::printf("  all intents                precision %s  recall %s\n",
              fraction(intents_.right, intents_.found).c_str(), fraction(intents_.right, intents_.labelled).c_str());
  std::printf("  %-20s %8s %6s %6s %10s %8s\n", "intent", "labelled", "found", "right", "precision", "recall");
  for (const std::string& intent : vocabulary_) print_tally_row(intent, per_intent_.at(intent));
  if (!undefined_.empty()) {
    std::printf("  %s\n", style.yellow("labels the rule set does not define (counted as missed): " + counts(undefined_)).c_str());
  }
  if (!unjudged_.empty()) std::printf("  not judged (never a label in this file): %s\n", counts(unjudged_).c_str());

  std::printf("\n%s\n", style.bold("price (the price the buyer names)").c_str());
  std::printf("  precision                  %s\n", fraction(price_.right, price_.found).c_str());
  std::printf("  recall                     %s\n", fraction(price_.right, price_.labelled).c_str());
  std::printf("  price read where none is   %s of messages without a price\n",
              fraction(false_price_, without_price_).c_str());

  std::printf("\n%s\n", style.bold("mentions").c_str());
  std::printf("  %-20s %8s %6s %6s %10s %8s\n", "kind", "labelled", "found", "right", "precision", "recall");
  for (const std::string& kind : kinds_) print_tally_row(kind, per_kind_.count(kind) ? per_kind_.at(kind) : Tally{});
  if (!unextracted_.empty()) std::printf("  labelled kinds parley does not extract: %s\n", counts(unextracted_).c_str());
  if (!unjudged_kinds_.empty()) std::printf("  not judged (never labelled in this file): %s\n", counts(unjudged_kinds_).c_str());

  int misses = 0;
  for (const Outcome& o : outcomes_) misses += !o.problems.empty();
  std::printf("\n%s\n", style.bold(fmt::format("misses: {}", fraction(misses, messages))).c_str());
  for (const Outcome& o : outcomes_) {
    if (o.problems.empty()) continue;
    const Labels& l = *o.labels;
    std::vector<std::string> found_intents, found_mentions, expected_mentions;
    for (const FoundIntent& i : o.intents) {
      std::string as = i.label == i.name ? "" : " as " + i.label;
      found_intents.push_back(
          fmt::format("{}{} {:.2g}{}", i.name, as, i.confidence, contains(vocabulary_, i.label) ? "" : " (not judged)"));
    }
    for (const Mention& m : o.mentions) found_mentions.push_back(format_mention(m));
    for (const MentionLabel& m : l.mentions) expected_mentions.push_back(m.to_string());
    std::printf("%s %s\n", style.dim(fmt::format("line {}", l.line)).c_str(), l.text.c_str());
    std::printf("    expected  %s; price %s%s\n",
                l.intents.empty() ? std::string(kNoIntent).c_str() : fmt::format("{}", fmt::join(l.intents, "|")).c_str(),
                format_price(l.price).c_str(), mention_list(expected_mentions).c_str());
    std::printf("    found     %s; price %s%s\n",
                found_intents.empty() ? "no intent" : fmt::format("{}", fmt::join(found_intents, ", ")).c_str(),
                format_price(o.price).c_str(), mention_list(found_mentions).c_str());
    for (const std::string& p : o.problems) std::printf("    %s\n", style.red(p).c_str());
  }
}

json::object MessageReport::to_json(const std::string& path) const {
  int messages = static_cast<int>(outcomes_.size());
  json::object per_intent, per_kind;
  for (const std::string& intent : vocabulary_) per_intent[intent] = tally_json(per_intent_.at(intent));
  for (const std::string& kind : kinds_) per_kind[kind] = tally_json(per_kind_.count(kind) ? per_kind_.at(kind) : Tally{});
  auto count_object = [](const std::map<std::string, int>& names) {
    json::object o;
    for (const auto& [name, n] : names) o[name] = n;
    return o;
  };
  json::array misses;
  for (const Outcome& o : outcomes_) {
    if (o.problems.empty()) continue;
    const Labels& l = *o.labels;
    json::array expected_mentions, found_intents, found_mentions, problems;
    for (const MentionLabel& m : l.mentions) expected_mentions.emplace_back(m.to_string());
    for (const FoundIntent& i : o.intents) {
      found_intents.push_back(json::object{
          {"name", i.name}, {"label", i.label}, {"confidence", i.confidence}, {"judged", contains(vocabulary_, i.label)}});
    }
    for (const Mention& m : o.mentions) {
      found_mentions.push_back(json::object{
          {"kind", to_string(m.kind)}, {"text", m.text}, {"value", number_json(m.value)}, {"confidence", m.confidence}});
    }
    for (const std::string& p : o.problems) problems.emplace_back(p);
    json::array expected_intents(l.intents.begin(), l.intents.end());
    misses.push_back(json::object{
        {"line", l.line},
        {"text", l.text},
        {"expected", json::object{{"intents", std::move(expected_intents)},
                                  {"price", number_json(l.price)},
                                  {"mentions", std::move(expected_mentions)}}},
        {"found", json::object{{"intents", std::move(found_intents)},
                               {"price", number_json(o.price)},
                               {"mentions", std::move(found_mentions)}}},
        {"problems", std::move(problems)}});
  }
  return json::object{{"file", path},
                      {"messages", messages},
                      {"primary", rate_json(primary_right_, messages)},
                      {"primary_strict", rate_json(primary_strict_right_, messages)},
                      {"intents", tally_json(intents_)},
                      {"per_intent", std::move(per_intent)},
                      {"undefined_labels", count_object(undefined_)},
                      {"unjudged_intents", count_object(unjudged_)},
                      {"price", tally_json(price_)},
                      {"false_price", rate_json(false_price_, without_price_)},
                      {"mentions", std::move(per_kind)},
                      {"unextracted_kinds", count_object(unextracted_)},
                      {"unjudged_kinds", count_object(unjudged_kinds_)},
                      {"misses", std::move(misses)}};
}

}  // namespace

int report_messages(const Engine& engine, const Table& table, const IntentMap& map, bool json) {
  std::vector<Labels> labels = read_labels(table);
  MessageReport report(engine, labels, map);
  if (json) {
    std::printf("%s\n", json::serialize(report.to_json(table.path())).c_str());
  } else {
    report.print_text(table.path());
  }
  return 0;
}

}  // namespace parley::cli::evaluation
