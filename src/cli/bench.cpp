// parley bench: latency of a rule set on a file of buyer messages, and with
// --expect whether it returns what a reference engine returns.
//
// Each message is said in its own conversation, built from the same line of
// --contexts before any timing starts. Every message is run once to warm up
// (and to compare with --expect), then timed on its own --repeat times on one
// thread: steady_clock around each suggest() call, explanations off, the
// result buffers reused as a host calling suggest() in a loop would.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "parley/error.hpp"

namespace parley::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = s.find(sep, start);
    parts.emplace_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// The lines of a file, without their line ends.
std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

double read_number(const std::string& text, const std::string& where) {
  try {
    std::size_t used = 0;
    double value = std::stod(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  throw Error(where + ": '" + text + "' is not a number");
}

// One conversation a line of a contexts file (tab-separated; the header line,
// starting with '#', names the columns). The columns parley knows set the
// conversation: `round` (the message's round, 1 for the first message),
// `offer`, `concessions`, and the buyer's `member`, `vip` and
// `coupon_claimed` (0 or 1). Every other column becomes a number fact, which
// a rule set reads as facts.NAME when it declares it.
std::vector<Conversation> read_contexts(const std::string& path, const Conversation& start) {
  std::vector<std::string> lines = read_lines(path);
  if (lines.empty() || lines.front().empty() || lines.front()[0] != '#') {
    throw Error(path + ":1: the first line must name the columns, starting with '#'");
  }
  std::vector<std::string> columns = split(std::string_view(lines.front()).substr(1), '\t');
  std::vector<Conversation> out;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    std::vector<std::string> cells = split(lines[i], '\t');
    std::string where = fmt::format("{}:{}", path, i + 1);
    if (cells.size() != columns.size()) {
      throw Error(fmt::format("{}: {} columns, the header names {}", where, cells.size(), columns.size()));
    }
    Conversation c = start;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const std::string& name = columns[k];
      double v = read_number(cells[k], where + ": " + name);
      if (name == "round") c.round = static_cast<int>(v) - 1;  // parley's round counts this message
      else if (name == "offer") c.offer = Money::from_yuan(v);
      else if (name == "concessions") c.concessions = static_cast<int>(v);
      else if (name == "member") c.buyer.member = v != 0;
      else if (name == "vip") c.buyer.vip = v != 0;
      else if (name == "coupon_claimed") c.buyer.coupon_claimed = v != 0;
      else c.facts[name] = v;
    }
    out.push_back(std::move(c));
  }
  return out;
}

// What a reference engine returned for one message: its ranked rule ids and
// their rendered replies.
struct Expected {
  std::vector<std::string> rule_ids;
  std::vector<std::string> replies;
};

// expected.tsv: index, intents, buyer price, rule ids (comma-separated),
// replies ('|'-separated), one line a message after a '#' header; '-' is an
// empty list.
std::vector<Expected> read_expected(const std::string& path) {
  std::vector<Expected> out;
  std::vector<std::string> lines = read_lines(path);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty() || lines[i][0] == '#') continue;
    std::vector<std::string> cells = split(lines[i], '\t');
    if (cells.size() != 5) throw Error(fmt::format("{}:{}: expected 5 columns, found {}", path, i + 1, cells.size()));
    Expected e;
    auto list = [](const std::string& cell, char sep) {
      return cell.empty() || cell == "-" ? std::vector<std::string>{} : split(cell, sep);
    };
    e.rule_ids = list(cells[3], ',');
    e.replies = list(cells[4], '|');
    out.push_back(std::move(e));
  }
  return out;
}

bool matches(const SuggestResult& result, const Expected& expected) {
  if (result.suggestions.size() != expected.rule_ids.size()) return false;
  for (std::size_t i = 0; i < expected.rule_ids.size(); ++i) {
    const Suggestion& s = result.suggestions[i];
    if (s.rule_id != expected.rule_ids[i]) return false;
    if (i >= expected.replies.size() || s.text != expected.replies[i]) return false;
  }
  return true;
}

template <typename Strings, typename Get>
std::string join(const Strings& items, Get get, std::string_view sep) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(sep)) + std::string(get(item));
  return out;
}

void show_mismatch(std::size_t index, const std::string& message, const SuggestResult& result,
                   const Expected& expected) {
  auto same = [](const std::string& s) -> const std::string& { return s; };
  std::fprintf(stderr, "mismatch at message %zu: %s\n  expected: %s\n            %s\n  actual:   %s\n            %s\n",
               index, message.c_str(), join(expected.rule_ids, same, ",").c_str(),
               join(expected.replies, same, "|").c_str(),
               join(result.suggestions, [](const Suggestion& s) { return s.rule_id; }, ",").c_str(),
               join(result.suggestions, [](const Suggestion& s) { return s.text; }, "|").c_str());
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t rank = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[rank];
}

}  // namespace

