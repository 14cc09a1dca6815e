// policy/amounts.hpp: limits and conversions shared by the policy files.
//
// Every amount the policy accepts is at most kMaxFen, so that sums of a few
// thousand of them, or one of them times a quantity up to kMaxQuantity, stay
// far inside int64. Conversions from double are clamped before they are cast,
// because a cast of an out-of-range or NaN double is undefined behaviour.
#pragma once

#include <cmath>
#include <cstdint>

#include "parley/money.hpp"

namespace parley::policy_internal {

inline constexpr std::int64_t kMaxFen = 1'000'000'000'000;  // 10 billion yuan
inline constexpr int kMaxQuantity = 1'000'000;
static_assert(kMaxFen <= Money::kMaxFen, "the policy's inputs are within the range of conversions");

inline bool within_limit(Money m) { return m.fen() >= 0 && m.fen() <= kMaxFen; }

// `fen` rounded to the nearest fen and clamped to [lo, hi]; NaN gives lo.
// lo and hi are within kMaxFen, so the checked conversion always has a value.
inline Money clamped_fen(double fen, std::int64_t lo, std::int64_t hi) {
  if (!(fen > static_cast<double>(lo))) return Money::from_fen(lo);
  if (fen >= static_cast<double>(hi)) return Money::from_fen(hi);
  return Money::from_fen_checked(fen).value_or(Money::from_fen(lo));
}

}  // namespace parley::policy_internal
