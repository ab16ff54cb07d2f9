// Named, portable random streams: xoshiro256** seeded through splitmix64.
//
// Sources: xoshiro256** and splitmix64 as published by Blackman & Vigna
// (https://prng.di.unimi.it/xoshiro256starstar.c, splitmix64.c); FNV-1a 64 as published by
// Fowler, Noll & Vo (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
//
// Seeding (part of the reproducibility contract; tests/unit/rng_test.cpp mirrors it):
//   x = run_seed ^ rotl(fnv1a64(name), 17)
//   s_[0..3] = four successive splitmix64 outputs starting from state x
// The rotation keeps a name's hash from cancelling a run seed of the same value. splitmix64
// is a bijection of its counter, so the four words are never all zero.
// Only unsigned 64-bit integer arithmetic is used, so every platform gives the same bits.
#include "sim/rng.hpp"

#include "sim/splitmix64.hpp"

namespace starsim::sim {

namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<std::uint64_t>(static_cast<unsigned char>(c));
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

RandomStream::RandomStream(std::uint64_t run_seed, std::string_view name) {
  std::uint64_t state = run_seed ^ rotl(fnv1a64(name), 17);
  for (std::uint64_t& word : s_) word = splitmix64_next(state);
}

std::uint64_t RandomStream::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

// The top 53 bits scaled by 2^-53: exact in a double, so the result is platform independent.
double RandomStream::uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double RandomStream::uniform01_open_low() {
  return static_cast<double>((next_u64() >> 11) + 1) * 0x1.0p-53;
}

// A certain outcome (p <= 0 or p >= 1) draws nothing, so a feature switched off (a failure
// probability of 0) leaves the stream's numbers as they were.
bool RandomStream::bernoulli(double p) {
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  return uniform01() < p;
}

// Rejection (as in OpenBSD arc4random_uniform): draws below 2^64 mod n are discarded, so the
// remaining range is a whole multiple of n and r % n is exactly uniform.
std::uint64_t RandomStream::below(std::uint64_t n) {
  if (n <= 1) return 0;  // n == 0 is a caller error; answer 0 rather than divide by zero
  const std::uint64_t threshold = (0 - n) % n;  // == 2^64 mod n
  for (;;) {
    const std::uint64_t r = next_u64();
    if (r >= threshold) return r % n;
  }
}

}  // namespace starsim::sim
