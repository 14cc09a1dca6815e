#include "rules/compliance.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "parley/error.hpp"
#include "parley/text.hpp"
#include "text/fold.hpp"
#include "util/strings.hpp"

namespace parley {
namespace {

constexpr std::string_view kInvalid = "(invalid UTF-8)";
constexpr std::uint32_t kInvalidIndex = UINT32_MAX;

// A character normalising certainly keeps: an ideograph it copies as it is,
// or an ASCII letter or digit. Windows count these; they step over all
// other characters without counting them, so a window is never narrower
// than the normalised text it stands for.
bool counts(std::string_view text, std::size_t at, std::size_t length) {
  if (length == 1) return std::isalnum(static_cast<unsigned char>(text[at])) != 0;
  return length == 3 && text::is_ideograph_utf8(reinterpret_cast<const unsigned char*>(text.data() + at));
}

// Text normalising leaves as it is: digits, lower-case ASCII letters and the
// ideographs it copies unchanged. Such a window is scanned without
// normalising it.
bool plain(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return false;
      ++i;
    } else if (text.size() - i >= 3 && text::is_ideograph_utf8(p + i)) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

std::size_t char_length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

}  // namespace

void Compliance::set_words(std::vector<std::string> forbidden, std::vector<std::string> off_platform) {
  words_ = std::move(forbidden);
  words_.insert(words_.end(), std::make_move_iterator(off_platform.begin()),
                std::make_move_iterator(off_platform.end()));
  set_ = util::KeywordSet();
  for (const std::string& w : words_) set_.add(w);  // the loader drops empty words
  set_.compile();
  words_have_digits_ = false;
  max_word_chars_ = 0;
  for (const std::string& w : words_) {
    words_have_digits_ |= std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    std::size_t chars = 0;
    for (std::size_t i = 0; i < w.size(); i += char_length(static_cast<unsigned char>(w[i]))) ++chars;
    max_word_chars_ = std::max(max_word_chars_, chars);
  }
  separator_ = 0;
  for (char c : std::string_view("zqxjkvwyfgbpmuchdlnrtsoiea9876543210")) {
    if (std::none_of(words_.begin(), words_.end(), [&](const std::string& w) { return w.find(c) != std::string::npos; })) {
      separator_ = c;
      break;
    }
  }
}

template <class OnWord>
bool Compliance::scan(std::string_view text, NormalizedText& normalized, OnWord&& on_word) const {
  try {
    normalize(text, normalized);
  } catch (const Error&) {
    return false;
  }
  set_.for_each_match(normalized.text, [&](const util::KeywordSet::Match& m) { on_word(m.keyword); });
  return true;
}

std::vector<std::string> Compliance::hits(std::string_view text) const {
  std::vector<std::string> found;
  if (words_.empty()) return found;
  std::vector<bool> seen(words_.size());
  NormalizedText normalized;
  if (!scan(text, normalized, [&](std::uint32_t k) { seen[k] = true; })) {
    found.emplace_back(kInvalid);
    return found;
  }
  for (std::size_t k = 0; k < words_.size(); ++k) {
    if (seen[k]) found.push_back(words_[k]);
  }
  return found;
}

std::uint32_t Compliance::first_index(std::string_view text, NormalizedText& normalized) const {
  auto first = static_cast<std::uint32_t>(words_.size());
  if (!scan(text, normalized, [&](std::uint32_t k) { first = std::min(first, k); })) return kInvalidIndex;
  return first;
}

bool Compliance::number_may_join(std::optional<std::string_view> before, std::optional<std::string_view> after) const {
  // What a number writes: digits, a decimal point, a minus sign.
  const auto in_number = [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-'; };
  for (const std::string& w : words_) {
    if (std::none_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    // A word reaching into the number from the right must go on with a
    // character that follows a number character in it; likewise on the left.
    bool right_blocked = after.has_value() && !in_number(w.back());
    bool left_blocked = before.has_value() && !in_number(w.front());
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      if (in_number(w[i]) && !in_number(w[i + 1])) {
        right_blocked = right_blocked && !(after && !after->empty() && (*after)[0] == w[i + 1]);
      }
      if (!in_number(w[i]) && in_number(w[i + 1])) {
        left_blocked = left_blocked && !(before && !before->empty() && before->back() == w[i]);
      }
    }
    if (!right_blocked && !left_blocked) return true;
  }
  return false;
}

std::uint32_t Compliance::first_index_plain(std::string_view text) const {
  auto first = static_cast<std::uint32_t>(words_.size());
  set_.for_each_match(text, [&](const util::KeywordSet::Match& m) { first = std::min(first, m.keyword); });
  return first;
}

std::string_view Compliance::word(std::uint32_t index) const {
  if (index == kInvalidIndex) return kInvalid;
  return index < words_.size() ? std::string_view(words_[index]) : std::string_view();
}

std::string_view Compliance::first_hit(std::string_view text, NormalizedText& scratch) const {
  if (words_.empty()) return {};
  return word(first_index(text, scratch));
}

std::string_view Compliance::first_hit_near(std::string_view text, std::span<const Span> fields,
                                            NormalizedText& scratch) const {
  if (words_.empty() || fields.empty()) return {};
  const std::size_t reach = max_word_chars_ - 1;
  std::uint32_t best = static_cast<std::uint32_t>(words_.size());
  // Windows that touch are scanned as one, so no word is cut at a seam;
  // fields come in the order they were written.
  std::size_t pending_begin = 0, pending_end = 0;
  bool pending = false;
  auto flush = [&] {
    if (!pending) return true;
    const std::string_view window = text.substr(pending_begin, pending_end - pending_begin);
    const std::uint32_t first = plain(window) ? first_index_plain(window) : first_index(window, scratch);
    if (first == kInvalidIndex) return false;
    best = std::min(best, first);
    return true;
  };
  for (const Span& field : fields) {
    // Back and forth from the field over `reach` characters that count.
    std::size_t begin = std::min<std::size_t>(field.begin, text.size());
    for (std::size_t counted = 0; begin > 0 && counted < reach;) {
      std::size_t at = begin - 1;
      while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
      counted += counts(text, at, begin - at);
      begin = at;
    }
    std::size_t end = std::min<std::size_t>(std::max(field.end, field.begin), text.size());
    for (std::size_t counted = 0; end < text.size() && counted < reach;) {
      const std::size_t length = std::min(char_length(static_cast<unsigned char>(text[end])), text.size() - end);
      counted += counts(text, end, length);
      end += length;
    }
    if (pending && begin <= pending_end) {
      pending_end = std::max(pending_end, end);
      continue;
    }
    if (!flush()) return kInvalid;
    pending = true;
    pending_begin = begin;
    pending_end = end;
  }
  if (!flush()) return kInvalid;
  return word(best);
}

}  // namespace parley
