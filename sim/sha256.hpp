// SHA-256 fingerprints (config_sha256 in summary.csv, experiment_sha256, base_sha256 and the
// fingerprint in manifest.txt), computed by nettle (Debian's nettle-dev).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace starsim::sim {

// Incremental hasher: feed bytes with update(), then call hex_digest().
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  // Appends the bytes of `data`. Throws std::logic_error after hex_digest().
  void update(std::string_view data);
  // Finalizes and returns the lower-case hex digest (64 characters). Later calls return the
  // same digest; update() after it throws std::logic_error.
  std::string hex_digest();

 private:
  struct Context;  // nettle's, kept out of this header
  std::unique_ptr<Context> context_;
  std::string digest_;  // empty until hex_digest()
};

// Lower-case hex SHA-256 (FIPS 180-4) of the bytes of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace starsim::sim
