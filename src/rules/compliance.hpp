// The compliance guard's word lists (rules/README.md, "Compliance").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley {

struct Compliance {
  std::vector<std::string> forbidden;     // normalised: absolute and medical claims
  std::vector<std::string> off_platform;  // normalised: WeChat, QQ, bank transfer, ...
  std::vector<std::string> banned_groups; // buyers in these groups get no sale (B37)

  // The words of either list that `text` contains, after normalising it the
  // way buyer messages are (so 微 信 or ＱＱ do not slip through). Invalid
  // UTF-8 is reported as a hit of its own.
  std::vector<std::string> hits(std::string_view text) const;
};

}  // namespace parley
