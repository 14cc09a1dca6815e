// parley simulate: a rule set and textbook sellers against seeded simulated
// buyers (see docs/simulate.md).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "parley/error.hpp"
#include "parley/simulate.hpp"

namespace parley::cli {
namespace {

namespace sim = parley::simulate;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

double to_number(const std::string& s, const std::string& what) {
  try {
    std::size_t used = 0;
    double v = std::stod(s, &used);
    if (used == s.size()) return v;
  } catch (const std::exception&) {
  }
  throw po::error(what + ": '" + s + "' is not a number");
}

sim::Reservation parse_reservation(const std::string& spec) {
  std::vector<std::string> parts = split(spec, ':');
  sim::Reservation r;
  if (parts[0] == "uniform" && parts.size() <= 3) {
    r.shape = sim::Reservation::Shape::uniform;
  } else if (parts[0] == "triangular" && parts.size() <= 4) {
    r.shape = sim::Reservation::Shape::triangular;
  } else {
    throw po::error("--reservation: write uniform[:BELOW[:ABOVE]] or triangular[:BELOW[:ABOVE[:PEAK]]]");
  }
  if (parts.size() > 1) r.below = to_number(parts[1], "--reservation");
  if (parts.size() > 2) r.above = to_number(parts[2], "--reservation");
  if (parts.size() > 3) r.peak = to_number(parts[3], "--reservation");
  return r;
}

std::vector<std::pair<sim::Style, double>> parse_styles(const std::string& spec) {
  std::vector<std::pair<sim::Style, double>> out;
  for (const std::string& item : split(spec, ',')) {
    std::vector<std::string> kv = split(item, '=');
    auto style = sim::style_from_string(kv[0]);
    if (!style || *style == sim::Style::replay || kv.size() > 2) {
      throw po::error("--styles: '" + item + "': write STYLE[=WEIGHT],... with styles hard_haggler, counter_offerer, "
                      "extras_seeker, quality_doubter, comparison_shopper, quick_agreer, boulware, conceder, linear");
    }
    out.emplace_back(*style, kv.size() == 2 ? to_number(kv[1], "--styles") : 1.0);
  }
  return out;
}

// A progress bar on a terminal; nothing otherwise.
struct Progress {
  bool on = isatty(fileno(stderr));
  void operator()(std::size_t done, std::size_t total) const {
    if (!on || total == 0) return;
    int width = 40, filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\r[%s%s] %3d%% %zu/%zu buyers", std::string(filled, '#').c_str(),
                 std::string(width - filled, '.').c_str(), static_cast<int>(100 * done / total), done, total);
    if (done == total) std::fprintf(stderr, "\r%s\r", std::string(width + 40, ' ').c_str());
    std::fflush(stderr);
  }
};

}  // namespace

