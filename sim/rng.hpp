// Named, portable random streams.
//
// Every model component draws from its own stream, seeded from the run seed and the stream's
// name, so adding a component never shifts another component's numbers. The generator is
// xoshiro256** (Blackman & Vigna 2018) seeded through splitmix64; both are specified bit for
// bit, so a seed gives the same sequence on every platform and compiler (std:: distributions
// are implementation-defined and are never used).
#pragma once

#include <cstdint>
#include <string_view>

namespace starsim::sim {

class RandomStream {
 public:
  // Seeded from the run seed and the stream name (FNV-1a 64 of the name, mixed by splitmix64).
  RandomStream(std::uint64_t run_seed, std::string_view name);

  std::uint64_t next_u64();
  // Uniform on [0, 1), 53 random bits.
  double uniform01();
  // Uniform on (0, 1]: safe under log().
  double uniform01_open_low();
  // True with probability p (p in [0, 1]).
  bool bernoulli(double p);
  // Uniform integer in [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n);

 private:
  std::uint64_t s_[4];
};

// FNV-1a 64-bit hash of a name; exposed for tests.
std::uint64_t fnv1a64(std::string_view text);

}  // namespace starsim::sim
