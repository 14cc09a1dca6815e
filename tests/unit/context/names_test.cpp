// The names conditions read come from one table (src/context/context.cpp):
// rules/README.md documents each, and the schema declares each once, with
// the type the table gives.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "context/context.hpp"
#include "context/profile_fields.hpp"

using namespace parley;

namespace {

std::string conditions_section() {
  std::ifstream in(PARLEY_SOURCE_DIR "/rules/README.md", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t begin = text.find("\n### Conditions\n");
  const std::size_t end = text.find("\n### ", begin + 5);
  return begin == std::string::npos ? std::string() : text.substr(begin, end - begin);
}

}  // namespace

TEST_CASE("rules/README.md documents every name of the table and of the buyer's profile") {
  const std::string part = conditions_section();
  REQUIRE_FALSE(part.empty());
  for (const context::Row& row : context::rows()) {
    CAPTURE(row.name);
    CHECK(part.find("`" + std::string(row.name) + "`") != std::string::npos);
    CHECK_FALSE(row.help.empty());
    CHECK(static_cast<bool>(row.fill));
  }
  for (const std::string& field : context::profile_field_names()) {
    CAPTURE(field);
    CHECK(part.find("`buyer." + field + "`") != std::string::npos);
  }
}

TEST_CASE("declare() gives each row, intent, profile field and fact one slot, typed as declared") {
  context::FactDecl status{"order_status", expr::Type::string, {"paid", "shipped"}};
  const context::Names names = context::declare({"too_expensive", "agree"}, {status});
  std::set<int> slots;
  for (std::size_t r = 0; r < context::rows().size(); ++r) {
    const context::Row& row = context::rows()[r];
    const expr::NameInfo* info = names.schema.find(row.name);
    REQUIRE(info != nullptr);
    CHECK(info->slot == names.row_slots[r]);
    CHECK(info->type == row.type);
    CHECK(names.row_of(info->slot) == &row);
    CHECK(info->deferred == (row.lifetime == context::Lifetime::upsell || row.lifetime == context::Lifetime::cart));
    slots.insert(info->slot);
  }
  CHECK(names.schema.find("primary")->symbols == std::vector<std::string>{"too_expensive", "agree"});
  CHECK(names.schema.find("stage")->symbols.size() == kStageNames.size());
  for (int s : names.intent_slots) CHECK(names.row_of(s) == nullptr);
  CHECK(names.schema.find("buyer.vip")->type == expr::Type::boolean);
  CHECK(names.schema.find("buyer.groups")->type == expr::Type::list);
  CHECK(names.schema.find("facts.order_status")->symbols.size() == 2);
  slots.insert(names.intent_slots.begin(), names.intent_slots.end());
  slots.insert(names.profile_slots.begin(), names.profile_slots.end());
  slots.insert(names.fact_slots.begin(), names.fact_slots.end());
  CHECK(slots.size() == names.schema.size());
  CHECK(names.slot("offer") == names.schema.find("offer")->slot);
  CHECK_THROWS_AS(names.slot("no_such_row"), std::logic_error);
}
