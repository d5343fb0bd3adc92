// JSON written by users and their tools (web API bodies, form exports as JSON Lines, LSP
// messages), read the same way everywhere: the nesting limit first (core/json_limits.h), lone
// surrogate escapes as U+FFFD, and the parser's own reason when it is not JSON.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace sayso {

// JSON text with every "\uD800"-style escape that is not half of a surrogate pair replaced by
// "\uFFFD"; everything else is kept byte for byte. JavaScript strings may hold half a pair and
// JSON.stringify writes it so (RFC 8259 §8.2 allows it); nlohmann's parser refuses it.
std::string with_lone_surrogates_replaced(std::string_view text);

struct UserJson {
  enum class Outcome { Read, TooDeep, NotJson };
  Outcome outcome = Outcome::Read;
  nlohmann::json value;  // when Read
  std::string problem;  // otherwise: what is wrong, where ("syntax error at line 1, column 9: …")
};

UserJson parse_user_json(std::string_view text);

}  // namespace sayso
