// The condition expression language and reply templates, compiled once at load.
//
// Pipeline as in RE2: parse -> check (names and types against a Schema) ->
// compile to a flat node array -> evaluate against an Env of slot values the
// engine fills per message. No strings are parsed or looked up at run time.
//
// Language: numbers (150, 0.5), strings ("..." or '...'), true/false, null,
// lists ([a, b]); == != < <= > >=; and or not; in and not in (list
// membership, or substring for strings); + - * / and unary -; parentheses;
// dotted names (buyer.vip, product.floor, facts.order_status); functions
// has(x) (x is not null), min(a, b, ...), max(...), count(list), abs(x),
// round(x), contains(text, "word"). A name with `symbols` (a stage, an order
// status) may be compared with a bare identifier of its symbol set:
// `stage == bargaining`, `facts.order_status in [paid, shipped]`; there the
// symbol wins over a declared name of the same spelling.
//
// Null: a value that is absent (no price named). Comparisons with null are
// false (== and != alike; writing `x == null` is a compile error pointing to
// has()), arithmetic with null is null, `not null` is true, has(null) false.
// min and max skip nulls; count(null) is 0. Division by zero and overflow
// give null, never inf or nan.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace parley::expr {

enum class Type : std::uint8_t { null, number, boolean, string, list };
std::string_view to_string(Type type);

// A run-time value. Strings and lists point into storage that outlives the
// evaluation (the rule set, the conversation, or the compiled expression).
struct Value {
  Type type = Type::null;
  bool boolean = false;
  double number = 0;
  std::string_view string;
  std::span<const Value> list;

  static Value null() { return {}; }
  static Value of(bool b) { Value v; v.type = Type::boolean; v.boolean = b; return v; }
  static Value of(double n) { Value v; v.type = Type::number; v.number = n; return v; }
  static Value of(std::string_view s) { Value v; v.type = Type::string; v.string = s; return v; }
  static Value of_list(std::span<const Value> l) { Value v; v.type = Type::list; v.list = l; return v; }

  bool truthy() const { return type == Type::boolean ? boolean : type != Type::null; }
  // For explanations: 150, 0.85, "paid", true, null, [a, b].
  std::string to_string() const;
};

// What an expression may name. The engine declares every name it fills
// (`offer`, `round`, `buyer.vip`, each intent, ...) before compiling rules.
struct NameInfo {
  std::string name;
  Type type = Type::null;   // declared type; values may still be null at run time
  int slot = -1;
  // For strings that take a fixed set of values (stage, facts.order_status):
  // the allowed values. A bare identifier compared with this name must be one
  // of them (a typo is a load error), and is read as that string.
  std::vector<std::string> symbols;
  std::string help;         // one line for `parley check --names` and errors
  // Filled only on demand, because working it out is costly (the cart, the
  // upsell): see Expression::test_early().
  bool deferred = false;
};

struct CompileError {
  int offset = 0;  // 0-based byte offset of the offending character in the source
  std::string message;
};

// A named condition (or any named expression): parsed and checked once by
// Schema::define(), read by later expressions in place of its name.
struct Definition;  // expr_ast.hpp

class Schema {
 public:
  // Declares a name; returns its slot. Declaring a name twice is a bug (throws
  // std::logic_error).
  int add(std::string name, Type type, std::string help = {}, std::vector<std::string> symbols = {});
  const NameInfo* find(std::string_view name) const;
  void set_deferred(int slot) { names_.at(slot).deferred = true; }
  // The declared or defined name closest to `name` (edit distance), for
  // "did you mean"; "" when none is close enough to be a typo.
  std::string closest(std::string_view name) const;
  std::size_t size() const { return names_.size(); }
  const std::vector<NameInfo>& names() const { return names_; }

  // Defines `name` as the expression `source` (of any type), checked now
  // against the names declared and defined so far: a definition may use
  // the ones before it, never itself or a later one, so there is no cycle.
  // An expression compiled afterwards that uses `name` reads the
  // definition's checked tree in its place (one evaluator: the definition's
  // parts are its own parts, indexed and explained as if written out; its
  // slots are in slots_read()). Returns false, appending every error with
  // its offset in `source`, when it does not compile. Defining a name twice,
  // or a name that is declared, is a bug (throws std::logic_error): callers
  // check names first and report them where they are written.
  bool define(std::string name, std::string_view source, std::vector<CompileError>& errors, std::string help = {});
  // The definition of `name`, or nullptr.
  const std::shared_ptr<const Definition>* definition(std::string_view name) const;
  // Every definition, in the order defined: name, source, type and help.
  struct DefinedName {
    std::string name;
    std::string source;
    Type type = Type::null;
    std::string help;
  };
  std::vector<DefinedName> defined() const;

