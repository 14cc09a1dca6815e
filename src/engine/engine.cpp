#include "parley/engine.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>

#include "engine/evaluation.hpp"
#include "engine/plan.hpp"
#include "engine/validate.hpp"
#include "engine/workspace.hpp"
#include "parley/error.hpp"
#include "rules/compiled.hpp"

namespace parley {
namespace {

using engine::Evaluation;
using rules::CompiledRule;

const rules::Compiled& compiled(const RuleSet& rules) { return rules::Access::compiled(rules); }

std::vector<ConditionPart> trace(const CompiledRule& rule, const Evaluation& ev) {
  std::vector<ConditionPart> parts;
  if (!rule.when) return parts;
  for (expr::TracePart& p : rule.when->explain(ev.env())) {
    parts.push_back({std::move(p.text), std::move(p.values), p.holds, p.depth});
  }
  return parts;
}

// Records the buyer's message in the conversation: round, history, the
// buyer's best price, topics, cart and stage.
void record_buyer(const rules::Compiled& rules, Conversation& c, std::string_view text, const Signals& signals) {
  // The cart as the message leaves it; a message about another product
  // then moves the conversation to it, as suggest() answered it.
  c.cart = engine::cart_after(rules, c, signals);
  if (const int other = engine::turns_to(rules, c, signals); other >= 0) engine::refocus(c, rules.products[other].id);
  c.round += 1;
  Turn turn{Turn::Speaker::buyer, std::string(text), {}, std::nullopt};
  if (const Mention* m = signals.price()) {
    // Per unit, as every offer of the conversation is (a total divided by
    // what it pays for).
    if (const std::optional<engine::PriceRead> price = engine::read_price(rules, c, *m, c.cart)) {
      turn.offer = price->unit;
      if (!c.buyer_best || price->unit > *c.buyer_best) c.buyer_best = price->unit;
    }
  }
  c.history.push_back(std::move(turn));
  for (const std::string& topic : signals.topics) c.topic_counts[topic] += 1;
  if (c.stage == Stage::open && !signals.intents.empty() && rules.stages.open_on_intent) {
    c.stage = *rules.stages.open_on_intent;
  }
}

// The price the agent typed, per unit of the product discussed: the first
// amount named as a price, read with its scope as a buyer's is.
std::optional<Money> seller_price(const rules::Compiled& rules, const Conversation& c, std::string_view text) {
  Signals typed;
  normalize(text, typed.normalized);
  extract_mentions(typed.normalized, typed.mentions);
  for (const Mention& m : typed.mentions) {
    if (m.kind == MentionKind::money && m.role != PriceRole::none && m.confidence >= 0.5f) {
      if (const std::optional<engine::PriceRead> read = engine::read_price(rules, c, m, c.cart)) return read->unit;
    }
  }
  return std::nullopt;
}

// Records what the seller said in SellerMemory (bounded).
void remember(Conversation& c, std::string_view text, const Suggestion* chosen) {
  SellerMemory& said = c.said;
  said.recent_texts.push_back(engine::text_hash(text));
  if (said.recent_texts.size() > SellerMemory::kRecentTexts) said.recent_texts.erase(said.recent_texts.begin());
  if (!chosen) return;
  said.value_arguments += chosen->argues_value;
  said.rules_sent[chosen->rule_id] += 1;
  for (const std::string& point : chosen->points) {
    if (std::find(said.points.begin(), said.points.end(), point) == said.points.end()) said.points.push_back(point);
  }
}

// Moves the negotiation state to a price the seller quoted.
void record_offer(const rules::Compiled& rules, Conversation& c, std::optional<Money> price,
                  const std::vector<std::string>& extras) {
  const ProductTerms& terms = rules.terms[rules.product_index(c.product_id)];
  Money current = c.offer.value_or(terms.list_price);
  if (!price && extras.empty()) return;
  NegotiationState state{current, c.concessions, c.last_step, c.buyer_best, c.extras_granted, c.extras_cost};
  NegotiationState next = after_offer(terms, state, price.value_or(current), extras);
  c.offer = next.offer;
  c.concessions = next.concessions;
  c.last_step = next.last_step;
  c.extras_granted = next.extras_granted;
  c.extras_cost = next.extras_cost;
}

// Ranking past the scores (rules/README.md, "Ranking"):
//   1. a firm no answered by a retreat closes the door: when the best is a
//      retreat, no suggestion that sells or names a price follows it (B17);
//   2. the best by score stays first; after it, each next place goes to the
//      best suggestion that answers an intent of the message none before it
//      answers, else to the best of an action none before it has, else to
//      the best left, so that the top ones answer every question asked and
//      give the agent a real choice (B28);
//   3. a reply whose words were sent before in this conversation goes to the
//      end, unless nothing else is left.
void rank(const rules::Compiled& rules, const engine::Plan& plan, const Conversation& conversation, SuggestResult& out,
          Workspace::State& s) {
  std::vector<Suggestion>& all = out.suggestions;
  if (all.size() < 2 || !rules.ranking.diverse) return;
  auto sells_or_prices = [](const Suggestion& x) {
    switch (x.action) {
      case Action::concede: case Action::accept: case Action::offer_extra: case Action::trade:
      case Action::close: case Action::upsell:
        return true;
      default:
        return x.offer.has_value() && x.action == Action::hold;
    }
  };
  std::vector<std::size_t>& order = s.order;
  order.clear();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0 && all[0].action == Action::retreat && sells_or_prices(all[i])) continue;
    order.push_back(i);
  }
  const auto& recent = conversation.said.recent_texts;
  const auto repeated = [&](const Suggestion& x) {
    return !recent.empty() && std::find(recent.begin(), recent.end(), engine::text_hash(x.text)) != recent.end();
  };
  // By suggestion: the message's intents its rule reads, and whether its
  // words were sent before.
  std::vector<std::uint64_t>& answers = s.answers;
  std::vector<std::uint8_t>& was_sent = s.was_sent;
  answers.assign(all.size(), 0);
  was_sent.assign(all.size(), 0);
  std::uint64_t present = 0;
  for (const IntentScore& m : out.signals.intents) {
    if (m.index < 64) present |= std::uint64_t{1} << m.index;
  }
  for (std::size_t i : order) {
    for (int intent : plan.rule_intents[s.produced_rules[i]]) {
      if (intent < 64) answers[i] |= (std::uint64_t{1} << intent) & present;
    }
    was_sent[i] = repeated(all[i]);
  }
  std::uint64_t covered = 0;  // intents answered so far
  std::uint32_t actions = 0;  // bits: actions placed
  auto place = [&](std::size_t k) {
    covered |= answers[order[k]];
    actions |= 1u << static_cast<unsigned>(all[order[k]].action);
  };
  // The best stays first, unless its words were just sent and another is left.
  if (was_sent[order[0]]) {
    auto fresh = std::find_if(order.begin() + 1, order.end(), [&](std::size_t i) { return !was_sent[i]; });
    if (fresh != order.end()) std::rotate(order.begin(), fresh, fresh + 1);
  }
  place(0);
  for (std::size_t k = 1; k < order.size(); ++k) {
    std::size_t pick = order.size();
    for (std::size_t j = k; j < order.size() && pick == order.size(); ++j) {
      if (!was_sent[order[j]] && (answers[order[j]] & ~covered) != 0) pick = j;
    }
    for (std::size_t j = k; j < order.size() && pick == order.size(); ++j) {
      if (!was_sent[order[j]] && !(actions & (1u << static_cast<unsigned>(all[order[j]].action)))) pick = j;
    }
    for (std::size_t j = k; j < order.size() && pick == order.size(); ++j) {
      if (!was_sent[order[j]]) pick = j;
    }
    if (pick == order.size()) pick = k;
    std::rotate(order.begin() + static_cast<std::ptrdiff_t>(k), order.begin() + static_cast<std::ptrdiff_t>(pick),
                order.begin() + static_cast<std::ptrdiff_t>(pick) + 1);
    place(k);
  }
  // Apply the order in place (it is mostly the identity): position k gets
  // suggestion order[k]; the ones left out end up past order.size().
  std::vector<std::size_t>& at = s.at;  // where each suggestion is now
  std::vector<std::size_t>& held = s.held;  // which suggestion each place holds now
  at.resize(all.size());
  held.resize(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) at[i] = held[i] = i;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t from = at[order[k]];
    if (from == k) continue;
    std::swap(all[k], all[from]);
    const std::size_t moved = held[k];  // the suggestion that was at k is now at `from`
    held[from] = moved;
    at[moved] = from;
    held[k] = order[k];
    at[order[k]] = k;
  }
  while (all.size() > order.size()) {
    s.spare.push_back(std::move(all.back()));
    all.pop_back();
  }
}

}  // namespace

