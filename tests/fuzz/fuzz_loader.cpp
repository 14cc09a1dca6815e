// Fuzz target: RuleSet::load() from files in memory. The input is one or more
// rule files separated by lines that read `#%file` (a YAML comment, so a seed
// that is one real rule file is also valid as it is). Whatever the bytes, a
// load either succeeds or throws parley::Error with at least one diagnostic,
// each naming its file; nothing else escapes. A rule set that loads is then
// asked for suggestions on one message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "parley/engine.hpp"
#include "parley/error.hpp"
#include "parley/rule_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::string_view kSeparator = "\n#%file\n";
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::vector<parley::SourceFile> files;
  while (true) {
    const std::size_t end = rest.find(kSeparator);
    files.push_back({"fuzz/" + std::to_string(files.size()) + ".yaml", std::string(rest.substr(0, end))});
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + kSeparator.size());
  }
  std::shared_ptr<const parley::RuleSet> rules;
  try {
    rules = parley::RuleSet::load(files);
  } catch (const parley::Error& e) {
    if (e.diagnostics().empty()) std::abort();
    for (const parley::Diagnostic& d : e.diagnostics()) {
      if (d.where.file.rfind("fuzz/", 0) != 0) std::abort();
    }
    return 0;
  }
  try {
    const parley::Engine engine(rules);
    const parley::Conversation c = engine.start(rules->products().front().id);
    const parley::SuggestResult result = engine.suggest(c, "太贵了, 150包邮行吗");
    for (const parley::Suggestion& s : result.suggestions) (void)engine.apply(c, "太贵了, 150包邮行吗", s);
  } catch (const parley::Error&) {
  }
  return 0;
}
