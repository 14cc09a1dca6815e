#include "serve/store.hpp"

#include <charconv>
#include <map>
#include <mutex>

namespace parley::serve {
namespace {

// The default store: a map under one mutex. Saves are short (a string copy),
// so one lock is not where the time goes.
class MemoryStore final : public Store {
 public:
  std::optional<Stored> load(std::string_view id) override {
    std::lock_guard lock(mutex_);
    auto it = conversations_.find(id);
    if (it == conversations_.end()) return std::nullopt;
    return it->second;
  }

  std::optional<std::uint64_t> save(std::string_view id, std::string_view json,
                                    std::uint64_t expected) override {
    std::lock_guard lock(mutex_);
    auto it = conversations_.find(id);
    const std::uint64_t current = it == conversations_.end() ? 0 : it->second.version;
    if (current != expected) return std::nullopt;
    if (it == conversations_.end()) it = conversations_.emplace(std::string(id), Stored{}).first;
    it->second.json.assign(json);
    it->second.version = expected + 1;
    return expected + 1;
  }

  bool remove(std::string_view id) override {
    std::lock_guard lock(mutex_);
    auto it = conversations_.find(id);
    if (it == conversations_.end()) return false;
    conversations_.erase(it);
    return true;
  }

  std::string describe() const override { return "memory"; }

 private:
  std::mutex mutex_;
  std::map<std::string, Stored, std::less<>> conversations_;
};

}  // namespace

std::unique_ptr<Store> open_memory_store() { return std::make_unique<MemoryStore>(); }

std::unique_ptr<Store> open_store(std::string_view spec) {
  if (spec.empty() || spec == "memory") return open_memory_store();
  if (spec.starts_with("sqlite:")) {
    std::string path(spec.substr(7));
    if (path.empty()) throw std::invalid_argument("--store sqlite:PATH needs a file path");
    return open_sqlite_store(path);
  }
  if (spec.starts_with("redis://")) {
    std::string_view rest = spec.substr(8);
    while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    const std::size_t colon = rest.rfind(':');
    std::string host(rest.substr(0, colon));
    int port = 6379;
    if (colon != std::string_view::npos) {
      std::string_view digits = rest.substr(colon + 1);
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
      if (ec != std::errc() || end != digits.data() + digits.size() || port < 1 || port > 65535) {
        throw std::invalid_argument("--store " + std::string(spec) + ": the port should be 1-65535");
      }
    }
    if (host.empty()) throw std::invalid_argument("--store redis://HOST:PORT needs a host");
    return open_redis_store(host, port);
  }
  throw std::invalid_argument("--store " + std::string(spec) +
                              ": expected memory, sqlite:PATH or redis://HOST:PORT");
}

}  // namespace parley::serve
