// Markdown front end: the Tree-sitter block grammar finds the structure, the inline grammar (run
// once per inline node, which keeps it linear) finds code spans, links, emphasis and HTML.
// The prose mask starts all blank; the text of inline nodes is copied in, and then inline markup
// is blanked again. Anything the grammars don't call inline text (markers, code blocks, HTML
// blocks, front matter, link reference definitions, table pipes) therefore stays blank.
#include <tree_sitter/api.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/parallel.h"
#include "formats/format.h"
#include "formats/html_entities.h"
#include "formats/markdown_guard.h"
#include "formats/markdown_pieces.h"
#include "formats/prose_mask.h"

extern "C" const TSLanguage* tree_sitter_markdown();
extern "C" const TSLanguage* tree_sitter_markdown_inline();

namespace sayso {
namespace {

// A generous time budget per document, so that no input can hang a caller (the LSP and batch
// fronts): real documents parse at about 2 MB/s, so the budget is about six times what they
// need. A parse that runs out of time falls back to plainer handling rather than failing.
constexpr std::int64_t kBudgetMicros = 2'000'000;
constexpr std::int64_t kBudgetMicrosPerMiB = 3'000'000;

// Smaller pieces of a text are not worth a hand-over to another thread.
constexpr std::size_t kMinPieceBytes = 16 * 1024;

class Deadline {
 public:
  explicit Deadline(std::size_t text_size)
      : end_(Clock::now() +
             std::chrono::microseconds(kBudgetMicros + static_cast<std::int64_t>(text_size >> 20) *
                                                           kBudgetMicrosPerMiB)) {}
  // Microseconds left, at least 1 (0 would mean "no limit" to Tree-sitter).
  std::uint64_t micros_left() const {
    const auto left =
        std::chrono::duration_cast<std::chrono::microseconds>(end_ - Clock::now()).count();
    return left > 1 ? static_cast<std::uint64_t>(left) : 1;
  }
  bool passed() const { return Clock::now() >= end_; }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point end_;
};

class Parser {
 public:
  explicit Parser(const TSLanguage* language) : parser_(ts_parser_new()) {
    ts_parser_set_language(parser_, language);
  }
  ~Parser() { ts_parser_delete(parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  TSParser* get() const { return parser_; }

 private:
  TSParser* parser_;
};

struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

class Cursor {
 public:
  explicit Cursor(TSNode node) : cursor_(ts_tree_cursor_new(node)) {}
  ~Cursor() { ts_tree_cursor_delete(&cursor_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  TSTreeCursor* get() { return &cursor_; }
  TSNode node() const { return ts_tree_cursor_current_node(&cursor_); }

 private:
  TSTreeCursor cursor_;
};

// Parsers are costly to create; one pair per thread serves every document that thread reads.
struct Parsers {
  Parser block{tree_sitter_markdown()};
  Parser inline_{tree_sitter_markdown_inline()};
};

Parsers& parsers() {
  thread_local Parsers p;
  return p;
}

// Depth-first walk over every node under `root` without recursion (trees can be thousands of
// levels deep). `visit(node, depth)` returns whether to walk into the node's children.
template <typename Visit>
void walk(TSNode root, Visit&& visit) {
  Cursor cursor(root);
  std::size_t depth = 0;
  for (;;) {
    if (visit(cursor.node(), depth) && ts_tree_cursor_goto_first_child(cursor.get())) {
      ++depth;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(cursor.get())) {
      if (depth == 0 || !ts_tree_cursor_goto_parent(cursor.get())) return;
      --depth;
    }
  }
}

std::string_view type_of(TSNode node) { return ts_node_type(node); }

TSNode child_of_type(TSNode node, std::string_view type) {
  const std::uint32_t count = ts_node_child_count(node);
  for (std::uint32_t i = 0; i < count; ++i) {
    TSNode child = ts_node_child(node, i);
    if (type_of(child) == type) return child;
  }
  return TSNode{};
}

int heading_level_of(TSNode heading) {
  const std::uint32_t count = ts_node_child_count(heading);
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string_view type = type_of(ts_node_child(heading, i));
    if (type.size() == 13 && type.starts_with("atx_h") && type.ends_with("_marker"))
      return type[5] - '0';
    if (type == "setext_h1_underline") return 1;
    if (type == "setext_h2_underline") return 2;
  }
  return 1;
}

// Block nodes whose whole range is not prose and need not be walked into.
bool is_non_prose_block(std::string_view type) {
  return type == "fenced_code_block" || type == "indented_code_block" || type == "html_block" ||
         type == "minus_metadata" || type == "plus_metadata" ||
         type == "link_reference_definition" || type == "thematic_break" ||
         type == "pipe_table_delimiter_row";
}

// Inline nodes that are blanked whole.
bool is_non_prose_inline(std::string_view type) {
  return type == "code_span" || type == "uri_autolink" || type == "email_autolink" ||
         type == "html_tag" || type == "image" || type == "hard_line_break" ||
         type == "emphasis_delimiter" || type == "link_destination" || type == "link_title" ||
         type == "link_label";
}

// Whether a text may define link references ("[label]: destination"): any line with "]:" (a
// cheap superset). Without any, "[text]", "[text][]" and "[text][label]" are not links but
// text, as CommonMark says; reference citations like "[1]" or "[3–5]" are common in research.
bool may_define_link_references(std::string_view text) {
  return text.find("]:") != std::string_view::npos;
}

// Whether the inline grammar could find anything blank_parsed_markup acts on in these ranges:
// each such node holds one of these bytes (code spans, autolinks, HTML, escapes, entities,
// emphasis and strikethrough delimiters), "](" (inline links and images), a bracket when the
// text may define link references, or is a hard break of 2+ spaces at a line end.
bool may_hold_inline_markup(std::string_view text, const std::vector<TSRange>& ranges,
                            bool references) {
  static const auto marks = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : std::string_view("\\`<>*_~&")) table[c] = true;
    return table;
  }();
  for (const TSRange& r : ranges)
    for (std::size_t i = r.start_byte; i < r.end_byte && i < text.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (marks[c]) return true;
      if (c == '[' || c == ']') {
        if (references || (c == ']' && i + 1 < r.end_byte && text[i + 1] == '(')) return true;
      } else if ((c == '\n' || c == '\r') && i >= 2 && text[i - 1] == ' ' && text[i - 2] == ' ') {
        return true;
      }
    }
  return false;
}

bool is_reference_link(std::string_view type) {
  return type == "full_reference_link" || type == "collapsed_reference_link" ||
         type == "shortcut_link";
}

// What a run of inline text is part of: the innermost container decides.
struct Context {
  BlockKind kind = BlockKind::Paragraph;
  int heading_level = 0;
  bool atx = false;  // an ATX heading's text may end with a closing run of '#'
};

Context context_inside(TSNode node, std::string_view type, Context outer) {
  if (type == "atx_heading") return {BlockKind::Heading, heading_level_of(node), true};
  if (type == "setext_heading") return {BlockKind::Heading, heading_level_of(node), false};
  if (type == "list_item") return {BlockKind::ListItem, 0, false};
  if (type == "block_quote") return {BlockKind::Quote, 0, false};
  if (type == "pipe_table") return {BlockKind::TableCell, 0, false};
  return outer;
}

class MarkdownReader {
 public:
  // The grammars see the source from `base` on (after any BOM); `base` maps their offsets back.
  MarkdownReader(Document& doc, std::size_t base, std::size_t max_pieces)
      : doc_(doc),
        max_pieces_(max_pieces),
        base_(base),
        text_(std::string_view(doc.source.bytes).substr(base)),
        deadline_(text_.size()) {}