Workspace::Workspace() : state_(std::make_unique<State>()) {}
Workspace::~Workspace() = default;
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;

Engine::Engine(std::shared_ptr<const RuleSet> rules, EngineOptions options)
    : rules_(std::move(rules)), options_(options) {
  if (!rules_) throw Error("an Engine needs a rule set");
  plan_ = std::make_shared<const engine::Plan>(engine::make_plan(compiled(*rules_)));
}

void Engine::check_message(std::string_view text) const {
  if (text.size() > options_.max_message_bytes) {
    throw Error("the message is " + std::to_string(text.size()) + " bytes long, more than the " +
                std::to_string(options_.max_message_bytes) + " this engine takes (EngineOptions::max_message_bytes)");
  }
}

Conversation Engine::start(std::string_view product_id, std::uint64_t seed) const {
  const Product* product = rules_->find_product(product_id);
  if (!product) throw Error("unknown product '" + std::string(product_id) + "'");
  Conversation c;
  c.product_id = product->id;
  c.cart[product->id] = 1;
  c.seed = seed;
  return c;
}

Signals Engine::signals(std::string_view buyer_text) const {
  check_message(buyer_text);
  Signals out;
  compiled(*rules_).classifier->classify(buyer_text, out);
  return out;
}

SuggestResult Engine::suggest(const Conversation& conversation, std::string_view buyer_text,
                              const SuggestOptions& options) const {
  SuggestResult out;
  Workspace workspace;
  suggest(conversation, buyer_text, options, out, workspace);
  return out;
}

