// Random bytes and random edits of valid documents: the readers either return
// a conversation (which then writes and reads back unchanged) or throw
// parley::Error; nothing else, never a crash.
#include <doctest/doctest.h>

#include <string>

#include "parley/error.hpp"
#include "parley/json.hpp"
#include "unit/io/random_conversation.hpp"

namespace {

// Returns whether `text` was read; any exception but parley::Error fails.
bool survives(const std::string& text) {
  try {
    const parley::Conversation c = parley::conversation_from_json(text);
    const std::string json = parley::to_json(c);
    CHECK(parley::to_json(parley::conversation_from_json(json)) == json);
    return true;
  } catch (const parley::Error&) {
  }
  try {
    parley::buyer_profile_from_json(text);
  } catch (const parley::Error&) {
  }
  return false;
}

}  // namespace

TEST_CASE("Random bytes are errors, never crashes") {
  parley::testing_io::RandomConversation random(1);
  for (int i = 0; i < 3000; ++i) {
    std::string bytes(static_cast<std::size_t>(random.pick(0, 64)), '\0');
    for (char& c : bytes) c = static_cast<char>(random.pick(0, 255));
    CHECK(!survives(bytes));
  }
}

TEST_CASE("Edited valid documents either read back or are errors") {
  parley::testing_io::RandomConversation random(2);
  static constexpr char kJsonish[] = "{}[]\",:0123456789.eE+-truefalsnl \\u\xe5\xa4\xaa\xff";
  int read = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = parley::to_json(random.conversation());
    for (int edits = static_cast<int>(random.pick(1, 4)); edits > 0; --edits) {
      const auto at = static_cast<std::size_t>(random.pick(0, static_cast<std::int64_t>(text.size())));
      const char c = kJsonish[random.pick(0, sizeof kJsonish - 2)];
      switch (random.pick(0, 3)) {
        case 0: text.insert(at, 1, c); break;
        case 1: if (at < text.size()) text[at] = c; break;
        case 2: text.erase(at, static_cast<std::size_t>(random.pick(1, 8))); break;
        default: text.insert(at, text.substr(at / 2, static_cast<std::size_t>(random.pick(1, 16))));
      }
    }
    if (survives(text)) ++read;
  }
  // Some edits land in string contents and keep the document valid.
  CHECK(read > 0);
}
