#include "rules/yaml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "context/context.hpp"
#include "context/profile_fields.hpp"
#include "rules/limits.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

namespace parley::rules {
namespace {

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined()) return "nothing";
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: {
      // Enough to recognise it, cut at a character's start.
      const std::string& text = node.Scalar();
      std::size_t end = std::min<std::size_t>(text.size(), 40);
      while (end < text.size() && end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
      return "'" + text.substr(0, end) + (end < text.size() ? "...'" : "'");
    }
    default: return "nothing";
  }
}

}  // namespace

YamlReader::YamlReader(std::string name, std::string content, std::vector<Diagnostic>& diagnostics)
    : name_(std::move(name)), content_(std::move(content)), diagnostics_(diagnostics) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < content_.size(); ++i) {
    if (content_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

YAML::Node YamlReader::parse() {
  if (content_.size() > limits::kFileBytes) {
    error(SourceLocation{name_, 1, 1},
          fmt::format("this file has {} bytes; a rule file may have at most {} (8 MiB)", content_.size(),
                      limits::kFileBytes));
    unreadable_ = true;
    return YAML::Node();
  }
  if (const std::size_t bad = utf8::find_invalid(content_); bad < content_.size()) {
    const auto line = static_cast<int>(std::upper_bound(line_starts_.begin(), line_starts_.end(), bad) -
                                       line_starts_.begin()) - 1;
    const std::size_t column = bad - line_starts_[line];
    error(SourceLocation{name_, line + 1, util::utf8_length(line_text(line), column) + 1},
          fmt::format("byte 0x{:02X} is not UTF-8: rule files are UTF-8 text",
                      static_cast<unsigned char>(content_[bad])));
    unreadable_ = true;
    return YAML::Node();
  }
  YAML::Node root;
  try {
    root = YAML::Load(content_);
  } catch (const YAML::Exception& e) {
    SourceLocation where{name_, 0, 0};
    if (!e.mark.is_null()) where = at(e.mark);
    error(where, "this is not valid YAML: " + e.msg);
    unreadable_ = true;
    return YAML::Node();
  }
  if (!check_tree(root)) {
    unreadable_ = true;
    return YAML::Node();
  }
  return root;
}

// One walk over the tree as the sections will see it: each alias is walked
// again where it is used, so the count is what reading costs, and the walk
// stops as soon as it passes the limit (it never expands a whole bomb). A
// node reached again through an alias is checked only the first time.
bool YamlReader::check_tree(const YAML::Node& root) {
  std::vector<YAML::Node> pending = {root};
  std::unordered_set<int> checked;  // nodes by the byte their mark points at
  std::size_t visited = 0;
  while (!pending.empty()) {
    const YAML::Node node = std::move(pending.back());
    pending.pop_back();
    if (++visited > limits::kNodesPerFile) {
      error(SourceLocation{name_, 1, 1},
            fmt::format("this file has more than {} YAML nodes (each alias counted where it is used): "
                        "a rule file that large is a mistake or an attack",
                        limits::kNodesPerFile));
      return false;
    }
    const bool first = checked.insert(node.Mark().pos).second;
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        if (first && utf8::find_invalid(node.Scalar()) < node.Scalar().size()) {
          error(node, "this text is not UTF-8 (an escape such as \\ud800 makes it invalid)");
        }
        break;
      case YAML::NodeType::Sequence:
        for (const YAML::Node& item : node) pending.push_back(item);
        break;
      case YAML::NodeType::Map: {
        std::unordered_map<std::string, YAML::Mark> keys;
        for (const auto& entry : node) {
          if (first && entry.first.IsScalar()) {
            auto [it, inserted] = keys.try_emplace(entry.first.Scalar(), entry.first.Mark());
            if (!inserted) {
              error(entry.first, fmt::format("'{}' is set twice in this mapping (first at line {}): say it once",
                                             entry.first.Scalar(), it->second.line + 1));
            }
          }
          pending.push_back(entry.first);
          pending.push_back(entry.second);
        }
        break;
      }
      default: break;
    }
  }
  return true;
}

std::string_view YamlReader::line_text(int line) const {
  if (line < 0 || static_cast<std::size_t>(line) >= line_starts_.size()) return {};
  std::size_t begin = line_starts_[line];
  std::size_t end = content_.find('\n', begin);
  if (end == std::string::npos) end = content_.size();
  return std::string_view(content_).substr(begin, end - begin);
}

SourceLocation YamlReader::at(const YAML::Node& node) const {
  // A node that does not exist (a key looked up in a scalar) has no place.
  return node.IsDefined() ? at(node.Mark()) : SourceLocation{name_, 0, 0};
}

SourceLocation YamlReader::at(const YAML::Mark& mark) const {
  if (mark.is_null()) return {name_, 0, 0};
  return {name_, mark.line + 1, util::utf8_length(line_text(mark.line), mark.column) + 1};
}

SourceLocation YamlReader::at(const YAML::Node& scalar, int offset) const {
  YAML::Mark mark = scalar.Mark();
  if (mark.is_null()) return {name_, 0, 0};
  std::string_view line = line_text(mark.line);
  char first = static_cast<std::size_t>(mark.column) < line.size() ? line[mark.column] : ' ';
  const std::string& value = scalar.Scalar();
  offset = std::clamp(offset, 0, static_cast<int>(value.size()));
  if (first == '|' || first == '>') {
    // A block scalar: its text starts on the next line, indented.
    int row = static_cast<int>(std::count(value.begin(), value.begin() + offset, '\n'));
    std::size_t line_begin = value.rfind('\n', offset == 0 ? 0 : offset - 1);
    line_begin = line_begin == std::string::npos || offset == 0 ? 0 : line_begin + 1;
    std::string_view text_line = line_text(mark.line + 1 + row);
    std::size_t indent = text_line.find_first_not_of(' ');
    if (indent == std::string_view::npos) indent = 0;
    std::size_t byte = indent + (offset - line_begin);
    return {name_, mark.line + 2 + row, util::utf8_length(text_line, byte) + 1};
  }
  if (value.find('\n') != std::string::npos || line.size() < mark.column + value.size()) {
    // Folded over several lines: exact columns are lost; point at the start.
    return at(scalar);
  }
  std::size_t byte = mark.column + (first == '"' || first == '\'' ? 1 : 0) + offset;
  return {name_, mark.line + 1, util::utf8_length(line, byte) + 1};
}

void YamlReader::error(SourceLocation where, std::string message, std::string_view rule_id) {
  diagnostics_.push_back({Diagnostic::Severity::error, std::move(where), std::string(rule_id),
                          std::move(message)});
}

void YamlReader::error(const YAML::Node& node, std::string message, std::string_view rule_id) {
  error(at(node), std::move(message), rule_id);
}

void YamlReader::warning(const YAML::Node& node, std::string message, std::string_view rule_id) {
  warning(at(node), std::move(message), rule_id);
}

void YamlReader::warning(SourceLocation where, std::string message, std::string_view rule_id) {
  diagnostics_.push_back({Diagnostic::Severity::warning, std::move(where), std::string(rule_id), std::move(message)});
}

bool YamlReader::check_map(const YAML::Node& map, std::string_view what,
                           std::initializer_list<std::string_view> allowed,
                           std::string_view rule_id) {
  return check_map(map, what, std::span<const std::string_view>(allowed.begin(), allowed.size()), rule_id);
}

bool YamlReader::check_map(const YAML::Node& map, std::string_view what,
                           std::span<const std::string_view> allowed, std::string_view rule_id) {
  if (!map.IsMap()) {
    error(map, std::string(what) + " should be a mapping of keys to values, not " + describe(map),
          rule_id);
    return false;
  }
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string message = "unknown field '" + key + "' in " + std::string(what);
    std::string guess = util::closest_word(key, allowed);
    if (!guess.empty()) message += " (did you mean '" + guess + "'?)";
    error(entry.first, std::move(message), rule_id);
  }
  return true;
}

