#include "io/json_path.hpp"

#include "util/utf8.hpp"

namespace parley::io {
namespace {

bool is_plain_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    const auto u = static_cast<unsigned char>(c);
    // Non-ASCII (Chinese product ids) reads fine bare; punctuation does not.
    const bool plain = u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!plain) return false;
  }
  return utf8::find_invalid(key) == key.size();
}

}  // namespace

void append_path_key(std::string& out, std::string_view key) {
  if (is_plain_key(key)) {
    if (!out.empty()) out += '.';
    out += key;
    return;
  }
  out += "[\"";
  if (utf8::find_invalid(key) != key.size()) {
    out += "<invalid UTF-8>";
  } else {
    for (char c : key) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) < 0x20) c = '?';  // keep messages on one line
      out += c;
    }
  }
  out += "\"]";
}

void append_path_index(std::string& out, std::size_t index) {
  out += '[';
  out += std::to_string(index);
  out += ']';
}

std::string path_message(std::string_view path, std::string_view message) {
  std::string out = path.empty() ? std::string("document") : std::string(path);
  out += ": ";
  out += message;
  return out;
}

}  // namespace parley::io
