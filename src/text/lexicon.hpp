// text/lexicon.hpp: the words the mention extractor reads numbers by, as
// data, compiled once into one automaton.
//
// Each word belongs to one or more cues (a currency word after a number, a
// relative-ask word before it, a word that says a price is another shop's
// ...), and some words are phrases that are mentions by themselves (半价,
// 抹零, 双十一) or that start a reading of their own (满, 第). The tables are in
// lexicon.cpp; adding a word is adding it to a row there. The extractor runs
// the automaton over a message once and asks, at a place, which cues a word
// starting or ending there has.
#pragma once

#include <cstdint>
#include <vector>

#include "parley/text.hpp"
#include "util/keyword_set.hpp"

namespace parley::text {

// One list of words, by the part its words play. The comment says where the
// extractor looks for them relative to a number at [s, e).
enum Cue : int {
  kPhrase,             // at a place: a phrase of kPhrases (its Phrase says what it is)
  kThresholdYuan,      // after 满N or its amount off: 元 块
  kThresholdLink,      // after 满N: 还 再 就
  kThresholdMinus,     // after 满N, or N-M: 减 -
  kFreeShipping,       // 包邮
  kThresholdGift,      // after 满N: 送 赠 就送
  kCountingVerb,       // before: 买 要 ... (买六十一袋 counts; 六十一袋 is sixty a bag)
  kIdBefore,           // before: 订单号 单号 尾号 ...
  kIdAfter,            // after: 结尾 尾号
  kRmb,                // before a number glued to it: rmb
  kNationalDayAfter,   // after 十一: 活动 期间 假 ...
  kLetterSizeAfter,    // after: xl xs (2xl)
  kRelativeBefore,     // before: 少 便宜 减 再让 ...
  kCurrencyBefore,     // before: 人民币 rmb ¥ $
  kYuanAfter,          // after: 元 块 块钱 圆 大洋 ...
  kWhole,              // after an amount: 整
  kTogetherAfter,      // after 一块: 的 儿 去 来 (一块的: together)
  kFoldBefore,         // before N折: 打 打个
  kDayAfter,           // after: 号 日
  kShoeSizeBefore,     // before N号: 穿 码
  kDurationAfter,      // after: 天 周 个月 小时 ...
  kWeightAfter,        // after: 斤 公斤 kg g ml ...
  kSizeAfter,          // after: 码 cm 米 寸 ...
  kDealAfter,          // after: 成交 (145成交 is a price, not 八成新)
  kOtherCountAfter,    // after: % 岁 楼 倍 次 ...: a number of something else
  kTimeBefore,         // before N点: 上午 下午 明天 ...
  kTimeAfter,          // after N点: 前 之前 左右 到 ...
  kTimeTail,           // after N点, part of the time: 钟 半
  kGiftBefore,         // before: 送 赠 (送5: a gift count)
  kWearBefore,         // before: 穿 (平时穿42)
  kHeightBefore,       // before: 身高
  kBodyWeightBefore,   // before: 体重
  kSpecBefore,         // before: 尺寸 尺码 规格 ...
  kOverBefore,         // before: 超过 满
  kPriceWordBefore,    // before: 价格 卖 按 到手 ...: a bare number there is a price
  kEarlier,            // in the clause before: 原价 之前 上次 ...: an earlier price
  kElsewhere,          // in the clause before: 别家 京东 隔壁 ...: another shop's price
  kQuoted,             // in the clause before: 花了 便宜了 不是 ...: a price named, not offered
  kCheckAfter,         // right after: 是吗 对吗 够吗 能用 (168是吗, 300够满减吗: checked, not offered)
  kCheckBefore,        // right before: 是 都 变 (是40吗: a price being checked)
  kNotCheckBefore,     // right before: 就是 要是 还是 ... (就是100 is an offer)
  kNotNamingAfter,     // after N: 的话 的价 的吧 (299的湿巾 names an item; 100的话 does not)
  kWorkedOut,          // anywhere: 区别 为什么 怎么算 ...: the buyer works a price out
  kBargaining,         // anywhere: 行吗 便宜 包邮 吧 ...: a bare number is likely an offer
  kEach,               // right before: 每 单价 单个 (每个130, 单价130)
  kCartTotal,          // in the clause before: 一共 总共 加起来 合计 ...
  kScopeFiller,        // between a quantity and its total: 一起 一共 要 算 ...
  kBrandBefore,        // before N: 苹果 华为 iphone mate ...: N is a model (苹果15, iphone 15)
  kDisplayAfter,       // after 4k: 电视 屏 高清 ...: a resolution, not 4000
  kStorageAfter,       // after N: gb tb t: a memory size (128gb)
  kSpecUnitAfter,      // after N: 毫安 mah 瓦 匹 ...: a count of a product spec (10000毫安, 1.5匹)
  kPowerWord,          // after Nw (的): 吹风机 电机 功率 ...; or before it: 功率 (200w is watts)
  kCouponAfter,        // after an amount: 券 优惠券 红包 (10元券 is a coupon's value, not a price)
  kDifferenceBefore,   // right before: 差 还差 多花 多付 (差十元: a difference, not a price)
  kCompareBefore,      // right before, with 比 earlier in the clause: 贵 贵了 (比别人贵20)
  kComparison,         // in the clause before: 比
  kPieceAfter,         // after 一块: 屏幕 手表 肥皂 ...: 块 counts pieces there (买了一块屏幕)
  kAddressAfter,       // after N: 栋 室 单元 号楼 ...: part of an address
  kCueCount,
};
static_assert(kCueCount <= 64, "cues are bits of one word");

using Cues = std::uint64_t;
constexpr Cues bit(Cue cue) { return Cues{1} << cue; }

// What a phrase of the lexicon does where it is found.
struct Phrase {
  enum class Action : std::uint8_t {
    mention,       // is a mention: kind, value, flags
    relative_ask,  // 再少点, 少些: a relative mention with no amount (not after 多)
    skip,          // stops a number being read: 零头, 块把钱 (a yuan or so)
    ordinal,       // 第: the number after it is an ordinal (第二, 第3次)
    threshold,     // 满: 满300减30, 满68包邮, 满3000送靠枕
  };
  Action action = Action::skip;
  MentionKind kind = MentionKind::money;
  double value = 0;
  std::uint8_t flags = 0;  // MentionFlag bits
};

class Lexicon {
 public:
  // Built on first use from the tables in lexicon.cpp and never changed
  // afterwards, so any thread may read it.
  static const Lexicon& get();

