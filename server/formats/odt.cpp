// ODT front end (libzip + pugixml): content.xml's office:text in order. text:h is a heading at its
// outline level, text:p a paragraph, a list item's paragraphs are list items and a table cell's
// are table cells. Spaces (text:s), tabs and line breaks are kept; runs of white space in the
// character data collapse to one space, as ODF says. A text:p in the Title paragraph style (by
// name, or a style based on it through style:parent-style-name, in styles.xml or the automatic
// styles) is the title, read as a heading at level 1 as DOCX's Title style is; a text:p whose
// style has a default outline level is a heading at that level. Footnotes and endnotes (text:note)
// count as text of the paragraph that cites them, after its own text, on lines of their own:
// funders count them in word limits, as Word's word count and the LaTeX reader do. Annotations,
// frames, the table of contents and the tracked-changes log (which holds deleted text) are left
// out.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "formats/extracted_text.h"
#include "formats/format.h"
#include "formats/office_package.h"

namespace sayso {
namespace {

const std::string kFormat = "ODT";
constexpr int kMaxRepeatedSpaces = 100;
// More notes than this in one paragraph are not read (a real paragraph cites a few).
constexpr std::size_t kMaxNotesPerParagraph = 256;

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  return {};
}

// An attribute by local name.
std::string_view attribute(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view full = a.name();
    const std::size_t colon = full.find(':');
    if ((colon == std::string_view::npos ? full : full.substr(colon + 1)) == name) return a.value();
  }
  return {};
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The paragraph styles of styles.xml (office:styles) and content.xml (office:styles and
// office:automatic-styles), by style:name.
class OdtStyles {
 public:
  // office:document-styles or office:document-content; a later style of the same name wins.
  void read(const pugi::xml_node& root) {
    for (pugi::xml_node group = root.first_child(); group; group = group.next_sibling()) {
      const std::string_view name = local_name(group);
      if (name != "styles" && name != "automatic-styles") continue;
      for (pugi::xml_node s = group.first_child(); s; s = s.next_sibling()) {
        if (local_name(s) != "style" || attribute(s, "family") != "paragraph") continue;
        const std::string_view style_name = attribute(s, "name");
        if (style_name.empty()) continue;
        Style style;
        style.parent = attribute(s, "parent-style-name");
        style.display_name = attribute(s, "display-name");
        style.outline_level = std::atoi(std::string(attribute(s, "default-outline-level")).c_str());
        styles_[std::string(style_name)] = std::move(style);
      }
    }
  }

  // The heading level a paragraph in this style has: 1 for the Title style and those based on
  // it, the default outline level of the style or the nearest it is based on, or 0.
  int heading_level(std::string_view name) const {
    for (int hops = 0; hops < kMaxHops && !name.empty(); ++hops) {
      if (equals_ignoring_case(name, "Title")) return 1;
      const auto it = styles_.find(name);
      if (it == styles_.end()) break;
      const Style& style = it->second;
      if (equals_ignoring_case(style.display_name, "Title")) return 1;
      if (style.outline_level > 0) return std::clamp(style.outline_level, 1, 6);
      name = style.parent;
    }
    return 0;
  }

 private:
  static constexpr int kMaxHops = 16;  // a chain of parents this long is a loop
  struct Style {
    std::string parent, display_name;
    int outline_level = 0;
  };
  std::map<std::string, Style, std::less<>> styles_;
};

class OdtReader {
 public:
  OdtReader(const OdtStyles& styles, ExtractedText& out) : styles_(styles), out_(out) {}

  // office:text, a section, a list item, a table cell: anything holding paragraphs.
  void read_blocks(const pugi::xml_node& parent, BlockKind kind) {
    for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
      const std::string_view name = local_name(node);
      if (name == "h")
        read_paragraph(node, BlockKind::Heading, heading_level(node));
      else if (name == "p") {
        const int level = styles_.heading_level(attribute(node, "style-name"));
        read_paragraph(node, level > 0 ? BlockKind::Heading : kind, level);
      } else if (name == "list")
        read_list(node);
      else if (name == "table")
        read_table(node);
      else if (name == "section" || name == "deletion-free-region" || name == "index-body" ||
               name == "change-region")
        read_blocks(node, kind);
    }
  }

 private:
  static int heading_level(const pugi::xml_node& heading) {
    const int level = std::atoi(std::string(attribute(heading, "outline-level")).c_str());
    return std::clamp(level, 1, 6);
  }

  void read_list(const pugi::xml_node& list) {
    for (pugi::xml_node item = list.first_child(); item; item = item.next_sibling()) {
      const std::string_view name = local_name(item);
      if (name == "list-item" || name == "list-header") read_blocks(item, BlockKind::ListItem);
    }
  }

  void read_table(const pugi::xml_node& table) {
    for (pugi::xml_node node = table.first_child(); node; node = node.next_sibling()) {
      const std::string_view name = local_name(node);
      if (name == "table-row") {
        for (pugi::xml_node cell = node.first_child(); cell; cell = cell.next_sibling())
          if (local_name(cell) == "table-cell") read_blocks(cell, BlockKind::TableCell);
      } else if (name == "table-header-rows" || name == "table-rows" || name == "table-row-group") {
        read_table(node);
      }
    }
  }

  void read_paragraph(const pugi::xml_node& paragraph, BlockKind kind, int level) {
    out_.begin_block(kind, level);
    std::vector<pugi::xml_node> notes;
    notes_.swap(notes);  // a note's own paragraphs collect none for this one
    read_inline(paragraph);
    notes_.swap(notes);
    for (const pugi::xml_node& note : notes) read_note(note);
    out_.end_block();
  }

  // A note's paragraphs (its body; the citation mark is left out), each on a line of its own.
  void read_note(const pugi::xml_node& note) {
    const pugi::xml_node body = child(note, "note-body");
    for (pugi::xml_node p = body.first_child(); p; p = p.next_sibling()) {
      const std::string_view name = local_name(p);
      if (name != "p" && name != "h") continue;
      out_.line_break();
      read_inline(p);
    }
  }

  void read_inline(const pugi::xml_node& parent) {
    for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
      if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
        append_collapsed(node.value());
        continue;
      }
      if (node.type() != pugi::node_element) continue;
      const std::string_view name = local_name(node);
      if (name == "span" || name == "a" || name == "meta" || name == "ruby-base" ||
          name == "text-input" || name == "date" || name == "time" || name == "page-number")
        read_inline(node);
      else if (name == "ruby")
        read_inline(child(node, "ruby-base"));
      else if (name == "s")
        append_spaces(node);
      else if (name == "tab")
        out_.append(" ");
      else if (name == "line-break")
        out_.line_break();
      else if (name == "note" && notes_.size() < kMaxNotesPerParagraph)
        notes_.push_back(node);
    }
  }

  // Character data: any run of white space is one space.
  void append_collapsed(std::string_view text) {
    std::string collapsed;
    collapsed.reserve(text.size());
    bool space = out_.last_byte() == ' ';
    for (char c : text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (!space) collapsed += ' ';
        space = true;
      } else {
        collapsed += c;
        space = false;
      }
    }
    out_.append(collapsed);
  }

  void append_spaces(const pugi::xml_node& spaces) {
    const std::string_view count = attribute(spaces, "c");
    const int n = count.empty() ? 1 : std::atoi(std::string(count).c_str());
    out_.append(std::string(static_cast<std::size_t>(std::clamp(n, 1, kMaxRepeatedSpaces)), ' '));
  }

  const OdtStyles& styles_;
  ExtractedText& out_;
  std::vector<pugi::xml_node> notes_;  // cited in the paragraph being read
};

