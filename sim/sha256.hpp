// SHA-256 for the config_sha256 column of summary.csv: a fingerprint of the resolved scenario.
//
// A small, dependency-free implementation of FIPS 180-4 SHA-256.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace starsim::sim {

// Incremental hasher: feed bytes with update(), then call hex_digest() once.
class Sha256 {
 public:
  Sha256();
  // Appends the bytes of `data`. Throws std::logic_error after hex_digest().
  void update(std::string_view data);
  // Finalizes and returns the lower-case hex digest (64 characters). Later calls return the
  // same digest; update() after it throws std::logic_error.
  std::string hex_digest();

 private:
  void process_block(const unsigned char* block);

  std::array<std::uint32_t, 8> state_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffer_len_ = 0;
  std::uint64_t total_len_ = 0;  // bytes hashed so far
  bool finalized_ = false;
  std::string digest_;
};

// Lower-case hex SHA-256 of the bytes of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace starsim::sim
