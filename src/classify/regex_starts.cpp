#include "classify/regex_starts.hpp"

#include <algorithm>
#include <cstdint>

namespace parley::classify {
namespace {

// What a piece of a pattern can begin with, and whether it can match nothing.
struct First {
  bool anywhere = false;
  bool at_begin = false;
  bool nullable = false;
  std::vector<std::string> prefixes;  // byte strings; one byte for a class member

  void add(const First& other) {
    anywhere |= other.anywhere;
    at_begin |= other.at_begin;
    prefixes.insert(prefixes.end(), other.prefixes.begin(), other.prefixes.end());
  }
  void add_byte(unsigned char b) { prefixes.emplace_back(1, static_cast<char>(b)); }
  void add_range(unsigned char from, unsigned char to) {
    for (unsigned b = from; b <= to; ++b) add_byte(static_cast<unsigned char>(b));
  }
};

// Thrown for syntax the analysis does not follow; the pattern is then tried
// everywhere.
struct Unsupported {};

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

class Analyzer {
 public:
  explicit Analyzer(std::string_view pattern) : p_(pattern) {}

  First run() {
    First f = alternation();
    if (i_ != p_.size()) throw Unsupported{};
    return f;
  }

 private:
  First alternation() {
    First all = sequence();
    while (i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      First branch = sequence();
      all.add(branch);
      all.nullable |= branch.nullable;
    }
    return all;
  }

  // A run of items. A literal byte that must be matched extends the prefix
  // being built, so 不会.{1,18}吧 begins with the three bytes of 不 and the three
  // of 会, not with every character that shares 不's first byte.
  First sequence() {
    First out;
    out.nullable = true;
    std::string literal;
    bool extending = false;  // literal is what every match not begun so far begins with
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      unsigned char byte = 0;
      First item = atom(&byte);
      const Quantifier q = quantifier();
      const bool literal_byte = item.prefixes.size() == 1 && item.prefixes[0].size() == 1 && !item.nullable &&
                                !item.anywhere && !item.at_begin && byte != 0;
      if (q.min == 0) item.nullable = true;
      if (!out.nullable) {
        if (extending && literal_byte && q.min >= 1) literal += static_cast<char>(byte);
        if (!(extending && literal_byte && q.min == 1 && q.max == 1)) extending = false;
        continue;
      }
      if (literal_byte && q.min >= 1) {
        literal.assign(1, static_cast<char>(byte));
        extending = q.min == 1 && q.max == 1;
        out.nullable = false;
        continue;
      }
      out.add(item);
      out.nullable = item.nullable;
    }
    if (!literal.empty()) out.prefixes.push_back(literal);
    return out;
  }

  struct Quantifier {
    int min = 1, max = 1;  // max -1: unbounded
  };

  Quantifier quantifier() {
    Quantifier q;
    if (i_ >= p_.size()) return q;
    switch (p_[i_]) {
      case '*': q = {0, -1}; ++i_; break;
      case '+': q = {1, -1}; ++i_; break;
      case '?': q = {0, 1}; ++i_; break;
      case '{': {
        ++i_;
        q.min = number();
        q.max = q.min;
        if (i_ < p_.size() && p_[i_] == ',') {
          ++i_;
          q.max = i_ < p_.size() && is_ascii_digit(p_[i_]) ? number() : -1;
        }
        if (i_ >= p_.size() || p_[i_] != '}') throw Unsupported{};
        ++i_;
        break;
      }
      default: return q;
    }
    if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy: the same starts
    return q;
  }

  int number() {
    if (i_ >= p_.size() || !is_ascii_digit(p_[i_])) throw Unsupported{};
    int n = 0;
    while (i_ < p_.size() && is_ascii_digit(p_[i_])) n = std::min(n * 10 + (p_[i_++] - '0'), 100000);
    return n;
  }

