// serve/store.hpp: where `parley serve` keeps conversations a host names by id.
//
// A Store holds, per conversation id, the conversation's JSON form (json.hpp)
// and a version that grows by one with every save. Saves are optimistic: a
// save names the version it read (0: "there must be none yet") and happens
// only if that is still the stored one, so two agents applying to one
// conversation at once get one success and one conflict, and nothing is lost.
//
// Three kinds, chosen by a spec string (open_store):
//   memory            in this process only; gone when it exits (the default)
//   sqlite:PATH       one SQLite file in WAL mode; survives restarts
//   redis://HOST:PORT a Redis server, shared by any number of parley processes
//
// Thread safety: every method may be called from any number of threads at
// once. Errors: a store that cannot be reached or that fails throws
// StoreError; a missing id or a conflict is a return value, not an error.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace parley::serve {

struct Stored {
  std::string json;          // the conversation, as to_json(Conversation) wrote it
  std::uint64_t version = 0;  // 1 after the first save
};

// The store is unreachable or broken (the server answers 503).
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Store {
 public:
  virtual ~Store() = default;

  // The conversation saved under `id`, or nullopt when there is none.
  virtual std::optional<Stored> load(std::string_view id) = 0;
  // Saves `json` under `id` if the stored version is `expected` (0: no
  // conversation under `id` yet) and returns the new version, expected + 1;
  // nullopt, and nothing saved, when the stored version is another.
  virtual std::optional<std::uint64_t> save(std::string_view id, std::string_view json,
                                            std::uint64_t expected) = 0;
  // Deletes the conversation; false when there was none.
  virtual bool remove(std::string_view id) = 0;
  // "memory", "sqlite:PATH", "redis://HOST:PORT", as opened.
  virtual std::string describe() const = 0;
};

// Opens the store a spec names (see above). Throws StoreError when it cannot
// be opened, and std::invalid_argument for a spec of no known kind.
std::unique_ptr<Store> open_store(std::string_view spec);

std::unique_ptr<Store> open_memory_store();
std::unique_ptr<Store> open_sqlite_store(const std::string& path);
std::unique_ptr<Store> open_redis_store(const std::string& host, int port);

}  // namespace parley::serve
