// The document model every front end produces and every rule reads.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/positions.h"
#include "core/source.h"

namespace sayso {

enum class BlockKind { Heading, Paragraph, ListItem, Quote, TableCell };

// A unit of prose: a paragraph, list item, table cell or heading. Sentences never cross blocks.
struct Block {
  BlockKind kind = BlockKind::Paragraph;
  std::size_t begin = 0;  // byte range in the source
  std::size_t end = 0;
  int heading_level = 0;  // 1..6 for headings
  // A line read as a heading because it names a section ("Patient and public involvement" on
  // its own): its level is guessed, not the writer's.
  bool named_line = false;
};

struct Section {
  std::string kind;   // canonical kind, e.g. "plain-english-summary"; "document" before any heading
  std::string title;  // heading text, empty for the document scope
  int level = 0;      // heading level, 0 for the document scope
  bool level_guessed = false;  // the heading is a line that names a section (Block::named_line)
  std::size_t heading_begin = 0, heading_end = 0;  // the heading's text (empty range if none)
  std::size_t begin = 0, end = 0;                  // whole section including the heading
  // The unit it belongs to: a section and the subsections of its kind right after it
  // (core/sections.h, unit_head), as indexes into Document::sections.
  std::size_t unit_first = 0, unit_last = 0;
  // The section whose heading encloses it (a lower heading level before it), or kNoParent.
  static constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);
  std::size_t parent = kNoParent;
  // Kinds the other parts of a joined heading name: "Aims and methods" is aims, and methods too
  // (a funder's list of required sections counts both).
  std::vector<std::string> also_kinds;
  bool has_heading() const { return heading_end > heading_begin; }
};

struct Token {
  std::uint32_t begin = 0, end = 0;  // byte range in the source
  std::string lower;  // case-folded, with typographic apostrophes and dashes normalised
  bool is_number = false;
  bool all_caps = false;     // 2+ letters, no lower case
  bool capitalised = false;  // first letter upper case
};

// A paragraph led by a section's name, "Patient and public involvement: we will…" inside a
// plain-English summary: a part about that kind within a section of another kind. Rules that
// judge words in that kind of section judge it too; rules that judge a section whole do not.
struct LabelledPassage {
  std::string kind;                // canonical section kind of the label
  std::size_t begin = 0, end = 0;  // the text after the label, to the end of the paragraph
};

struct Sentence {
  std::size_t begin = 0, end = 0;                 // byte range (trimmed)
  std::uint32_t first_token = 0, last_token = 0;  // [first, last) into Document::tokens
  std::uint32_t block = 0;
};

struct Document {
  std::string path;    // as given by the user ("-" or --stdin-filename for stdin)
  std::string format;  // "markdown", "text", ...
  SourceText source;
  LineIndex lines;  // over source.bytes
  // Same length as source.bytes: prose bytes as they are, every other byte (markup, code, URLs,
  // comments, front matter, link targets) replaced by a space; line breaks are kept.
  std::string prose;
  std::vector<Block> blocks;              // prose blocks in document order, not overlapping
  std::vector<Section> sections;          // in order; together they cover the document
  std::vector<LabelledPassage> passages;  // in order; set with the sections
  std::vector<Token> tokens;              // filled by segmentation
  std::vector<Sentence> sentences;        // filled by segmentation
  // Problems found while reading (invalid UTF-8, etc.), reported as diagnostics by the engine.
  struct ReadIssue {
    std::size_t begin, end;
    std::string message;
  };
  std::vector<ReadIssue> read_issues;
  // Paged formats (PDF) only: the byte offset in source.bytes (the extracted text) where each page
  // begins, ascending, the first one 0. Empty for formats without pages.
  std::vector<std::size_t> page_starts;
  // The 1-based page that holds the byte, or 0 when the format has no pages.
  std::size_t page_at(std::size_t byte) const {
    const auto after = std::upper_bound(page_starts.begin(), page_starts.end(), byte);
    return static_cast<std::size_t>(after - page_starts.begin());
  }

  // Index of the section that contains the byte (sections cover the whole document).
  std::size_t section_at(std::size_t byte) const;
  std::size_t word_count(std::size_t begin, std::size_t end) const;  // tokens inside the range
  // Rebuilds `lines` over this document's own source.bytes. LineIndex keeps a view of the bytes,
  // so a copied Document (or a moved one whose bytes fit in the small-string buffer) must call
  // this before its positions are used; load_document calls it before returning.
  void rebuild_index();
};

}  // namespace sayso
