// serve/describe.hpp: the read-only operations a host needs to build a user
// interface on the protocol (the console page at / is one): what the loaded
// rule set holds, what a conversation's cart costs, and a small simulation
// of the rule set against simulated buyers. Service::run calls them; each
// returns its result as JSON text (docs/serve.md, "rules", "quote",
// "simulate") and throws parley::Error for input it refuses.
//
// Threads: each reads only its arguments (the engine is immutable), so any
// number may run at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "parley/engine.hpp"

namespace parley::serve {

// The behaviours of the playbook, B1..B37 (PLAYBOOK.md): coverage is
// reported against them.
inline constexpr int kPlaybookBehaviours = 37;

// The rule set as a form needs it: the shop, products (prices, floor,
// gifts), the buyer profile's fields with their types and ranges, the
// declared facts with their values, the banned groups, the stages, the
// rules, which behaviours they cover, and its diagnostics (the loader's
// warnings and check_examples' problems), each with file:line:col.
// `generation` is the Service's count of rule sets loaded.
std::string describe_rules(const Engine& engine, std::uint64_t generation);

// The conversation's cart priced the way the engine prices it for the
// conditions cart_total, cart_saving, ...: the conversation's own product at
// the current offer (the list price before any), every other line at its
// list price, with the rule set's promotions (best_price).
std::string quote_cart(const Engine& engine, const Conversation& conversation);

// The bounds of a simulation run from a request, so that one request
// cannot hold a server thread for long.
struct SimulationRequest {
  std::size_t buyers = 30;             // per product, 1..kMaxBuyers
  std::uint64_t seed = 1;
  std::vector<std::string> products;  // empty: every product
  static constexpr std::size_t kMaxBuyers = 200;
};

// `parley simulate` with the default sellers on one thread: {"buyers",
// "seed", "products", "seconds", "summary" (the table, plain text), "html"
// (the report page, self-contained)}.
std::string simulation_report(const Engine& engine, const SimulationRequest& request);

}  // namespace parley::serve
