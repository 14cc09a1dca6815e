// parley chat: the agent's view in a terminal, or a script through a pipe.
//
//   buyer> 太贵了
//   1. 亲, 这款PDU插座额定功率4000W, 价格已经很实在了哦  150元
//      [hold justify-first B2 score 80]  too_expensive; concessions == 0
//   pick 1-3, or type your own reply [1]>
//
// Lines starting with / are commands, at the buyer prompt and the pick
// prompt alike (/help lists them). Nothing typed ends the session but /quit
// and the end of the input.
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "engine/validate.hpp"
#include "parley/error.hpp"
#include "parley/json.hpp"

namespace parley::cli {
namespace {

struct Session {
  const Engine& engine;
  Style style;
  bool interactive;
  std::vector<Conversation> undo;
  Conversation conversation;
  // What was said, for /save: the buyer's words and the seller's pick or text.
  struct Said {
    std::string buyer;
    int pick = 0;
    std::string seller;
  };
  std::vector<Said> said;
  std::vector<std::size_t> said_undo;

  bool read_line(const char* prompt, std::string& line) {
    if (interactive) {
      std::printf("%s", style.cyan(prompt).c_str());
      std::fflush(stdout);
    }
    if (!std::getline(std::cin, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

  void show_state() {
    const Conversation& c = conversation;
    std::printf("%s\n", style.dim(fmt::format("product {} · offer {} · concessions {} · round {} · stage {} · extras {}",
                                              c.product_id, c.offer ? c.offer->to_string() : "list",
                                              c.concessions, c.round, to_string(c.stage),
                                              c.extras_granted.empty() ? "none" : fmt::format("{}", fmt::join(c.extras_granted, ",")))).c_str());
  }

  void save(const std::string& path) {
    std::ofstream out(path);
    if (!out) throw Error(path + ": cannot write this file");
    auto quote = [](const std::string& s) {
      std::string q = "\"";
      for (char ch : s) {
        if (ch == '"' || ch == '\\') q += '\\';
        q += ch;
      }
      return q + "\"";
    };
    out << "product: " << conversation.product_id << "\n";
    out << "seed: " << conversation.seed << "\n";
    out << "buyer: " << to_json(conversation.buyer) << "\n";  // JSON is YAML
    out << "turns:\n";
    for (const Said& s : said) {
      out << "  - buyer: " << quote(s.buyer) << "\n";
      if (!s.seller.empty() || s.pick == 0) out << "    seller: " << quote(s.seller) << "\n";
      else out << "    pick: " << s.pick << "\n";
    }
    std::printf("%s\n", style.dim("saved " + path).c_str());
  }

  // /fact NAME=VALUE: the value read as the rule set declares the fact (a
  // tracking number of digits stays a string when the fact is a string);
  // a fact the rule set does not declare, or a value it does not allow, is
  // refused with the reason, and the conversation stays as it was.
  void set_fact(const std::string& arg) {
    const auto eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::printf("%s\n", style.yellow("usage: /fact NAME=VALUE, or /fact NAME= to clear it").c_str());
      return;
    }
    const std::string fact_name = arg.substr(0, eq);
    const std::string value = arg.substr(eq + 1);
    if (value.empty()) {
      conversation.facts.erase(fact_name);
      show_state();
      return;
    }
    std::vector<Fact> readings;
    if (value == "true" || value == "false") readings.emplace_back(value == "true");
    double number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec == std::errc() && end == value.data() + value.size() && std::isfinite(number)) readings.emplace_back(number);
    readings.emplace_back(value);
    std::optional<Error> first_error;
    for (const Fact& reading : readings) {
      Conversation next = conversation;
      next.facts[fact_name] = reading;
      try {
        engine::validate(engine.rules(), next);
      } catch (const Error& e) {
        if (!first_error) first_error = e;
        continue;
      }
      conversation = std::move(next);
      show_state();
      return;
    }
    print_error(*first_error);
  }

  // Returns false to quit.
  bool command(const std::string& line) {
    std::string name = line.substr(0, line.find(' '));
    std::string arg = line.size() > name.size() ? line.substr(name.size() + 1) : "";
    if (name == "/quit" || name == "/q" || name == "/exit") return false;
    if (name == "/state") {
      show_state();
    } else if (name == "/json") {
      std::printf("%s\n", to_json(conversation).c_str());
    } else if (name == "/product") {
      if (!engine.rules().find_product(arg)) {
        std::string ids;
        for (const Product& p : engine.rules().products()) ids += " " + p.id;
        std::printf("%s\n", style.red("unknown product '" + arg + "'; products:" + ids).c_str());
      } else {
        undo.push_back(conversation);
        said_undo.push_back(said.size());
        Conversation next = engine.start(arg, conversation.seed);
        next.buyer = conversation.buyer;
        next.facts = conversation.facts;
        conversation = std::move(next);
        said.clear();
        show_state();
      }
    } else if (name == "/undo") {
      if (undo.empty()) {
        std::printf("%s\n", style.yellow("nothing to undo").c_str());
      } else {
        conversation = undo.back();
        undo.pop_back();
        said.resize(std::min(said.size(), said_undo.back()));
        said_undo.pop_back();
        show_state();
      }
    } else if (name == "/save") {
      save(arg.empty() ? "transcript.yaml" : arg);
    } else if (name == "/fact") {
      set_fact(arg);
    } else {
      std::printf("commands: /state, /json, /product ID, /fact NAME=VALUE (NAME= clears it), /undo, /save [FILE], /quit\n"
                  "a command typed at the pick prompt runs, and the prompt comes back\n");
    }
    return true;
  }

  // One buyer message: suggestions, then the agent's pick or own reply.
  // A /command typed at the pick prompt runs as a command and the prompt
  // comes back (with new suggestions when it changed the facts); /undo and
  // /product drop the pending message. Returns false to quit.
  bool turn(const std::string& buyer) {
    for (;;) {
      SuggestResult result = engine.suggest(conversation, buyer, {.top = 5, .explain = true});
      if (result.suggestions.empty()) std::printf("%s\n", style.yellow("no suggestion: type your own reply").c_str());
      int rank = 0;
      for (const Suggestion& s : result.suggestions) std::printf("%s\n", describe(s, ++rank, style).c_str());
      const std::size_t n = result.suggestions.size();
      for (;;) {
        const std::string prompt = n == 0 ? "your reply> " : fmt::format("pick 1-{}, or type your own reply [1]> ", n);
        std::string answer;
        if (!read_line(prompt.c_str(), answer)) answer.clear();
        if (!answer.empty() && answer[0] == '/') {
          const std::size_t undo_depth = undo.size();
          const auto facts = conversation.facts;
          if (!command(answer)) return false;
          if (undo.size() != undo_depth) return true;  // /undo or /product: the message is dropped
          if (conversation.facts != facts) break;      // suggest again with the new facts
          continue;
        }
        const bool digits = !answer.empty() && answer.find_first_not_of("0123456789") == std::string::npos;
        if (digits) {
          std::size_t pick = 0;
          const auto [end, ec] = std::from_chars(answer.data(), answer.data() + answer.size(), pick);
          if (ec != std::errc() || end != answer.data() + answer.size() || pick < 1 || pick > n) {
            std::printf("%s\n", style.yellow(n == 0 ? std::string("there is no suggestion to pick: type your reply")
                                                     : fmt::format("pick a number from 1 to {}", n)).c_str());
            continue;
          }
          send(buyer, result.suggestions[pick - 1], static_cast<int>(pick));
          return true;
        }
        if (answer.empty() && n > 0) {
          send(buyer, result.suggestions.front(), 1);
          return true;
        }
        if (answer.empty()) continue;  // nothing to send yet
        // A price the agent typed that breaks a money invariant: say which,
        // and record it only once the agent confirms.
        if (const Engine::SellerTextCheck check = engine.check_seller_text(conversation, buyer, answer);
            !check.warnings.empty()) {
          for (const std::string& warning : check.warnings) {
            std::printf("%s\n", style.yellow("warning: " + warning).c_str());
          }
          std::string confirm;
          if (!read_line("send it anyway? [y/N] ", confirm) || (confirm != "y" && confirm != "Y")) continue;
        }
        undo.push_back(conversation);
        said_undo.push_back(said.size());
        conversation = engine.observe_seller_text(conversation, buyer, answer);
        for (const std::string& word : engine.lint_reply(answer)) {
          std::printf("%s\n", style.yellow("warning: your reply contains '" + word + "', which the compliance list forbids").c_str());
        }
        said.push_back({buyer, 0, answer});
        show_state();
        return true;
      }
    }
  }

  void send(const std::string& buyer, const Suggestion& chosen, int pick) {
    undo.push_back(conversation);
    said_undo.push_back(said.size());
    conversation = engine.apply(conversation, buyer, chosen);
    std::printf("%s %s\n", style.green("seller:").c_str(), chosen.text.c_str());
    said.push_back({buyer, pick, ""});
    show_state();
  }
};

}  // namespace

int chat(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "product", po::value<std::string>(), "the product discussed (default: the first)")(
      "buyer", po::value<std::string>(), "the buyer's profile (JSON)")(
      "state", po::value<std::string>(), "continue a saved conversation (JSON)");
  po::variables_map vm;
  if (!parse(argc, argv, "parley chat [--rules PATH] [--product ID] [--buyer FILE]", options, {}, vm)) return 0;
  Engine engine(load_rules(optional_string(vm, "rules")));
  Session session{engine, Style::for_stream(stdout), static_cast<bool>(isatty(fileno(stdin))), {},
                  load_state(engine, optional_string(vm, "state"), optional_string(vm, "product")), {}, {}};
  if (auto buyer = optional_string(vm, "buyer")) session.conversation.buyer = buyer_profile_from_json(read_file(*buyer));

  const Product& product = *engine.rules().find_product(session.conversation.product_id);
  std::printf("%s\n", session.style.bold(fmt::format("parley chat · {} · {} {}元 · /help for commands",
                                                      engine.rules().shop_name(), product.name,
                                                      product.list_price.to_string())).c_str());
  std::string line;
  while (session.read_line("buyer> ", line)) {
    if (line.empty()) continue;
    // Nothing typed ends the session but /quit and the end of the input: a
    // problem is reported and the conversation goes on as it was.
    try {
      if (line[0] == '/') {
        if (!session.command(line)) break;
      } else if (!session.turn(line)) {
        break;
      }
    } catch (const std::exception& e) {
      print_error(e);
    }
  }
  return 0;
}

}  // namespace parley::cli
