// engine/validate.hpp: is a conversation one this rule set's engine could
// have produced?
//
// One check for every way a conversation comes in from outside: the
// engine's entry points (suggest, apply, observe_seller_text, explain) run
// it, so C++ hosts, the C API and both serve modes get the same errors.
// The JSON reader already refuses what no rule set accepts (unknown keys,
// wrong types, negative amounts, rates outside 0-1); this adds what needs
// the rule set, and the few things the C++ struct allows that JSON does not.
//
// Errors: parley::Error with one Diagnostic per problem, each naming the
// place as a JSON path ("facts.order_stauts", "cart[\"desk\"]"), with "did
// you mean" when a declared name is close; the thrown StateError also gives
// each problem a code, a stable name for programs (serve's error codes):
//   unknown_product  product or a cart line the rule set has no product for
//   unknown_fact     a fact the rule set does not declare under facts:
//   bad_fact_value   a value not among an enum fact's declared ones
//   bad_fact_type    a string for a number fact, and so on
//   unknown_extra    an extra granted that is not on the product's ladder
//   impossible_state an offer above the list price, an extra granted twice,
//                    a count below zero, a rate outside 0-1
// A price the agent typed below the floor is not an error: observe records
// it (the agent said it, parley must not quote above it afterwards), so the
// engine can produce such an offer. The buyer's best offer may be anything
// the buyer named, above the offer included. extras_cost is taken as given
// (rule examples set extras_granted alone).
//
// Thread safety: pure.
#pragma once

#include <string>
#include <vector>

#include "parley/conversation.hpp"
#include "parley/error.hpp"
#include "parley/rule_set.hpp"

namespace parley::engine {

// A parley::Error (hosts catch it as one) with a code for each diagnostic.
class StateError : public Error {
 public:
  StateError(std::vector<Diagnostic> diagnostics, std::vector<std::string> codes)
      : Error(std::move(diagnostics)), codes_(std::move(codes)) {}
  const std::vector<std::string>& codes() const { return codes_; }  // parallel to diagnostics()

 private:
  std::vector<std::string> codes_;
};

// Throws StateError as above; returns when the conversation is sound.
void validate(const RuleSet& rules, const Conversation& conversation);

}  // namespace parley::engine