// ODF keeps a password-protected document's parts encrypted in the zip, and says so in the
// manifest: each encrypted part's manifest:file-entry has a manifest:encryption-data child. A
// manifest that cannot be read does not stop the text being read.
bool has_encrypted_parts(const ZipPackage& package) {
  const std::string part = "META-INF/manifest.xml";
  const std::optional<std::string> manifest = package.read(part);
  if (!manifest) return false;
  try {
    const pugi::xml_document xml = parse_package_xml(*manifest, kFormat, part);
    for (pugi::xml_node entry = xml.document_element().first_child(); entry;
         entry = entry.next_sibling())
      if (local_name(entry) == "file-entry" && child(entry, "encryption-data")) return true;
  } catch (const UnreadableFile&) {
  }
  return false;
}

}  // namespace

void read_odt(Document& doc, std::string_view file) {
  const ZipPackage package(file, kFormat);
  if (const std::optional<std::string> mimetype = package.read("mimetype")) {
    if (mimetype->starts_with("application/vnd.oasis.opendocument.") &&
        !mimetype->starts_with("application/vnd.oasis.opendocument.text"))
      throw UnreadableFile("the ODT file is not a text document (" + *mimetype + ")");
  }
  if (has_encrypted_parts(package)) throw UnreadableFile(password_protected_problem(kFormat));
  const std::optional<std::string> content = package.read("content.xml");
  if (!content) throw UnreadableFile("the ODT file has no document text (content.xml is missing)");
  const pugi::xml_document xml = parse_package_xml(*content, kFormat, "content.xml");
  OdtStyles styles;
  if (const std::optional<std::string> styles_xml = package.read("styles.xml")) {
    try {  // a styles part that cannot be parsed only loses the title; the text is still read
      styles.read(parse_package_xml(*styles_xml, kFormat, "styles.xml").document_element());
    } catch (const UnreadableFile&) {
    }
  }
  styles.read(xml.document_element());
  const pugi::xml_node text = child(child(xml.document_element(), "body"), "text");
  if (!text) throw UnreadableFile("the ODT file's content.xml has no text body (office:text)");
  ExtractedText out;
  OdtReader(styles, out).read_blocks(text, BlockKind::Paragraph);
  out.finish(doc);
}

}  // namespace sayso
