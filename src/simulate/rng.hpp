// A small seeded random number generator for the simulator.
//
// The simulator's results must repeat for a seed on any machine and thread
// count, so it does not use the standard distributions (their algorithms are
// the library's choice). splitmix64 mixes (seed, product, index) into a
// buyer's seed; xoshiro256** draws from it. Not for cryptography.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace parley::simulate {

inline std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// FNV-1a: a product id as a number, the same on every platform.
inline std::uint64_t hash_name(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// One seed from several numbers; the order matters.
inline std::uint64_t mix_seed(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0, std::uint64_t d = 0) {
  std::uint64_t x = a;
  std::uint64_t h = splitmix64(x);
  x ^= b * 0xd6e8feb86659fd93ULL;
  h ^= splitmix64(x);
  x ^= c * 0xa0761d6478bd642fULL;
  h ^= splitmix64(x);
  x ^= d * 0xe7037ed1a0b428dbULL;
  h ^= splitmix64(x);
  return h;
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (std::uint64_t& s : s_) s = splitmix64(seed);
  }
  std::uint64_t next() {
    std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform in [0, n); n > 0.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)); }
  // Uniform in [lo, hi].
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
  bool chance(double p) { return uniform() < p; }
  // Triangular over [lo, hi] with its peak at `mode`.
  double triangular(double lo, double mode, double hi) {
    double u = uniform();
    if (hi <= lo) return lo;
    double f = (mode - lo) / (hi - lo);
    if (u < f) return lo + std::sqrt(u * (hi - lo) * (mode - lo));
    return hi - std::sqrt((1 - u) * (hi - lo) * (hi - mode));
  }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[below(N)]; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace parley::simulate
