#include "formats/markdown_pieces.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace sayso {
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_blank_line(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// The line after at most three leading spaces or tabs (tabs may make it an indented code line:
// treating it as a possible block start only makes the scan more careful).
std::string_view after_indent(std::string_view line, bool tabs_too) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && (line[i] == ' ' || (tabs_too && line[i] == '\t'))) ++i;
  return line.substr(i);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// What must be seen before a cut is safe again.
enum class Open { Nothing, Fence, HtmlUntilMarker, FrontMatter };

class Scanner {
 public:
  // Reads one line (without its '\n'); returns whether a cut before it is safe.
  bool cut_before(std::string_view line, bool first_line) {
    const bool safe = open_ == Open::Nothing && previous_blank_ && last_content_plain_ &&
                      !line.empty() && is_ascii_letter(line[0]);
    const bool was_clear = open_ == Open::Nothing;
    read(line, first_line);
    if (!is_blank_line(line))
      last_content_plain_ = was_clear && open_ == Open::Nothing && is_ascii_letter(line[0]);
    previous_blank_ = is_blank_line(line);
    return safe;
  }

 private:
  void read(std::string_view line, bool first_line) {
    switch (open_) {
      case Open::Fence:
        if (closes_fence(line)) open_ = Open::Nothing;
        return;
      case Open::HtmlUntilMarker:
        if (has_marker(lower(line))) open_ = Open::Nothing;
        return;
      case Open::FrontMatter:
        if (line.starts_with("---") || line.starts_with("...") || line.starts_with("+++"))
          open_ = Open::Nothing;
        return;
      case Open::Nothing:
        break;
    }
    if (first_line && (line.starts_with("---") || line.starts_with("+++"))) {
      open_ = Open::FrontMatter;
      return;
    }
    const std::string_view rest = after_indent(line, true);
    if (opens_fence(rest)) return;
    if (!rest.empty() && rest[0] == '<') opens_html(rest);
  }

  bool opens_fence(std::string_view rest) {
    if (rest.empty() || (rest[0] != '`' && rest[0] != '~')) return false;
    std::size_t run = 0;
    while (run < rest.size() && rest[run] == rest[0]) ++run;
    if (run < 3) return false;
    if (rest[0] == '`' && rest.find('`', run) != std::string_view::npos) return false;
    open_ = Open::Fence;
    fence_char_ = rest[0];
    fence_length_ = run;
    return true;
  }

  // Only spaces before a closing fence (a tab could make it indented code: not a close).
  bool closes_fence(std::string_view line) const {
    const std::string_view rest = after_indent(line, false);
    std::size_t run = 0;
    while (run < rest.size() && rest[run] == fence_char_) ++run;
    return run >= fence_length_ && is_blank_line(rest.substr(run));
  }

  // HTML blocks of types 1 to 5 end at a marker, which may be on the same line. Types 6 and 7
  // end at a blank line, so they need no tracking.
  void opens_html(std::string_view rest) {
    const std::string text = lower(rest);
    markers_.clear();
    std::size_t opener = 1;  // the marker is looked for after the opening characters
    if (text.starts_with("<!--"))
      markers_ = {"-->"}, opener = 4;
    else if (text.starts_with("<?"))
      markers_ = {"?>"}, opener = 2;
    else if (text.starts_with("<![cdata["))
      markers_ = {"]]>"}, opener = 9;
    else if (text.starts_with("<!") && text.size() > 2 && is_ascii_letter(text[2]))
      markers_ = {">"}, opener = 3;
    else
      for (std::string_view tag : {"script", "pre", "style", "textarea"})
        if (std::string_view(text).substr(1).starts_with(tag))  // "<prefix" too: careful
          markers_ = {"</script>", "</pre>", "</style>", "</textarea>"};
    if (markers_.empty()) return;
    open_ = Open::HtmlUntilMarker;
    if (has_marker(std::string_view(text).substr(opener))) open_ = Open::Nothing;
  }

  bool has_marker(std::string_view lowered) const {
    for (const std::string& m : markers_)
      if (lowered.find(m) != std::string_view::npos) return true;
    return false;
  }

  Open open_ = Open::Nothing;
  char fence_char_ = '`';
  std::size_t fence_length_ = 0;
  std::vector<std::string> markers_;  // any one ends an open HTML block
  bool previous_blank_ = false;
  bool last_content_plain_ = false;
};

}  // namespace

std::vector<MarkdownPiece> cut_markdown(std::string_view text, std::size_t count) {
  std::vector<MarkdownPiece> pieces{{0, text.size(), 0}};
  if (count <= 1) return pieces;
  Scanner scanner;
  std::uint32_t row = 0;
  for (std::size_t begin = 0; begin < text.size(); ++row) {
    const std::size_t newline = text.find('\n', begin);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    const bool safe = scanner.cut_before(text.substr(begin, end - begin), begin == 0);
    const std::size_t next_ideal = text.size() * pieces.size() / count;
    if (safe && begin >= next_ideal && pieces.size() < count) {
      pieces.back().end = begin;
      pieces.push_back({begin, text.size(), row});
    }
    begin = end + 1;
  }
  return pieces;
}

}  // namespace sayso