std::optional<std::string> YamlReader::string(const YAML::Node& node, std::string_view what,
                                              std::string_view rule_id) {
  if (!node.IsScalar()) {
    error(node, std::string(what) + " should be text, not " + describe(node), rule_id);
    return std::nullopt;
  }
  if (node.Scalar().size() > limits::kTextBytes) {
    error(node, fmt::format("{} has {} bytes; a text in a rule file may have at most {}", what,
                            node.Scalar().size(), limits::kTextBytes),
          rule_id);
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<double> YamlReader::number(const YAML::Node& node, std::string_view what,
                                         std::string_view rule_id) {
  if (node.IsScalar()) {
    try {
      double value = node.as<double>();
      if (std::isfinite(value)) return value;
    } catch (const YAML::Exception&) {
    }
  }
  error(node, std::string(what) + " should be a number, not " + describe(node), rule_id);
  return std::nullopt;
}

std::optional<int> YamlReader::integer(const YAML::Node& node, std::string_view what, int min, int max,
                                       std::string_view rule_id) {
  double value = 0;
  bool read = false;
  if (node.IsScalar()) {
    try {
      value = node.as<double>();
      read = true;
    } catch (const YAML::Exception&) {
    }
  }
  // Compared as doubles before any cast: 1e20 or NaN never reaches int.
  if (read && value >= min && value <= max && value == std::floor(value)) return static_cast<int>(value);
  error(node, fmt::format("{} should be a whole number from {} to {}, not {}", what, min, max, describe(node)),
        rule_id);
  return std::nullopt;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& node, std::string_view what,
                                        std::string_view rule_id) {
  if (node.IsScalar()) {
    try {
      return node.as<bool>();
    } catch (const YAML::Exception&) {
    }
  }
  error(node, std::string(what) + " should be true or false, not " + describe(node), rule_id);
  return std::nullopt;
}

std::optional<Money> YamlReader::money(const YAML::Node& node, std::string_view what,
                                       std::string_view rule_id) {
  std::optional<double> value = number(node, what, rule_id);
  if (!value) return std::nullopt;
  if (*value < 0) {
    error(node, std::string(what) + " cannot be negative", rule_id);
    return std::nullopt;
  }
  const std::optional<Money> checked = Money::from_yuan_checked(*value);
  if (!checked) {
    error(node, std::string(what) + " is too large to be a price", rule_id);
    return std::nullopt;
  }
  const Money money = *checked;
  if (std::abs(money.yuan() - *value) > 1e-9) {
    error(node, std::string(what) + " has more than two decimals (prices are in yuan and fen)",
          rule_id);
    return std::nullopt;
  }
  return money;
}

std::vector<std::string> YamlReader::strings(const YAML::Node& node, std::string_view what,
                                             std::string_view rule_id) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) {
      if (auto s = string(item, what, rule_id)) out.push_back(std::move(*s));
    }
  } else if (!node.IsNull()) {
    error(node, std::string(what) + " should be text or a list of text, not " + describe(node),
          rule_id);
  }
  return out;
}

