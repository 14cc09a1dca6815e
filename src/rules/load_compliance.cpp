// The `compliance:` section.
#include "rules/fields.hpp"

namespace parley::rules {
namespace {

// What the section reads, before the compliance guard is built from it.
struct ComplianceDraft {
  std::vector<std::string> forbidden, off_platform, banned_groups;
};
using ComplianceReading = Reading<ComplianceDraft>;

// Words are matched on normalised replies, so they are normalised too (the
// file is UTF-8, so normalize() cannot throw); an empty word is no word.
std::vector<std::string> words(ComplianceReading& r, const YAML::Node& v, const char* key) {
  std::vector<std::string> out;
  for (const std::string& w : r.f.strings(v, key)) {
    if (!w.empty()) out.push_back(normalize(w).text);
  }
  return out;
}

constexpr Field<ComplianceDraft> kComplianceFields[] = {
    {"forbidden", "words no reply may contain (absolute and medical claims, ...)",
     [](ComplianceReading& r, const YAML::Node& v) { r.out.forbidden = words(r, v, "forbidden"); }},
    {"off_platform", "words that take a buyer off the platform (微信, ...)",
     [](ComplianceReading& r, const YAML::Node& v) { r.out.off_platform = words(r, v, "off_platform"); }},
    {"banned_groups", "buyer groups the shop does not sell to",
     [](ComplianceReading& r, const YAML::Node& v) { r.out.banned_groups = r.f.strings(v, "banned_groups"); }},
};

}  // namespace

std::vector<TableDoc> compliance_tables() {
  return {document<ComplianceDraft>("## Compliance", "compliance", kComplianceFields)};
}

void LoadContext::read_compliance() {
  auto it = singles_.find("compliance");
  if (it == singles_.end()) return;
  current_ = it->second;
  ComplianceDraft draft;
  ComplianceReading r{*this, *it->second.file, it->second.node, draft};
  if (!read_fields<ComplianceDraft>(r, "compliance", kComplianceFields)) return;
  impl_->compliance.set_words(std::move(draft.forbidden), std::move(draft.off_platform));
  impl_->compliance.banned_groups = std::move(draft.banned_groups);
}

}  // namespace parley::rules
