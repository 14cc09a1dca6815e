// parley check: validate a rule set, run its rules' examples, and look for
// situations the rule set leaves without any suggestion (issue 13: every
// buyer message gets a reply, B28).
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "parley/error.hpp"
#include "parley/simulate.hpp"
#include "parley/testing.hpp"

namespace parley::cli {
namespace {

// A buyer message the rule set had nothing to say to, and where.
struct Silence {
  std::string product;
  std::string situation;  // how the conversation got there
  std::string message;
};

std::string yuan_text(Money m) { return std::to_string(m.fen() / 100); }

// What buyers commonly say, at any point of a conversation: greetings,
// questions, price pushes, counters below the floor, between floor and list
// and at the list price, extras, yes, no, after-sale words. Written here,
// not taken from the rule set, so a rule set is not checked against itself.
std::vector<std::string> common_messages(const Product& p) {
  const Money margin = p.list_price - p.floor;
  const Money lowball = p.floor - Money::from_fen(std::max<std::int64_t>(margin.fen(), 1000));
  const Money middle = p.floor + Money::from_fen(margin.fen() / 2);
  std::vector<std::string> out = {
      "在吗", "你好", "这个多少钱", "太贵了", "便宜点", "再便宜点", "最低多少", "能少10块吗", "抹个零吧",
      yuan_text(lowball) + "行吗", yuan_text(middle) + "卖不卖", yuan_text(p.floor) + "行不行",
      yuan_text(p.list_price) + "可以吗", "太贵了，" + yuan_text(middle) + "行吗", "包邮吗", "送个赠品吧",
      "有赠品吗", "好的", "就这个价吧", "算了不要了", "我再看看", "别家更便宜", "质量怎么样", "什么时候发货",
      "嗯", "谢谢", "我付款了", "快递到哪了", "我要退货", "收到的东西坏了", "人呢"};
  return out;
}

// Conversations at the stages a haggle goes through, each reached by the
// buyer lines of its script with suggestion #1 sent (or nothing, when there
// is none: that silence is reported too).
struct Script {
  std::string name;
  std::vector<std::string> lines;
  std::map<std::string, Fact> facts;
};

std::vector<Script> scripts() {
  std::vector<std::string> pushes = {"太贵了"};
  for (int i = 0; i < 10; ++i) pushes.push_back("再便宜点");
  return {
      {"a new conversation", {}, {}},
      {"after 太贵了", {"太贵了"}, {}},
      {"after one step down", {"太贵了", "便宜点"}, {}},
      {"after four pushes", {"太贵了", "便宜点", "再便宜点", "再便宜点"}, {}},
      {"at the floor, extras given", pushes, {}},
      {"after a yes", {"太贵了", "好的"}, {}},
      {"after a firm no", {"算了不要了"}, {}},
      {"with the order paid", {}, {{"order_status", Fact{std::string("paid")}}}},
      {"with the order shipped", {}, {{"order_status", Fact{std::string("shipped")}}}},
      {"with the order delivered", {}, {{"order_status", Fact{std::string("delivered")}}}},
  };
}

// The scripted sweep: every product x every script x every common message.
// A script whose facts the rule set does not declare is skipped.
std::vector<Silence> sweep(const Engine& engine) {
  std::vector<Silence> out;
  SuggestOptions options;
  options.explain = false;
  for (const Product& product : engine.rules().products()) {
    for (const Script& script : scripts()) {
      Conversation c = engine.start(product.id, 1);
      c.facts = script.facts;
      try {
        for (const std::string& line : script.lines) {
          SuggestResult r = engine.suggest(c, line, options);
          if (r.suggestions.empty()) {
            out.push_back({product.id, script.name + " (on the way)", line});
            c = engine.observe_seller_text(c, line, "");
          } else {
            c = engine.apply(c, line, r.suggestions.front());
          }
        }
        for (const std::string& message : common_messages(product)) {
          if (engine.suggest(c, message, options).suggestions.empty()) {
            out.push_back({product.id, script.name, message});
          }
        }
      } catch (const Error&) {
        continue;  // facts this rule set does not declare
      }
    }
  }
  return out;
}

// A short simulated haggle per product (parley simulate's buyers, the rule
// set sending #1): the buyer messages that got no suggestion.
std::vector<Silence> simulated(const Engine& engine, std::size_t buyers) {
  std::vector<Silence> out;
  if (buyers == 0) return out;
  simulate::Options o;
  o.seed = 1;
  o.buyers = buyers;
  o.threads = 1;
  o.strategies = {*simulate::parse_strategy("rules")};
  o.worst = 0;
  o.on_record = [&](const simulate::Record& record) {
    std::string before = "a simulated " + std::string(simulate::to_string(record.style)) + " buyer";
    for (const simulate::Exchange& x : record.turns) {
      if (x.silent) {
        out.push_back({record.product, before + ", its message " + std::to_string(&x - record.turns.data() + 1), x.buyer});
      }
    }
  };
  simulate::run(engine, std::move(o));
  return out;
}

}  // namespace

int check(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "playbook", po::value<int>()->default_value(37), "behaviours B1..BN the rule set should cover")(
      "sweep-buyers", po::value<std::size_t>()->default_value(100),
      "simulated buyers per product in the search for silent turns (0: the scripted sweep only)")(
      "no-sweep", "skip the search for situations without any suggestion");
  po::variables_map vm;
  if (!parse(argc, argv, "parley check [--rules PATH]", options, {}, vm)) return 0;

