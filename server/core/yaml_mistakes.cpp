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
  const std::string plain = plain_words_for(what);
  return fmt::format("{}:{}: not valid YAML{}. {}", path, line, plain.empty() ? "" : ": " + plain,
                     kLookHint);
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
