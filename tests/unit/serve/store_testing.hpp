// Helpers for the store tests: a temporary folder, and the Redis server the
// tests may use (PARLEY_TEST_REDIS=HOST:PORT, which .ci/run always sets).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>

namespace parley::serve::testing {

// A folder under the system's temporary one, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("parley-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// "redis://HOST:PORT" from PARLEY_TEST_REDIS, or nothing.
inline std::optional<std::string> redis_spec() {
  const char* v = std::getenv("PARLEY_TEST_REDIS");
  if (!v || !*v) return std::nullopt;
  return "redis://" + std::string(v);
}

// A prefix no other run of the tests uses, for ids in a shared Redis.
inline std::string unique_prefix() {
  std::random_device random;
  return "t" + std::to_string(random()) + "-";
}

// Tests that need Redis and find none end the program with 77, which ctest
// reports as skipped (SKIP_RETURN_CODE), saying why.
inline std::string require_redis() {
  std::optional<std::string> spec = redis_spec();
  if (!spec) {
    std::fprintf(stderr, "SKIPPED: PARLEY_TEST_REDIS is not set (HOST:PORT of a redis-server to use; .ci/run sets it)\n");
    std::exit(77);
  }
  return *spec;
}

}  // namespace parley::serve::testing