  Style style = Style::for_stream(stdout);
  std::shared_ptr<const RuleSet> rules;
  try {
    rules = load_rules(optional_string(vm, "rules"));
  } catch (const Error& e) {
    print_error(e);
    std::fprintf(stderr, "%zu problem%s\n", e.diagnostics().size(), e.diagnostics().size() == 1 ? "" : "s");
    return 1;
  }
  for (const Diagnostic& d : rules->warnings()) std::fprintf(stderr, "%s\n", style.yellow(d.to_string()).c_str());

  Engine engine(rules);
  std::vector<Diagnostic> problems = testing::check_examples(engine);
  for (const Diagnostic& d : problems) std::printf("%s\n", style.red(d.to_string()).c_str());

  // B28: no message without a reply. Each silent situation is a problem at
  // its product, the same message said once per product and situation kind.
  std::size_t silent = 0;
  if (!vm.count("no-sweep")) {
    std::vector<Silence> found = sweep(engine);
    std::vector<Silence> more = simulated(engine, vm["sweep-buyers"].as<std::size_t>());
    found.insert(found.end(), more.begin(), more.end());
    std::set<std::pair<std::string, std::string>> seen;
    for (const Silence& s : found) {
      if (!seen.insert({s.product, s.message}).second) continue;
      ++silent;
      const Product* p = rules->find_product(s.product);
      Diagnostic d;
      d.where = p ? p->where : SourceLocation{};
      d.message = fmt::format("product '{}': no suggestion for \"{}\" ({}): add a rule or a fallback for it (B28)",
                              s.product, s.message, s.situation);
      problems.push_back(d);
      if (silent <= 40) std::printf("%s\n", style.red(d.to_string()).c_str());
    }
    if (silent > 40) std::printf("%s\n", style.red(fmt::format("... and {} more silent situations", silent - 40)).c_str());
  }

  std::size_t examples = 0;
  for (const RuleInfo& rule : rules->rules()) examples += rule.examples;
  std::vector<std::string> covered = rules->playbook_covered();
  std::vector<std::string> missing;
  for (int b = 1; b <= vm["playbook"].as<int>(); ++b) {
    std::string id = "B" + std::to_string(b);
    if (std::find(covered.begin(), covered.end(), id) == covered.end()) missing.push_back(id);
  }
  std::printf("%zu products, %zu intents, %zu rules, %zu examples: %s\n", rules->products().size(),
              rules->intent_names().size(), rules->rules().size(), examples,
              problems.empty() ? style.green("ok").c_str() : style.red(fmt::format("{} problems", problems.size())).c_str());
  if (!vm.count("no-sweep")) {
    std::printf("silent situations: %s\n", silent == 0 ? "none" : std::to_string(silent).c_str());
  }
  std::printf("playbook covered: %s\n", fmt::format("{}", fmt::join(covered, " ")).c_str());
  if (!missing.empty()) std::printf("playbook not covered: %s\n", fmt::format("{}", fmt::join(missing, " ")).c_str());
  return problems.empty() ? 0 : 1;
}

}  // namespace parley::cli
