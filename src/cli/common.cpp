#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "parley/error.hpp"
#include "parley/json.hpp"

namespace parley::cli {

Style Style::for_stream(std::FILE* stream) {
  Style s;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  s.colour = isatty(fileno(stream)) && !(no_color && *no_color) && !(term && std::string_view(term) == "dumb");
  return s;
}

namespace {
std::string paint(bool on, std::string_view code, std::string_view s) {
  if (!on) return std::string(s);
  return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
}
}  // namespace

std::string Style::bold(std::string_view s) const { return paint(colour, "1", s); }
std::string Style::dim(std::string_view s) const { return paint(colour, "2", s); }
std::string Style::red(std::string_view s) const { return paint(colour, "31", s); }
std::string Style::green(std::string_view s) const { return paint(colour, "32", s); }
std::string Style::yellow(std::string_view s) const { return paint(colour, "33", s); }
std::string Style::cyan(std::string_view s) const { return paint(colour, "36", s); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read this file");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::shared_ptr<const RuleSet> load_rules(const std::optional<std::string>& path) {
  return path ? RuleSet::load(*path) : RuleSet::load_default();
}

Conversation load_state(const Engine& engine, const std::optional<std::string>& state_file,
                        const std::optional<std::string>& product) {
  if (state_file) {
    Conversation c;
    try {
      c = conversation_from_json(read_file(*state_file));
    } catch (const Error& e) {
      throw Error(*state_file + ": " + e.what());
    }
    if (!engine.rules().find_product(c.product_id)) {
      throw Error(*state_file + ": unknown product '" + c.product_id + "'");
    }
    return c;
  }
  return engine.start(product ? *product : engine.rules().products().front().id);
}

void print_error(const std::exception& e) {
  Style style = Style::for_stream(stderr);
  if (const auto* error = dynamic_cast<const Error*>(&e)) {
    for (const Diagnostic& d : error->diagnostics()) {
      std::string line = d.to_string();
      std::fprintf(stderr, "%s\n", (d.severity == Diagnostic::Severity::error ? style.red(line) : style.yellow(line)).c_str());
    }
    return;
  }
  std::fprintf(stderr, "%s\n", style.red(std::string("parley: ") + e.what()).c_str());
}

std::string describe(const Suggestion& s, int rank, const Style& style) {
  std::string head = fmt::format("{}. ", rank);
  std::string meta = fmt::format("[{} {}", to_string(s.action), s.rule_id);
  if (!s.playbook.empty()) meta += " " + s.playbook;
  meta += fmt::format(" score {}]", s.score);
  std::string price = s.offer ? fmt::format(" {}元", s.offer->to_string()) : "";
  for (const std::string& extra : s.extras) price += " +" + extra;
  // One line of why: the condition's parts, cut to fit a terminal.
  std::string why = s.why.summary();
  constexpr std::size_t kWidth = 110;
  if (why.size() > kWidth) {
    std::size_t cut = kWidth;
    while (cut > 0 && (static_cast<unsigned char>(why[cut]) & 0xC0) == 0x80) --cut;
    why = why.substr(0, cut) + "…";
  }
  return style.bold(head + s.text) + (price.empty() ? "" : style.green(price)) + "\n   " +
         style.dim(meta + "  " + why);
}

}  // namespace parley::cli