  void read() {
    doc_.prose = blank_copy(doc_.source.bytes);
    doc_.blocks.clear();
    // Tree-sitter offsets are 32-bit; a parse out of time gives no tree.
    if (text_.size() >= std::numeric_limits<std::uint32_t>::max() || !read_structure())
      read_without_structure();
  }

 private:
  bool read_structure() {
    references_possible_ = may_define_link_references(text_);
    inline_input_.assign(text_);
    limit_delimiter_runs(inline_input_);
    std::vector<ByteRange> altered;
    // The trees keep no pointer to their input, so the input can go when this returns.
    const std::string input = block_grammar_input(inline_input_, altered);
    std::vector<MarkdownPiece> pieces = cut_markdown(input, max_pieces_);
    std::vector<TreePtr> trees = parse_pieces(input, pieces);
    if (pieces.size() > 1 && !pieces_parsed_alone(trees)) {
      pieces = {MarkdownPiece{0, input.size(), 0}};  // as one, the sure way
      trees = parse_pieces(input, pieces);
    }
    for (const TreePtr& tree : trees)
      if (!tree) return false;
    std::vector<std::vector<Block>> blocks(pieces.size());
    run_pieces(pieces.size(), [&](std::size_t i) {
      read_piece(trees[i].get(), pieces[i], blocks[i]);
      trees[i].reset();  // freeing a large tree takes long too: on this piece's core
    });
    for (const std::vector<Block>& piece_blocks : blocks)
      doc_.blocks.insert(doc_.blocks.end(), piece_blocks.begin(), piece_blocks.end());
    for (const ByteRange& r : altered) blank(r.begin, r.end);
    return true;
  }

