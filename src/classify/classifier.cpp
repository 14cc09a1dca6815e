#include "classify/classifier.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "parley/error.hpp"
#include "util/utf8.hpp"

namespace parley::classify {
namespace {

constexpr float kMainClause = 1.0f;
constexpr float kBeforeContrast = 0.5f;
// The built-in zh-CN cue words. 不过 holds the negator 不: the negation test
// below only accepts adverbs between a negator and its keyword, so 不过太贵
// is not read as "not too expensive".
constexpr std::string_view kNegators[] = {"不", "没", "没有", "别", "不是", "不算", "并不", "并没有"};
constexpr std::string_view kContrasts[] = {"但是", "但", "不过", "只是", "就是", "可是", "然而", "可惜"};
constexpr std::string_view kConditions[] = {"除非", "如果", "要是", "只要", "假如", "的话"};
constexpr std::string_view kCommitments[] = {"就要", "就拍", "就买", "就下单", "就付款", "马上拍", "立马拍"};
// What a buyer bargains for; with a condition word it makes the no tactical.
constexpr std::string_view kAsks[] = {"包邮", "便宜", "优惠", "少", "减", "折", "送", "免运费", "抹零", "赠"};

// Words that may stand between a negator and what it negates: 不太贵, 没那么贵了,
// 不算很贵. Anything else (不买了太贵了) ends the negator's reach.
constexpr char32_t kAdverbs[] = {U'太', U'很', U'那', U'这', U'么', U'怎', U'算', U'是', U'大',
                                 U'够', U'觉', U'得', U'有', U'点', U'会', U'也', U'都', U'还',
                                 U'什', U'特', U'别', U'再', U'咋', U'多'};

using Span = Classifier::Scratch::Span;
using Event = Classifier::Scratch::Event;

// True when text[from, to) holds at most max_chars characters, all adverbs.
bool only_adverbs(std::string_view text, std::uint32_t from, std::uint32_t to, int max_chars) {
  int chars = 0;
  for (std::size_t pos = from; pos < to; ++chars) {
    char32_t cp;
    std::size_t len = utf8::decode(text.substr(0, to), pos, &cp);
    if (len == 0 || chars == max_chars) return false;
    if (std::find(std::begin(kAdverbs), std::end(kAdverbs), cp) == std::end(kAdverbs)) return false;
    pos += len;
  }
  return true;
}

// 有没有, 是不是, 能不能: an A-not-A question, whose 没/不 negates nothing.
bool in_a_not_a_question(std::string_view text, std::uint32_t negator_start) {
  std::size_t before = negator_start;
  do {
    if (before == 0) return false;
    --before;
  } while ((static_cast<unsigned char>(text[before]) & 0xC0) == 0x80);
  char32_t negator, prev, next;
  std::size_t len = utf8::decode(text, negator_start, &negator);
  if (len == 0 || utf8::decode(text, before, &prev) == 0) return false;
  return utf8::decode(text, negator_start + len, &next) != 0 && prev == next;
}

// The negator that reaches a keyword starting at `start`: the closest one
// ending before it with only adverbs between; the longest of those ending
// at the same byte. nullptr when none does.
const Span* negator_before(std::string_view text, const std::vector<Span>& negators,
                           std::uint32_t start, int max_gap) {
  const Span* best = nullptr;
  for (const Span& n : negators) {
    if (n.end > start || !only_adverbs(text, n.end, start, max_gap)) continue;
    if (!best || n.end > best->end || (n.end == best->end && n.start < best->start)) best = &n;
  }
  return best;
}

bool is_negated(std::string_view text, const std::vector<Span>& negators, std::uint32_t start) {
  const Span* first = negator_before(text, negators, start, 2);
  if (!first) return false;
  // 不是不想买: the second negator undoes the first.
  return negator_before(text, negators, first->start, 1) == nullptr;
}

float best_mention_confidence(const std::vector<Mention>& mentions, MentionKind kind) {
  float best = 0;
  for (const Mention& m : mentions) {
    // A price the buyer quotes (之前269, 别家28元) is no price they offer.
    if (m.kind == kind && (kind != MentionKind::money || m.is_offer())) best = std::max(best, m.confidence);
  }
  return best;
}

bool is_price_like(MentionKind kind) {
  return kind == MentionKind::money || kind == MentionKind::relative || kind == MentionKind::discount ||
         kind == MentionKind::threshold;
}

}  // namespace

Classifier::Classifier(std::vector<IntentSpec> intents, std::vector<std::string> topics)
    : intents_(std::move(intents)), topics_(std::move(topics)) {
  std::unordered_map<std::string, std::uint32_t> keyword_ids;
  std::vector<std::vector<Use>> uses;
  auto add = [&](std::string_view normalized, Use use) {
    auto [it, inserted] = keyword_ids.try_emplace(std::string(normalized),
                                                  static_cast<std::uint32_t>(uses.size()));
    if (inserted) {
      keywords_.add(normalized);
      uses.emplace_back();
    }
    uses[it->second].push_back(use);
  };
  // Normalises a keyword the way buyer text is normalised. The loader has
  // reported keywords that are not UTF-8 or that normalise to nothing; here
  // they are only skipped, so that no problem is reported twice.
  auto add_written = [&](const std::string& written, Use use) {
    std::string normalized;
    try {
      normalized = normalize(written).text;
    } catch (const Error&) {
      return;
    }
    if (!normalized.empty()) add(normalized, use);
  };

  for (std::uint32_t i = 0; i < intents_.size(); ++i) {
    const IntentSpec& spec = intents_[i];
    for (const std::string& k : spec.any) add_written(k, {Role::any, i});
    for (std::uint32_t s = 0; s < spec.all.size(); ++s) add_written(spec.all[s], {Role::all, i, s});
    for (const std::string& k : spec.unless) add_written(k, {Role::unless, i});
    if (spec.any.empty() && spec.all.empty()) keywordless_.push_back(i);
    intents_need_mentions_ |= !spec.needs.empty();
  }
  for (std::uint32_t t = 0; t < topics_.size(); ++t) add_written(topics_[t], {Role::topic, t});

  for (std::string_view k : kNegators) add(k, {Role::negator});
  for (std::string_view k : kContrasts) add(k, {Role::contrast});
  for (std::string_view k : kConditions) add(k, {Role::condition});
  for (std::string_view k : kCommitments) add(k, {Role::commitment});
  for (std::string_view k : kAsks) add(k, {Role::ask});
  keywords_.compile();

  use_begin_.reserve(uses.size() + 1);
  for (const auto& list : uses) {
    use_begin_.push_back(static_cast<std::uint32_t>(uses_.size()));
    uses_.insert(uses_.end(), list.begin(), list.end());
  }
  use_begin_.push_back(static_cast<std::uint32_t>(uses_.size()));
}

void Classifier::classify(std::string_view original, Signals& out, bool mentions) const {
  Scratch scratch;
  classify(original, out, scratch, mentions);
}

void Classifier::classify(std::string_view original, Signals& out, Scratch& s, bool mentions) const {
  normalize(original, out.normalized);
  if (mentions || intents_need_mentions_) extract_mentions(out.normalized, out.mentions);
  else out.mentions.clear();
  out.intents.clear();
  out.topics.clear();
  out.conditional = false;

  const std::string_view text = out.normalized.text;
  keywords_.match(text, s.hits);
  s.negators.clear();
  s.events.clear();

  // First the cue words: where the main clause starts, the negators, and
  // whether a condition is attached.
  std::uint32_t main_start = 0;
  bool condition = false, commitment = false, ask = false;
  std::uint32_t first_ask = UINT32_MAX, last_commitment = 0;
  for (const KeywordSet::Match& hit : s.hits) {
    for (std::uint32_t u = use_begin_[hit.keyword]; u < use_begin_[hit.keyword + 1]; ++u) {
      switch (uses_[u].role) {
        case Role::negator:
          if (!in_a_not_a_question(text, hit.start)) s.negators.push_back({hit.start, hit.end});
          break;
        case Role::contrast:
          if (hit.start > 0) main_start = std::max(main_start, hit.end);
          break;
        case Role::condition: condition = true; break;
        case Role::commitment:
          commitment = true;
          last_commitment = std::max(last_commitment, hit.start);
          break;
        case Role::ask:
          ask = true;
          first_ask = std::min(first_ask, hit.start);
          break;
        default: break;
      }
    }
  }
  for (const Mention& m : out.mentions) {
    if (!is_price_like(m.kind)) continue;
    ask = true;
    // Mention spans are in the original text; compare in normalised bytes.
    auto at = static_cast<std::uint32_t>(
        std::lower_bound(out.normalized.origin.begin(), out.normalized.origin.end(), m.start) -
        out.normalized.origin.begin());
    first_ask = std::min(first_ask, at);
  }
  out.conditional = (condition && (ask || commitment)) || (commitment && first_ask < last_commitment);

  // Then what the keywords say about intents and topics.
  for (const KeywordSet::Match& hit : s.hits) {
    const float confidence = hit.start >= main_start ? kMainClause : kBeforeContrast;
    int negated = -1;  // computed on first need
    for (std::uint32_t u = use_begin_[hit.keyword]; u < use_begin_[hit.keyword + 1]; ++u) {
      const Use& use = uses_[u];
      if (use.role == Role::topic) {
        const std::string& topic = topics_[use.target];
        if (std::find(out.topics.begin(), out.topics.end(), topic) == out.topics.end()) {
          out.topics.push_back(topic);
        }
        continue;
      }
      if (use.role != Role::any && use.role != Role::all && use.role != Role::unless) continue;
      if (intents_[use.target].negatable) {
        if (negated < 0) negated = is_negated(text, s.negators, hit.start);
        if (negated) continue;
      }
      s.events.push_back({use.target, static_cast<std::uint8_t>(use.role), use.slot, confidence});
    }
  }
  for (std::uint32_t i : keywordless_) {
    s.events.push_back({i, static_cast<std::uint8_t>(Role::present), 0, kMainClause});
  }

  // Decide each intent that was touched.
  std::sort(s.events.begin(), s.events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.intent, a.role, a.slot, b.confidence) < std::tie(b.intent, b.role, b.slot, a.confidence);
  });
  for (std::size_t g = 0; g < s.events.size();) {
    const std::uint32_t intent = s.events[g].intent;
    const IntentSpec& spec = intents_[intent];
    const bool needs_any = !spec.any.empty();
    float any = needs_any ? 0 : kMainClause;
    float all = kMainClause;
    std::size_t all_found = 0;
    bool blocked = false;
    std::size_t e = g;
    for (; e < s.events.size() && s.events[e].intent == intent; ++e) {
      const Event& ev = s.events[e];
      switch (static_cast<Role>(ev.role)) {
        case Role::any: any = std::max(any, ev.confidence); break;
        case Role::unless: blocked = true; break;
        case Role::all:
          // Sorted best first within a slot: the first event of a slot is its best.
          if (e == g || s.events[e - 1].role != ev.role || s.events[e - 1].slot != ev.slot) {
            ++all_found;
            all = std::min(all, ev.confidence);
          }
          break;
        default: break;
      }
    }
    g = e;
    if (blocked || any == 0 || all_found < spec.all.size()) continue;
    float confidence = std::min(any, all);
    for (MentionKind kind : spec.needs) confidence = std::min(confidence, best_mention_confidence(out.mentions, kind));
    if (confidence <= 0) continue;
    out.intents.push_back({spec.name, static_cast<int>(intent), confidence});
  }
  std::sort(out.intents.begin(), out.intents.end(), [](const IntentScore& a, const IntentScore& b) {
    return a.confidence != b.confidence ? a.confidence > b.confidence : a.index < b.index;
  });
}

}  // namespace parley::classify
