// DOCX front end (libzip + pugixml): the main document part's paragraphs in order. Headings come
// from paragraph styles ("heading 1".."heading 9", "Title", by name through styles.xml, or
// Heading1.. by id) and outline levels; numbered paragraphs are list items; each paragraph of a
// table cell is a table cell block. Tracked deletions (w:del, w:moveFrom) are left out, insertions
// kept. Footnotes and endnotes count as text of the paragraph that cites them, after its own text,
// on lines of their own: funders count them in word limits, as Word's word count and the LaTeX
// reader do. Drawings, text boxes, math, field codes and comments are not read.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "formats/extracted_text.h"
#include "formats/format.h"
#include "formats/office_package.h"

namespace sayso {
namespace {

const std::string kFormat = "DOCX";

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// 1..9 from a name like "heading 3" (style names) or "Heading3" (style ids); 0 otherwise.
int heading_number(std::string_view name) {
  if (name.size() < 8 || !equals_ignoring_case(name.substr(0, 7), "heading")) return 0;
  std::string_view rest = name.substr(7);
  if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.size() != 1 || rest[0] < '1' || rest[0] > '9') return 0;
  return rest[0] - '0';
}

// A child element by local name.
pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  return {};
}

// The w:val attribute (by local name, whatever the prefix).
std::string_view value_of(const pugi::xml_node& node) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view name = a.name();
    if (name == "val" || (name.size() > 4 && name.substr(name.size() - 4) == ":val"))
      return a.value();
  }
  return {};
}

// 1..9 from <w:outlineLvl w:val="0..8"/> in paragraph properties, -1 when absent, 0 for body text.
int outline_level(const pugi::xml_node& properties) {
  const pugi::xml_node level = child(properties, "outlineLvl");
  if (!level) return -1;
  const std::string_view v = value_of(level);
  if (v.size() == 1 && v[0] >= '0' && v[0] <= '8') return v[0] - '0' + 1;
  return 0;
}

// Numbered (a list item): <w:numPr> with a numId other than 0.
int numbering(const pugi::xml_node& properties) {
  const pugi::xml_node num = child(properties, "numPr");
  if (!num) return -1;
  const pugi::xml_node id = child(num, "numId");
  return (id && value_of(id) == "0") ? 0 : 1;
}

struct Style {
  int heading_level = -1;  // -1: not said by this style (ask the one it is based on)
  int numbered = -1;
  std::string based_on;
};

class Styles {
 public:
  void read(const pugi::xml_document& xml) {
    const pugi::xml_node root = xml.document_element();
    for (pugi::xml_node s = root.first_child(); s; s = s.next_sibling()) {
      if (local_name(s) != "style") continue;
      std::string id;
      for (pugi::xml_attribute a = s.first_attribute(); a; a = a.next_attribute())
        if (std::string_view(a.name()).ends_with("styleId")) id = a.value();
      if (id.empty()) continue;
      Style style;
      const std::string_view name = value_of(child(s, "name"));
      if (const int n = heading_number(name))
        style.heading_level = n;
      else if (equals_ignoring_case(name, "title"))
        style.heading_level = 1;
      const pugi::xml_node properties = child(s, "pPr");
      if (style.heading_level < 0) style.heading_level = outline_level(properties);
      style.numbered = numbering(properties);
      style.based_on = std::string(value_of(child(s, "basedOn")));
      styles_[id] = std::move(style);
    }
  }

  // The heading level a paragraph style gives (0 for none), following basedOn.
  int heading_level(std::string_view id) const {
    for (int hops = 0; hops < 16 && !id.empty(); ++hops) {
      const auto it = styles_.find(std::string(id));
      if (it == styles_.end()) break;
      if (it->second.heading_level >= 0) return it->second.heading_level;
      id = it->second.based_on;
    }
    // No styles part, or an unknown id: Word's built-in ids.
    if (const int n = heading_number(id)) return n;
    return equals_ignoring_case(id, "title") ? 1 : 0;
  }

  bool numbered(std::string_view id) const {
    for (int hops = 0; hops < 16 && !id.empty(); ++hops) {
      const auto it = styles_.find(std::string(id));
      if (it == styles_.end()) break;
      if (it->second.numbered >= 0) return it->second.numbered == 1;
      id = it->second.based_on;
    }
    return false;
  }

