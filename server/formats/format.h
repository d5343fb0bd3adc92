// Front ends: each turns decoded bytes into a Document's prose mask and blocks (one file per
// format).
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/document.h"
#include "core/sections.h"

namespace sayso {

// Markdown through the Tree-sitter block and inline grammars. Fills doc.prose and doc.blocks
// (headings included, with heading_level and the heading's text range as the block range).
// A large text is cut into pieces (of at least 16 KB, one per core) that the block grammar
// parses on several threads, with the same result as one parse (see markdown_pieces.h).
void read_markdown(Document& doc);
// The same, cut into at most `pieces` pieces of any size (tests cut small texts too).
void read_markdown_in_pieces(Document& doc, std::size_t pieces);

// Plain text (and form exports): paragraphs split at blank lines; a line on its own that is a
// known heading alias (any case, optional trailing colon) or written in capitals is a heading.
void read_plaintext(Document& doc, const SectionClassifier& classifier);

// A file that cannot be read as its format claims (a corrupt zip, an encrypted PDF, ...). The
// message is said to the user as it is: a short plain sentence, no "error:" prefix.
class UnreadableFile : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Binary formats. Each turns the file's bytes into extracted text in doc.source (UTF-8, a block
// per paragraph, a blank line between blocks, headings as their own blocks), with doc.prose and
// doc.blocks built from the structure read. Throw UnreadableFile.
void read_docx(Document& doc, std::string_view file);  // libzip + pugixml
void read_odt(Document& doc, std::string_view file);   // libzip + pugixml
// PDF through poppler-cpp; headings recovered from font sizes and layout, and from known section
// names. Also fills doc.page_starts.
void read_pdf(Document& doc, std::string_view file, const SectionClassifier& classifier);

// Text formats over doc.source as decoded: tags (HTML) and commands, math, comments (LaTeX) are
// blanked in doc.prose, so positions point into the real file.
void read_html(Document& doc);
void read_latex(Document& doc);

// "markdown", "text", "latex", "html", "docx", "odt", "pdf", or a form export read only by batch
// ("csv", "jsonl"), or "" for an unknown extension. Decided by extension only.
std::string format_for_path(std::string_view path);

// True for extensions that directory walks pick up (`sayso check` and `sayso batch` alike): the
// documents sayso reads, and the word-processor files it cannot read (.doc, .rtf, ...), which
// are reported as unreadable with what to do rather than passed over unseen.
bool is_known_extension(std::string_view path);

// True when a line is a Markdown ATX heading: up to 3 spaces, 1 to 6 '#', a space or tab, then
// text ("# Methods"). What tells a pasted text written in Markdown from plain text.
bool has_markdown_heading(std::string_view text);

// Office formats sayso cannot read as a document (.doc, .rtf, .xlsx, .pptx, ...): a file with one
// of these extensions is refused with what to do instead, never read as plain text.
bool is_unsupported_document(std::string_view path);
// The word-processor ones among them (.doc, .rtf, ...): in a folder of submissions these are
// submissions sayso cannot read, where a spreadsheet or slides are more likely papers beside them.
bool is_unsupported_word_processor_file(std::string_view path);
// The refusal: "unsupported format (.doc): ..." with how to make a file sayso reads.
std::string unsupported_reason(std::string_view path);

struct LoadOptions {
  std::string headless_kind = "document";  // kind of a document with no headings
  std::string format;                      // force a format ("markdown"/"text"); empty = by path
};

struct LoadResult {
  bool ok = false;
  std::string error;  // why the file could not be read as a document
  Document doc;
};

// decode → binary check → front end → sections → segmentation.
LoadResult load_document(std::string path, std::string bytes, const SectionClassifier& classifier,
                         const LoadOptions& options);

}  // namespace sayso