  std::vector<TreePtr> parse_pieces(const std::string& input,
                                    const std::vector<MarkdownPiece>& pieces) {
    std::vector<TreePtr> trees(pieces.size());
    run_pieces(pieces.size(), [&](std::size_t i) {
      trees[i] = parse_blocks(
          std::string_view(input).substr(pieces[i].begin, pieces[i].end - pieces[i].begin));
    });
    return trees;
  }

  // Whether every piece parsed as it would have in the whole text: no parse errors, and no code
  // block, HTML block or front matter open at the end of a piece but the last (in the whole text
  // it might have gone on into the next piece). Cuts are chosen so that this holds; the check
  // makes it certain.
  static bool pieces_parsed_alone(const std::vector<TreePtr>& trees) {
    for (std::size_t i = 0; i < trees.size(); ++i) {
      if (!trees[i]) return false;
      const TSNode root = ts_tree_root_node(trees[i].get());
      if (ts_node_has_error(root)) return false;
      if (i + 1 == trees.size()) break;
      for (TSNode node = root; !ts_node_is_null(node);) {
        const std::string_view type = type_of(node);
        if (type == "fenced_code_block" || type == "indented_code_block" || type == "html_block" ||
            type == "minus_metadata" || type == "plus_metadata")
          return false;
        const std::uint32_t children = ts_node_child_count(node);
        node = children ? ts_node_child(node, children - 1) : TSNode{};
      }
    }
    return true;
  }

  // The blocks of one piece, in document order. Writes only the piece's own bytes of doc_.prose
  // and inline_input_, so that pieces can be read at the same time.
  void read_piece(TSTree* tree, const MarkdownPiece& piece, std::vector<Block>& blocks) {
    std::vector<Context> contexts{Context{}};  // contexts[d]: what a node at depth d is inside
    walk(ts_tree_root_node(tree), [&](TSNode node, std::size_t depth) {
      contexts.resize(depth + 1);
      const std::string_view type = type_of(node);
      if (type == "inline" || type == "pipe_table_cell") {
        read_inline_node(node, piece, contexts[depth], blocks);
        return false;
      }
      if (is_non_prose_block(type)) return false;
      contexts.push_back(context_inside(node, type, contexts[depth]));
      return true;
    });
  }

  TreePtr parse_blocks(std::string_view input) {
    TSParser* parser = parsers().block.get();
    ts_parser_set_timeout_micros(parser, deadline_.micros_left());
    ts_parser_set_included_ranges(parser, nullptr, 0);
    TreePtr tree(ts_parser_parse_string(parser, nullptr, input.data(),
                                        static_cast<std::uint32_t>(input.size())));
    if (!tree) ts_parser_reset(parser);
    return tree;
  }

  // All text is prose, one paragraph per run of non-blank lines.
  void read_without_structure() {
    doc_.prose = doc_.source.bytes;
    blank_range(doc_.prose, 0, base_);
    doc_.blocks.clear();
    const std::string_view bytes = doc_.source.bytes;
    std::size_t paragraph_begin = bytes.size();  // none open
    std::size_t paragraph_end = 0;
    for (std::size_t line_begin = base_; line_begin < bytes.size();) {
      const std::size_t line_end = std::min(bytes.find('\n', line_begin), bytes.size());
      if (has_visible_text(bytes, line_begin, line_end)) {
        paragraph_begin = std::min(paragraph_begin, line_begin);
        paragraph_end = line_end;
      } else if (paragraph_begin < bytes.size()) {
        add_block({}, paragraph_begin, paragraph_end, doc_.blocks);
        paragraph_begin = bytes.size();
      }
      line_begin = line_end + 1;
    }
    if (paragraph_begin < bytes.size()) add_block({}, paragraph_begin, paragraph_end, doc_.blocks);
    blank_html_comments(doc_.prose, base_, bytes.size());
    blank_bare_urls(doc_.prose, base_, bytes.size());
    blank_footnote_marks(doc_.prose, doc_.source.bytes, base_, bytes.size());
  }

