#include "core/yaml_mistakes.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/source.h"

namespace sayso {
namespace {

constexpr const char* kLookHint =
    "Look at this line and the one before it: every opening quote mark needs a closing one, a "
    "list in [ ] needs its closing ], a text with ': ' in it needs quote marks round it, and the "
    "lines of one list start with the same number of spaces.";

// The file's lines, without their line breaks ("\r\n" too).
std::vector<std::string_view> lines_of(std::string_view bytes) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::size_t indent_of(std::string_view line) {
  const std::size_t first = line.find_first_not_of(' ');
  return first == std::string_view::npos ? line.size() : first;
}

bool blank_or_comment(std::string_view line) {
  const std::size_t first = line.find_first_not_of(" \t");
  return first == std::string_view::npos || line[first] == '#';
}

// The field name a line starts with ("severity" in "severity info"), or "" when it does not
// start with a word that could be one.
std::string_view leading_name(std::string_view line) {
  line.remove_prefix(indent_of(line));
  std::size_t end = 0;
  while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) ||
                               line[end] == '_' || line[end] == '-'))
    ++end;
  if (end == 0 || !std::isalpha(static_cast<unsigned char>(line[0]))) return {};
  return line.substr(0, end);
}

// "name: value" or "name:" at the start of the line.
bool is_field_line(std::string_view line) {
  const std::string_view name = leading_name(line);
  if (name.empty()) return false;
  const std::string_view rest = line.substr(indent_of(line) + name.size());
  return rest == ":" || rest.rfind(": ", 0) == 0;
}

// A line of a map (a rule's fields) with a name, a space and a value, but no ':' between them:
// its neighbour at the same indent is a field. A line of a folded text is indented more than
// its field, and a list item starts with "- ", so neither looks like this.
bool lacks_colon(const std::vector<std::string_view>& lines, std::size_t at) {
  const std::string_view line = lines[at];
  const std::string_view name = leading_name(line);
  if (name.empty() || line.find(':') != std::string_view::npos) return false;
  if (line.size() <= indent_of(line) + name.size() || line[indent_of(line) + name.size()] != ' ')
    return false;
  for (std::size_t before = at; before-- > 0;) {
    if (blank_or_comment(lines[before])) continue;
    return indent_of(lines[before]) == indent_of(line) && is_field_line(lines[before]);
  }
  return false;
}

// Where the text in quotes opened at `open` closes, or npos: in "double quotes" a \ escapes the
// next character; in 'single quotes' '' is a quote mark inside.
std::size_t closing_quote(std::string_view line, std::size_t open) {
  const char quote = line[open];
  for (std::size_t i = open + 1; i < line.size(); ++i) {
    if (quote == '"' && line[i] == '\\') {
      ++i;
    } else if (line[i] == quote) {
      if (quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
        ++i;
        continue;
      }
      return i;
    }
  }
  return std::string_view::npos;
}

// Whether a value on this line opens a quote it does not close ("message: \"Say what changed.",
// "phrases: [\"hard to reach]"). YAML lets a quoted text run on over lines, but rule and settings
// files keep each on one line, and the parser only notices the mistake lines later, where the
// next quote mark closes it.
bool opens_unclosed_quote(std::string_view line) {
  std::size_t at = line.find_first_not_of(' ');
  if (at == std::string_view::npos) return false;
  if (line.substr(at, 2) == "- ") at = line.find_first_not_of(' ', at + 2);
  if (at == std::string_view::npos) return false;
  if (line[at] != '"' && line[at] != '\'' && line[at] != '[') {
    const std::size_t colon = line.find(": ", at);
    if (colon == std::string_view::npos) return false;
    at = colon + 2;
  }
  // A quote mark opens a text at the value's start or at an item's start in [ ] or { }.
  bool item_start = true;
  for (std::size_t i = at; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ') continue;
    if ((c == '"' || c == '\'') && item_start) {
      const std::size_t close = closing_quote(line, i);
      if (close == std::string_view::npos) return true;
      i = close;
      item_start = false;
      continue;
    }
    if (c == '#' && i > 0 && line[i - 1] == ' ') return false;  // a comment
    item_start =
        c == '[' || c == '{' || c == ',' || (c == ':' && i + 1 < line.size() && line[i + 1] == ' ');
  }
  return false;
}

// Which of the first `count` lines are the text of a block ("explanation: >-" and the lines
// indented under it), where a quote mark is a letter like any other.
std::vector<bool> block_text_lines(const std::vector<std::string_view>& lines, std::size_t count) {
  std::vector<bool> in_block(count, false);
  std::size_t block_indent = std::string_view::npos;  // the indent of the field that opened it
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view line = lines[i];
    if (block_indent != std::string_view::npos) {
      if (blank_or_comment(line) || indent_of(line) > block_indent) {
        in_block[i] = true;
        continue;
      }
      block_indent = std::string_view::npos;
    }
    std::string_view end = line.substr(0, line.find(" #"));
    while (!end.empty() && end.back() == ' ') end.remove_suffix(1);
    for (std::string_view opener : {": >", ": >-", ": >+", ": |", ": |-", ": |+"})
      if (end.ends_with(opener)) block_indent = indent_of(line);
  }
  return in_block;
}

