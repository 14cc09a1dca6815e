// parley chat: the agent's view in a terminal, or a script through a pipe.
//
//   buyer> 太贵了
//   1. 亲, 这款PDU插座额定功率4000W, 价格已经很实在了哦  150元
//      [hold justify-first B2 score 80]  too_expensive; concessions == 0
//   pick 1-3, or type your own reply [1]>
//
// Lines starting with / are commands (/help lists them).
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/options.hpp"
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
      auto eq = arg.find('=');
      if (eq == std::string::npos) {
        std::printf("%s\n", style.yellow("usage: /fact NAME=VALUE").c_str());
      } else {
        std::string value = arg.substr(eq + 1);
        Fact fact = value;
        if (value == "true" || value == "false") fact = value == "true";
        else if (!value.empty() && value.find_first_not_of("0123456789.") == std::string::npos) fact = std::stod(value);
        conversation.facts[arg.substr(0, eq)] = fact;
        show_state();
      }
    } else {
      std::printf("commands: /state, /json, /product ID, /fact NAME=VALUE, /undo, /save [FILE], /quit\n");
    }
    return true;
  }

  void turn(const std::string& buyer) {
    SuggestResult result = engine.suggest(conversation, buyer, {.top = 5, .explain = true});
    if (result.suggestions.empty()) std::printf("%s\n", style.yellow("no suggestion: type your own reply").c_str());
    int rank = 0;
    for (const Suggestion& s : result.suggestions) std::printf("%s\n", describe(s, ++rank, style).c_str());
    std::string prompt = result.suggestions.empty()
                             ? "your reply> "
                             : fmt::format("pick 1-{}, or type your own reply [1]> ", result.suggestions.size());
    std::string answer;
    if (!read_line(prompt.c_str(), answer)) answer.clear();
    undo.push_back(conversation);
    said_undo.push_back(said.size());
    int pick = 0;
    if (answer.empty() && !result.suggestions.empty()) pick = 1;
    else if (!answer.empty() && answer.find_first_not_of("0123456789") == std::string::npos) pick = std::stoi(answer);
    if (pick >= 1 && static_cast<std::size_t>(pick) <= result.suggestions.size()) {
      const Suggestion& chosen = result.suggestions[pick - 1];
      conversation = engine.apply(conversation, buyer, chosen);
      std::printf("%s %s\n", style.green("seller:").c_str(), chosen.text.c_str());
      said.push_back({buyer, pick, ""});
    } else {
      conversation = engine.observe_seller_text(conversation, buyer, answer);
      for (const std::string& word : engine.lint_reply(answer)) {
        std::printf("%s\n", style.yellow("warning: your reply contains '" + word + "', which the compliance list forbids").c_str());
      }
      said.push_back({buyer, 0, answer});
    }
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
    try {
      if (line[0] == '/') {
        if (!session.command(line)) break;
      } else {
        session.turn(line);
      }
    } catch (const Error& e) {
      print_error(e);
    }
  }
  return 0;
}

}  // namespace parley::cli
