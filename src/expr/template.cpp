#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "expr/expr.hpp"
#include "expr/expr_text.hpp"
#include "rules/limits.hpp"

namespace parley::expr {

struct Template::Impl {
  // A template is split at compile time into pieces: literal text (braces
  // already unescaped, kept in `literals`) or a field with its slot.
  struct Piece {
    std::uint32_t begin = 0, end = 0;  // literal: the range in `literals`
    int slot = -1;                     // field: the slot; -1 for literal text
    std::string format;                // field with a spec: "{:.2f}"
    // A field that is an expression ({list_price - offer}) rather than a
    // name: evaluated at render time; `slot` is then kExpression.
    std::unique_ptr<Expression> expression;
  };

  std::string source;
  std::string literals;
  std::vector<Piece> pieces;
  std::vector<int> fields;
  std::vector<Template::Field> field_list;

  static constexpr int kExpression = -2;

  class Compiler;
};

namespace {

// A value of `type` for trying a format spec at compile time.
template <typename Fn>
void with_sample(Type type, Fn fn) {
  switch (type) {
    case Type::number: fn(1.5); return;
    case Type::boolean: fn(true); return;
    default: fn(std::string_view("text")); return;
  }
}

// Formats `value` with a spec checked at compile time; a value of another
// type than declared (a bug in the engine, not the template) falls back to
// the plain form rather than throwing on the hot path.
void append_formatted(const Value& value, const std::string& format, std::string& out) {
  try {
    switch (value.type) {
      case Type::number: fmt::format_to(std::back_inserter(out), fmt::runtime(format), value.number); return;
      case Type::boolean: fmt::format_to(std::back_inserter(out), fmt::runtime(format), value.boolean); return;
      case Type::string: fmt::format_to(std::back_inserter(out), fmt::runtime(format), value.string); return;
      default: break;
    }
  } catch (const fmt::format_error&) {
  }
  append_value(value, out, Style::reply);
}

}  // namespace

// Splits a template into pieces, reporting every bad field.
class Template::Impl::Compiler {
 public:
  Compiler(std::string_view source, const Schema& schema, std::vector<CompileError>& errors,
           Template::Impl& impl)
      : src_(source), schema_(schema), errors_(errors), impl_(impl) {}

  bool run() {
    const std::size_t before = errors_.size();
    std::size_t pos = 0;
    while (pos < src_.size()) {
      const char c = src_[pos];
      const bool doubled = pos + 1 < src_.size() && src_[pos + 1] == c;
      if (c == '{' && !doubled) {
        const std::size_t close = src_.find('}', pos);
        const std::size_t nested = src_.find('{', pos + 1);
        if (close == std::string_view::npos || nested < close) {
          error(pos, "'{' is never closed: end the field with '}', or write '{{' for a brace");
          // Go on after the brace so that later fields are checked too.
          ++pos;
          continue;
        }
        field(pos + 1, close);
        pos = close + 1;
      } else if (c == '}' && !doubled) {
        error(pos, "'}' closes nothing: write '}}' for a brace");
        ++pos;
      } else {
        literal(c);
        pos += (c == '{' || c == '}') ? 2 : 1;
      }
    }
    return errors_.size() == before;
  }

 private:
  void error(std::size_t offset, std::string message) {
    errors_.push_back({static_cast<int>(offset), std::move(message)});
  }

  void literal(char c) {
    if (impl_.pieces.empty() || impl_.pieces.back().slot != -1) {
      const auto at = static_cast<std::uint32_t>(impl_.literals.size());
      impl_.pieces.push_back({at, at, -1, {}, nullptr});
    }
    impl_.literals += c;
    impl_.pieces.back().end = static_cast<std::uint32_t>(impl_.literals.size());
  }

