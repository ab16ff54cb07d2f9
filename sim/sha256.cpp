#include "sim/sha256.hpp"

#include <nettle/sha2.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace starsim::sim {

struct Sha256::Context {
  sha256_ctx nettle;
};

Sha256::Sha256() : context_(std::make_unique<Context>()) { sha256_init(&context_->nettle); }

Sha256::~Sha256() = default;

void Sha256::update(std::string_view data) {
  if (!digest_.empty()) throw std::logic_error("Sha256::update after hex_digest");
  sha256_update(&context_->nettle, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
}

std::string Sha256::hex_digest() {
  if (!digest_.empty()) return digest_;
  std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
  sha256_digest(&context_->nettle, digest.size(), digest.data());
  constexpr const char* HEX_DIGITS = "0123456789abcdef";
  digest_.reserve(2 * digest.size());
  for (const std::uint8_t byte : digest) {
    digest_.push_back(HEX_DIGITS[byte >> 4U]);
    digest_.push_back(HEX_DIGITS[byte & 0x0fU]);
  }
  return digest_;
}

std::string sha256_hex(std::string_view data) {
  Sha256 hasher;
  hasher.update(data);
  return hasher.hex_digest();
}

}  // namespace starsim::sim
