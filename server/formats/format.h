// Front ends: each turns decoded bytes into a Document's prose mask and blocks (one file per
// format).
#pragma once
#include <string>
#include <string_view>

#include "core/document.h"
#include "core/sections.h"

namespace sayso {

// Markdown through the Tree-sitter block and inline grammars. Fills doc.prose and doc.blocks
// (headings included, with heading_level and the heading's text range as the block range).
void read_markdown(Document& doc);

// Plain text (and form exports): paragraphs split at blank lines; a line on its own that is a
// known heading alias (any case, optional trailing colon) or written in capitals is a heading.
void read_plaintext(Document& doc, const SectionClassifier& classifier);

// "markdown", "text", or a known-but-unsupported format name ("latex", "docx", "pdf", "html",
// "odt"), or "" for an unknown extension. Decided by extension only.
std::string format_for_path(std::string_view path);

// True for extensions that directory walks pick up.
bool is_known_extension(std::string_view path);

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