  const util::KeywordSet& words() const { return words_; }
  // Filters derived from the words when the lexicon is built (so no list is
  // kept in step by hand), cheap enough to ask at every character: whether
  // some word may start with the code points a, b (b the one after a, 0 at
  // the end), whether some word may end with a, b (a the one before b),
  // whether some phrase may start so, and whether the scanner may find
  // anything at cp (a phrase, a number: 0-9, Chinese digits, 十, or an ASCII
  // word). A yes may be wrong; a no is not.
  bool may_start_word(char32_t a, char32_t b) const { return has(single_, a) || starts_.has(a, b); }
  bool may_end_word(char32_t a, char32_t b) const { return has(single_, b) || ends_.has(a, b); }
  bool may_start_phrase(char32_t a, char32_t b) const {
    return has(single_phrases_, a) || phrase_starts_.has(a, b);
  }
  bool may_start_mention(char32_t cp) const { return has(scan_starts_, cp); }

  Cues cues(std::uint32_t word) const { return cues_[word]; }
  // The word's phrase, or nullptr when it is none.
  const Phrase* phrase(std::uint32_t word) const {
    return phrase_[word] < 0 ? nullptr : &phrases_[static_cast<std::size_t>(phrase_[word])];
  }

 private:
  Lexicon();

  // Sets of code points of the BMP (where every word of the lexicon is).
  static constexpr char32_t kLimit = 0x10000;
  using CodePoints = std::vector<std::uint64_t>;
  static bool has(const CodePoints& set, char32_t cp) {
    return cp < kLimit && ((set[cp >> 6] >> (cp & 63)) & 1) != 0;
  }
  static void put(CodePoints& set, char32_t cp) {
    if (cp < kLimit) set[cp >> 6] |= std::uint64_t{1} << (cp & 63);
  }

  // Pairs of code points, hashed into a bitmap: a yes may be a collision.
  class PairFilter {
   public:
    void put(char32_t a, char32_t b) { bits_[slot(a, b) >> 6] |= std::uint64_t{1} << (slot(a, b) & 63); }
    bool has(char32_t a, char32_t b) const { return ((bits_[slot(a, b) >> 6] >> (slot(a, b) & 63)) & 1) != 0; }

   private:
    static constexpr unsigned kBits = 1u << 15;
    static unsigned slot(char32_t a, char32_t b) {
      return static_cast<unsigned>(((std::uint64_t{a} << 21 | b) * 0x9E3779B97F4A7C15ull) >> 49);
    }
    std::vector<std::uint64_t> bits_ = std::vector<std::uint64_t>(kBits / 64);
  };

  util::KeywordSet words_;
  CodePoints single_ = CodePoints(kLimit / 64);          // words of one code point
  CodePoints single_phrases_ = CodePoints(kLimit / 64);  // phrases of one code point
  CodePoints scan_starts_ = CodePoints(kLimit / 64);
  PairFilter starts_, ends_, phrase_starts_;  // first two, last two code points
  std::vector<Cues> cues_;          // by word index
  std::vector<int> phrase_;         // by word index: into phrases_, or -1
  std::vector<Phrase> phrases_;
};

}  // namespace parley::text
