// The loader's edge (issue: hostile rule files): whatever the bytes or the
// files, a load is a RuleSet or a parley::Error whose diagnostics name the
// file and, where there is one, the line and column.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "load_testing.hpp"
#include "rules/limits.hpp"
#include "rules/load_context.hpp"

using parley::test::kSmallShop;
using parley::test::load_problems;
using parley::test::replaced;
namespace fs = std::filesystem;
namespace limits = parley::rules::limits;

namespace {

bool has(const std::vector<std::string>& problems, const std::string& needle) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(needle) != std::string::npos; });
}

// A fresh folder under the system's temporary one, removed at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("parley-loader-edge-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, const std::string& content) const {
    std::ofstream(path / name, std::ios::binary) << content;
    return path / name;
  }
};

std::vector<std::string> path_problems(const fs::path& path) {
  try {
    (void)parley::RuleSet::load(path);
  } catch (const parley::Error& e) {
    std::vector<std::string> out;
    for (const parley::Diagnostic& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("no products and a rule with a plain example: diagnostics, no yaml-cpp exception") {
  // Used to escape as YAML::BadSubscript (the example looked up 'product').
  std::string yaml = replaced(kSmallShop, "products:\n  - {id: pdu, name: 插座, list_price: 150, floor: 132}\n", "");
  yaml += "    examples: [太贵了]\n";
  const auto problems = load_problems(yaml);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:1:1: error: the rule set has no products: add at least one under products:");
}

TEST_CASE("the loader's edge turns a library's exception into a diagnostic at its mark, after the others") {
  // No input is known to reach it any more (the fuzz targets look for one);
  // this is what load_rule_set() throws when one does.
  parley::rules::LoadContext load;
  load.files_.push_back(std::make_unique<parley::rules::YamlReader>("shop.yaml", kSmallShop, load.diagnostics_));
  const YAML::Node root = load.files_.front()->parse();
  load.current_ = {load.files_.front().get(), root["products"][0]};
  load.files_.front()->error(root["shop"], "an earlier problem");
  YAML::Mark mark;
  mark.line = 5;  // 0-based: line 6, column 3
  mark.column = 2;
  const parley::Error e = load.failed(YAML::BadSubscript(mark, std::string("product")));
  REQUIRE(e.diagnostics().size() == 2);
  CHECK(e.diagnostics()[0].to_string() == "shop.yaml:2:7: error: an earlier problem");
  CHECK(e.diagnostics()[1].to_string() ==
        "shop.yaml:6:3: error: cannot read this part of the rule set (operator[] call on a scalar (key: \"product\"))");
  // Without a mark: at the item being read.
  const parley::Error other = load.failed(std::length_error("basic_string::_M_create"));
  CHECK(other.diagnostics()[1].to_string() ==
        "shop.yaml:4:5: error: cannot read this part of the rule set (basic_string::_M_create)");
}

TEST_CASE("an exception from yaml-cpp becomes a diagnostic with the file, after those found before") {
  // A ladder written as a mapping used to reach yaml-cpp's InvalidNode.
  const std::string yaml = std::string(kSmallShop) + "negotiation: {extras_ladder: {free_shipping: 1}}\n" +
                           "facts: {1bad: string}\n";
  const auto problems = load_problems(yaml);
  REQUIRE_FALSE(problems.empty());
  for (const std::string& p : problems) CHECK(p.rfind("shop.yaml:", 0) == 0);
  CHECK(has(problems, "shop.yaml:13:"));
}

TEST_CASE("a symlink loop in a rules folder is a diagnostic, not std::filesystem_error") {
  TempDir dir;
  dir.write("00-shop.yaml", kSmallShop);
  fs::create_symlink("loop.yaml", dir.path / "loop.yaml");
  const auto problems = path_problems(dir.path);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == (dir.path / "loop.yaml").string() +
                           ": error: cannot read this file: Too many levels of symbolic links");
}

TEST_CASE("only regular files are read: a FIFO, a device, a folder named x.yaml are errors") {
  TempDir dir;
  dir.write("00-shop.yaml", kSmallShop);
  REQUIRE(::mkfifo((dir.path / "fifo.yaml").c_str(), 0600) == 0);
  fs::create_directory(dir.path / "folder.yaml");
  const auto problems = path_problems(dir.path);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == (dir.path / "fifo.yaml").string() +
                           ": error: this is a FIFO, not a rule file: only regular files are read");
  CHECK(problems[1] == (dir.path / "folder.yaml").string() +
                           ": error: this is a folder, not a rule file: only regular files are read");
  // Named directly, too (it is never opened, so it cannot block).
  CHECK(path_problems(dir.path / "fifo.yaml") == std::vector<std::string>{problems[0]});
  CHECK(path_problems("/dev/zero") ==
        std::vector<std::string>{"/dev/zero: error: this is a character device, not a rule file: only regular files are read"});
}

TEST_CASE("a rule file is at most 8 MiB, on disk and in memory") {
  const std::string big = std::string(kSmallShop) + "# " + std::string(limits::kFileBytes, 'x') + "\n";
  const std::string expected = "has " + std::to_string(big.size()) + " bytes; a rule file may have at most 8388608 (8 MiB)";
  const auto in_memory = load_problems(big);
  REQUIRE(in_memory.size() == 1);
  CHECK(in_memory[0] == "shop.yaml:1:1: error: this file " + expected);
  TempDir dir;
  const auto problems = path_problems(dir.write("big.yaml", big));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == (dir.path / "big.yaml").string() + ": error: this file " + expected);
}

