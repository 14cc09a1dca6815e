// Random conversations for the io tests: strings with Chinese, quotes,
// backslashes, control characters and emoji; money in fen up to the largest
// amount JSON carries; facts of each type; seeds over the whole uint64 range.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "io/json_writer.hpp"
#include "parley/conversation.hpp"

namespace parley::testing_io {

class RandomConversation {
 public:
  explicit RandomConversation(std::uint64_t seed) : rng_(seed) {}

  std::string text() {
    static constexpr const char* kPieces[] = {
        "a", "Z", "9", " ", "太贵了", "便宜点", "150包邮行吗", "我再看看", "\"", "\\", "\\\"",
        "\n", "\t", "\x01", "\x1f", "\x7f", "/", "😀", "\u2028", "¥", "，", "{", "}", "[", "]",
        ":", ","};
    std::string out;
    const int pieces = pick(0, 8);
    for (int i = 0; i < pieces; ++i) out += kPieces[pick(0, std::size(kPieces) - 1)];
    if (pick(0, 20) == 0) out.push_back('\0');
    return out;
  }

  Money money() {
    switch (pick(0, 3)) {
      case 0: return Money::from_fen(pick(0, 100) * 100);  // whole yuan
      case 1: return Money::from_fen(pick(0, 100'000'000));
      case 2: return Money::from_fen(pick(0, io::kMaxMoneyFen));
      default: return Money::from_fen(pick(0, 99));
    }
  }

  std::optional<Money> maybe_money() {
    if (pick(0, 2) == 0) return std::nullopt;
    return money();
  }

  double unit_interval() { return std::uniform_real_distribution<double>(0, 1)(rng_); }

  double any_double() {
    switch (pick(0, 4)) {
      case 0: return static_cast<double>(pick(-1000, 1000));
      case 1: return std::uniform_real_distribution<double>(-1e6, 1e6)(rng_);
      case 2: return 1e300 * unit_interval();
      case 3: return -1e-300 * unit_interval();
      default: return 9007199254740993.0;  // beyond 2^53
    }
  }

  Conversation conversation() {
    Conversation c;
    c.product_id = text();
    for (int i = pick(0, 3); i > 0; --i) c.cart[text()] = pick(0, 1000);
    c.offer = maybe_money();
    c.concessions = pick(0, 10);
    c.holds = pick(0, 5);
    c.last_step = money();
    c.buyer_best = maybe_money();
    for (int i = pick(0, 3); i > 0; --i) c.extras_granted.push_back(text());
    c.extras_cost = money();
    c.round = pick(0, 50);
    c.stage = static_cast<parley::Stage>(pick(0, static_cast<int>(parley::kStageNames.size()) - 1));
    for (int i = pick(0, 3); i > 0; --i) c.topic_counts[text()] = pick(0, 9);
    c.buyer.credit = text();
    c.buyer.good_rate_given = unit_interval();
    c.buyer.good_rate_received = pick(0, 1);
    c.buyer.member = pick(0, 1);
    c.buyer.vip = pick(0, 1);
    c.buyer.coupon_claimed = pick(0, 1);
    c.buyer.orders = pick(0, 100);
    c.buyer.total_spent = pick(0, 1) ? unit_interval() * 1e6 : static_cast<double>(pick(0, 9999));
    c.buyer.last_order_days = pick(-1, 400);
    for (int i = pick(0, 3); i > 0; --i) c.buyer.groups.push_back(text());
    c.buyer.notes = text();
    for (int i = pick(0, 4); i > 0; --i) {
      switch (pick(0, 2)) {
        case 0: c.facts[text()] = pick(0, 1) == 1; break;
        case 1: c.facts[text()] = any_double(); break;
        default: c.facts[text()] = text();
      }
    }
    for (int i = pick(0, 6); i > 0; --i) {
      Turn turn;
      turn.speaker = pick(0, 1) ? Turn::Speaker::buyer : Turn::Speaker::seller;
      turn.text = text();
      turn.rule_id = pick(0, 1) ? text() : "";
      turn.offer = maybe_money();
      c.history.push_back(turn);
    }
    if (pick(0, 1)) {
      c.earlier.buyer = static_cast<int>(pick(0, 1000));
      c.earlier.seller = static_cast<int>(pick(0, 1000));
      c.earlier.suggested = static_cast<int>(pick(0, 500));
      c.earlier.priced = static_cast<int>(pick(0, 500));
    }
    c.seed = pick(0, 1) ? rng_() : pick(0, 1000);
    return c;
  }

  std::int64_t pick(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

}  // namespace parley::testing_io
