// Every store keeps the same contract (serve/store.hpp): versions start at 1
// and grow by one, a save naming another version than the stored one saves
// nothing, and under concurrent read-modify-write nothing is lost and exactly
// one writer wins each version. The same checks run on the memory store, a
// real SQLite file and a real Redis server.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "serve/store.hpp"
#include "store_testing.hpp"

namespace parley::serve {
namespace {

void check_contract(Store& store, const std::string& id) {
  store.remove(id);
  CHECK_FALSE(store.load(id).has_value());
  CHECK_FALSE(store.save(id, "{\"a\":1}", 1).has_value());  // nothing to update yet
  CHECK(store.save(id, "{\"a\":1}", 0) == std::optional<std::uint64_t>(1));
  CHECK_FALSE(store.save(id, "{\"a\":2}", 0).has_value());  // exists already
  std::optional<Stored> got = store.load(id);
  REQUIRE(got.has_value());
  CHECK(got->version == 1);
  CHECK(got->json == "{\"a\":1}");
  CHECK(store.save(id, "{\"a\":2}", 1) == std::optional<std::uint64_t>(2));
  CHECK_FALSE(store.save(id, "{\"a\":3}", 1).has_value());  // stale
  got = store.load(id);
  REQUIRE(got.has_value());
  CHECK(got->version == 2);
  CHECK(got->json == "{\"a\":2}");
  // Any bytes of a JSON text, Chinese and a NUL-free 100 KB one included.
  const std::string big = "{\"text\":\"" + std::string(100'000, 'x') + "太贵了\"}";
  CHECK(store.save(id, big, 2) == std::optional<std::uint64_t>(3));
  CHECK(store.load(id)->json == big);
  CHECK(store.remove(id));
  CHECK_FALSE(store.remove(id));
  CHECK_FALSE(store.load(id).has_value());
}

// `threads` writers each add 1 to a counter held in the stored text, reading
// and saving with the version until their save wins, `rounds` times each.
// The end count is every increment, and each version was won once.
void check_concurrent_increments(Store& store, const std::string& id, int threads, int rounds) {
  store.remove(id);
  REQUIRE(store.save(id, "0", 0).has_value());
  std::atomic<long> conflicts{0};
  std::vector<std::vector<std::uint64_t>> won(static_cast<std::size_t>(threads));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int r = 0; r < rounds; ++r) {
        for (;;) {
          std::optional<Stored> s = store.load(id);
          const long n = std::stol(s->json);
          if (auto v = store.save(id, std::to_string(n + 1), s->version)) {
            won[static_cast<std::size_t>(t)].push_back(*v);
            break;
          }
          conflicts.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& t : pool) t.join();
  std::optional<Stored> end = store.load(id);
  REQUIRE(end.has_value());
  CHECK(std::stol(end->json) == threads * rounds);
  CHECK(end->version == static_cast<std::uint64_t>(threads * rounds + 1));
  std::vector<std::uint64_t> all;
  for (const auto& w : won) all.insert(all.end(), w.begin(), w.end());
  std::sort(all.begin(), all.end());
  CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());  // no version won twice
  MESSAGE(store.describe() << ": " << conflicts.load() << " conflicts retried");
  store.remove(id);
}

// Two writers that both read version v and both save: one wins, one loses.
void check_one_winner(Store& store, const std::string& id) {
  store.remove(id);
  REQUIRE(store.save(id, "start", 0).has_value());
  for (int round = 0; round < 50; ++round) {
    const std::uint64_t v = store.load(id)->version;
    std::atomic<int> wins{0};
    std::thread a([&] { wins += store.save(id, "a", v).has_value(); });
    std::thread b([&] { wins += store.save(id, "b", v).has_value(); });
    a.join();
    b.join();
    CHECK(wins.load() == 1);
    CHECK(store.load(id)->version == v + 1);
  }
  store.remove(id);
}

}  // namespace

TEST_CASE("memory store") {
  std::unique_ptr<Store> store = open_store("memory");
  CHECK(store->describe() == "memory");
  check_contract(*store, "c1");
}

TEST_CASE("sqlite store") {
  testing::TempDir dir;
  const std::string path = (dir.path() / "conversations.db").string();
  {
    std::unique_ptr<Store> store = open_store("sqlite:" + path);
    check_contract(*store, "c1");
    REQUIRE(store->save("kept", "{\"x\":1}", 0).has_value());
  }
  // One file that outlives the process's store: opened again, it is all there.
  std::unique_ptr<Store> again = open_store("sqlite:" + path);
  REQUIRE(again->load("kept").has_value());
  CHECK(again->load("kept")->json == "{\"x\":1}");
  // A store that cannot be opened says so at once.
  CHECK_THROWS_AS(open_store("sqlite:" + (dir.path() / "no" / "such" / "dir.db").string()), StoreError);
}

TEST_CASE("threads: memory and SQLite stores under concurrent writers") {
  std::unique_ptr<Store> memory = open_store("memory");
  check_one_winner(*memory, "c2");
  check_concurrent_increments(*memory, "c3", 8, 200);
  testing::TempDir dir;
  std::unique_ptr<Store> sqlite = open_store("sqlite:" + (dir.path() / "conversations.db").string());
  check_one_winner(*sqlite, "c2");
  check_concurrent_increments(*sqlite, "c3", 4, 50);
}

TEST_CASE("store specs") {
  CHECK_THROWS_AS(open_store("postgres://x"), std::invalid_argument);
  CHECK_THROWS_AS(open_store("sqlite:"), std::invalid_argument);
  CHECK_THROWS_AS(open_store("redis://:6379"), std::invalid_argument);
  CHECK_THROWS_AS(open_store("redis://127.0.0.1:99999"), std::invalid_argument);
  // Nothing listens on port 1: the store says so when opened, not later.
  CHECK_THROWS_AS(open_store("redis://127.0.0.1:1"), StoreError);
}

TEST_CASE("redis store") {
  const std::string spec = testing::require_redis();
  std::unique_ptr<Store> store = open_store(spec);
  const std::string prefix = testing::unique_prefix();
  check_contract(*store, prefix + "c1");
  check_one_winner(*store, prefix + "c2");
  check_concurrent_increments(*store, prefix + "c3", 8, 50);
  // Two stores (two processes, in effect) on one server see each other's saves.
  std::unique_ptr<Store> other = open_store(spec);
  REQUIRE(store->save(prefix + "shared", "one", 0).has_value());
  REQUIRE(other->load(prefix + "shared").has_value());
  CHECK(other->save(prefix + "shared", "two", 1) == std::optional<std::uint64_t>(2));
  CHECK(store->load(prefix + "shared")->json == "two");
  CHECK(store->remove(prefix + "shared"));
}

}  // namespace parley::serve
