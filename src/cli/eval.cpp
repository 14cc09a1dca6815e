// parley eval: how well a rule set understands a shop's own buyers, measured
// on a labelled file (see eval_messages.cpp for what is judged and how).
#include "cli/cli.hpp"
#include "cli/eval_table.hpp"
#include "cli/options.hpp"

namespace parley::cli {

namespace {

constexpr const char* kUsage =
    "parley eval [--rules PATH] [--json] FILE.tsv\n"
    "       parley eval --numerals [--json] FILE.tsv\n"
    "\n"
    "FILE.tsv is tab-separated with a header line; other columns are ignored.\n"
    "Buyer messages: text, intents (|-separated, primary first; 'other' or empty:\n"
    "  none of the file's intents), expected_price (the price the buyer would pay,\n"
    "  empty when none), mentions (kind=surface separated by ';').\n"
    "  Intents the rule set finds but the file never uses as a label are not\n"
    "  judged (the strict primary figure counts them); labels the rule set does\n"
    "  not define count as missed.\n"
    "Numerals (--numerals): text, value, mode; a mode containing 'error' means the\n"
    "  text must be rejected.";

}  // namespace

int eval(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "numerals", "measure parse_number on a numeral table")("json", "print one JSON object")(
      "file", po::value<std::string>(), "the labelled TSV file");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (!parse(argc, argv, kUsage, options, positional, vm)) return 0;
  if (!vm.count("file")) throw po::error("give the labelled TSV file");
  bool json = vm.count("json");
  std::string path = vm["file"].as<std::string>();

  if (vm.count("numerals")) {
    if (vm.count("rules")) throw po::error("--numerals measures the numeral parser, which no rule set changes");
    return evaluation::report_numerals(evaluation::Table::read(path, {"text", "value", "mode"}), json);
  }
  Engine engine(load_rules(optional_string(vm, "rules")));
  return evaluation::report_messages(engine, evaluation::Table::read(path, {"text", "intents", "expected_price", "mentions"}), json);
}

}  // namespace parley::cli
