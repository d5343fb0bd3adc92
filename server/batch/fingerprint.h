// A short fingerprint of some bytes: FNV-1a, 64 bits, as 16 hex digits. Stable across runs and
// machines (std::hash is not), and enough to tell settings or texts apart; nothing here needs to
// resist a forger.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace sayso {

class Fingerprint {
 public:
  // Each item is added with its length first, so that ("ab", "c") and ("a", "bc") differ.
  void add(std::string_view item) {
    add_bytes(std::to_string(item.size()) + ":");
    add_bytes(item);
  }
  void add(std::size_t number) { add(std::string_view(std::to_string(number))); }
  // Bytes as they come, with no length: for a text fed in pieces.
  void add_bytes(std::string_view bytes) {
    for (unsigned char c : bytes) {
      state_ ^= c;
      state_ *= 0x100000001b3ULL;
    }
  }
  std::string hex() const { return fmt::format("{:016x}", state_); }

 private:
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace sayso
