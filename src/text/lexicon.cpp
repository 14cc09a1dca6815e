// The mention lexicon as data. Words are written as normalize() leaves them
// (ASCII lower case, half-width), separated by spaces. A word may be in
// several rows; it is added to the automaton once, with all its cues.
#include "text/lexicon.hpp"

#include "text/numeral.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>

namespace parley::text {
namespace {

struct Row {
  Cue cue;
  const char* words;
};

constexpr Row kRows[] = {
    {kThresholdYuan, "元 块"},
    {kThresholdLink, "还 再 就"},
    {kThresholdMinus, "减 -"},
    {kFreeShipping, "包邮"},
    {kThresholdGift, "送 赠 就送"},
    {kCountingVerb, "买 要 拿 订 来 买了 要了 拿了 换 换了 再买 多买 发了 寄了"},
    {kIdBefore, "订单号 单号 订单 尾号 编号 货号 型号 号码"},
    {kIdAfter, "结尾 尾号"},
    {kRmb, "rmb"},
    {kNationalDayAfter, "活动 期间 假 放假 那天 前 后"},
    {kLetterSizeAfter, "xl xs"},
    {kRelativeBefore, "再少 再便宜 再减 再让 少个 减个 便宜个 少 便宜 减 优惠 返 返现 返我 返个 降 让"},
    {kCurrencyBefore, "人民币 rmb ¥ $"},
    {kYuanAfter, "块钱 元钱 元 块 圆 rmb 大洋"},
    {kWhole, "整"},
    {kTogetherAfter, "的 儿 去 来"},
    {kFoldBefore, "打个 打"},
    {kDayAfter, "号 日"},
    {kShoeSizeBefore, "穿 码"},
    {kDurationAfter, "个多月 个月 个星期 个礼拜 个小时 个钟头 小时 分钟 钟头 天 周 星期 礼拜 年 秒"},
    {kWeightAfter, "公斤 千克 kg 斤 克 g ml 毫升 升"},
    {kSizeAfter, "码 寸 cm 厘米 mm 毫米 米 尺"},
    {kDealAfter, "成交"},
    {kOtherCountAfter, "% 岁 楼 层 倍 分 成 次 遍 位 人 名 期 级 度 代 集 w k a v 公里 千米"},
    {kTimeBefore, "上午 下午 晚上 早上 中午 凌晨 今天 明天 后天 今晚 明早 傍晚"},
    {kTimeAfter, "前 之前 以前 钟 半 左右 后 以后 到 发 多 整"},
    {kTimeTail, "钟 半"},
    {kGiftBefore, "送 赠"},
    {kWearBefore, "穿"},
    {kHeightBefore, "身高"},
    {kBodyWeightBefore, "体重"},
    {kSpecBefore, "尺寸是 尺码是 尺寸 尺码 规格 胸围 腰围 臀围 肩宽 袖长 衣长 裤长 脚长 头围 腿长"},
    {kOverBefore, "超过 满"},
    {kPriceWordBefore, "价格 原价 现价 价 卖 花了 付了 只要 才 就 按 到手 最低 算 给你 给我 出 要"},
    // A price the buyer quotes rather than offers, by what it is.
    {kEarlier, "之前 以前 原来 原价 本来 标价 吊牌 买的时候 上次 去年 昨天 上周 上个月 上回 前几天 前天 下单时 下单的时候 拍的时候 买时"},
    {kElsewhere,
     "别家 别人家 别的店 其它店 其他店 其他家 其它家 人家 隔壁 外面 拼多多 京东 别的地方 别处 实体店 专卖店 "
     "官网 其他平台 天猫 别人 有人卖 有人才 同款"},
    {kQuoted,
     "现价 不是 涨到 涨了 降到 便宜了 花了 付了 收到 券就 券才 券只 券后 用券后 折后 活动价 爆价 现在是 "
     "运费 邮费 快递费 手续费 差价 税费 要收 收了 收我 多收 收费 实付 付款 订单金额 凑单到 凑到 凑够 凑了 "
     "写的 写着 标的 标着 显示 说的"},
    {kCheckAfter, "是吗 对吗 对吧 是吧 够吗 够不够 够了 能用 够满 能满"},
    {kCheckBefore, "是 都 变 变成"},
    {kNotCheckBefore, "就是 要是 若是 还是 就都"},
    {kNotNamingAfter, "的话 的价 的吧 的啊 的呗"},
    {kWorkedOut, "区别 怎么变 算算 为什么 为啥 怎么算"},
    {kBargaining,
     "行吗 行不行 可以吗 可以不 可不可以 卖不卖 卖吗 包邮 能不能 便宜 成交 给吗 能给 好不好 出吗 走吗 怎么样 最低 "
     "最少 到手 优惠 能少 贵 拍 吧 价"},
    // What an amount covers.
    {kEach, "每 单价 单价是 单个"},
    {kCartTotal, "一共 总共 加起来 合计 总计 总价 一起 全部 打包 总的 共"},
    {kScopeFiller, "一起 一共 总共 共 要 算 给 就 才 只要 的话 是 卖 的 一共是 总共是"},
    // Model codes.
    {kBrandBefore,
     "苹果 华为 小米 荣耀 红米 三星 一加 魅族 联想 iphone ipad mate nova redmi note galaxy pixel oppo vivo "
     "realme macbook airpods ps xbox"},
    {kDisplayAfter, "电视 屏 显示 高清 分辨率 画质 投影 视频 超清 蓝光 hdr"},
    {kStorageAfter, "gb tb t"},
    {kSpecUnitAfter, "毫安时 毫安 mah 千瓦 瓦 匹 伏 赫兹 hz"},
    {kPowerWord, "功率 吹风机 电吹风 电机 马达 灯泡 灯 充电器 充电头 快充 电源 电暖器 暖风机 电热 音箱 功放 电钻 电器"},
    {kCouponAfter, "券 优惠券 的券 的优惠券 红包 的红包 无门槛"},
    {kDifferenceBefore, "差 差了 还差 就差 多花 多花了 多付 多付了"},
    {kCompareBefore, "贵 贵了"},
    {kComparison, "比"},
    {kPieceAfter,
     "屏 屏幕 手表 表 布 肥皂 香皂 玻璃 钢化膜 膜 板 木板 蛋糕 巧克力 电池 石头 砖 瓷砖 地毯 地垫 垫子 毛巾 镜子 "
     "牌子 抹布 橡皮 玉 手机屏 主板 芯片"},
    {kAddressAfter, "栋 幢 单元 室 号楼 号院 弄 户"},
};

struct PhraseRow {
  const char* words;
  Phrase phrase;
};

using Action = Phrase::Action;
constexpr auto flag(MentionFlag f) { return static_cast<std::uint8_t>(f); }

const PhraseRow kPhrases[] = {
    {"双十一 双11", {Action::mention, MentionKind::date, 1111, flag(MentionFlag::festival)}},
    {"双十二 双12", {Action::mention, MentionKind::date, 1212, flag(MentionFlag::festival)}},
    {"半价", {Action::mention, MentionKind::discount, 0.5, 0}},
    {"第二件半价 第2件半价 第二件五折 第2件5折",
     {Action::mention, MentionKind::discount, 0.5, flag(MentionFlag::second_item)}},
    {"打个对折 打对折 对折", {Action::mention, MentionKind::discount, 0.5, 0}},
    {"抹个零头 抹掉零头 抹了零头 抹零头 抹个零 抹掉零 抹零 去个零头 去掉零头 去零头 零头抹 零头去掉 零头不要",
     {Action::mention, MentionKind::relative, 0, flag(MentionFlag::round_down)}},
    {"再少一点 再少点 再少些 再便宜一点 再便宜点 再便宜些 再优惠点 再优惠一点 少一点 少点 少些",
     {Action::relative_ask, MentionKind::relative, 0, 0}},
    {"零头 块把钱", {Action::skip, MentionKind::money, 0, 0}},
    {"第", {Action::ordinal, MentionKind::money, 0, 0}},
    {"满", {Action::threshold, MentionKind::threshold, 0, 0}},
};

// Calls f(word) for each space-separated word of `words`.
template <class F>
void each_word(std::string_view words, F&& f) {
  while (!words.empty()) {
    const std::size_t space = words.find(' ');
    const std::string_view word = words.substr(0, space);
    if (!word.empty()) f(word);
    if (space == std::string_view::npos) break;
    words.remove_prefix(space + 1);
  }
}

}  // namespace

Lexicon::Lexicon() {
  std::unordered_map<std::string, std::uint32_t> index;
  std::vector<std::u32string> words_cps;  // by word index
  const auto word_index = [&](std::string_view word) {
    auto [it, added] = index.try_emplace(std::string(word), static_cast<std::uint32_t>(cues_.size()));
    if (added) {
      words_.add(word);
      std::u32string cps;
      for (std::size_t pos = 0; pos < word.size();) {
        char32_t cp = 0;
        const std::size_t length = utf8::decode(word, pos, &cp);
        pos += length == 0 ? 1 : length;
        cps += cp;
      }
      words_cps.push_back(cps);
      cues_.push_back(0);
      phrase_.push_back(-1);
    }
    return it->second;
  };
  for (const Row& row : kRows) {
    each_word(row.words, [&](std::string_view word) { cues_[word_index(word)] |= bit(row.cue); });
  }
  for (const PhraseRow& row : kPhrases) {
    const int at = static_cast<int>(phrases_.size());
    phrases_.push_back(row.phrase);
    each_word(row.words, [&](std::string_view word) {
      const std::uint32_t k = word_index(word);
      cues_[k] |= bit(kPhrase);
      phrase_[k] = at;

    });
  }
  words_.compile();
  for (std::size_t k = 0; k < cues_.size(); ++k) {
    const std::u32string& w = words_cps[k];
    const bool phrase = (cues_[k] & bit(kPhrase)) != 0;
    if (phrase) put(scan_starts_, w.front());
    if (w.size() == 1) {
      put(single_, w[0]);
      if (phrase) put(single_phrases_, w[0]);
      continue;
    }
    starts_.put(w[0], w[1]);
    ends_.put(w[w.size() - 2], w.back());
    if (phrase) phrase_starts_.put(w[0], w[1]);
  }
  // Numbers and ASCII words start where the scanner reads them (mentions.cpp
  // reads a Chinese numeral from any digit but 幺, or from 十).
  for (char32_t cp : std::u32string_view(U"0123456789十拾")) put(scan_starts_, cp);
  for (char32_t cp : kChineseDigits) {
    if (cp != U'幺') put(scan_starts_, cp);
  }
  for (char32_t cp = 'a'; cp <= 'z'; ++cp) put(scan_starts_, cp), put(scan_starts_, cp - 'a' + 'A');
}

const Lexicon& Lexicon::get() {
  static const Lexicon lexicon;  // built once, thread-safe (a function-local static)
  return lexicon;
}

}  // namespace parley::text
