#include "text/fold.hpp"

namespace parley::text {

char32_t fold_non_ascii(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return fold(cp - 0xFEE0);  // full-width ASCII block
  switch (cp) {
    case 0x3002: case 0xFF61: return '.';   // 。 ｡
    case 0x3001: case 0xFF64: return ',';   // 、 ､
    case 0x201C: case 0x201D: return '"';   // “ ”
    case 0x2018: case 0x2019: return '\'';  // ‘ ’
    case 0x3010: return '[';                // 【
    case 0x3011: return ']';                // 】
    case 0x301C: return '~';                // 〜
    case 0x2212: return '-';                // minus sign
    case 0xFFE5: return 0xA5;               // ￥ -> ¥
    default: return cp;
  }
}

bool is_ignorable_non_ascii(char32_t cp) {
  if (cp < 0x200B) return false;  // below the first range listed
  return (cp >= 0x200B && cp <= 0x200F) ||    // zero-width space, joiners, marks
         (cp >= 0x2060 && cp <= 0x2064) ||    // word joiner, invisible operators
         cp == 0xFEFF ||                      // byte order mark
         (cp >= 0xFE00 && cp <= 0xFE0F) ||    // variation selectors
         cp == 0x20E3 ||                      // combining keycap
         (cp >= 0x2300 && cp <= 0x23FF) ||    // ⌚ ⏰ and other technical symbols
         (cp >= 0x2600 && cp <= 0x27BF) ||    // ☀ ☺ ✨ dingbats
         (cp >= 0x2B00 && cp <= 0x2BFF) ||    // ⭐ ⬆
         cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299 ||
         (cp >= 0x1F000 && cp <= 0x1FAFF) ||  // pictographs, emoticons, skin tones
         (cp >= 0xE0000 && cp <= 0xE007F) ||  // tag characters (flag sequences)
         (cp >= 0xE0100 && cp <= 0xE01EF);    // variation selectors supplement
}

bool is_space_non_ascii(char32_t cp) {
  return cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
         cp == 0x1680;
}

}  // namespace parley::text