  // One atom; *byte is set when it is a single literal byte.
  First atom(unsigned char* byte) {
    First f;
    const char c = p_[i_++];
    switch (c) {
      case '(': {
        if (i_ < p_.size() && p_[i_] == '?') {
          if (i_ + 1 >= p_.size() || p_[i_ + 1] != ':') throw Unsupported{};  // lookahead
          i_ += 2;
        }
        f = alternation();
        if (i_ >= p_.size() || p_[i_] != ')') throw Unsupported{};
        ++i_;
        return f;
      }
      case '^': f.at_begin = true; return f;
      case '.': case '$': f.anywhere = true; return f;
      case '[': return bracket();
      case '\\': return escape(byte);
      case '*': case '+': case '?': case '{': case ')': case '}': case ']': case '|': throw Unsupported{};
      default:
        *byte = static_cast<unsigned char>(c);
        f.add_byte(*byte);
        return f;
    }
  }

  First escape(unsigned char* byte) {
    if (i_ >= p_.size()) throw Unsupported{};
    const char c = p_[i_++];
    First f;
    if (c == 'd') {
      f.add_range('0', '9');
    } else if (c == 'w') {
      f.add_range('0', '9'), f.add_range('a', 'z'), f.add_range('A', 'Z'), f.add_byte('_');
    } else if (!is_ascii_alnum(c) && static_cast<unsigned char>(c) < 0x80) {
      *byte = static_cast<unsigned char>(c);  // \. \? \(
      f.add_byte(*byte);
    } else {
      throw Unsupported{};  // \s, \b, \1, \x41, \n, ...: not worth following
    }
    return f;
  }

  // [abc], [0-9], [\d,]: every byte std::regex may match there.
  First bracket() {
    First f;
    if (i_ < p_.size() && p_[i_] == '^') {
      f.anywhere = true;
      skip_bracket();
      return f;
    }
    bool first = true;
    while (i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      unsigned char from = static_cast<unsigned char>(p_[i_++]);
      if (from == '[') throw Unsupported{};  // [[:digit:]] and friends
      if (from == '\\') {
        unsigned char b = 0;
        f.add(escape(&b));
        continue;
      }
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        const auto to = static_cast<unsigned char>(p_[i_ + 1]);
        if (to == '\\' || to == '[' || to < from || from >= 0x80 || to >= 0x80) throw Unsupported{};
        i_ += 2;
        f.add_range(from, to);
      } else {
        f.add_byte(from);
      }
    }
    if (i_ >= p_.size()) throw Unsupported{};
    ++i_;  // ]
    return f;
  }

  void skip_bracket() {
    ++i_;  // ^
    bool first = true;
    while (i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      if (p_[i_] == '[') throw Unsupported{};
      if (p_[i_] == '\\') ++i_;
      ++i_;
    }
    if (i_ >= p_.size()) throw Unsupported{};
    ++i_;
  }

  std::string_view p_;
  std::size_t i_ = 0;
};

}  // namespace

RegexStarts RegexStarts::of(std::string_view pattern) {
  RegexStarts starts;
  First first;
  try {
    first = Analyzer(pattern).run();
  } catch (const Unsupported&) {
    first.anywhere = true;
  }
  // A pattern that may match nothing matches at every position.
  if (first.anywhere || first.nullable) {
    starts.anywhere = true;
    return starts;
  }
  starts.at_begin = first.at_begin;
  for (std::string& p : first.prefixes) {
    if (p.size() == 1) {
      starts.byte[static_cast<unsigned char>(p[0])] = true;
    } else if (std::find(starts.prefixes.begin(), starts.prefixes.end(), p) == starts.prefixes.end()) {
      starts.prefixes.push_back(std::move(p));
    }
  }
  // A prefix whose first byte already may begin a match adds nothing.
  std::erase_if(starts.prefixes, [&](const std::string& p) { return starts.byte[static_cast<unsigned char>(p[0])]; });
  for (const std::string& p : starts.prefixes) starts.lead[static_cast<unsigned char>(p[0])] = true;
  return starts;
}

}  // namespace parley::classify