std::string unclosed_quote_message(const std::string& path, std::size_t line) {
  return fmt::format(
      "{}:{}: a quote mark opened on this line is not closed. Put the same quote mark at the end "
      "of the text, on this line.",
      path, line);
}

// The parser's words for what it could not read, in plain words ("" when it is not one sayso
// knows).
std::string plain_words_for(const std::string& what) {
  static const std::array<std::pair<const char*, const char*>, 8> known = {{
      // yaml-cpp's words when lists or maps nest past its depth limit (sayso parses text it has
      // read, never a file, so its other use, a file that cannot be opened, does not arise).
      {"bad file", "lists or maps are nested too deeply (hundreds of [ or { inside each other)"},
      {"end of map flow not found", "a { is not closed with }"},
      {"end of sequence flow not found", "a [ is not closed with ]"},
      {"end of map not found", "the lines here do not line up with the ones above"},
      {"end of sequence not found", "the items of a list here do not line up"},
      {"illegal map value", "there is a ':' sayso did not expect"},
      {"end of string not found", "a quote mark is not closed"},
      {"unknown escape character", "a \\ in a text in \"double quotes\" must be written \\\\"},
  }};
  for (const auto& [parser_words, plain] : known)
    if (what.find(parser_words) != std::string::npos) return plain;
  return "";
}

}  // namespace

std::string yaml_error_message(const std::string& path, std::string_view bytes, int line,
                               const std::string& what) {
  const std::vector<std::string_view> lines = lines_of(bytes);
  const std::size_t last = std::min(lines.size(), static_cast<std::size_t>(std::max(line, 1)));
  for (std::size_t i = 0; i < last; ++i) {
    const std::string_view text = lines[i];
    const std::size_t first = text.find_first_not_of(' ');
    if (first != std::string_view::npos && text[first] == '\t')
      return fmt::format(
          "{}:{}: this line starts with a tab. A YAML file is indented with spaces only: put "
          "spaces in place of the tab.",
          path, i + 1);
  }
  // The parser stops a line or two after a missing ':'.
  for (std::size_t i = last >= 3 ? last - 3 : 0; i < last; ++i)
    if (lacks_colon(lines, i)) {
      const std::string_view name = leading_name(lines[i]);
      std::string_view value = lines[i].substr(indent_of(lines[i]) + name.size());
      value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
      return fmt::format(
          "{}:{}: there is no ':' after '{}'. Write the name, a colon and a space, then the "
          "value, like this: {}: {}",
          path, i + 1, name, name, value.substr(0, 40));
    }
  // An unclosed quote is noticed where the next quote mark closes it, often lines later, or at
  // the end of the file when there is none.
  constexpr std::size_t kQuoteLookBack = 40;
  const bool to_the_end = what.find("end of string not found") != std::string::npos;
  const std::size_t from = last > kQuoteLookBack && !to_the_end ? last - kQuoteLookBack : 0;
  const std::vector<bool> in_block = block_text_lines(lines, last);
  for (std::size_t i = from; i < last; ++i)
    if (!in_block[i] && !blank_or_comment(lines[i]) && opens_unclosed_quote(lines[i]))
      return unclosed_quote_message(path, i + 1);
  const std::string plain = plain_words_for(what);
  return fmt::format("{}:{}: not valid YAML{}. {}", path, line, plain.empty() ? "" : ": " + plain,
                     kLookHint);
}

std::string quote_left_open_message(const std::string& path, std::string_view bytes) {
  const std::vector<std::string_view> lines = lines_of(bytes);
  const std::vector<bool> in_block = block_text_lines(lines, lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (in_block[i] || blank_or_comment(lines[i]) || !opens_unclosed_quote(lines[i])) continue;
    // The quote mark that opened it, and whether any later line holds one like it.
    const std::string_view line = lines[i];
    const char quote =
        line.find('"') != std::string_view::npos &&
                (line.find('\'') == std::string_view::npos || line.find('"') < line.find('\''))
            ? '"'
            : '\'';
    const bool closed_later = std::any_of(
        lines.begin() + static_cast<std::ptrdiff_t>(i) + 1, lines.end(),
        [&](std::string_view later) { return later.find(quote) != std::string_view::npos; });
    if (!closed_later) return unclosed_quote_message(path, i + 1);
    return "";  // closed lines later: the parser says where it went wrong
  }
  return "";
}

std::string not_utf8_message(const std::string& path, std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    if (p[i] == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    if (const std::size_t length = valid_utf8_sequence_length(p + i, bytes.size() - i)) {
      i += length;
      continue;
    }
    // The words before it on its line (at most 30 bytes, from the start of a character).
    std::size_t from = i - std::min<std::size_t>(i - line_start, 30);
    while (from < i && (p[from] & 0xC0) == 0x80) ++from;
    std::string_view before = bytes.substr(from, i - from);
    before.remove_prefix(std::min(before.find_first_not_of(" \t"), before.size()));
    const std::string where = before.empty() ? std::string("at the start of the line")
                                             : fmt::format("after '{}'", before);
    return fmt::format(
        "{}:{}: this file is not saved as UTF-8, so sayso cannot read the letter {}. Save it as "
        "UTF-8 (in Notepad: File, Save as, then choose Encoding: UTF-8).",
        path, line, where);
  }
  return "";
}

}  // namespace sayso
