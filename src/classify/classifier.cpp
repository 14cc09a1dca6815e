#include "classify/classifier.hpp"

#include <algorithm>
#include <cstring>
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

// Where a clause ends: ASCII marks after normalize() (，。！？、 fold to , . ! ? ,).
constexpr std::string_view kClauseBreaks[] = {",", ".", "!", "?", ";", "~", "…"};

using Span = Classifier::Scratch::Span;
using Event = Classifier::Scratch::Event;
using Occurrence = Classifier::Scratch::Occurrence;

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// The characters of text[from, to), counted no further than limit + 1.
int chars_between(std::string_view text, std::uint32_t from, std::uint32_t to, int limit) {
  int n = 0;
  for (std::uint32_t p = from; p < to && n <= limit; ++p) n += (static_cast<unsigned char>(text[p]) & 0xC0) != 0x80;
  return n;
}

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

Classifier::Classifier(std::vector<IntentSpec> intents, std::vector<std::string> topics,
                       std::vector<WordClass> classes)
    : intents_(std::move(intents)), topics_(std::move(topics)), classes_(std::move(classes)) {
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
    if (spec.any.empty() && spec.all.empty() && spec.patterns.empty()) keywordless_.push_back(i);
    intents_need_mentions_ |= !spec.needs.empty();
  }

  // Word classes: each word is a keyword whose hits are occurrences of its
  // class; the cue classes also feed the built-in roles.
  patterns_by_class_.resize(classes_.size());
  // A class no pattern names costs nothing: its words are not looked for.
  std::vector<bool> used(classes_.size(), false);
  for (const IntentSpec& spec : intents_) {
    for (const PatternSpec& p : spec.patterns) {
      for (const PatternSpec::Item& item : p.items) {
        if (item.kind == PatternSpec::Item::Kind::word && item.word_class < used.size()) used[item.word_class] = true;
      }
      for (std::uint32_t c : p.with) if (c < used.size()) used[c] = true;
      for (std::uint32_t c : p.without) if (c < used.size()) used[c] = true;
    }
  }
  for (std::uint32_t c = 0; c < classes_.size(); ++c) {
    const std::string& name = classes_[c].name;
    const Role cue = name == "negation" ? Role::negator
                     : name == "contrast" ? Role::contrast
                     : name == "condition" ? Role::condition : Role::word;
    if (!used[c] && cue == Role::word) continue;
    for (const std::string& word : classes_[c].words) {
      std::string normalized;
      try {
        normalized = normalize(word).text;
      } catch (const Error&) {
        continue;
      }
      if (normalized.empty()) {  // a pictograph, dropped by normalize(): matched on the original
        if (used[c] && pictographs_.add(word) >= 0) pictograph_class_.push_back(c);
        continue;
      }
      if (used[c]) add(normalized, {Role::word, c});
      if (cue != Role::word) add(normalized, {cue});
    }
  }
  for (std::uint32_t i = 0; i < intents_.size(); ++i) {
    const auto& patterns = intents_[i].patterns;
    for (std::uint32_t j = 0; j < patterns.size(); ++j) {
      const auto& items = patterns[j].items;
      bool valid = std::all_of(items.begin(), items.end(), [&](const PatternSpec::Item& item) {
        return item.kind != PatternSpec::Item::Kind::word || item.word_class < classes_.size();
      });
      auto lead = std::find_if(items.begin(), items.end(),
                               [](const PatternSpec::Item& item) { return item.kind == PatternSpec::Item::Kind::word; });
      if (!valid || lead == items.end()) continue;
      patterns_by_class_[lead->word_class].push_back(static_cast<std::uint32_t>(patterns_.size()));
      PatternRef ref{i, j, static_cast<std::uint32_t>(lead - items.begin()),
                     static_cast<std::uint32_t>(required_.size()), 0};
      for (const PatternSpec::Item& item : items) {
        if (item.kind == PatternSpec::Item::Kind::word) required_.push_back(item.word_class);
      }
      required_.insert(required_.end(), patterns[j].with.begin(), patterns[j].with.end());
      ref.required_end = static_cast<std::uint32_t>(required_.size());
      patterns_.push_back(ref);
    }
  }
  if (!patterns_.empty()) {
    for (std::string_view k : kClauseBreaks) add(k, {Role::clause_break});
  }
  if (pictographs_.size() > 0) pictographs_.compile();
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

namespace {

// Tries one pattern from its lead occurrence; the scratch's occurrences are
// sorted by class, then position.
struct PatternMatcher {
  std::string_view text;
  const Classifier::Scratch& s;
  const PatternSpec& p;
  int budget = 256;  // occurrences looked at: bounds a pattern with many items on a long text