void Engine::suggest(const Conversation& conversation, std::string_view buyer_text, const SuggestOptions& options,
                     SuggestResult& out, Workspace& workspace) const {
  check_message(buyer_text);
  const rules::Compiled& rules = compiled(*rules_);
  engine::validate(*rules_, conversation);
  const engine::Plan& plan = *plan_;
  Workspace::State& s = *workspace.state_;
  rules.classifier->classify(buyer_text, out.signals, s.classifier, options.mentions);
  Evaluation& ev = s.evaluation;
  ev.prepare(rules, plan_, conversation, out.signals);

  // Only the rules filed under an intent present or an atom that holds are
  // looked at, best ranked first, so that suggestions come out ranked and
  // `top` can stop early. A bit per rank: a rule filed under several is
  // looked at once, and no sort is needed.
  s.candidates.assign((rules.rules.size() + 63) / 64, 0);
  const auto add = [&](const std::vector<int>& ranks) {
    for (int rank : ranks) s.candidates[rank >> 6] |= std::uint64_t{1} << (rank & 63);
  };
  add(plan.rules_on_every_message);
  for (const IntentScore& intent : out.signals.intents) add(plan.rules_by_intent[intent.index]);
  for (std::size_t k = 0; k < plan.gate_atoms.size(); ++k) {
    const expr::Expression::Atom& atom = plan.gate_atoms[k];
    const expr::Value& v = ev.env()[atom.slot];
    if (atom.has ? v.type != expr::Type::null : v.truthy()) add(plan.rules_by_atom[k]);
  }

  std::size_t produced = 0;
  s.produced_rules.clear();
  const auto consider = [&](int index) {
    const CompiledRule& rule = rules.rules[index];
    const bool upsell = plan.rule_reads_upsell[index], cart = plan.rule_reads_cart[index];
    if (upsell || cart) {
      // The upsell and the cart's price cost a promotion search: first see
      // whether the rest of the condition lets the rule fire at all.
      if (rule.when && !rule.when->test_early(ev.env())) return;
      ev.prepare_promotions(upsell, cart);
    }
    if (rule.when && !rule.when->test(ev.env())) return;
    if (out.suggestions.size() <= produced) {
      if (s.spare.empty()) {
        out.suggestions.emplace_back();
      } else {
        out.suggestions.push_back(std::move(s.spare.back()));
        s.spare.pop_back();
      }
    }
    Suggestion& suggestion = out.suggestions[produced];
    if (!ev.produce(rule, suggestion, s.blocked)) return;
    suggestion.why.rule_id = rule.id;
    suggestion.why.fired = true;
    suggestion.why.blocked.clear();
    if (options.explain) suggestion.why.parts = trace(rule, ev);
    else suggestion.why.parts.clear();
    s.produced_rules.push_back(index);
    ++produced;
  };
  for (std::size_t word = 0; word < s.candidates.size(); ++word) {
    for (std::uint64_t bits = s.candidates[word]; bits != 0; bits &= bits - 1) {
      consider(plan.by_rank[word * 64 + static_cast<std::size_t>(std::countr_zero(bits))]);
    }
  }
  while (out.suggestions.size() > produced) {
    s.spare.push_back(std::move(out.suggestions.back()));
    out.suggestions.pop_back();
  }
  rank(rules, plan, conversation, out, s);
  const std::size_t wanted = options.top > 0 ? static_cast<std::size_t>(options.top) : SIZE_MAX;
  while (out.suggestions.size() > wanted) {
    s.spare.push_back(std::move(out.suggestions.back()));
    out.suggestions.pop_back();
  }
}



