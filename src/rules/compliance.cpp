#include "rules/compliance.hpp"

#include <algorithm>

#include "parley/error.hpp"
#include "parley/text.hpp"

namespace parley {
namespace {

constexpr std::string_view kInvalid = "(invalid UTF-8)";

}  // namespace

void Compliance::set_words(std::vector<std::string> forbidden, std::vector<std::string> off_platform) {
  words_ = std::move(forbidden);
  words_.insert(words_.end(), std::make_move_iterator(off_platform.begin()),
                std::make_move_iterator(off_platform.end()));
  set_ = classify::KeywordSet();
  for (const std::string& w : words_) set_.add(w);  // the loader drops empty words
  set_.compile();
}

template <class OnWord>
bool Compliance::scan(std::string_view text, OnWord&& on_word) const {
  thread_local NormalizedText normalized;
  try {
    normalize(text, normalized);
  } catch (const Error&) {
    return false;
  }
  set_.for_each_match(normalized.text, [&](const classify::KeywordSet::Match& m) { on_word(m.keyword); });
  return true;
}

std::vector<std::string> Compliance::hits(std::string_view text) const {
  std::vector<std::string> found;
  if (words_.empty()) return found;
  std::vector<bool> seen(words_.size());
  if (!scan(text, [&](std::uint32_t k) { seen[k] = true; })) {
    found.emplace_back(kInvalid);
    return found;
  }
  for (std::size_t k = 0; k < words_.size(); ++k) {
    if (seen[k]) found.push_back(words_[k]);
  }
  return found;
}

std::string_view Compliance::first_hit(std::string_view text) const {
  if (words_.empty()) return {};
  std::uint32_t first = static_cast<std::uint32_t>(words_.size());
  if (!scan(text, [&](std::uint32_t k) { first = std::min(first, k); })) return kInvalid;
  return first < words_.size() ? std::string_view(words_[first]) : std::string_view();
}

}  // namespace parley
