#include "rules/compliance.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <unordered_map>

#include "parley/error.hpp"
#include "parley/text.hpp"
#include "text/fold.hpp"
#include "util/strings.hpp"

namespace parley {
namespace {

constexpr std::string_view kInvalid = "(invalid UTF-8)";
constexpr std::uint32_t kInvalidIndex = UINT32_MAX;
// Bounds a thread's memory of answers; a reply set that outgrows it just
// starts over.
constexpr std::size_t kRemembered = 4096;

std::uint64_t next_id() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

// Keys are replies of a couple of hundred bytes: hashed eight bytes a step
// (std::hash reads them one at a time).
struct KeyHash {
  std::size_t operator()(const std::string& key) const {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = key.size() * kMul;
    std::size_t i = 0;
    for (; i + 8 <= key.size(); i += 8) {
      std::uint64_t word;
      std::memcpy(&word, key.data() + i, 8);
      h = (h ^ word) * kMul;
      h ^= h >> 29;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, key.data() + i, key.size() - i);
    h = (h ^ tail) * kMul;
    return static_cast<std::size_t>(h ^ (h >> 32));
  }
};

// The answers this thread found, for one Compliance at a time.
struct Memo {
  std::uint64_t owner = 0;
  std::unordered_map<std::string, std::uint32_t, KeyHash> first_index;
  std::string key;
  // The last answer for each key length, looked at before hashing: a reply
  // rendered again with other prices has the same key, and so the same length.
  struct Recent {
    std::string key;
    std::uint32_t first = 0;
  };
  std::array<Recent, 64> recent;
};

// True when the character that ends right before byte `end` (or starts at
// `begin`) is one normalising never drops or turns into a digit: printable
// ASCII, or an ideograph normalize() copies as it is
// (text::is_ideograph_utf8). Then nothing can join a run of digits next to
// it with other digits.
bool plain_ascii(unsigned char c) { return c > ' ' && c < 0x7F; }
bool plain_before(std::string_view text, std::size_t end) {
  if (end == 0) return true;
  const auto last = static_cast<unsigned char>(text[end - 1]);
  if (last < 0x80) return plain_ascii(last);
  return end >= 3 && text::is_ideograph_utf8(reinterpret_cast<const unsigned char*>(text.data() + end - 3));
}
bool plain_at(std::string_view text, std::size_t begin) {
  if (begin == text.size()) return true;
  const auto first = static_cast<unsigned char>(text[begin]);
  if (first < 0x80) return plain_ascii(first);
  return text.size() - begin >= 3 &&
         text::is_ideograph_utf8(reinterpret_cast<const unsigned char*>(text.data() + begin));
}

}  // namespace

// Replies differ mostly in their numbers. A run of ASCII digits between
// characters that normalising keeps (so it cannot merge with other digits)
// and that holds no digit part of a word is written as one `stand_in_`
// digit: normalising keeps digits as they are and treats them all alike
// (alphanumeric, not punctuation), so the words are found in the key exactly
// where they are found in the text.
void Compliance::remember_key(std::string_view text, std::string& key) const {
  key.resize(text.size());  // a key is never longer than its text
  char* out = key.data();
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t digit = util::find_ascii_digit(text, i);
    std::memcpy(out, text.data() + i, digit - i);
    out += digit - i;
    if (digit == text.size()) break;
    i = digit;
    std::size_t end = i;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    const std::string_view run = text.substr(i, end - i);
    bool keep = !plain_before(text, i) || !plain_at(text, end);
    for (const std::string& part : digit_parts_) {
      keep = keep || (run.size() >= part.size() && run.find(part) != std::string_view::npos);
    }
    if (keep) {
      std::memcpy(out, run.data(), run.size());
      out += run.size();
    } else {
      *out++ = stand_in_;
    }
    i = end;
  }
  key.resize(static_cast<std::size_t>(out - key.data()));
}

void Compliance::set_words(std::vector<std::string> forbidden, std::vector<std::string> off_platform) {
  words_ = std::move(forbidden);
  words_.insert(words_.end(), std::make_move_iterator(off_platform.begin()),
                std::make_move_iterator(off_platform.end()));
  set_ = util::KeywordSet();
  digit_parts_.clear();
  for (const std::string& w : words_) {
    set_.add(w);  // the loader drops empty words
    for (std::size_t i = 0; i < w.size();) {
      if (w[i] < '0' || w[i] > '9') {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < w.size() && w[end] >= '0' && w[end] <= '9') ++end;
      digit_parts_.push_back(w.substr(i, end - i));
      i = end;
    }
  }
  set_.compile();
  // A digit that is in no word's digits stands in for a run: it can complete
  // no word.
  stand_in_ = 0;
  for (char d = '0'; d <= '9' && !stand_in_; ++d) {
    if (std::none_of(digit_parts_.begin(), digit_parts_.end(),
                     [&](const std::string& part) { return part.find(d) != std::string::npos; })) {
      stand_in_ = d;
    }
  }
  id_ = next_id();
}

template <class OnWord>
bool Compliance::scan(std::string_view text, OnWord&& on_word) const {
  thread_local NormalizedText normalized;
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
  if (!scan(text, [&](std::uint32_t k) { seen[k] = true; })) {
    found.emplace_back(kInvalid);
    return found;
  }
  for (std::size_t k = 0; k < words_.size(); ++k) {
    if (seen[k]) found.push_back(words_[k]);
  }
  return found;
}

std::uint32_t Compliance::first_index(std::string_view text) const {
  auto first = static_cast<std::uint32_t>(words_.size());
  if (!scan(text, [&](std::uint32_t k) { first = std::min(first, k); })) return kInvalidIndex;
  return first;
}

std::string_view Compliance::first_hit(std::string_view text) const {
  if (words_.empty()) return {};
  std::uint32_t first;
  if (!stand_in_) {
    first = first_index(text);
  } else {
    thread_local Memo memo;
    if (memo.owner != id_ || memo.first_index.size() >= kRemembered) {
      memo.first_index.clear();
      for (Memo::Recent& r : memo.recent) r.key.clear();
      memo.owner = id_;
    }
    remember_key(text, memo.key);
    Memo::Recent& recent = memo.recent[memo.key.size() % memo.recent.size()];
    if (!recent.key.empty() && recent.key == memo.key) {
      first = recent.first;
    } else {
      auto it = memo.first_index.find(memo.key);
      if (it == memo.first_index.end()) it = memo.first_index.emplace(memo.key, first_index(memo.key)).first;
      first = it->second;
      recent.key = memo.key;
      recent.first = first;
    }
  }
  if (first == kInvalidIndex) return kInvalid;
  return first < words_.size() ? std::string_view(words_[first]) : std::string_view();
}

}  // namespace parley
