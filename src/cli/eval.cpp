// parley eval: how well a rule set understands a shop's own buyers, measured
// on a labelled file (see eval_messages.cpp for what is judged and how).
#include "cli/cli.hpp"
#include "cli/eval_table.hpp"
#include "cli/options.hpp"

namespace parley::cli {

namespace {

constexpr const char* kUsage =
    "parley eval [--rules PATH] [--map NAME=LABEL]... [--second COLUMN] [--max-misses N]\n"
    "            [--progress] [--json] FILE.tsv\n"
    "       parley eval --numerals [--json] FILE.tsv\n"
    "\n"
    "FILE.tsv is tab-separated with a header line; other columns are ignored.\n"
    "Buyer messages: text, intents (|-separated, primary first; 'other' or empty:\n"
    "  none of the file's intents), expected_price (the price the buyer would pay,\n"
    "  empty when none), mentions (kind=surface separated by ';').\n"
    "  Intents the rule set finds but the file never uses as a label are not\n"
    "  judged (the strict primary figure counts them); labels the rule set does\n"
    "  not define count as missed. --map NAME=LABEL (repeatable) reads the rule\n"
    "  set's intent NAME as LABEL, for a rule set finer than the labels.\n"
    "  A second labeller's intents (column intents2, or --second COLUMN) are\n"
    "  compared with the first's and with parley's. --max-misses N lists at most\n"
    "  N misses (all are counted). docs/eval.md explains every figure.\n"
    "Numerals (--numerals): text, value, mode; a mode containing 'error', or the\n"
    "  value ERROR or NaN, means the text must be rejected; a row whose value is\n"
    "  other text is not judged.";

}  // namespace

int eval(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "numerals", "measure parse_number on a numeral table")("json", "print one JSON object")(
      "map", po::value<std::vector<std::string>>(), "NAME=LABEL: read the rule set's intent NAME as LABEL")(
      "second", po::value<std::string>(), "the column of a second labeller's intents (default: intents2 when present)")(
      "max-misses", po::value<std::size_t>(), "list at most N misses")(
      "progress", "a progress line on stderr every tenth of the file, even off a terminal")(
      "file", po::value<std::string>(), "the labelled TSV file");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (!parse(argc, argv, kUsage, options, positional, vm)) return 0;
  if (!vm.count("file")) throw po::error("give the labelled TSV file");
  bool json = vm.count("json");
  std::string path = vm["file"].as<std::string>();

  if (vm.count("numerals")) {
    if (vm.count("rules") || vm.count("map") || vm.count("second") || vm.count("progress") ||
        vm.count("max-misses")) {
      throw po::error("--numerals measures the numeral parser, which no rule set changes (--rules, --map, --second, "
                      "--progress and --max-misses are for labelled messages)");
    }
    return evaluation::report_numerals(evaluation::Table::read(path, {"text", "value", "mode"}), json);
  }
  evaluation::MessageOptions message_options;
  evaluation::IntentMap& map = message_options.map;
  if (vm.count("map")) {
    for (const std::string& pair : vm["map"].as<std::vector<std::string>>()) {
      std::size_t eq = pair.find('=');
      if (eq == 0 || eq == std::string::npos || eq + 1 == pair.size()) {
        throw po::error("--map takes NAME=LABEL, not '" + pair + "'");
      }
      map.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    }
  }
  Engine engine(load_rules(optional_string(vm, "rules")));
  evaluation::Table table = evaluation::Table::read(path, {"text", "intents", "expected_price", "mentions"});
  if (vm.count("second")) {
    message_options.second_labels = vm["second"].as<std::string>();
    if (!table.has_column(message_options.second_labels)) {
      throw po::error("--second: no column '" + message_options.second_labels + "' in " + path);
    }
  } else if (table.has_column("intents2")) {
    message_options.second_labels = "intents2";
  }
  message_options.json = json;
  if (vm.count("max-misses")) message_options.max_misses = vm["max-misses"].as<std::size_t>();
  message_options.progress_lines = vm.count("progress") > 0;
  return evaluation::report_messages(engine, table, message_options);
}

}  // namespace parley::cli
