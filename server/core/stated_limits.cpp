#include "core/stated_limits.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace sayso {
namespace {

enum class Piece { Word, Number, Open, Close, Colon, Dash, Other };

struct LimitToken {
  Piece piece;
  std::string word;  // lower-case letters, for words
  double number = 0;
};

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Words, numbers ("2,000" is 2000) and the punctuation that marks a limit.
std::vector<LimitToken> tokenize(std::string_view line) {
  std::vector<LimitToken> out;
  std::size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (is_ascii_letter(c)) {
      LimitToken t{Piece::Word, "", 0};
      while (i < line.size() && is_ascii_letter(line[i]))
        t.word += static_cast<char>(line[i] | 0x20), ++i;
      out.push_back(std::move(t));
    } else if (is_digit(c)) {
      double value = 0;
      while (i < line.size()) {
        if (is_digit(line[i])) {
          value = value * 10 + (line[i] - '0'), ++i;
        } else if (line[i] == ',' && i + 1 < line.size() && is_digit(line[i + 1])) {
          ++i;  // thousands separator
        } else {
          break;
        }
      }
      out.push_back({Piece::Number, "", value});
    } else if (c == '(' || c == '[') {
      out.push_back({Piece::Open, "", 0}), ++i;
    } else if (c == ')' || c == ']') {
      out.push_back({Piece::Close, "", 0}), ++i;
    } else if (c == ':') {
      out.push_back({Piece::Colon, "", 0}), ++i;
    } else if (c == '-') {
      out.push_back({Piece::Dash, "", 0}), ++i;
    } else if (line.substr(i, 3) == "\xE2\x80\x93" || line.substr(i, 3) == "\xE2\x80\x94") {
      out.push_back({Piece::Dash, "", 0}), i += 3;  // en and em dash
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else {
      out.push_back({Piece::Other, "", 0}), ++i;
    }
  }
  return out;
}

bool is_word(const std::vector<LimitToken>& t, std::size_t i, std::string_view w) {
  return i < t.size() && t[i].piece == Piece::Word && t[i].word == w;
}

enum class Unit { None, Words, Characters };

Unit unit_at(const std::vector<LimitToken>& t, std::size_t i) {
  if (i >= t.size() || t[i].piece != Piece::Word) return Unit::None;
  const std::string& w = t[i].word;
  if (w == "words" || w == "word") return Unit::Words;
  if (w == "characters" || w == "character" || w == "chars" || w == "char") return Unit::Characters;
  return Unit::None;
}

// A word before the number that makes it a limit: "max 300", "up to 300", "no more than 300".
bool limit_word_before(const std::vector<LimitToken>& t, std::size_t number) {
  const std::size_t from = number >= 4 ? number - 4 : 0;
  for (std::size_t i = from; i < number; ++i) {
    if (t[i].piece != Piece::Word) continue;
    const std::string& w = t[i].word;
    if (w == "max" || w == "maximum" || w == "limit" || w == "limited" || w == "exceed" ||
        w == "exceeding" || w == "within" || w == "fewer" || w == "less")
      return true;
    if (w == "up" && is_word(t, i + 1, "to")) return true;
    if (w == "most" && i > 0 && is_word(t, i - 1, "at")) return true;
    if (w == "more" && i > 0 && (is_word(t, i - 1, "no") || is_word(t, i - 1, "not"))) return true;
  }
  return false;
}

// A word after the unit that makes it a limit: "300 words max", "300-word limit",
// "300 words or fewer".
bool limit_word_after(const std::vector<LimitToken>& t, std::size_t unit) {
  std::size_t i = unit + 1;
  if (is_word(t, i, "max") || is_word(t, i, "maximum") || is_word(t, i, "limit")) return true;
  return is_word(t, i, "or") && (is_word(t, i + 1, "fewer") || is_word(t, i + 1, "less"));
}

// The number sits inside brackets that are still open: "(300 words)", "[max 300 words]".
bool inside_brackets(const std::vector<LimitToken>& t, std::size_t number) {
  int depth = 0;
  for (std::size_t i = 0; i < number; ++i) {
    if (t[i].piece == Piece::Open) ++depth;
    if (t[i].piece == Piece::Close && depth > 0) --depth;
  }
  return depth > 0;
}

// "Summary: 300 words" or "Summary – 300 words" at the end of the line.
bool after_colon_at_end(const std::vector<LimitToken>& t, std::size_t number, std::size_t unit) {
  if (number == 0) return false;
  const Piece before = t[number - 1].piece;
  if (before != Piece::Colon && before != Piece::Dash) return false;
  for (std::size_t i = unit + 1; i < t.size(); ++i)
    if (t[i].piece == Piece::Word || t[i].piece == Piece::Number) return false;
  return true;
}

void set_limit(StatedLimit& limit, Unit unit, double value) {
  if (value <= 0) return;
  double& slot = unit == Unit::Words ? limit.max_words : limit.max_characters;
  if (slot == 0 || value < slot) slot = value;
}

bool says_without_spaces(const std::vector<LimitToken>& t) {
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (!is_word(t, i + 1, "spaces") && !is_word(t, i + 2, "spaces")) continue;
    if (is_word(t, i, "excluding") || is_word(t, i, "without") || is_word(t, i, "no") ||
        (is_word(t, i, "not") && is_word(t, i + 1, "including")))
      return true;
  }
  return false;
}

}  // namespace

