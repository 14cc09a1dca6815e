#include "rules/compliance.hpp"

#include "parley/error.hpp"
#include "parley/text.hpp"

namespace parley {

std::vector<std::string> Compliance::hits(std::string_view text) const {
  std::vector<std::string> found;
  if (forbidden.empty() && off_platform.empty()) return found;
  std::string normalized;
  try {
    normalized = normalize(text).text;
  } catch (const Error&) {
    found.push_back("(invalid UTF-8)");
    return found;
  }
  for (const auto* list : {&forbidden, &off_platform}) {
    for (const std::string& word : *list) {
      if (normalized.find(word) != std::string::npos) found.push_back(word);
    }
  }
  return found;
}

}  // namespace parley