  // The field between `begin` and `end`: "name" or "name:spec", where the
  // name may also be an expression such as "list_price - offer".
  void field(std::size_t begin, std::size_t end) {
    const std::string_view inside = src_.substr(begin, end - begin);
    const std::size_t colon = inside.find(':');
    const std::string_view name = inside.substr(0, colon);
    if (name.empty()) {
      error(begin, "empty field: name the value to show, such as {offer}");
      return;
    }
    Piece piece;
    Type type = Type::null;
    std::vector<int> reads;
    if (const NameInfo* info = schema_.find(name)) {
      piece.slot = info->slot;
      type = info->type;
      reads.push_back(info->slot);
    } else if (is_plain_name(name) && schema_.definition(name) == nullptr) {
      std::string message = "unknown field '" + std::string(shorten(name)) + "'";
      if (std::string guess = schema_.closest(name); !guess.empty()) {
        message += " (did you mean '" + guess + "'?)";
      }
      error(begin, message);
      return;
    } else {
      std::vector<CompileError> inner;
      auto compiled = Expression::compile(name, schema_, inner, Type::null);
      for (CompileError& e : inner) error(begin + e.offset, std::move(e.message));
      if (!compiled) return;
      type = compiled->type();
      reads = compiled->slots_read();
      piece.slot = Impl::kExpression;
      piece.expression = std::make_unique<Expression>(std::move(*compiled));
    }
    if (colon != std::string_view::npos) {
      // A width or precision is a run of digits in the spec (a fill is one
      // character): bounded before fmt sees it, which would allocate
      // {offer:>2147483647}'s two gigabytes, here and on every reply.
      const std::string_view spec = inside.substr(colon + 1);
      for (std::size_t i = 0; i < spec.size();) {
        if (!std::isdigit(static_cast<unsigned char>(spec[i]))) {
          ++i;
          continue;
        }
        std::size_t j = i;
        while (j < spec.size() && std::isdigit(static_cast<unsigned char>(spec[j]))) ++j;
        const std::string_view digits = spec.substr(i, j - i);
        if (digits.size() > 2 || std::stoi(std::string(digits)) > rules::limits::kFormatWidth) {
          error(begin + colon + 1 + i, "width or precision " + shorten(digits) + " is more than " +
                                           std::to_string(rules::limits::kFormatWidth) + ": a reply is a chat message");
          return;
        }
        i = j;
      }
      piece.format = "{:" + std::string(inside.substr(colon + 1)) + "}";
      try {
        with_sample(type, [&](auto sample) { (void)fmt::format(fmt::runtime(piece.format), sample); });
      } catch (const fmt::format_error& e) {
        error(begin + colon + 1, "bad format '" + shorten(inside.substr(colon + 1)) + "' for " +
                                     std::string(name) + " (" + std::string(to_string(type)) + "): " +
                                     e.what());
        return;
      }
    }
    impl_.field_list.push_back({piece.slot == Impl::kExpression ? -1 : piece.slot, type, !piece.format.empty()});
    impl_.pieces.push_back(std::move(piece));
    for (int slot : reads) {
      if (std::find(impl_.fields.begin(), impl_.fields.end(), slot) == impl_.fields.end()) {
        impl_.fields.push_back(slot);
      }
    }
  }

  // A dotted name (product.name) rather than an expression.
  static bool is_plain_name(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' ||
             (static_cast<unsigned char>(c) & 0x80);
    });
  }

  std::string_view src_;
  const Schema& schema_;
  std::vector<CompileError>& errors_;
  Template::Impl& impl_;
};

Template::Template(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;
Template::~Template() = default;

std::optional<Template> Template::compile(std::string_view source, const Schema& schema,
                                          std::vector<CompileError>& errors) {
  auto impl = std::make_unique<Impl>();
  impl->source = std::string(source);
  if (!Impl::Compiler(source, schema, errors, *impl).run()) return std::nullopt;
  return Template(std::move(impl));
}

namespace {

struct NoSpans {
  void add(std::uint32_t, std::uint32_t, std::uint32_t) {}
};
struct Spans {
  std::vector<Template::RenderedField>& out;
  void add(std::uint32_t begin, std::uint32_t end, std::uint32_t field) { out.push_back({begin, end, field}); }
};

}  // namespace

template <class Record>
void render_pieces(const Template::Impl& impl, Env env, std::string& out, Record record) {
  std::uint32_t field = 0;
  for (const Template::Impl::Piece& piece : impl.pieces) {
    if (piece.slot == -1) {
      out.append(impl.literals, piece.begin, piece.end - piece.begin);
      continue;
    }
    const auto begin = static_cast<std::uint32_t>(out.size());
    const auto slot = static_cast<std::size_t>(piece.slot);
    const Value value = piece.expression ? piece.expression->evaluate(env)
                        : slot < env.size() ? env[slot] : Value::null();
    if (value.type != Type::null) {
      if (piece.format.empty()) {
        append_value(value, out, Style::reply);
      } else {
        append_formatted(value, piece.format, out);
      }
    }
    record.add(begin, static_cast<std::uint32_t>(out.size()), field++);
  }
}

void Template::render(Env env, std::string& out) const { render_pieces(*impl_, env, out, NoSpans{}); }
void Template::render(Env env, std::string& out, std::vector<RenderedField>& fields) const {
  render_pieces(*impl_, env, out, Spans{fields});
}

const std::string& Template::source() const { return impl_->source; }
const std::vector<int>& Template::fields() const { return impl_->fields; }
const std::vector<Template::Field>& Template::field_list() const { return impl_->field_list; }

}  // namespace parley::expr
