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
//   - The primary intents are also counted as a confusion matrix (labelled
//     primary against the first judged intent found, `other` for none), and
//     the first judged intent's confidence is checked for what it promises:
//     the share right in each confidence band (a reliability table) and the
//     expected calibration error, the gap between confidence and accuracy
//     weighted by the messages in each band.
//   - A second labeller's column (MessageOptions::second_labels) gives the
//     level to aim for: how often the two labellers agree on the primary
//     intent, how often one's primary is among the other's intents, and the
//     same figures for parley against the second labeller and against either.
//   - The price is Signals::price(). A price found where the file names none,
//     or a different one, counts against precision; the first of these is
//     also reported as the rate of messages with a price read where there is
//     none.
#include <unistd.h>

#include <algorithm>
#include <cmath>
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
  std::vector<std::string> second;   // the second labeller's, when the file has them
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

std::vector<std::string> read_intents(std::string_view cell) {
  std::vector<std::string> intents;
  for (std::string_view intent : split(cell, '|')) {
    bool seen = std::find(intents.begin(), intents.end(), intent) != intents.end();
    if (intent != kNoIntent && !seen) intents.emplace_back(intent);
  }
  return intents;
}

std::vector<Labels> read_labels(const Table& table, const std::string& second) {
  std::vector<Labels> all;
  std::vector<Diagnostic> problems;
  for (const Table::Row& row : table.rows()) {
    Labels labels;
    labels.line = row.line;
    labels.text = std::string(table.cell(row, "text"));
    labels.intents = read_intents(table.cell(row, "intents"));
    if (!second.empty()) labels.second = read_intents(table.cell(row, second));
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

std::string format_number(double value) { return fmt::format("{}", value); }
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
  float primary_confidence = 0;      // of judged.front(), 0 when none
  std::optional<double> price;
  std::vector<Mention> mentions;
  std::vector<std::string> problems;  // empty when everything was right
};

// Confidence bands of the reliability table: [low, high), the last closed.
struct Band {
  double low, high;
};
constexpr Band kBands[] = {{0, 0.5}, {0.5, 0.7}, {0.7, 0.9}, {0.9, 1.0}};
constexpr std::size_t kBandCount = std::size(kBands);

std::size_t band_of(double confidence) {
  for (std::size_t b = 0; b + 1 < kBandCount; ++b) {
    if (confidence < kBands[b].high) return b;
  }
  return kBandCount - 1;
}

struct BandTally {
  int messages = 0, right = 0;
  double confidence = 0;  // summed
};

// How two readings of the same messages agree: the primary intents equal,
// and each one's primary among the other's intents.
struct Agreement {
  int messages = 0, same_primary = 0, first_in_second = 0, second_in_first = 0;
  void add(const std::vector<std::string>& first, const std::vector<std::string>& second) {
    const std::string_view a = first.empty() ? kNoIntent : std::string_view(first.front());
    const std::string_view b = second.empty() ? kNoIntent : std::string_view(second.front());
    ++messages;
    same_primary += a == b;
    first_in_second += first.empty() ? second.empty() : contains(second, a);
    second_in_first += second.empty() ? first.empty() : contains(first, b);
  }
};

// Shows how far a long file is: a line updated in place on a terminal, or
// (lines) a plain line at every tenth; nothing for short files on neither.
class Progress {
 public:
  Progress(std::size_t total, bool lines) : total_(total), tty_(isatty(fileno(stderr)) != 0), lines_(lines) {}
  void operator()(std::size_t done) {
    if (total_ < kLong && !lines_) return;
    if (tty_ && !lines_) {
      if (done % 50 == 0 || done == total_) {
        std::fprintf(stderr, "\rparley eval: %zu/%zu messages", done, total_);
        if (done == total_) std::fprintf(stderr, "\r%40s\r", "");
        std::fflush(stderr);
      }
      return;
    }
    if (!lines_) return;
    const std::size_t tenth = done * 10 / std::max<std::size_t>(total_, 1);
    if (tenth > shown_ || done == total_) {
      shown_ = tenth;
      std::fprintf(stderr, "parley eval: %zu/%zu messages\n", done, total_);
    }
  }

 private:
  static constexpr std::size_t kLong = 500;  // messages: a file worth a progress line
  std::size_t total_;
  bool tty_, lines_;
  std::size_t shown_ = 0;
};

class MessageReport {
 public:
  MessageReport(const Engine& engine, const std::vector<Labels>& labels, const MessageOptions& options)
      : engine_(engine), map_(options.map), options_(options) {
    std::vector<std::string> rule_intents = engine.rules().intent_names();
    for (const auto& [name, label] : map_) rule_intents.push_back(label);
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
    primaries_ = vocabulary_;
    primaries_.emplace_back(kNoIntent);
    confusion_.assign(primaries_.size() * primaries_.size(), 0);
    Progress progress(labels.size(), options.progress_lines);
    for (const Labels& l : labels) {
      outcomes_.push_back(measure(l));
      progress(outcomes_.size());
    }
  }

  void print_text(const std::string& path) const;
  json::object to_json(const std::string& path) const;

 private:
  Outcome measure(const Labels& labels);
  void judge_intents(const Labels& labels, Outcome& out);
  void judge_price(const Labels& labels, Outcome& out);
  void judge_mentions(const Labels& labels, Outcome& out);
  void judge_second(const Labels& labels, const Outcome& out);
  std::size_t primary_index(std::string_view label) const {
    return static_cast<std::size_t>(std::find(primaries_.begin(), primaries_.end(), label) - primaries_.begin());
  }
  // The misses listed: the first max_misses of them.
  std::vector<const Outcome*> listed_misses() const {
    std::vector<const Outcome*> listed;
    for (const Outcome& o : outcomes_) {
      if (o.problems.empty()) continue;
      if (options_.max_misses && listed.size() >= *options_.max_misses) break;
      listed.push_back(&o);
    }
    return listed;
  }
  int miss_count() const {
    int misses = 0;
    for (const Outcome& o : outcomes_) misses += !o.problems.empty();
    return misses;
  }
  double calibration_error() const;
  void print_confusion(const Style& style) const;
  void print_reliability(const Style& style) const;
  void print_second(const Style& style) const;

  std::string label_of(std::string_view intent) const {
    for (const auto& [name, label] : map_) {
      if (name == intent) return label;
    }
    return std::string(intent);
  }

  const Engine& engine_;
  const IntentMap& map_;
  const MessageOptions& options_;
  std::vector<std::string> primaries_;        // vocabulary_ and `other`: the confusion matrix's rows and columns
  std::vector<int> confusion_;                // [labelled * size + found]
  BandTally bands_[kBandCount];
  BandTally no_intent_;                       // messages where no judged intent was found
  int primary_among_ = 0;                     // the first judged intent among the labelled ones
  Agreement labellers_, parley_second_;       // first labeller with the second; parley with the second
  int parley_among_either_ = 0, parley_either_primary_ = 0, second_messages_ = 0;
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
    if (!contains(vocabulary_, found.label)) {
      ++unjudged_[found.label];
    } else if (!contains(out.judged, found.label)) {
      if (out.judged.empty()) out.primary_confidence = found.confidence;
      out.judged.push_back(found.label);
    }
    out.intents.push_back(std::move(found));
  }
  if (const Mention* price = signals.price()) out.price = price->value;
  out.mentions = std::move(signals.mentions);
  judge_intents(labels, out);
  judge_price(labels, out);
  judge_mentions(labels, out);
  judge_second(labels, out);
  return out;
}

