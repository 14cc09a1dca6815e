// What one rule set may hold. Each limit bounds what loading, or a message,
// can cost; a rule set past one is a load error that names the limit.
// rules/README.md ("Limits") lists the same numbers, and a test checks that
// it does.
#pragma once

#include <cstddef>

namespace parley::rules::limits {

// A rule file's size. Files are read whole into memory; RuleSet::load(path)
// reads only regular files, so a FIFO or /dev/zero is an error, not a hang.
inline constexpr std::size_t kFileBytes = 8u << 20;  // 8 MiB
// YAML nodes in one file, an alias counted each time it is used: a file of
// nested aliases (a few KB that expand to millions of keywords) stops here.
inline constexpr std::size_t kNodesPerFile = 500'000;
// Keywords of one intent (any, all and unless together) and of the rule set.
inline constexpr std::size_t kKeywordsPerIntent = 2'000;
inline constexpr std::size_t kKeywords = 100'000;
inline constexpr std::size_t kIntents = 1'000;
inline constexpr std::size_t kProducts = 10'000;
inline constexpr std::size_t kRules = 10'000;
inline constexpr std::size_t kConditions = 1'000;  // named conditions
inline constexpr std::size_t kExamplesPerRule = 100;
// Any one text of a rule file: a reply template, a condition or price, an
// example's message, a keyword.
inline constexpr std::size_t kTextBytes = 4'096;
// A template field's width or precision ({offer:>8}, {offer:.2f}): a reply
// is a chat message, and fmt would allocate whatever width it is given.
inline constexpr int kFormatWidth = 64;

}  // namespace parley::rules::limits
