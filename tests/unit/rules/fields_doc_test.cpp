// rules/README.md documents every key the loader reads, and every limit it
// enforces: the field tables the loader reads with (src/rules/fields.hpp)
// and limits.hpp are checked against it, so a key added to a table without
// its documentation fails here.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "rules/fields.hpp"
#include "rules/limits.hpp"

namespace {

std::string readme() {
  std::ifstream in(PARLEY_SOURCE_DIR "/rules/README.md", std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The text of the section under `heading`, up to the next "## " heading.
std::string section(const std::string& text, std::string_view heading) {
  const std::size_t begin = text.find("\n" + std::string(heading) + "\n");
  if (begin == std::string::npos) return {};
  const std::size_t end = text.find("\n## ", begin + heading.size() + 1);
  return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

}  // namespace

TEST_CASE("rules/README.md documents every key of every field table, in its section") {
  const std::string text = readme();
  REQUIRE_FALSE(text.empty());
  const auto tables = parley::rules::field_tables();
  CHECK(tables.size() >= 12);
  for (const parley::rules::TableDoc& table : tables) {
    const std::string part = section(text, table.heading);
    CAPTURE(table.heading);
    CAPTURE(table.name);
    REQUIRE_FALSE(part.empty());
    for (const auto& [key, doc] : table.fields) {
      CAPTURE(key);
      CHECK_FALSE(doc.empty());
      // As `key` in prose or a table, or as `key:` in a YAML example.
      const std::string k(key);
      const bool documented = part.find("`" + k + "`") != std::string::npos ||
                              part.find("`" + k + ":") != std::string::npos ||
                              part.find(" " + k + ":") != std::string::npos ||
                              part.find("{" + k + ":") != std::string::npos;
      CHECK(documented);
    }
  }
}

TEST_CASE("rules/README.md lists every limit with its number") {
  namespace limits = parley::rules::limits;
  const std::string part = section(readme(), "## Limits");
  REQUIRE_FALSE(part.empty());
  for (const std::size_t n : {limits::kFileBytes, limits::kNodesPerFile, limits::kKeywordsPerIntent, limits::kKeywords,
                              limits::kIntents, limits::kProducts, limits::kRules, limits::kConditions, limits::kExamplesPerRule,
                              limits::kTextBytes, static_cast<std::size_t>(limits::kFormatWidth)}) {
    CAPTURE(n);
    CHECK(part.find("| " + std::to_string(n) + " ") != std::string::npos);
  }
}