 private:
  std::map<std::string, Style, std::less<>> styles_;
};

// The notes of a notes part (footnotes.xml, endnotes.xml) by id: each a <w:footnote> or
// <w:endnote> holding paragraphs. The separator "notes" Word keeps there are never cited.
class Notes {
 public:
  void read(const pugi::xml_node& root) {
    for (pugi::xml_node note = root.first_child(); note; note = note.next_sibling()) {
      std::string id;
      for (pugi::xml_attribute a = note.first_attribute(); a; a = a.next_attribute()) {
        const std::string_view name = a.name();
        if (name == "id" || name.ends_with(":id")) id = a.value();
      }
      if (!id.empty()) notes_.emplace(std::move(id), note);
    }
  }
  pugi::xml_node find(std::string_view id) const {
    const auto it = notes_.find(id);
    return it == notes_.end() ? pugi::xml_node() : it->second;
  }

 private:
  std::map<std::string, pugi::xml_node, std::less<>> notes_;
};

// More notes than this in one paragraph are not read (a real paragraph cites a few).
constexpr std::size_t kMaxNotesPerParagraph = 256;

class DocxReader {
 public:
  DocxReader(const Styles& styles, const Notes& footnotes, const Notes& endnotes,
             ExtractedText& out)
      : styles_(styles), footnotes_(footnotes), endnotes_(endnotes), out_(out) {}

  // The body, or any element holding paragraphs and tables (a content control, custom XML).
  void read_blocks(const pugi::xml_node& parent, BlockKind kind) {
    for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
      const std::string_view name = local_name(node);
      if (name == "p")
        read_paragraph(node, kind);
      else if (name == "tbl")
        read_table(node);
      else if (name == "sdt")
        read_blocks(child(node, "sdtContent"), kind);
      else if (name == "customXml" || name == "ins" || name == "moveTo")
        read_blocks(node, kind);
    }
  }

 private:
  void read_table(const pugi::xml_node& table) {
    for (pugi::xml_node row = table.first_child(); row; row = row.next_sibling()) {
      const std::string_view name = local_name(row);
      if (name == "tr")
        read_row(row);
      else if (name == "sdt" || name == "customXml")
        read_table(child(row, "sdtContent") ? child(row, "sdtContent") : row);
    }
  }

  void read_row(const pugi::xml_node& row) {
    for (pugi::xml_node cell = row.first_child(); cell; cell = cell.next_sibling()) {
      const std::string_view name = local_name(cell);
      if (name == "tc")
        read_blocks(cell, BlockKind::TableCell);
      else if (name == "sdt")
        read_row(child(cell, "sdtContent"));
      else if (name == "customXml")
        read_row(cell);
    }
  }

  void read_paragraph(const pugi::xml_node& paragraph, BlockKind kind) {
    const pugi::xml_node properties = child(paragraph, "pPr");
    const std::string_view style = value_of(child(properties, "pStyle"));
    int level = outline_level(properties);
    if (level < 0) level = styles_.heading_level(style);
    const int numbered = numbering(properties);
    if (level > 0)
      kind = BlockKind::Heading;
    else if (numbered == 1 || (numbered < 0 && styles_.numbered(style)))
      kind = BlockKind::ListItem;
    out_.begin_block(kind, level);
    std::vector<pugi::xml_node> cited;
    cited_.swap(cited);  // a note's own paragraphs cite none for this one
    read_runs(paragraph);
    cited_.swap(cited);
    for (const pugi::xml_node& note : cited) read_note(note);
    out_.end_block();
  }

  // A note's paragraphs, each on a line of its own (the note's number, w:footnoteRef, has no text).
  void read_note(const pugi::xml_node& note) {
    for (pugi::xml_node p = note.first_child(); p; p = p.next_sibling()) {
      if (local_name(p) != "p") continue;
      out_.line_break();
      read_runs(p);
    }
  }

  // Runs and the elements that wrap them. Deleted and moved-away text is left out.
  void read_runs(const pugi::xml_node& parent) {
    for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
      const std::string_view name = local_name(node);
      if (name == "r")
        read_run(node);
      else if (name == "ins" || name == "moveTo" || name == "hyperlink" || name == "smartTag" ||
               name == "customXml" || name == "fldSimple" || name == "dir" || name == "bdo")
        read_runs(node);
      else if (name == "sdt")
        read_runs(child(node, "sdtContent"));
    }
  }

  void read_run(const pugi::xml_node& run) {
    for (pugi::xml_node node = run.first_child(); node; node = node.next_sibling()) {
      const std::string_view name = local_name(node);
      if (name == "t")
        out_.append(node.text().get());
      else if (name == "tab" || name == "ptab")
        out_.append(" ");
      else if (name == "br" || name == "cr")
        out_.line_break();
      else if (name == "noBreakHyphen")
        out_.append("-");
      else if ((name == "footnoteReference" || name == "endnoteReference") &&
               cited_.size() < kMaxNotesPerParagraph)
        if (const pugi::xml_node note =
                (name == "footnoteReference" ? footnotes_ : endnotes_).find(id_of(node)))
          cited_.push_back(note);
    }
  }

  static std::string_view id_of(const pugi::xml_node& node) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
      const std::string_view name = a.name();
      if (name == "id" || name.ends_with(":id")) return a.value();
    }
    return {};
  }

  const Styles& styles_;
  const Notes& footnotes_;
  const Notes& endnotes_;
  ExtractedText& out_;
  std::vector<pugi::xml_node> cited_;  // notes cited in the paragraph being read
};