  std::pair<const Occurrence*, const Occurrence*> of(std::uint32_t word_class) const {
    return std::equal_range(s.occurrences.data(), s.occurrences.data() + s.occurrences.size(), Occurrence{word_class, 0, 0, 0},
                            [](const Occurrence& a, const Occurrence& b) { return a.word_class < b.word_class; });
  }
  std::uint32_t clause_start(std::uint32_t clause) const { return clause == 0 ? 0 : s.breaks[clause - 1].end; }
  std::uint32_t clause_end(std::uint32_t clause) const {
    return clause < s.breaks.size() ? s.breaks[clause].start : static_cast<std::uint32_t>(text.size());
  }
  static bool within(std::string_view text, std::uint32_t from, std::uint32_t to, int max_gap) {
    return max_gap == PatternSpec::kAnywhere || chars_between(text, from, to, max_gap) <= max_gap;
  }
  bool negated(const Occurrence& o) const { return is_negated(text, s.negators, o.start); }
  bool clause_has(std::uint32_t word_class, std::uint32_t clause) const {
    auto [b, e] = of(word_class);
    return std::any_of(b, e, [clause](const Occurrence& o) { return o.clause == clause; });
  }
  // Items from `item` on, the one before having ended at `prev_end`; on
  // success `end` is where the last one ends.
  bool extend(std::size_t item, std::uint32_t prev_end, std::uint32_t clause, std::uint32_t& end) {
    if (item == p.items.size()) {
      end = prev_end;
      return true;
    }
    const PatternSpec::Item& it = p.items[item];
    if (it.kind == PatternSpec::Item::Kind::end) {
      if (!within(text, prev_end, clause_end(clause), it.max_gap)) return false;
      return extend(item + 1, prev_end, clause, end);
    }
    if (it.kind != PatternSpec::Item::Kind::word) return false;
    auto [b, e] = of(it.word_class);
    b = std::lower_bound(b, e, prev_end, [](const Occurrence& o, std::uint32_t at) { return o.start < at; });
    for (; b != e && --budget > 0; ++b) {
      if (b->clause != clause) {
        if (b->clause > clause) break;
        continue;
      }
      if (!within(text, prev_end, b->start, it.max_gap)) break;  // sorted by start: the rest are further
      if (it.negated && !negated(*b)) continue;
      if (extend(item + 1, b->end, clause, end)) return true;
    }
    return false;
  }
};

}  // namespace

