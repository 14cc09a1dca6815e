// The names conditions and templates read, and where each value comes from.
//
// One table (context.cpp) says, for every name: its type, one line of help,
// its lifetime and the function that fills it from the Situation of one
// message. The loader compiles every condition and template against the
// Schema built from it (declare()); the engine fills an Env from the same
// rows. Adding a name is one row; rules/README.md's table of names is checked
// against the rows by a test.
//
// Three families of names are not rows because their number depends on the
// rule set or the profile: each intent (a boolean), each declared fact
// (`facts.NAME`), and each field of the buyer's profile (`buyer.NAME`, from
// profile_fields.hpp). The engine fills those with their own loops.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parley/conversation.hpp"
#include "parley/policy.hpp"
#include "parley/rule_set.hpp"
#include "parley/signals.hpp"
#include "expr/expr.hpp"

namespace parley::context {

// When a name's value can change, which decides when the engine fills it.
enum class Lifetime : std::uint8_t {
  product,       // the product's and the shop's: filled once per product, when the engine is built
  conversation,  // from the conversation as the host sent it
  message,       // from this message's signals
  policy,        // from the concession policy's verdict on this message (next step, counter, extra)
  upsell,        // the best upsell: a promotion search, done only when a rule that reads it is looked at
  cart,          // the cart's best price: likewise
  reply,         // set only while a reply is rendered: what that reply offers and grants
};
std::string_view to_string(Lifetime lifetime);

// Everything a message's names are read from. The engine works out the
// derived parts (the buyer's price, the policy's numbers, the focus, ...)
// before filling; fill functions only read.
struct Situation {
  const Shop* shop = nullptr;
  const Product* product = nullptr;
  const Conversation* conversation = nullptr;  // null while product envs are built
  const Signals* signals = nullptr;            // null while product envs are built

  Money offer;                       // the current price (list price before any quote)
  // The price this message offers, per unit of the product discussed: a
  // total the buyer names (两双1100, 一共800) is divided by what it pays for
  // (engine/evaluation.cpp, read_ask), so that it is compared like with like.
  std::optional<Money> buyer_price;
  // The price a relative ask asks for, per unit: 少两块 at 150 -> 148, 抹个零
  // at 142 -> 140; none without one (or with a price named).
  std::optional<Money> asked_price;
  // How many units of the product discussed the cart holds after this
  // message (at least 1): a reply's total is its unit price times these.
  int units = 1;
  // The buyer's price as the buyer said it, with its scope (3双1500元,
  // 一共800元, 130元): what a reply that repeats it says. Empty: no price.
  std::string_view price_said;
  // The concession policy's numbers (Lifetime::policy); worked out only for
  // rule sets that read them or act on them.
  std::optional<Money> next_offer;
  std::optional<CounterResponse> counter;
  const Extra* next_extra = nullptr;
  std::string_view focus;          // the topic the buyer keeps coming back to, or empty
  std::string_view selling_point;  // what to say about the focus, or the first selling point not said
  std::string_view selling_point_key;  // its keyword
  bool banned = false;             // the buyer is in one of the compliance's banned groups
  std::optional<double> first_number;

  // Lifetime::upsell and Lifetime::cart.
  const std::optional<Upsell>* upsell = nullptr;
  const PriceQuote* cart_quote = nullptr;  // null: the cart is empty
  int cart_items = 0;
  std::string_view cart_gifts;  // 、-separated
  // The promotions that cover the product (its own and the shop's), as a
  // reply names them (满300减30、全店满3000送靠枕); empty: none. Product-lived.
  std::string_view promotions;

  // Lifetime::reply: the suggestion being rendered.
  std::optional<Money> reply_offer;
  // Its price with what it is for (145元一个; 每双550元，2双一共1100元;
  // 一共800元), so no reply leaves a buyer guessing.
  std::string_view reply_offer_words;
  std::string_view reply_extra;
  std::string_view reply_gives;
};

using Fill = expr::Value (*)(const Situation&);
// Every text a row may hold in messages about `product` (its selling points,
// its extras' names, ...), for rows whose values come from a short list the
// rule set fixes; the engine proves replies clean over them at build time.
using Values = void (*)(const Product& product, const ProductTerms& terms, std::vector<std::string_view>& out);

struct Row {
  std::string_view name;
  expr::Type type;
  Lifetime lifetime;
  std::string_view help;
  Fill fill;
  // The allowed values of a symbol (stage, counter); `primary` takes the
  // rule set's intent names instead.
  std::span<const std::string_view> symbols = {};
  // Filled again while a reply is rendered (`offer` is the reply's price there).
  bool refill_in_reply = false;
  Values values = nullptr;  // null: any text (or not text)
};

std::span<const Row> rows();

// How a fact is declared under `facts:`.
struct FactDecl {
  std::string name;
  expr::Type type = expr::Type::string;
  std::vector<std::string> symbols;  // the allowed values of an enum fact
};

// The names of one rule set: the Schema its expressions are compiled
// against, and where each row and family member landed.
struct Names {
  expr::Schema schema;
  std::vector<int> row_slots;      // parallel to rows()
  std::vector<int> intent_slots;   // by intent index
  std::vector<int> profile_slots;  // parallel to the profile's fields (profile_fields.hpp)
  std::vector<int> fact_slots;     // parallel to facts
  std::vector<FactDecl> facts;
  int primary = -1;  // the primary intent's slot (it reads every intent)

  // The row a slot belongs to, or nullptr for a family member.
  const Row* row_of(int slot) const;
  // The slot of a row by name; throws std::logic_error for a name no row has.
  int slot(std::string_view row_name) const;
  // The fact declared under `name`, or nullptr.
  const FactDecl* fact(std::string_view name) const;
  std::vector<int> slot_rows;  // by slot: the row index, or -1
};

// Declares every row, then the intents (booleans under their own names),
// the buyer's profile fields and the declared facts. Throws std::logic_error
// if an intent or fact name collides with a row (the loader rejects those
// names first, with their place).
Names declare(const std::vector<std::string>& intent_names, std::vector<FactDecl> facts);

// The stages a conversation goes through, as the `stage` symbol spells them.
std::span<const std::string_view> stage_symbols();
// The values of the `counter` symbol.
std::span<const std::string_view> counter_symbols();

}  // namespace parley::context