void YamlReader::read_buyer(const YAML::Node& node, BuyerProfile& out, std::string_view rule_id) {
  if (!node.IsMap()) {
    error(node, "buyer should be a mapping of profile fields", rule_id);
    return;
  }
  const std::vector<std::string> names = context::profile_field_names();
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      std::string guess = util::closest_word(key, names);
      error(entry.first, "unknown field '" + key + "' in buyer" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)"),
            rule_id);
    }
  }
  context::for_each_profile_field([&](const context::ProfileField& field, auto member) {
    const YAML::Node value = node[std::string(field.name)];
    if (!value) return;
    auto& target = out.*member;
    using T = std::remove_cvref_t<decltype(target)>;
    const std::string what = std::string(field.name);
    if constexpr (std::is_same_v<T, std::string>) {
      if (auto v = string(value, what, rule_id)) target = *v;
    } else if constexpr (std::is_same_v<T, bool>) {
      if (auto v = boolean(value, what, rule_id)) target = *v;
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      target = strings(value, what, rule_id);
    } else {
      auto v = number(value, what, rule_id);
      if (!v) return;
      const bool whole = std::is_same_v<T, int>;
      if (*v < field.min || *v > field.max || (whole && *v != static_cast<double>(static_cast<long long>(*v)))) {
        error(value, what + " should be " + (whole ? "a whole number" : "a number") + " from " + fmt::format("{}", field.min) +
                         " to " + fmt::format("{}", field.max),
              rule_id);
        return;
      }
      target = static_cast<T>(*v);
    }
  });
}

