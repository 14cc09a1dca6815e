// Helpers shared by the policy tests: prices in yuan, and a seller who keeps
// conceding as an engine would.
#pragma once

#include <string>
#include <vector>

#include "parley/policy.hpp"

namespace parley::testing_policy {

inline Money yuan(double y) { return Money::from_yuan(y); }

inline NegotiationState opening(const ProductTerms& terms) {
  NegotiationState state;
  state.offer = terms.list_price;
  return state;
}

// The prices quoted when the buyer says "too expensive" again and again,
// until no concession is left (at most `rounds`).
inline std::vector<Money> concessions(const ProductTerms& terms, const ConcessionPolicy& policy,
                                      int rounds = 100) {
  std::vector<Money> offers;
  NegotiationState state = opening(terms);
  for (int i = 0; i < rounds; ++i) {
    std::optional<Money> next = next_offer(terms, policy, state);
    if (!next) break;
    offers.push_back(*next);
    state = after_offer(terms, state, *next, {});
  }
  return offers;
}

inline std::vector<Money> yuans(std::initializer_list<double> ys) {
  std::vector<Money> out;
  for (double y : ys) out.push_back(yuan(y));
  return out;
}

inline std::string describe(const std::vector<Money>& prices) {
  std::string out;
  for (Money m : prices) out += (out.empty() ? "" : " ") + m.to_string();
  return out;
}

}  // namespace parley::testing_policy