void Classifier::match_patterns(std::string_view text, Scratch& s, std::uint32_t main_start) const {
  auto& occ = s.occurrences;
  if (occ.empty() || patterns_.empty()) return;
  for (Occurrence& o : occ) {
    // Breaks starting before the word: the clause it is in.
    o.clause = static_cast<std::uint32_t>(
        std::lower_bound(s.breaks.begin(), s.breaks.end(), o.start,
                         [](const Span& b, std::uint32_t at) { return b.start < at; }) -
        s.breaks.begin());
  }
  std::sort(occ.begin(), occ.end(), [](const Occurrence& a, const Occurrence& b) {
    return std::tie(a.word_class, a.start, a.end) < std::tie(b.word_class, b.start, b.end);
  });
  // Which classes occur at all: a pattern needing one that does not is not tried.
  s.present.assign(classes_.size(), 0);
  for (const Occurrence& o : occ) s.present[o.word_class] = 1;
  for (std::size_t i = 0; i < occ.size();) {
    const std::uint32_t cls = occ[i].word_class;
    std::size_t j = i;
    while (j < occ.size() && occ[j].word_class == cls) ++j;
    for (std::uint32_t pid : patterns_by_class_[cls]) {
      const PatternRef& ref = patterns_[pid];
      if (std::any_of(required_.begin() + ref.required_begin, required_.begin() + ref.required_end,
                      [&](std::uint32_t c) { return !s.present[c]; })) {
        continue;
      }
      const IntentSpec& intent = intents_[ref.intent];
      const PatternSpec& p = intent.patterns[ref.index];
      PatternMatcher m{text, s, p};
      const PatternSpec::Item& lead_item = p.items[ref.lead];
      float best = 0;
      std::uint32_t best_start = 0, best_end = 0;
      for (std::size_t k = i; k < j && m.budget > 0; ++k) {
        const Occurrence& lead = occ[k];
        // Only ^ may come before the lead: the clause's start.
        if (ref.lead > 0 && !PatternMatcher::within(text, m.clause_start(lead.clause), lead.start, lead_item.max_gap)) continue;
        std::uint32_t end = lead.end;
        if (!m.extend(ref.lead + 1, lead.end, lead.clause, end)) continue;
        if (lead_item.negated ? !m.negated(lead) : (intent.negatable && m.negated(lead))) continue;
        if (std::any_of(p.with.begin(), p.with.end(), [&](std::uint32_t c) { return !m.clause_has(c, lead.clause); })) continue;
        if (std::any_of(p.without.begin(), p.without.end(), [&](std::uint32_t c) { return m.clause_has(c, lead.clause); })) continue;
        const float confidence = p.weight * (lead.start >= main_start ? kMainClause : kBeforeContrast);
        if (confidence > best) {
          best = confidence;
          best_start = lead.start;
          best_end = end;
        }
        if (lead.start >= main_start) break;  // nothing later counts more
      }
      if (best > 0) {
        const Role role = p.fallback ? Role::fallback : Role::pattern;
        s.events.push_back({ref.intent, static_cast<std::uint8_t>(role), ref.index, best, best_start, best_end});
      }
    }
    i = j;
  }
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
  s.breaks.clear();
  s.occurrences.clear();

  // First the cue words: where the main clause starts, the negators, and
  // whether a condition is attached; the words of classes and where clauses end.
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
        case Role::word: s.occurrences.push_back({uses_[u].target, hit.start, hit.end, 0}); break;
        case Role::clause_break:
          // 7.99: a decimal point, not the end of a clause.
          if (text[hit.start] == '.' && hit.start > 0 && hit.end < text.size() && is_ascii_digit(text[hit.start - 1]) &&
              is_ascii_digit(text[hit.end])) {
            break;
          }
          s.breaks.push_back({hit.start, hit.end});
          break;
        default: break;
      }
    }
  }
  // Pictographs (👌) are not in the normalised text: found in the original
  // when it holds a byte that may start one, at the place they were dropped.
  // (memchr must not see the null data() of an empty view.)
  if (pictographs_.size() > 0 && !original.empty() &&
      (std::memchr(original.data(), 0xF0, original.size()) || std::memchr(original.data(), 0xE2, original.size()))) {
    pictographs_.for_each_match(original, [&](const KeywordSet::Match& m) {
      auto at = static_cast<std::uint32_t>(
          std::lower_bound(out.normalized.origin.begin(), out.normalized.origin.end(), m.start) -
          out.normalized.origin.begin());
      at = std::min<std::uint32_t>(at, static_cast<std::uint32_t>(text.size()));
      s.occurrences.push_back({pictograph_class_[m.keyword], at, at, 0});
    });
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
      s.events.push_back({use.target, static_cast<std::uint8_t>(use.role), use.slot, confidence, hit.start, hit.end});
    }
  }
  match_patterns(text, s, main_start);
  for (std::uint32_t i : keywordless_) {
    s.events.push_back({i, static_cast<std::uint8_t>(Role::present), 0, kMainClause});
  }

  // Decide each intent that was touched; fallback patterns only when nothing else holds.
  std::sort(s.events.begin(), s.events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.intent, a.role, a.slot, b.confidence) < std::tie(b.intent, b.role, b.slot, a.confidence);
  });
  bool has_fallback = false;
  auto decide = [&](bool fallback_round) {
    for (std::size_t g = 0; g < s.events.size();) {
      const std::uint32_t intent = s.events[g].intent;
      const IntentSpec& spec = intents_[intent];
      const bool needs_any = !spec.any.empty() || !spec.patterns.empty();
      float any = needs_any ? 0 : kMainClause;
      float all = kMainClause;
      std::size_t all_found = 0;
      bool blocked = false;
      IntentScore score{spec.name, static_cast<int>(intent), 0};
      score.evidence = needs_any ? IntentScore::Evidence::keyword : IntentScore::Evidence::needs;
      std::size_t e = g;
      auto take = [&](const Event& ev, IntentScore::Evidence kind) {
        if (ev.confidence <= any) return;
        any = ev.confidence;
        score.evidence = kind;
        score.pattern = kind == IntentScore::Evidence::keyword ? 0 : ev.slot;
        score.start = ev.start;
        score.end = ev.end;
      };
      for (; e < s.events.size() && s.events[e].intent == intent; ++e) {
        const Event& ev = s.events[e];
        switch (static_cast<Role>(ev.role)) {
          case Role::any: take(ev, IntentScore::Evidence::keyword); break;
          case Role::pattern: take(ev, IntentScore::Evidence::pattern); break;
          case Role::fallback:
            has_fallback = true;
            if (fallback_round) take(ev, IntentScore::Evidence::fallback);
            break;
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
      score.confidence = confidence;
      out.intents.push_back(std::move(score));
    }
  };
  decide(false);
  if (out.intents.empty() && has_fallback) decide(true);
  std::sort(out.intents.begin(), out.intents.end(), [](const IntentScore& a, const IntentScore& b) {
    return a.confidence != b.confidence ? a.confidence > b.confidence : a.index < b.index;
  });
}

}  // namespace parley::classify