int simulate(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(), "rule file or folder (default: built-in)")(
      "product", po::value<std::vector<std::string>>(), "a product id (repeatable; default: every product)")(
      "buyers", po::value<std::size_t>()->default_value(1000), "buyers per product")(
      "seed", po::value<std::uint64_t>()->default_value(1), "seed of the population")(
      "threads", po::value<unsigned>()->default_value(0), "worker threads (0: every core)")(
      "strategies", po::value<std::string>(),
      "sellers, comma-separated (default: rules,rules-top3,rules-weighted,floor-first,never-concede,linear,"
      "boulware,conceder; also linear:STEPS, boulware:E[:STEPS], conceder:E[:STEPS], rules-topK)")(
      "subject", po::value<std::string>(), "the strategy the report is about (default: the first)")(
      "reservation", po::value<std::string>(),
      "reservation prices: uniform[:BELOW[:ABOVE]] or triangular[:BELOW[:ABOVE[:PEAK]]], fractions of the margin "
      "below the floor and above the list price (default uniform:0.3:0.2)")(
      "patience", po::value<std::string>(), "MIN:MAX buyer messages (default 3:8)")(
      "styles", po::value<std::string>(), "style mix, STYLE[=WEIGHT],...")(
      "extras-value", po::value<std::string>(),
      "SHIPPING:GIFT:OTHER yuan of value per yuan of cost (default 1:1.5:0.5)")(
      "replay", po::value<std::vector<std::string>>(), "a recorded transcript to replay (repeatable)")(
      "json", "print the report as JSON")(
      "transcripts", po::value<std::string>(), "write every conversation to FILE.jsonl")(
      "report", po::value<std::string>(), "write the HTML report to FILE")(
      "fail-if", po::value<std::vector<std::string>>(),
      "exit 1 when this holds, e.g. 'deal_rate<linear.deal_rate' (repeatable)")(
      "worst", po::value<std::size_t>()->default_value(3), "worst transcripts shown per metric")(
      "bench", "time the subject alone on one thread and print conversations a second");
  po::positional_options_description positional;
  po::variables_map vm;
  if (!parse(argc, argv, "parley simulate [--rules PATH] [--buyers N] [--seed S] [--json] [--report FILE] ...",
             options, positional, vm)) {
    return 0;
  }
  Engine engine(load_rules(optional_string(vm, "rules")));
  sim::Options o;
  o.seed = vm["seed"].as<std::uint64_t>();
  o.buyers = vm["buyers"].as<std::size_t>();
  o.threads = vm["threads"].as<unsigned>();
  o.worst = vm["worst"].as<std::size_t>();
  if (vm.count("product")) o.products = vm["product"].as<std::vector<std::string>>();
  if (vm.count("strategies")) {
    o.strategies.clear();
    for (const std::string& spec : split(vm["strategies"].as<std::string>(), ',')) {
      auto s = sim::parse_strategy(spec);
      if (!s) throw po::error("--strategies: unknown strategy '" + spec + "'");
      o.strategies.push_back(*s);
    }
  }
  if (vm.count("subject")) o.subject = vm["subject"].as<std::string>();
  if (vm.count("reservation")) o.population.reservation = parse_reservation(vm["reservation"].as<std::string>());
  if (vm.count("patience")) {
    std::vector<std::string> p = split(vm["patience"].as<std::string>(), ':');
    if (p.size() != 2) throw po::error("--patience: write MIN:MAX");
    o.population.patience_min = static_cast<int>(to_number(p[0], "--patience"));
    o.population.patience_max = static_cast<int>(to_number(p[1], "--patience"));
  }
  if (vm.count("styles")) o.population.styles = parse_styles(vm["styles"].as<std::string>());
  if (vm.count("extras-value")) {
    std::vector<std::string> v = split(vm["extras-value"].as<std::string>(), ':');
    if (v.size() != 3) throw po::error("--extras-value: write SHIPPING:GIFT:OTHER");
    o.population.shipping_value = to_number(v[0], "--extras-value");
    o.population.gift_value = to_number(v[1], "--extras-value");
    o.population.other_value = to_number(v[2], "--extras-value");
  }
  if (vm.count("replay")) {
    for (const std::string& path : vm["replay"].as<std::vector<std::string>>()) {
      o.replay.push_back(testing::load_transcript(path, engine.rules()));
    }
  }

  if (vm.count("bench")) {
    // The subject alone, one thread, no progress: conversations per second of
    // CPU time on this thread's core.
    std::vector<sim::Strategy> subject;
    for (const sim::Strategy& s : o.strategies) {
      if (o.subject.empty() ? subject.empty() : s.name == o.subject) subject.push_back(s);
    }
    o.strategies = subject;
    o.subject.clear();
    o.threads = 1;
    o.worst = 0;
    o.replay.clear();
    std::clock_t c0 = std::clock();
    sim::Report r = sim::run(engine, o);
    double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    std::size_t conversations = r.products.size() * o.buyers;
    const sim::Metrics* m = r.find("", "", r.subject);
    std::printf("%s: %zu conversations (%zu buyer messages) in %.2f s of CPU on one thread (%.2f s wall): "
                "%.0f conversations a second, %.2f us a message\n",
                r.subject.c_str(), conversations, m ? m->turns : 0, cpu, r.seconds,
                cpu > 0 ? static_cast<double>(conversations) / cpu : 0.0,
                m && m->turns ? 1e6 * cpu / static_cast<double>(m->turns) : 0.0);
    std::printf("(a figure of this machine at this minute; on a shared machine it varies from run to run)\n");
    return 0;
  }

  std::ofstream transcripts;
  if (vm.count("transcripts")) {
    transcripts.open(vm["transcripts"].as<std::string>(), std::ios::binary);
    if (!transcripts) throw Error(vm["transcripts"].as<std::string>() + ": cannot write this file");
    o.on_record = [&](const sim::Record& r) { transcripts << sim::to_json(r) << '\n'; };
  }
  Progress progress;
  if (!vm.count("json")) o.progress = progress;
  sim::Report report = sim::run(engine, o);
  if (transcripts.is_open()) {
    transcripts.close();
    if (!transcripts) throw Error(vm["transcripts"].as<std::string>() + ": could not write every conversation");
  }
  // Thresholds are parsed before anything is printed, so a typo stops the run
  // with nothing half-written.
  std::vector<sim::Threshold> thresholds;
  if (vm.count("fail-if")) {
    for (const std::string& text : vm["fail-if"].as<std::vector<std::string>>()) {
      for (const std::string& one : split(text, ',')) thresholds.push_back(sim::parse_threshold(one, report));
    }
  }
  if (vm.count("report")) {
    std::ofstream out(vm["report"].as<std::string>(), std::ios::binary);
    out << sim::to_html(report);
    if (!out) throw Error(vm["report"].as<std::string>() + ": cannot write this file");
  }
  if (vm.count("json")) std::printf("%s\n", sim::to_json(report).c_str());
  else std::fputs(sim::to_table(report, Style::for_stream(stdout).colour).c_str(), stdout);
  int code = 0;
  for (const sim::Threshold& t : thresholds) {
    std::vector<std::string> where = sim::holds(t, report);
    if (where.empty()) continue;
    code = 1;
    std::fprintf(stderr, "fail-if %s holds on %s\n", t.text.c_str(), fmt::format("{}", fmt::join(where, ", ")).c_str());
  }
  return code;
}

}  // namespace parley::cli