void MessageReport::judge_second(const Labels& labels, const Outcome& out) {
  if (options_.second_labels.empty()) return;
  ++second_messages_;
  labellers_.add(labels.intents, labels.second);
  parley_second_.add(out.judged, labels.second);
  const std::string_view found = out.judged.empty() ? kNoIntent : std::string_view(out.judged.front());
  const auto among = [&](const std::vector<std::string>& intents) {
    return found == kNoIntent ? intents.empty() : contains(intents, found);
  };
  parley_among_either_ += among(labels.intents) || among(labels.second);
  const std::string_view first = labels.intents.empty() ? kNoIntent : std::string_view(labels.intents.front());
  const std::string_view second = labels.second.empty() ? kNoIntent : std::string_view(labels.second.front());
  parley_either_primary_ += found == first || found == second;
}

void MessageReport::judge_intents(const Labels& labels, Outcome& out) {
  std::string_view expected = labels.intents.empty() ? kNoIntent : std::string_view(labels.intents.front());
  std::string_view found = out.judged.empty() ? kNoIntent : std::string_view(out.judged.front());
  std::string_view strict = out.intents.empty() ? kNoIntent : std::string_view(out.intents.front().label);
  primary_right_ += expected == found;
  primary_strict_right_ += expected == strict;
  ++confusion_[primary_index(expected) * primaries_.size() + primary_index(found)];
  primary_among_ += out.judged.empty() ? labels.intents.empty() : contains(labels.intents, found);
  BandTally& band = out.judged.empty() ? no_intent_ : bands_[band_of(out.primary_confidence)];
  ++band.messages;
  band.right += expected == found;
  band.confidence += out.primary_confidence;
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
  std::printf("  among the labelled intents %s\n", fraction(primary_among_, messages).c_str());
  std::printf("  all intents                precision %s  recall %s\n",
              fraction(intents_.right, intents_.found).c_str(), fraction(intents_.right, intents_.labelled).c_str());
  std::printf("  %-20s %8s %6s %6s %10s %8s\n", "intent", "labelled", "found", "right", "precision", "recall");
  for (const std::string& intent : vocabulary_) print_tally_row(intent, per_intent_.at(intent));
  if (!undefined_.empty()) {
    std::printf("  %s\n", style.yellow("labels the rule set does not define (counted as missed): " + counts(undefined_)).c_str());
  }
  if (!unjudged_.empty()) std::printf("  not judged (never a label in this file): %s\n", counts(unjudged_).c_str());
  print_confusion(style);
  print_reliability(style);
  print_second(style);

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

  const std::vector<const Outcome*> listed = listed_misses();
  const int misses = miss_count();
  std::printf("\n%s\n", style.bold(fmt::format("misses: {}", fraction(misses, messages))).c_str());
  if (listed.size() < static_cast<std::size_t>(misses)) {
    std::printf("  %s\n", style.dim(fmt::format("the first {} listed (--max-misses)", listed.size())).c_str());
  }
  for (const Outcome* listed_outcome : listed) {
    const Outcome& o = *listed_outcome;
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
    if (!options_.second_labels.empty()) {
      std::printf("    second    %s\n",
                  l.second.empty() ? std::string(kNoIntent).c_str() : fmt::format("{}", fmt::join(l.second, "|")).c_str());
    }
    std::printf("    found     %s; price %s%s\n",
                found_intents.empty() ? "no intent" : fmt::format("{}", fmt::join(found_intents, ", ")).c_str(),
                format_price(o.price).c_str(), mention_list(found_mentions).c_str());
    for (const std::string& p : o.problems) std::printf("    %s\n", style.red(p).c_str());
  }
}