std::vector<Explanation> Engine::explain(const Conversation& conversation, std::string_view buyer_text) const {
  check_message(buyer_text);
  const rules::Compiled& rules = compiled(*rules_);
  engine::validate(*rules_, conversation);
  Signals signals;
  rules.classifier->classify(buyer_text, signals);
  Evaluation ev;
  ev.prepare(rules, plan_, conversation, signals);
  ev.prepare_promotions(true, true);
  std::vector<Explanation> out;
  for (const CompiledRule& rule : rules.rules) {
    Explanation e;
    e.rule_id = rule.id;
    e.parts = trace(rule, ev);
    bool holds = !rule.when || rule.when->test(ev.env());
    if (holds) {
      Suggestion ignored;
      e.fired = ev.produce(rule, ignored, e.blocked);
    }
    out.push_back(std::move(e));
  }
  return out;
}

Explanation Engine::why(const Conversation& conversation, std::string_view buyer_text,
                        std::string_view rule_id) const {
  if (!compiled(*rules_).find_rule(rule_id)) throw Error("unknown rule '" + std::string(rule_id) + "'");
  for (Explanation& e : explain(conversation, buyer_text)) {
    if (e.rule_id == rule_id) return std::move(e);
  }
  throw Error("unknown rule '" + std::string(rule_id) + "'");
}

Conversation Engine::apply(const Conversation& conversation, std::string_view buyer_text,
                           const Suggestion& chosen) const {
  check_message(buyer_text);
  const rules::Compiled& rules = compiled(*rules_);
  engine::validate(*rules_, conversation);
  Signals signals;
  rules.classifier->classify(buyer_text, signals);
  Conversation next = conversation;
  record_buyer(rules, next, buyer_text, signals);
  record_offer(rules, next, chosen.offer, chosen.extras);
  if (chosen.action == Action::hold) next.holds += 1;
  remember(next, chosen.text, &chosen);
  next.history.push_back({Turn::Speaker::seller, chosen.text, chosen.rule_id, chosen.offer});
  if (chosen.next_stage) next.stage = *chosen.next_stage;
  return next;
}

Conversation Engine::observe_seller_text(const Conversation& conversation, std::string_view buyer_text,
                                         std::string_view seller_text) const {
  check_message(buyer_text);
  check_message(seller_text);
  const rules::Compiled& rules = compiled(*rules_);
  engine::validate(*rules_, conversation);
  Signals signals;
  rules.classifier->classify(buyer_text, signals);
  Conversation next = conversation;
  record_buyer(rules, next, buyer_text, signals);

  // A price the agent typed becomes the current offer when it is lower: the
  // agent said it, and parley must not quote above it afterwards.
  const std::optional<Money> price = seller_price(rules, next, seller_text);
  Money current = next.offer.value_or(rules.terms[rules.product_index(next.product_id)].list_price);
  if (price && *price < current) record_offer(rules, next, price, {});
  remember(next, seller_text, nullptr);
  next.history.push_back({Turn::Speaker::seller, std::string(seller_text), {}, price});
  return next;
}

Engine::SellerTextCheck Engine::check_seller_text(const Conversation& conversation, std::string_view buyer_text,
                                                  std::string_view seller_text) const {
  check_message(buyer_text);
  check_message(seller_text);
  const rules::Compiled& rules = compiled(*rules_);
  engine::validate(*rules_, conversation);
  Signals signals;
  rules.classifier->classify(buyer_text, signals);
  Conversation next = conversation;
  record_buyer(rules, next, buyer_text, signals);  // the buyer's price of this message counts
  SellerTextCheck out;
  out.price = seller_price(rules, next, seller_text);
  if (!out.price) return out;
  const ProductTerms& terms = rules.terms[rules.product_index(next.product_id)];
  const Money current = next.offer.value_or(terms.list_price);
  const NegotiationState state{current, next.concessions, next.last_step, next.buyer_best, next.extras_granted,
                               next.extras_cost};
  Guarded guarded = guard(terms, state, *out.price < current ? PriceMove::concede : PriceMove::keep, *out.price);
  out.warnings = std::move(guarded.adjusted);
  if (!guarded.blocked.empty()) out.warnings.push_back(std::move(guarded.blocked));
  return out;
}

std::vector<std::string> Engine::lint_reply(std::string_view reply) const {
  return compiled(*rules_).compliance.hits(reply);
}

}  // namespace parley
