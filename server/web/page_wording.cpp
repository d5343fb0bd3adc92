#include "web/page_wording.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <vector>

namespace sayso::web {
namespace {

constexpr std::string_view kLeaveNames =
    "If it is a name or a word in another language, you can leave it.";
constexpr std::string_view kLettersMayShowWrongly =
    "Some letters in this file may show wrongly. If they do, ask the team for a copy saved in "
    "another way, or type those letters again.";

bool contains_any(std::string_view text, std::initializer_list<std::string_view> needles) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(needles.begin(), needles.end(), [&](std::string_view needle) {
    return lower.find(needle) != std::string::npos;
  });
}

// Advice that only makes sense with an editor and a settings file.
bool sends_to_settings(std::string_view text) {
  return contains_any(text, {".sayso.yml", "word list", "workspace dictionary", "settings file"});
}

// Talk of how the file's bytes are stored.
bool talks_of_encodings(std::string_view text) {
  return contains_any(text, {"utf-8", "windows-1252", "encoding"});
}

// The sentences of a message, each with its final stop: a stop, question or exclamation mark
// followed by a space ends one.
std::vector<std::string> sentences_of(std::string_view message) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if ((c == '.' || c == '?' || c == '!') && i + 1 < message.size() && message[i + 1] == ' ') {
      out.emplace_back(message.substr(start, i + 1 - start));
      start = i + 2;
    }
  }
  if (start < message.size()) out.emplace_back(message.substr(start));
  return out;
}

// The sentence without its clauses that send the reader to a settings file ("Cut it, or set
// your funder's own limit in .sayso.yml." → "Cut it."); "" when nothing is left, or when what is
// left only leads into the dropped advice ("If 'Llinos' is right, add it to …").
std::string without_settings_clauses(const std::string& sentence) {
  std::string body = sentence;
  std::string stop = ".";
  if (!body.empty() && (body.back() == '.' || body.back() == '?' || body.back() == '!')) {
    stop = body.substr(body.size() - 1);
    body.pop_back();
  }
  std::vector<std::string> clauses;
  std::size_t start = 0;
  for (;;) {
    const std::size_t semicolon = body.find("; ", start), or_clause = body.find(", or ", start);
    const std::size_t cut = std::min(semicolon, or_clause);
    if (cut == std::string::npos) {
      clauses.push_back(body.substr(start));
      break;
    }
    clauses.push_back(body.substr(start, cut - start));
    start = cut + (cut == semicolon ? 2 : 5);
  }
  std::string kept;
  for (const std::string& clause : clauses) {
    if (sends_to_settings(clause)) continue;
    kept += kept.empty() ? clause : ", or " + clause;
  }
  if (kept.empty()) return "";
  kept[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kept[0])));
  return kept + stop;
}

}  // namespace

std::string page_message(std::string_view message, std::string_view category) {
  std::vector<std::string> kept;
  bool dropped_settings = false, encodings = false;
  for (const std::string& sentence : sentences_of(message)) {
    if (talks_of_encodings(sentence)) {
      encodings = true;
      continue;
    }
    if (!sends_to_settings(sentence)) {
      kept.push_back(sentence);
      continue;
    }
    dropped_settings = true;
    if (std::string rest = without_settings_clauses(sentence); !rest.empty())
      kept.push_back(std::move(rest));
  }
  if (dropped_settings && category == "spelling") kept.emplace_back(kLeaveNames);
  if (encodings) kept.emplace_back(kLettersMayShowWrongly);
  std::string out;
  for (const std::string& sentence : kept) out += (out.empty() ? "" : " ") + sentence;
  return out.empty() ? std::string(message) : out;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the second byte's range
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      length = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      length = 3;
      if (b == 0xE0) low = 0xA0;   // overlong
      if (b == 0xED) high = 0x9F;  // surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      length = 4;
      if (b == 0xF0) low = 0x90;   // overlong
      if (b == 0xF4) high = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if (k == 1 ? (c < low || c > high) : (c < 0x80 || c > 0xBF)) return false;
    }
    i += length;
  }
  return true;
}

}  // namespace sayso::web