double MessageReport::calibration_error() const {
  int total = 0;  // messages with a top intent: no intent has no confidence to check
  for (const BandTally& b : bands_) total += b.messages;
  if (total == 0) return 0;
  double error = 0;
  for (const BandTally& b : bands_) {
    if (b.messages == 0) continue;
    // |accuracy - mean confidence| * messages / total, without the rounding of two divisions
    error += std::fabs(b.right - b.confidence);
  }
  return error / total;
}

void MessageReport::print_confusion(const Style& style) const {
  const std::size_t n = primaries_.size();
  std::printf("\n%s\n", style.bold("confusion of primary intents").c_str());
  std::printf("  %s\n", style.dim("rows: the labelled primary; columns: the first judged intent found (numbered as the "
                                   "rows; . for none)").c_str());
  std::printf("  %s", pad("", 24).c_str());
  for (std::size_t c = 0; c < n; ++c) std::printf("%4zu", c + 1);
  std::printf("\n");
  for (std::size_t r = 0; r < n; ++r) {
    std::printf("  %2zu %s", r + 1, pad(primaries_[r], 21).c_str());
    for (std::size_t c = 0; c < n; ++c) {
      const int count = confusion_[r * n + c];
      const std::string cell = count == 0 ? "." : std::to_string(count);
      std::printf("%4s", r == c && count > 0 ? style.bold(cell).c_str() : cell.c_str());
    }
    std::printf("\n");
  }
  // The biggest confusions, in words.
  std::vector<std::pair<int, std::size_t>> off;
  for (std::size_t k = 0; k < n * n; ++k) {
    if (k / n != k % n && confusion_[k] > 0) off.emplace_back(confusion_[k], k);
  }
  std::stable_sort(off.begin(), off.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (off.size() > 8) off.resize(8);
  std::vector<std::string> words;
  for (const auto& [count, k] : off) words.push_back(fmt::format("{} read as {} {}", primaries_[k / n], primaries_[k % n], count));
  if (!words.empty()) std::printf("  most confused: %s\n", fmt::format("{}", fmt::join(words, "; ")).c_str());
}

void MessageReport::print_reliability(const Style& style) const {
  std::printf("\n%s\n", style.bold("reliability of the top intent by confidence").c_str());
  std::printf("  %-20s %8s %6s %9s %11s\n", "confidence", "messages", "right", "accuracy", "confidence");
  for (std::size_t b = 0; b < kBandCount; ++b) {
    const BandTally& t = bands_[b];
    const std::string name = fmt::format("{:.1f}-{:.1f}{}", kBands[b].low, kBands[b].high, b + 1 == kBandCount ? "" : " ");
    std::printf("  %-20s %8d %6d %9s %11s\n", name.c_str(), t.messages, t.right,
                percent(Tally::ratio(t.right, t.messages)).c_str(),
                t.messages ? fmt::format("{:.2f}", t.confidence / t.messages).c_str() : "n/a");
  }
  std::printf("  %-20s %8d %6d %9s\n", "no intent", no_intent_.messages, no_intent_.right,
              percent(Tally::ratio(no_intent_.right, no_intent_.messages)).c_str());
  std::printf("  expected calibration error %.3f %s\n", calibration_error(),
              style.dim("(|accuracy - confidence| by band, weighted by messages)").c_str());
}

void MessageReport::print_second(const Style& style) const {
  if (options_.second_labels.empty()) return;
  const int n = second_messages_;
  std::printf("\n%s\n", style.bold(fmt::format("two labellers (intents, {})", options_.second_labels)).c_str());
  std::printf("  labellers agree on the primary        %s\n", fraction(labellers_.same_primary, n).c_str());
  std::printf("  first's primary among second's        %s\n", fraction(labellers_.first_in_second, n).c_str());
  std::printf("  second's primary among first's        %s\n", fraction(labellers_.second_in_first, n).c_str());
  std::printf("  parley's primary = first's            %s\n", fraction(primary_right_, n).c_str());
  std::printf("  parley's primary = second's           %s\n", fraction(parley_second_.same_primary, n).c_str());
  std::printf("  parley's primary = either's           %s\n", fraction(parley_either_primary_, n).c_str());
  std::printf("  parley's primary among either's       %s\n", fraction(parley_among_either_, n).c_str());
  std::printf("  second's primary among parley's       %s\n", fraction(parley_second_.second_in_first, n).c_str());
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
  for (const Outcome* listed : listed_misses()) {
    const Outcome& o = *listed;
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
    json::object expected{{"intents", std::move(expected_intents)},
                          {"price", number_json(l.price)},
                          {"mentions", std::move(expected_mentions)}};
    if (!options_.second_labels.empty()) expected["second"] = json::array(l.second.begin(), l.second.end());
    misses.push_back(json::object{
        {"line", l.line},
        {"text", l.text},
        {"expected", std::move(expected)},
        {"found", json::object{{"intents", std::move(found_intents)},
                               {"price", number_json(o.price)},
                               {"mentions", std::move(found_mentions)}}},
        {"problems", std::move(problems)}});
  }
  json::array rows;
  const std::size_t n = primaries_.size();
  for (std::size_t r = 0; r < n; ++r) rows.emplace_back(json::array(confusion_.begin() + r * n, confusion_.begin() + (r + 1) * n));
  json::array bands;
  for (std::size_t b = 0; b < kBandCount; ++b) {
    const BandTally& t = bands_[b];
    bands.push_back(json::object{{"low", kBands[b].low},
                                 {"high", kBands[b].high},
                                 {"messages", t.messages},
                                 {"right", t.right},
                                 {"accuracy", rate_json(t.right, t.messages).as_object().at("rate")},
                                 {"mean_confidence", t.messages ? json::value(t.confidence / t.messages) : nullptr}});
  }
  json::object report{{"file", path},
                      {"messages", messages},
                      {"primary", rate_json(primary_right_, messages)},
                      {"primary_strict", rate_json(primary_strict_right_, messages)},
                      {"primary_among_labels", rate_json(primary_among_, messages)},
                      {"confusion", json::object{{"labels", json::array(primaries_.begin(), primaries_.end())},
                                                 {"rows", std::move(rows)}}},
                      {"reliability", json::object{{"bands", std::move(bands)},
                                                   {"no_intent", rate_json(no_intent_.right, no_intent_.messages)},
                                                   {"calibration_error", calibration_error()}}},
                      {"intents", tally_json(intents_)},
                      {"per_intent", std::move(per_intent)},
                      {"undefined_labels", count_object(undefined_)},
                      {"unjudged_intents", count_object(unjudged_)},
                      {"price", tally_json(price_)},
                      {"false_price", rate_json(false_price_, without_price_)},
                      {"mentions", std::move(per_kind)},
                      {"unextracted_kinds", count_object(unextracted_)},
                      {"unjudged_kinds", count_object(unjudged_kinds_)},
                      {"miss_count", miss_count()},
                      {"misses", std::move(misses)}};
  if (!options_.second_labels.empty()) {
    const int m = second_messages_;
    report["second"] = json::object{{"column", options_.second_labels},
                                    {"labellers_primary", rate_json(labellers_.same_primary, m)},
                                    {"first_primary_among_second", rate_json(labellers_.first_in_second, m)},
                                    {"second_primary_among_first", rate_json(labellers_.second_in_first, m)},
                                    {"parley_primary_second", rate_json(parley_second_.same_primary, m)},
                                    {"parley_primary_either", rate_json(parley_either_primary_, m)},
                                    {"parley_among_either", rate_json(parley_among_either_, m)},
                                    {"second_primary_among_parley", rate_json(parley_second_.second_in_first, m)}};
  }
  return report;
}

}  // namespace

int report_messages(const Engine& engine, const Table& table, const MessageOptions& options) {
  std::vector<Labels> labels = read_labels(table, options.second_labels);
  MessageReport report(engine, labels, options);
  if (options.json) {
    std::printf("%s\n", json::serialize(report.to_json(table.path())).c_str());
  } else {
    report.print_text(table.path());
  }
  return 0;
}

}  // namespace parley::cli::evaluation