TEST_CASE("nested aliases stop at the node limit instead of expanding to millions of keywords") {
  // Seven levels of ten aliases: 10^7 keywords in about 300 bytes.
  std::string yaml = std::string(kSmallShop) + "bombs:\n  - &k0 [太贵, 太贵, 太贵, 太贵, 太贵, 太贵, 太贵, 太贵, 太贵, 太贵]\n";
  for (int level = 1; level <= 7; ++level) {
    const std::string a = "*k" + std::to_string(level - 1);
    yaml += "  - &k" + std::to_string(level) + " [" + a;
    for (int i = 1; i < 10; ++i) yaml += ", " + a;
    yaml += "]\n";
  }
  const auto problems = load_problems(yaml);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] ==
        "shop.yaml:1:1: error: this file has more than 500000 YAML nodes (each alias counted where it is "
        "used): a rule file that large is a mistake or an attack");
}

TEST_CASE("a key set twice in one mapping is an error at the second") {
  const auto problems = load_problems(replaced(kSmallShop, "floor: 132}", "floor: 10, floor: 80}"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:4:53: error: 'floor' is set twice in this mapping (first at line 4): say it once");
  const auto block = load_problems(replaced(kSmallShop, "    score: 10\n", "    score: 10\n    do: close\n"));
  REQUIRE(block.size() == 1);
  CHECK(block[0] == "shop.yaml:12:5: error: 'do' is set twice in this mapping (first at line 10): say it once");
}

TEST_CASE("invalid UTF-8 anywhere in a rule file is an error at its line and column") {
  const auto raw = load_problems(replaced(kSmallShop, "name: 插座", "name: 插\xff座"));
  REQUIRE(raw.size() == 1);
  CHECK(raw[0] == "shop.yaml:4:22: error: byte 0xFF is not UTF-8: rule files are UTF-8 text");
  const auto in_comment = load_problems(std::string(kSmallShop) + "# \xe6\x8f\n");
  REQUIRE(in_comment.size() == 1);
  CHECK(in_comment[0] == "shop.yaml:13:3: error: byte 0xE6 is not UTF-8: rule files are UTF-8 text");
  const auto escaped = load_problems(replaced(kSmallShop, "name: 插座", "name: \"插\\ud800座\""));
  REQUIRE(escaped.size() == 1);
  // yaml-cpp refuses a lone surrogate itself; the tree walk would catch any
  // other escape that made a scalar invalid.
  CHECK(escaped[0] == "shop.yaml:4:29: error: this is not valid YAML: invalid unicode: 55296");
}

TEST_CASE("integers are read with a range, never cast from any double") {
  const auto days = load_problems(replaced(kSmallShop, "ship_within_days: 2", "ship_within_days: -5"));
  REQUIRE(days.size() == 1);
  CHECK(days[0] == "shop.yaml:2:36: error: ship_within_days should be a whole number from 0 to 365, not '-5'");
  const auto deadline = load_problems(std::string(kSmallShop) +
                                      "negotiation:\n  concession: {schedule: linear, deadline: 1e20}\n");
  REQUIRE(deadline.size() == 1);
  CHECK(deadline[0] == "shop.yaml:14:44: error: deadline should be a whole number from 1 to 1000, not '1e20'");
  const auto half = load_problems(replaced(kSmallShop, "ship_within_days: 2", "ship_within_days: 2.5"));
  REQUIRE(half.size() == 1);
  CHECK(half[0] == "shop.yaml:2:36: error: ship_within_days should be a whole number from 0 to 365, not '2.5'");
}

TEST_CASE("a template's width and precision are bounded at load, with the column") {
  const auto wide = load_problems(replaced(kSmallShop, "say: 亲, 这个价格很实在了", "say: '价格{offer:>2147483647}元'"));
  REQUIRE(wide.size() == 1);
  CHECK(wide[0] == "shop.yaml:12:21: error: rule 'hold': in a reply: width or precision 2147483647 is more "
                   "than 64: a reply is a chat message");
  const auto precise = load_problems(replaced(kSmallShop, "say: 亲, 这个价格很实在了", "say: '价格{offer:.65f}元'"));
  REQUIRE(precise.size() == 1);
  CHECK(precise[0] == "shop.yaml:12:21: error: rule 'hold': in a reply: width or precision 65 is more "
                      "than 64: a reply is a chat message");
  CHECK(load_problems(replaced(kSmallShop, "say: 亲, 这个价格很实在了", "say: '价格{offer:0>8.2f}元'")).empty());
}

TEST_CASE("limits on intents, keywords, examples and text are load errors that name the limit") {
  std::string many = std::string(kSmallShop) + "intents:\n";
  for (std::size_t i = 0; i <= limits::kIntents; ++i) many += "  i" + std::to_string(i) + ": {any: [词" + std::to_string(i) + "]}\n";
  // The second intents: section lives in a file of its own.
  auto problems = load_problems({{"shop.yaml", kSmallShop}, {"many.yaml", many.substr(std::string(kSmallShop).size())}});
  CAPTURE(problems.front());
  CHECK(has(problems, "many.yaml:1001:3: error: more than 1000 intents: a rule set may have at most 1000"));

  std::string words = "[";
  for (std::size_t i = 0; i <= limits::kKeywordsPerIntent; ++i) words += (i ? ", 词" : "词") + std::to_string(i);
  problems = load_problems(replaced(kSmallShop, "[太贵, 便宜点]", words + "]"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:6:18: error: intent 'too_expensive' has 2001 keywords: an intent may have at most 2000");

  std::string examples = "    examples: [";
  for (std::size_t i = 0; i <= limits::kExamplesPerRule; ++i) examples += (i ? ", 太贵" : "太贵");
  problems = load_problems(std::string(kSmallShop) + examples + "]\n");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:13:15: error: rule 'hold': 101 examples: a rule may have at most 100");

  problems = load_problems(replaced(kSmallShop, "say: 亲, 这个价格很实在了", "say: " + std::string(5000, 'a')));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "shop.yaml:12:10: error: rule 'hold': a reply template has 5000 bytes; a text in a rule "
                       "file may have at most 4096");
}
