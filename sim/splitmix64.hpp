// splitmix64 (Steele, Lea & Flood; as published by Vigna, https://prng.di.unimi.it/splitmix64.c):
// a 64-bit counter advanced by the golden gamma and mixed. Seeds the random streams (rng.cpp) and
// the runs of an experiment (expand.cpp). Part of the reproducibility contract: changing a bit
// changes every result ever produced (tests/unit/rng_test.cpp and experiment_test.cpp pin it).
#pragma once

#include <cstdint>

namespace starsim::sim {

inline constexpr std::uint64_t SPLITMIX64_GAMMA = 0x9e3779b97f4a7c15ULL;

// One splitmix64 step: advances `state` by the gamma and returns the mix of the new state.
constexpr std::uint64_t splitmix64_next(std::uint64_t& state) {
  state += SPLITMIX64_GAMMA;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace starsim::sim
