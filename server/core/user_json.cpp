#include "core/user_json.h"

#include <optional>

#include "core/json_limits.h"

namespace sayso {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of a "\uXXXX" escape starting at `at`, if there is one.
std::optional<unsigned> unicode_escape_at(std::string_view text, std::size_t at) {
  if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return std::nullopt;
  unsigned unit = 0;
  for (std::size_t i = at + 2; i < at + 6; ++i) {
    const int digit = hex_digit(text[i]);
    if (digit < 0) return std::nullopt;
    unit = unit * 16 + static_cast<unsigned>(digit);
  }
  return unit;
}

bool is_high_surrogate(unsigned unit) { return unit >= 0xD800 && unit <= 0xDBFF; }
bool is_low_surrogate(unsigned unit) { return unit >= 0xDC00 && unit <= 0xDFFF; }

// nlohmann's message without its "[json.exception.parse_error.101] parse error" prefix:
// "syntax error while parsing value - invalid literal; last read: 'x'" and where.
std::string parser_reason(std::string_view text) {
  try {
    const nlohmann::json value = nlohmann::json::parse(text);
    (void)value;
  } catch (const nlohmann::json::parse_error& e) {
    std::string reason = e.what();
    if (const auto bracket = reason.find("] ");
        reason.starts_with("[json.exception") && bracket != std::string::npos)
      reason.erase(0, bracket + 2);
    if (reason.starts_with("parse error ")) reason.erase(0, 12);
    if (reason.starts_with("at ")) reason.erase(0, 3);
    // One line (a JSON Lines row, most bodies): the column is enough.
    if (reason.starts_with("line 1, ") && text.find('\n') == std::string_view::npos)
      reason.erase(0, 8);
    return reason;
  } catch (const std::exception& e) {
    return e.what();
  }
  return "not JSON";
}

}  // namespace

std::string with_lone_surrogates_replaced(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!in_string) {
      in_string = c == '"';
      out += c;
      continue;
    }
    if (c == '"') {
      in_string = false;
      out += c;
      continue;
    }
    if (c != '\\') {
      out += c;
      continue;
    }
    const std::optional<unsigned> unit = unicode_escape_at(text, i);
    if (!unit) {  // another escape: copied whole, so an escaped quote or backslash stays one
      out.append(text.substr(i, 2));
      ++i;
      continue;
    }
    if (is_high_surrogate(*unit)) {
      const std::optional<unsigned> next = unicode_escape_at(text, i + 6);
      if (next && is_low_surrogate(*next)) {  // a pair: one character, kept as written
        out.append(text.substr(i, 12));
        i += 11;
        continue;
      }
    }
    out.append(is_high_surrogate(*unit) || is_low_surrogate(*unit) ? std::string_view("\\uFFFD")
                                                                   : text.substr(i, 6));
    i += 5;
  }
  return out;
}

UserJson parse_user_json(std::string_view text) {
  UserJson out;
  if (auto too_deep = json_nesting_problem(text)) {
    out.outcome = UserJson::Outcome::TooDeep;
    out.problem = std::move(*too_deep);
    return out;
  }
  out.value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (out.value.is_discarded() && text.find("\\u") != std::string_view::npos)
    out.value = nlohmann::json::parse(with_lone_surrogates_replaced(text), nullptr, false);
  if (out.value.is_discarded()) {
    out.outcome = UserJson::Outcome::NotJson;
    out.problem = parser_reason(text);
  }
  return out;
}

}  // namespace sayso