 private:
  std::vector<NameInfo> names_;
  std::vector<std::shared_ptr<const Definition>> definitions_;
};

// Slot values, indexed by NameInfo::slot.
using Env = std::span<const Value>;

// One part of a condition for "why" and "why not": the top-level parts joined
// by and/or, down to comparisons, each with its source text, the values of
// the names it reads, and whether it held.
struct TracePart {
  std::string text;    // "offer > floor"
  std::string values;  // "offer = 150, floor = 120"
  bool holds = false;
  int depth = 0;       // nesting under and/or/not, for indentation
};

struct Program;  // expr_program.hpp

class Expression {
 public:
  // Compiles `source`. On failure returns nullopt and appends every error
  // found (the first syntax error, else every name and type error). `want`
  // is the type the result must have: boolean for conditions, Type::null for
  // any.
  static std::optional<Expression> compile(std::string_view source, const Schema& schema,
                                           std::vector<CompileError>& errors,
                                           Type want = Type::boolean);

  Value evaluate(Env env) const;
  // evaluate(env).truthy(), without building Values on the way: the hot path.
  bool test(Env env) const;
  std::vector<TracePart> explain(Env env) const;

  const std::string& source() const;
  // The static type of the result (the `want` it was compiled for, or the
  // type found when `want` was Type::null).
  Type type() const;
  // A condition on one slot that a message usually leaves false: a boolean
  // name (an intent, `conditional`) or has(name), of a name not deferred.
  struct Atom {
    int slot = -1;
    bool has = false;  // has(slot) rather than the boolean itself
    bool operator==(const Atom&) const = default;
  };
  // The top-level `and` parts that are an atom or an `or` of atoms
  // (`too_expensive or has(relative) or round_down`): for the expression to
  // hold, one atom of each group must. The engine indexes rules by them.
  const std::vector<std::vector<Atom>>& atom_groups() const;
  // Every slot the expression reads.
  const std::vector<int>& slots_read() const;
  // The top-level `and` parts that read no deferred name all hold. False
  // means the expression is false whatever the deferred names hold, so the
  // engine need not fill them; true means nothing yet. Same as test() for an
  // expression that reads no deferred name.
  bool test_early(Env env) const;

  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;
  ~Expression();

 private:
  struct Impl;
  explicit Expression(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  const Program* program_ = nullptr;  // impl_'s, what test() runs
};

// A reply template in fmt syntax with named fields: "给您{offer}元",
// "{product.name}", "{saving:.2f}", "{{" and "}}" for braces. A field may
// also be an expression: "省了{list_price - offer}元". Fields are names
// of the Schema; a field nothing can fill is a compile error with its offset.
// Numbers print without trailing zeros unless a format spec says otherwise.
class Template {
 public:
  static std::optional<Template> compile(std::string_view source, const Schema& schema,
                                         std::vector<CompileError>& errors);
  // Appends the rendered text to out, allocating only to grow it. A null
  // field renders as "" (the engine does not pick a template whose fields
  // are null; see fields()).
  void render(Env env, std::string& out) const;
  // The same, also appending where each field's text went in `out`, in the
  // order of the template (with `field`, its position in pieces()).
  struct RenderedField {
    std::uint32_t begin = 0, end = 0;
    std::uint32_t field = 0;
  };
  void render(Env env, std::string& out, std::vector<RenderedField>& fields) const;
  const std::string& source() const;
  const std::vector<int>& fields() const;  // slots of the names the fields read

  // The fields in order: the slot of a plain name (-1 for an expression)
  // and the static type of what it shows.
  struct Field {
    int slot = -1;
    Type type = Type::null;
    bool formatted = false;  // has a format spec ({offer:.2f})
  };
  const std::vector<Field>& field_list() const;

  Template(Template&&) noexcept;
  Template& operator=(Template&&) noexcept;
  ~Template();

  struct Impl;  // template.cpp

 private:
  explicit Template(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley::expr