void YamlReader::read_facts(const YAML::Node& node, const std::vector<context::FactDecl>& decls,
                            std::map<std::string, Fact>& out, std::string_view rule_id) {
  if (!node.IsMap()) {
    error(node, "facts should be a mapping of fact names to values", rule_id);
    return;
  }
  for (const auto& entry : node) {
    const std::string name = entry.first.Scalar();
    auto decl = std::find_if(decls.begin(), decls.end(),
                             [&](const context::FactDecl& d) { return d.name == name; });
    if (decl == decls.end()) {
      std::vector<std::string> names;
      for (const context::FactDecl& d : decls) names.push_back(d.name);
      std::string message = "unknown fact '" + name + "' (declare it under facts:)";
      std::string guess = util::closest_word(name, names);
      if (!guess.empty()) message = "unknown fact '" + name + "' (did you mean '" + guess + "'?)";
      error(entry.first, message, rule_id);
      continue;
    }
    const YAML::Node& value = entry.second;
    switch (decl->type) {
      case expr::Type::boolean:
        if (auto v = boolean(value, "fact " + name, rule_id)) out[name] = *v;
        break;
      case expr::Type::number:
        if (auto v = number(value, "fact " + name, rule_id)) out[name] = *v;
        break;
      default:
        if (auto v = string(value, "fact " + name, rule_id)) {
          if (!decl->symbols.empty() &&
              std::find(decl->symbols.begin(), decl->symbols.end(), *v) == decl->symbols.end()) {
            std::string allowed;
            for (const std::string& s : decl->symbols) allowed += (allowed.empty() ? "" : ", ") + s;
            error(value, "'" + *v + "' is not a value of fact " + name + " (one of: " + allowed + ")",
                  rule_id);
          } else {
            out[name] = *v;
          }
        }
        break;
    }
  }
}

void YamlReader::read_state(const YAML::Node& node, Conversation& out, std::string_view rule_id) {
  if (!check_map(node, "state",
                 {"round", "concessions", "holds", "value_given", "points_said", "offer", "stage", "buyer_best",
                  "last_step", "extras_granted", "cart", "topic_counts"},
                 rule_id)) {
    return;
  }
  constexpr int kCount = 1'000'000;  // rounds, concessions, quantities: far beyond any chat
  // `round` is given as conditions see it: the number of this message.
  if (node["round"]) {
    if (auto v = integer(node["round"], "round (this message's number, from 1)", 1, kCount, rule_id)) out.round = *v - 1;
  }
  auto count = [&](const char* key, int& field) {
    if (node[key]) {
      if (auto v = integer(node[key], key, 0, kCount, rule_id)) field = *v;
    }
  };
  count("concessions", out.concessions);
  count("holds", out.holds);
  count("value_given", out.said.value_arguments);
  if (node["points_said"]) out.said.points = strings(node["points_said"], "points_said", rule_id);
  if (node["offer"]) {
    if (auto v = money(node["offer"], "offer", rule_id)) out.offer = *v;
  }
  if (node["buyer_best"]) {
    if (auto v = money(node["buyer_best"], "buyer_best", rule_id)) out.buyer_best = *v;
  }
  if (node["last_step"]) {
    if (auto v = money(node["last_step"], "last_step", rule_id)) out.last_step = *v;
  }
  if (node["stage"]) {
    if (auto v = string(node["stage"], "stage", rule_id)) {
      if (std::optional<Stage> stage = stage_from_string(*v)) out.stage = *stage;
      else error(node["stage"], "unknown stage '" + *v + "'", rule_id);
    }
  }
  if (node["extras_granted"]) out.extras_granted = strings(node["extras_granted"], "extras_granted", rule_id);
  auto counts = [&](const char* key, const char* what, std::map<std::string, int>& field, int min) {
    const YAML::Node& map = node[key];
    if (!map) return;
    if (!map.IsMap()) {
      error(map, std::string(key) + " should map " + what, rule_id);
      return;
    }
    for (const auto& entry : map) {
      if (auto q = integer(entry.second, key, min, kCount, rule_id)) field[entry.first.Scalar()] = *q;
    }
  };
  counts("cart", "product ids to quantities", out.cart, 1);
  counts("topic_counts", "keywords to counts", out.topic_counts, 0);
}

}  // namespace parley::rules