  // The pieces of an inline node that are its own text: its range minus its named children
  // (block continuations such as a quote's "> " on later lines). Excluding anonymous children too
  // would leave the inline grammar nothing to parse.
  // Offsets and points are those of the whole text: the piece's tree counts from its start (a
  // piece starts at column 0, so only rows move).
  static std::vector<TSRange> own_ranges(TSNode node, const MarkdownPiece& in) {
    const auto offset = static_cast<std::uint32_t>(in.begin);
    const auto shift = [&](TSPoint p) { return TSPoint{p.row + in.row, p.column}; };
    std::vector<TSRange> ranges;
    TSRange piece{shift(ts_node_start_point(node)), {}, ts_node_start_byte(node) + offset, 0};
    const std::uint32_t count = ts_node_named_child_count(node);
    for (std::uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_named_child(node, i);
      piece.end_point = shift(ts_node_start_point(child));
      piece.end_byte = ts_node_start_byte(child) + offset;
      if (piece.end_byte > piece.start_byte) ranges.push_back(piece);
      piece.start_point = shift(ts_node_end_point(child));
      piece.start_byte = ts_node_end_byte(child) + offset;
    }
    piece.end_point = shift(ts_node_end_point(node));
    piece.end_byte = ts_node_end_byte(node) + offset;
    if (piece.end_byte > piece.start_byte) ranges.push_back(piece);
    return ranges;
  }

  void read_inline_node(TSNode node, const MarkdownPiece& piece, Context context,
                        std::vector<Block>& blocks) {
    const std::vector<TSRange> ranges = own_ranges(node, piece);
    if (ranges.empty()) return;  // an empty list would mean "the whole text" to Tree-sitter
    for (const TSRange& r : ranges) copy_prose(r.start_byte, r.end_byte);
    const std::size_t begin = base_ + piece.begin + ts_node_start_byte(node);
    std::size_t end = base_ + piece.begin + ts_node_end_byte(node);
    if (context.atx) end = strip_closing_hashes(begin, end);
    blank_inline_markup(ranges);
    blank_bare_urls(doc_.prose, begin, end);
    blank_footnote_marks(doc_.prose, doc_.source.bytes, begin, end);
    add_block(context, begin, end, blocks);
  }

  void copy_prose(std::size_t begin, std::size_t end) {
    std::copy(text_.begin() + begin, text_.begin() + end, doc_.prose.begin() + base_ + begin);
  }

  // "# Title ##": a closing run of '#' after a space is not part of the heading's text.
  std::size_t strip_closing_hashes(std::size_t begin, std::size_t end) {
    const std::string_view bytes = doc_.source.bytes;
    const ByteRange text = trim_range(bytes, begin, end);
    std::size_t hashes = text.end;
    while (hashes > text.begin && bytes[hashes - 1] == '#') --hashes;
    if (hashes == text.end || (hashes > text.begin && !is_blank_byte(bytes[hashes - 1])))
      return end;
    blank_range(doc_.prose, hashes, text.end);
    return hashes;
  }

  void blank_inline_markup(const std::vector<TSRange>& ranges) {
    for (const std::vector<TSRange>& chunk : inline_chunks(inline_input_, ranges)) {
      // Most paragraphs are plain text: nothing the inline grammar would find, so no parse.
      if (!may_hold_inline_markup(inline_input_, chunk, references_possible_)) continue;
      const std::size_t begin = chunk.front().start_byte, end = chunk.back().end_byte;
      if (too_many_emphasis_delimiters(inline_input_, begin, end))
        for (const TSRange& r : chunk) disable_emphasis(inline_input_, r.start_byte, r.end_byte);
      blank_parsed_markup(chunk);
    }
    // Delimiters the guards turned into spaces or letters are markup too.
    for (const TSRange& r : ranges)
      for (std::size_t i = r.start_byte; i < r.end_byte; ++i)
        if (inline_input_[i] != text_[i]) blank(i, i + 1);
  }

