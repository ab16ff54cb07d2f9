// SHA-256 (nettle behind sim::Sha256): the NIST (FIPS 180-4 / CAVS) reference vectors,
// incremental hashing and every byte value.
#include "sim/sha256.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <stdexcept>
#include <string>

using starsim::sim::Sha256;
using starsim::sim::sha256_hex;

TEST_CASE("sha256 matches the NIST test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 incremental updates split at any offset agree with the one-shot digest") {
  std::string message;
  for (std::size_t i = 0; i < 130; ++i) {
    message.push_back(static_cast<char>((i * 37 + 11) & 0xffU));
  }
  const std::string expected = sha256_hex(message);
  for (std::size_t split = 0; split <= message.size(); ++split) {
    CAPTURE(split);
    Sha256 hasher;
    hasher.update(std::string_view(message).substr(0, split));
    hasher.update(std::string_view(message).substr(split));
    CHECK(hasher.hex_digest() == expected);
  }
}

TEST_CASE("sha256 one million 'a' fed in small pieces gives the NIST digest") {
  Sha256 hasher;
  const std::string piece(1000, 'a');
  for (int i = 0; i < 1000; ++i) hasher.update(piece);
  CHECK(hasher.hex_digest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 update after hex_digest throws logic_error") {
  Sha256 hasher;
  hasher.update("abc");
  const std::string first = hasher.hex_digest();
  CHECK(hasher.hex_digest() == first);
  CHECK_THROWS_AS(hasher.update("more"), std::logic_error);
}

TEST_CASE("sha256 hashes every byte value, NUL and bytes past 0x7f included") {
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  // python3 -c "import hashlib; print(hashlib.sha256(bytes(range(256))).hexdigest())"
  CHECK(sha256_hex(all_bytes) ==
        "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
}
