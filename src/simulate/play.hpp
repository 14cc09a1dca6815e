// One buyer against one seller, and what a judge sees in it: the invariants
// and the playbook checks, exchange by exchange.
#pragma once

#include <cstddef>

#include "parley/engine.hpp"
#include "parley/simulate.hpp"
#include "simulate/seller.hpp"

namespace parley::simulate {

// What one conversation adds to the figures (run.cpp sums these).
struct Played {
  Style style = Style::linear;
  bool replayed = false;
  bool could_deal = false;  // reservation at or above the floor
  double reservation_over_floor = 0;  // yuan per unit
  Outcome outcome = Outcome::walked_away;
  bool deal = false;
  double margin = 0;        // deals: quantity * (price - floor) - extras' cost, yuan
  double left = 0;          // deals: reservation - price, yuan per unit
  int rounds = 0;           // buyer messages
  int turns = 0, silent = 0;
  int below_floor = 0, quote_up = 0, step_grew = 0, below_buyer_best = 0, below_agreed = 0;
  Check b2, b5_first_step, b5_near_floor, b7, b8, b17;
  bool silent_seen = false, b2_failed = false, early_extra = false, frozen = false, misread = false,
       slow = false;
};

// Plays buyer `index` of `product` against `seller` (started here). Fills
// `record` with every exchange when it is not null.
Played play(const Engine& engine, const Product& product, const ProductTerms& terms, const Options& options,
            const Strategy& strategy, Seller& seller, std::size_t index, Record* record);

// Replays the buyer lines of `transcript` against a rules seller.
Played play_replay(const Engine& engine, const ProductTerms& terms, const Strategy& strategy,
                   const testing::Transcript& transcript, std::size_t index, Record* record);

// The seed of buyer `index` of `product`.
std::uint64_t buyer_seed(std::uint64_t seed, const std::string& product, std::size_t index);

}  // namespace parley::simulate