std::optional<StatedLimit> stated_limit(std::string_view line) {
  const std::vector<LimitToken> t = tokenize(line);
  StatedLimit limit;
  for (std::size_t i = 0; i < t.size(); ++i) {
    // "word limit: 300", "(character limit 2000)"
    if (unit_at(t, i) != Unit::None && is_word(t, i + 1, "limit")) {
      std::size_t n = i + 2;
      if (n < t.size() && t[n].piece == Piece::Colon) ++n;
      if (n < t.size() && t[n].piece == Piece::Number) set_limit(limit, unit_at(t, i), t[n].number);
    }
    if (t[i].piece != Piece::Number) continue;
    // "300 words" or "300-word limit"
    std::size_t unit = i + 1;
    if (unit < t.size() && t[unit].piece == Piece::Dash) ++unit;
    const Unit kind = unit_at(t, unit);
    if (kind == Unit::None) continue;
    // In a range ("200-300 words", "200 to 300 words") the second number is the limit; the
    // scan reaches it with the unit right after it.
    if (limit_word_before(t, i) || limit_word_after(t, unit) || inside_brackets(t, i) ||
        after_colon_at_end(t, i, unit))
      set_limit(limit, kind, t[i].number);
  }
  if (!limit.any()) return std::nullopt;
  limit.characters_without_spaces = limit.max_characters > 0 && says_without_spaces(t);
  return limit;
}

bool is_limit_statement(std::string_view text) {
  static const std::set<std::string, std::less<>> limit_words = {
      "max", "maximum", "up", "to", "words", "word", "characters", "chars", "character", "char",
      "limit", "no", "not", "more", "than", "fewer", "less", "or", "at", "most", "within", "of",
      "including", "excluding", "spaces", "with", "without", "a",
      // guidance printed under a form's question: "Please answer in no more than 300 words"
      "please", "write", "use", "answer", "your", "in", "this", "section", "box", "field",
      "question", "response", "total"};
  for (const LimitToken& t : tokenize(text))
    if (t.piece == Piece::Word && !limit_words.count(t.word)) return false;
  return stated_limit(text).has_value();
}

std::optional<StatedLimit> section_stated_limit(const Document& doc, std::size_t index) {
  const Section& s = doc.sections[index];
  if (!s.has_heading()) return std::nullopt;
  const std::string_view prose(doc.prose);
  if (auto limit = stated_limit(prose.substr(s.heading_begin, s.heading_end - s.heading_begin)))
    return limit;
  // The first block after the heading, when it is a short line of guidance.
  auto block = std::lower_bound(doc.blocks.begin(), doc.blocks.end(), s.heading_end,
                                [](const Block& b, std::size_t at) { return b.begin < at; });
  if (block == doc.blocks.end() || block->begin >= s.end) return std::nullopt;
  constexpr std::size_t kGuidanceBytes = 100;  // "(Maximum 300 words, including references)"
  if (block->end - block->begin > kGuidanceBytes) return std::nullopt;
  // Guidance is a limit and little else, or a note in brackets; a sentence of the answer that
  // mentions words ("a leaflet of fewer than 50 words") is not.
  std::string_view text = prose.substr(block->begin, block->end - block->begin);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  if (text.front() != '(' && text.front() != '[' && !is_limit_statement(text)) return std::nullopt;
  std::optional<StatedLimit> limit = stated_limit(text);
  if (limit) limit->answer_begin = block->end;
  return limit;
}

}  // namespace sayso