  void blank_parsed_markup(const std::vector<TSRange>& ranges) {
    if (deadline_.passed()) return;  // the text stays as written: markup reads as punctuation
    TSParser* parser = parsers().inline_.get();
    ts_parser_set_timeout_micros(parser, deadline_.micros_left());
    if (!ts_parser_set_included_ranges(parser, ranges.data(),
                                       static_cast<std::uint32_t>(ranges.size())))
      return;
    const TreePtr tree(ts_parser_parse_string(parser, nullptr, inline_input_.data(),
                                              static_cast<std::uint32_t>(inline_input_.size())));
    if (!tree) {
      ts_parser_reset(parser);
      return;
    }
    walk(ts_tree_root_node(tree.get()), [&](TSNode node, std::size_t) {
      const std::string_view type = type_of(node);
      if (type == "backslash_escape") {
        blank(ts_node_start_byte(node), ts_node_start_byte(node) + 1);
        return false;
      }
      if (!references_possible_ &&
          (type == "link_label" || (type == "image" && !has_destination(node))))
        return true;  // "[text][label]" and "![text]" with no definitions are text
      if (type == "entity_reference" || type == "numeric_character_reference") {
        write_reference(node);
        return false;
      }
      if (is_non_prose_inline(type)) {
        blank_node(node);
        return false;
      }
      // Link text stays (walk on: it may hold code); a reference link is text when the document
      // defines no references.
      if (type == "inline_link" || (is_reference_link(type) && references_possible_))
        blank_link_except_text(node);
      return true;
    });
  }

  // Whether an image or link node is inline ("](…)"), not a reference to a definition.
  bool has_destination(TSNode node) const {
    const std::string_view text =
        std::string_view(inline_input_)
            .substr(ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node));
    return text.find("](") != std::string_view::npos;
  }

  // "[text](dest "title")" and "[text][label]" keep only `text`.
  void blank_link_except_text(TSNode link) {
    const TSNode text = child_of_type(link, "link_text");
    if (ts_node_is_null(text)) {
      blank_node(link);
      return;
    }
    blank(ts_node_start_byte(link), ts_node_start_byte(text));
    blank(ts_node_end_byte(text), ts_node_end_byte(link));
  }

  // "&eacute;" and "&#233;" are the character they stand for (CommonMark); one sayso does not
  // know is blank, not a word.
  void write_reference(TSNode node) {
    const std::size_t begin = ts_node_start_byte(node), end = ts_node_end_byte(node);
    std::string decoded;
    if (!reference_in_prose(text_.substr(begin, end - begin), decoded) ||
        decoded.size() != end - begin) {
      blank(begin, end);
      return;
    }
    std::copy(decoded.begin(), decoded.end(), doc_.prose.begin() + base_ + begin);
  }

  void blank_node(TSNode node) { blank(ts_node_start_byte(node), ts_node_end_byte(node)); }
  // Offsets relative to text_.
  void blank(std::size_t begin, std::size_t end) {
    blank_range(doc_.prose, base_ + begin, base_ + end);
  }

  void add_block(Context context, std::size_t begin, std::size_t end, std::vector<Block>& blocks) {
    const ByteRange range = trim_range(doc_.source.bytes, begin, end);
    if (range.empty()) return;
    if (context.kind != BlockKind::Heading && !has_visible_text(doc_.prose, range.begin, range.end))
      return;  // nothing left to lint: an image, a URL or a code span on its own
    blocks.push_back({context.kind, range.begin, range.end, context.heading_level});
  }

  Document& doc_;
  std::size_t max_pieces_;
  std::size_t base_;
  std::string_view text_;
  std::string inline_input_;         // text_ as the inline grammar sees it (see markdown_guard.h)
  bool references_possible_ = true;  // text_ may define link references (see above)
  Deadline deadline_;
};
}  // namespace

void read_markdown(Document& doc) {
  read_markdown_in_pieces(doc, pieces_for(doc.source.bytes.size(), kMinPieceBytes));
}

void read_markdown_in_pieces(Document& doc, std::size_t pieces) {
  const std::size_t base = std::min(doc.source.content_begin, doc.source.bytes.size());
  MarkdownReader reader(doc, base, pieces);
  reader.read();
  std::stable_sort(doc.blocks.begin(), doc.blocks.end(),
                   [](const Block& a, const Block& b) { return a.begin < b.begin; });
}

}  // namespace sayso