// The main document part named by the package relationships (word/document.xml as a rule).
std::string main_part_name(const ZipPackage& package) {
  const std::string fallback = "word/document.xml";
  const std::optional<std::string> rels = package.read("_rels/.rels");
  if (!rels) return fallback;
  const pugi::xml_document xml = parse_package_xml(*rels, kFormat, "_rels/.rels");
  for (pugi::xml_node r = xml.document_element().first_child(); r; r = r.next_sibling()) {
    if (!std::string_view(r.attribute("Type").value()).ends_with("/officeDocument")) continue;
    std::string target = r.attribute("Target").value();
    while (!target.empty() && target.front() == '/') target.erase(0, 1);
    if (!target.empty()) return target;
  }
  return fallback;
}

// "word/document.xml" → "word/styles.xml" (the styles and notes parts sit beside the main part).
std::string part_beside(const std::string& main_part, const std::string& name) {
  const std::size_t slash = main_part.rfind('/');
  return (slash == std::string::npos ? "" : main_part.substr(0, slash + 1)) + name;
}

// Reads a notes part if the package has one; `xml` keeps the nodes `notes` points at.
void read_notes(const ZipPackage& package, const std::string& part, pugi::xml_document& xml,
                Notes& notes) {
  const std::optional<std::string> text = package.read(part);
  if (!text) return;
  xml = parse_package_xml(*text, kFormat, part);
  notes.read(xml.document_element());
}

}  // namespace

void read_docx(Document& doc, std::string_view file) {
  const ZipPackage package(file, kFormat);
  const std::string main_part = main_part_name(package);
  const std::optional<std::string> main_xml = package.read(main_part);
  if (!main_xml)
    throw UnreadableFile("the DOCX file has no document text (" + main_part + " is missing)");
  Styles styles;
  const std::string styles_part = part_beside(main_part, "styles.xml");
  if (const std::optional<std::string> styles_xml = package.read(styles_part))
    styles.read(parse_package_xml(*styles_xml, kFormat, styles_part));
  pugi::xml_document footnotes_xml, endnotes_xml;
  Notes footnotes, endnotes;
  read_notes(package, part_beside(main_part, "footnotes.xml"), footnotes_xml, footnotes);
  read_notes(package, part_beside(main_part, "endnotes.xml"), endnotes_xml, endnotes);
  const pugi::xml_document xml = parse_package_xml(*main_xml, kFormat, main_part);
  const pugi::xml_node body = child(xml.document_element(), "body");
  if (!body) throw UnreadableFile("the DOCX file's " + main_part + " has no document body");
  ExtractedText out;
  DocxReader(styles, footnotes, endnotes, out).read_blocks(body, BlockKind::Paragraph);
  out.finish(doc);
}

}  // namespace sayso