int bench(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "product", po::value<std::string>(), "product the conversations are about (default: the first)")(
      "contexts", po::value<std::string>(), "conversation facts, one tab-separated line a message")(
      "expect", po::value<std::string>(), "the ranked rule ids and replies each message must get")(
      "repeat", po::value<int>()->default_value(5), "timed passes over the messages")(
      "json", "print one JSON object")("check", "exit 1 unless every message matched --expect")(
      "skip-mentions", "do not read numbers and amounts (SuggestOptions::mentions = false)")(
      "messages", po::value<std::string>(), "the buyer messages, one a line");
  po::positional_options_description positional;
  positional.add("messages", 1);
  po::variables_map vm;
  if (!parse(argc, argv,
             "parley bench [--rules PATH] [--product ID] [--contexts FILE.tsv] [--expect FILE.tsv] "
             "[--repeat N] [--json] [--check] [--skip-mentions] MESSAGES_FILE",
             options, positional, vm)) {
    return 0;
  }
  if (!vm.count("messages")) throw po::error("give the file of buyer messages");
  if (vm.count("check") && !vm.count("expect")) throw po::error("--check needs --expect");
  const int repeat = vm["repeat"].as<int>();
  if (repeat < 1) throw po::error("--repeat must be at least 1");

  Clock::time_point load_start = Clock::now();
  Engine engine(load_rules(optional_string(vm, "rules")));
  double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - load_start).count();

  std::optional<std::string> product = optional_string(vm, "product");
  Conversation start = engine.start(product ? *product : engine.rules().products().front().id);
  std::vector<std::string> messages = read_lines(vm["messages"].as<std::string>());
  if (!messages.empty() && messages.back().empty()) messages.pop_back();
  std::vector<Conversation> conversations;
  if (vm.count("contexts")) {
    conversations = read_contexts(vm["contexts"].as<std::string>(), start);
    if (conversations.size() != messages.size()) {
      throw Error(fmt::format("{} messages but {} contexts", messages.size(), conversations.size()));
    }
  } else {
    conversations.assign(messages.size(), start);
  }
  std::vector<Expected> expected;
  if (vm.count("expect")) {
    expected = read_expected(vm["expect"].as<std::string>());
    if (expected.size() != messages.size()) {
      throw Error(fmt::format("{} messages but {} expected lines", messages.size(), expected.size()));
    }
  }

  const SuggestOptions suggest_options{.explain = false, .mentions = !vm.count("skip-mentions")};
  SuggestResult result;
  Workspace workspace;
  // The warm-up pass, which also compares with the expected output.
  std::size_t matched = 0, shown = 0;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    engine.suggest(conversations[i], messages[i], suggest_options, result, workspace);
    if (expected.empty()) continue;
    if (matches(result, expected[i])) ++matched;
    else if (shown++ < 5) show_mismatch(i, messages[i], result, expected[i]);
  }

  std::vector<double> micros;
  micros.reserve(messages.size() * repeat);
  double total_us = 0;
  for (int pass = 0; pass < repeat; ++pass) {
    for (std::size_t i = 0; i < messages.size(); ++i) {
      Clock::time_point t0 = Clock::now();
      engine.suggest(conversations[i], messages[i], suggest_options, result, workspace);
      Clock::time_point t1 = Clock::now();
      double us = std::chrono::duration<double, std::micro>(t1 - t0).count();
      micros.push_back(us);
      total_us += us;
    }
  }
  std::sort(micros.begin(), micros.end());
  const double median = percentile(micros, 0.5), p99 = percentile(micros, 0.99);
  const double per_second = total_us > 0 ? static_cast<double>(micros.size()) / (total_us / 1e6) : 0;

  if (vm.count("json")) {
    std::string matched_field = expected.empty() ? "" : fmt::format("\"matched\":{},", matched);
    std::printf("{\"messages\":%zu,%s\"load_ms\":%.3f,\"median_us\":%.3f,\"p99_us\":%.3f,\"msgs_per_s\":%.0f}\n",
                messages.size(), matched_field.c_str(), load_ms, median, p99, per_second);
  } else {
    std::printf("messages    %zu\n", messages.size());
    if (!expected.empty()) std::printf("matched     %zu\n", matched);
    std::printf("load_ms     %.3f\nmedian_us   %.3f\np99_us      %.3f\nmsgs_per_s  %.0f\n", load_ms, median, p99,
                per_second);
  }
  if (vm.count("check") && matched != messages.size()) return 1;
  return 0;
}

}  // namespace parley::cli
