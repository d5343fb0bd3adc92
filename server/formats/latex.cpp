// LaTeX front end through the Tree-sitter LaTeX grammar (@pfoerster/tree-sitter-latex). The
// source stays the original .tex file. Prose is the words of the text: everything else stays
// blank — commands and their arguments (except text commands such as \emph, \textbf, \footnote),
// math, comments, \cite, \ref, \label, \url, verbatim and listing environments, and the preamble
// before \begin{document}. \part … \subparagraph titles are headings; \item starts a list item;
// table cells (split at & and \\), quotes and captions are their own blocks; blank lines split
// paragraphs. Accent and letter commands ("\'e", "\c{c}", "\ss") are the letters they make.
#include <tree_sitter/api.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/normalizer2.h>

#include "core/source.h"
#include "formats/format.h"
#include "formats/prose_mask.h"

extern "C" const TSLanguage* tree_sitter_latex();

namespace sayso {
namespace {

// As for Markdown: real documents parse far faster than this; no input may hang a caller.
constexpr std::uint64_t kBudgetMicros = 2'000'000;
constexpr std::uint64_t kBudgetMicrosPerMiB = 3'000'000;

// Tree-sitter 0.20's error recovery can go round for ever when a parse ends inside an error
// (tree-sitter issue #1617): "\usepackage1{e}{\item{}$" took the whole time budget. A word after
// the end gives the recovery something to finish on. The grammar sees it; the document does not.
constexpr std::string_view kEndSentinel = "\nx";

struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};

// Commands whose argument is text the reader sees.
bool is_text_command(std::string_view name) {
  for (std::string_view command :
       {"\\emph",      "\\textbf",       "\\textit",          "\\textsl",
        "\\textsc",    "\\textup",       "\\textmd",          "\\textrm",
        "\\textsf",    "\\textnormal",   "\\underline",       "\\uline",
        "\\mbox",      "\\hbox",         "\\enquote",         "\\hl",
        "\\footnote",  "\\footnotetext", "\\textsuperscript", "\\textsubscript",
        "\\textcolor", "\\colorbox",     "\\highlight"})
    if (name == command) return true;
  return false;
}

// "\%" and the like print the character.
bool is_escaped_character(std::string_view name) {
  return name.size() == 2 && std::string_view("%&$#_{}").find(name[1]) != std::string_view::npos;
}

int section_level(std::string_view type, bool has_chapters) {
  const int shift = has_chapters ? 1 : 0;
  if (type == "part" || type == "chapter") return 1;
  if (type == "section") return 1 + shift;
  if (type == "subsection") return 2 + shift;
  if (type == "subsubsection") return 3 + shift;
  if (type == "paragraph") return 4 + shift;
  if (type == "subparagraph") return 5 + shift;
  return 0;
}

bool is_table_environment(std::string_view name) {
  for (std::string_view table : {"tabular", "tabular*", "tabularx", "tabulary", "longtable", "tabu",
                                 "supertabular", "xtabular"})
    if (name == table) return true;
  return false;
}

bool is_quote_environment(std::string_view name) {
  return name == "quote" || name == "quotation" || name == "verse";
}

// Environments with no prose in them (pictures, code, bibliographies).
bool is_blank_environment(std::string_view name) {
  for (std::string_view env :
       {"tikzpicture", "picture", "pgfpicture", "algorithmic", "algorithm", "thebibliography",
        "filecontents", "filecontents*", "comment", "verbatim", "Verbatim", "lstlisting", "minted",
        "code", "forest", "axis", "dot2tex", "gnuplot"})
    if (name == env) return true;
  return false;
}

// The combining mark an accent command puts on its letter ("\'e", "\c{c}"), or 0.
char32_t accent_mark(std::string_view name) {
  struct Accent {
    std::string_view name;
    char32_t mark;
  };
  static constexpr Accent kAccents[] = {
      {"\\`", 0x0300}, {"\\'", 0x0301}, {"\\^", 0x0302},  {"\\~", 0x0303}, {"\\=", 0x0304},
      {"\\u", 0x0306}, {"\\.", 0x0307}, {"\\\"", 0x0308}, {"\\r", 0x030A}, {"\\H", 0x030B},
      {"\\v", 0x030C}, {"\\d", 0x0323}, {"\\c", 0x0327},  {"\\k", 0x0328}, {"\\b", 0x0331}};
  for (const Accent& accent : kAccents)
    if (accent.name == name) return accent.mark;
  return 0;
}

// The letter a letter command stands for ("\ss", "\o", "\ae"), or 0.
char32_t letter_of_command(std::string_view name) {
  struct Letter {
    std::string_view name;
    char32_t letter;
  };
  static constexpr Letter kLetters[] = {
      {"\\ss", 0x00DF}, {"\\o", 0x00F8},  {"\\O", 0x00D8},  {"\\ae", 0x00E6}, {"\\AE", 0x00C6},
      {"\\oe", 0x0153}, {"\\OE", 0x0152}, {"\\aa", 0x00E5}, {"\\AA", 0x00C5}, {"\\l", 0x0142},
      {"\\L", 0x0141},  {"\\i", 0x0131},  {"\\j", 0x0237},  {"\\dh", 0x00F0}, {"\\DH", 0x00D0},
      {"\\th", 0x00FE}, {"\\TH", 0x00DE}, {"\\dj", 0x0111}, {"\\DJ", 0x0110}, {"\\ng", 0x014B},
      {"\\NG", 0x014A}};
  for (const Letter& letter : kLetters)
    if (letter.name == name) return letter.letter;
  return 0;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The letter with the accent on it, as one code point when Unicode has one ("é"), else as the
// letter and the combining mark.
std::string accented(char32_t letter, char32_t mark) {
  static const icu::Normalizer2* const nfc = [] {
    UErrorCode ec = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(ec);
    return U_SUCCESS(ec) ? n : nullptr;
  }();
  std::string out;
  const UChar32 composed =
      nfc ? nfc->composePair(static_cast<UChar32>(letter), static_cast<UChar32>(mark)) : -1;
  if (composed >= 0) {
    append_utf8(out, static_cast<char32_t>(composed));
  } else {
    append_utf8(out, letter);
    append_utf8(out, mark);
  }
  return out;
}

// The bytes that stand for `letter` (UTF-8, composed or as letter and mark) in `length` bytes of
// the prose, the rest filled with characters a word is read through, so positions stay where
// they are. Empty when no form fits: one byte left over is something no such character fills.
std::string letter_in_prose(std::string_view composed, std::string_view decomposed,
                            std::size_t length) {
  for (std::string_view form : {composed, decomposed}) {
    if (form.empty() || form.size() > length || length - form.size() == 1) continue;
    return std::string(form) + invisible_filler(length - form.size());
  }
  return {};
}

struct Region {
  std::size_t begin, end;
  BlockKind kind;
  int level;
};

class LatexReader {
 public:
  LatexReader(Document& doc)
      : doc_(doc),
        text_(doc.source.bytes),
        grammar_input_(std::string(text_) + std::string(kEndSentinel)) {}

  void read() {
    doc_.prose = blank_copy(text_);
    doc_.blocks.clear();
    std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
    ts_parser_set_language(parser.get(), tree_sitter_latex());
    ts_parser_set_timeout_micros(parser.get(),
                                 kBudgetMicros + (text_.size() >> 20) * kBudgetMicrosPerMiB);
    std::unique_ptr<TSTree, TreeDeleter> tree(
        ts_parser_parse_string(parser.get(), nullptr, grammar_input_.data(),
                               static_cast<std::uint32_t>(grammar_input_.size())));
    if (!tree) throw UnreadableFile("the LaTeX file took too long to parse");
    walk(ts_tree_root_node(tree.get()));
    build_blocks();
  }

 private:
  std::string_view node_text(TSNode node) const {
    const std::uint32_t b = ts_node_start_byte(node), e = ts_node_end_byte(node);
    return std::string_view(grammar_input_).substr(b, e - b);
  }

  // The name of a generic environment ("itemize"), from its \begin{…}.
  std::string_view environment_name(TSNode env) const {
    const TSNode begin = ts_node_child_by_field_name(env, "begin", 5);
    if (ts_node_is_null(begin)) return {};
    const TSNode name = ts_node_child_by_field_name(begin, "name", 4);
    if (ts_node_is_null(name)) return {};
    std::string_view braced = node_text(name);
    if (braced.size() >= 2 && braced.front() == '{' && braced.back() == '}')
      braced = braced.substr(1, braced.size() - 2);
    return braced;
  }

  struct Frame {
    std::string_view type;
    bool table = false;           // a tabular environment
    bool seen_content = false;    // for tables: past the column specification
    bool skip_next_word = false;  // after \verb, whose argument the grammar reads as a word
  };

  // Pre-order walk with an explicit stack (trees can be deep). Returns nothing; fills the prose,
  // regions and boundaries.
  void walk(TSNode root) {
    bool has_document = false;
    for (std::uint32_t i = 0; i < ts_node_named_child_count(root); ++i) {
      const TSNode child = ts_node_named_child(root, i);
      const std::string_view type = ts_node_type(child);
      if (type == "generic_environment" && environment_name(child) == "document")
        has_document = true;
      if (type == "chapter") has_chapters_ = true;
    }
    if (!has_chapters_) has_chapters_ = node_text(root).find("\\chapter") != std::string_view::npos;

    TSTreeCursor cursor = ts_tree_cursor_new(root);
    std::vector<Frame> frames{{"source_file", false, false, false}};
    bool descend = ts_tree_cursor_goto_first_child(&cursor);
    while (descend) {
      const TSNode node = ts_tree_cursor_current_node(&cursor);
      Frame& parent = frames.back();
      Frame frame{ts_node_type(node)};
      bool enter = false;
      if (parent.type == "source_file" && has_document && frame.type != "generic_environment")
        enter = false;  // the preamble
      else
        enter = visit(node, parent, frame);
      if (enter && ts_tree_cursor_goto_first_child(&cursor)) {
        frames.push_back(frame);
        if (frame.table) ++table_depth_;
        continue;
      }
      while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
        if (!ts_tree_cursor_goto_parent(&cursor)) {
          descend = false;
          break;
        }
        if (frames.back().table) --table_depth_;
        frames.pop_back();
      }
    }
    ts_tree_cursor_delete(&cursor);
  }

  // Handles a node entered from `parent`; true when its children are to be visited.
  bool visit(TSNode node, Frame& parent, Frame& frame) {
    const std::string_view type = frame.type;
    const std::size_t begin = ts_node_start_byte(node), end = ts_node_end_byte(node);
    if (parent.table && !parent.seen_content) {
      if (type == "curly_group" || type == "brack_group" || type == "begin") return false;
      parent.seen_content = true;
    }
    // Brackets and operators ("-", "/", "+") are tokens of their own in the grammar; in text the
    // reader sees them ("co-production", "Arm Test (ARAT)").
    if (type == "(" || type == ")" || type == "operator") {
      copy_prose(begin, end);
      return false;
    }
    if (!ts_node_is_named(node)) return false;
    if (type == "word") {
      if (parent.skip_next_word) {
        parent.skip_next_word = false;
        return false;
      }
      copy_prose(begin, end);
      return false;
    }
    if (type == "text" || type == "curly_group") return true;
    if (type == "delimiter") {
      if (table_depth_ > 0) boundaries_.push_back(begin);
      return false;
    }
    if (type == "generic_command") {
      const std::string_view name = node_text(ts_node_child_by_field_name(node, "command", 7));
      if (begin < taken_until_) return false;  // an accent's letter: "\i" in "\'\i"
      if (write_letter(node, name, begin)) return false;
      if (is_escaped_character(name)) {
        copy_prose(begin + 1, begin + 2);
      } else if (name == "\\par" || (name == "\\\\" && table_depth_ > 0)) {
        boundaries_.push_back(begin);
      } else if (name == "\\verb" || name == "\\verb*") {
        parent.skip_next_word = true;
      } else if (is_text_command(name)) {
        return true;
      }
      return false;
    }
    if (const int level = section_level(type, has_chapters_)) {
      boundaries_.push_back(begin);
      // The title is the first {…} argument.
      for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
        const TSNode child = ts_node_named_child(node, i);
        if (std::string_view(ts_node_type(child)) != "curly_group") continue;
        const std::size_t title_begin = ts_node_start_byte(child) + 1;
        const std::size_t title_end =
            std::max(title_begin, std::size_t{ts_node_end_byte(child)} - 1);
        regions_.push_back({title_begin, title_end, BlockKind::Heading, level});
        boundaries_.push_back(title_begin);
        boundaries_.push_back(title_end);
        break;
      }
      return true;
    }
    if (type == "enum_item") {
      regions_.push_back({begin, end, BlockKind::ListItem, 0});
      boundaries_.push_back(begin);
      boundaries_.push_back(end);
      return true;
    }
    if (type == "caption") {
      boundaries_.push_back(begin);
      boundaries_.push_back(end);
      return true;
    }
    if (type == "hyperlink") return true;  // \href{url}{text}: the text (the url is skipped)
    if (type == "acronym_reference") return true;
    if (type == "curly_group_text" && parent.type == "acronym_reference") return true;
    if (type == "generic_environment") {
      const std::string_view name = environment_name(node);
      boundaries_.push_back(begin);
      boundaries_.push_back(end);
      if (is_blank_environment(name)) return false;
      if (is_table_environment(name)) {
        frame.table = true;  // cells split at "&" and "\\"
        regions_.push_back({begin, end, BlockKind::TableCell, 0});
      } else if (is_quote_environment(name)) {
        regions_.push_back({begin, end, BlockKind::Quote, 0});
      }
      return true;
    }
    return false;  // math, comments, citations, references, labels, includes, definitions, …
  }

  // An accent command and its letter ("\'e", "\c{c}", "{\"u}") or a letter command ("\ss",
  // "\o{}") as the letter, in the command's bytes: "Caf\'e" is the word "Café". The letter an
  // accent takes ("e" in "\'ecole") may start the next word, which is then copied from after it.
  // False when the command is no such thing or its letter does not fit.
  bool write_letter(TSNode command, std::string_view name, std::size_t begin) {
    const std::size_t name_end = begin + name.size();
    if (name_end > text_.size()) return false;
    const TSNode arg = ts_node_child_by_field_name(command, "arg", 3);
    const bool braced = !ts_node_is_null(arg) && ts_node_start_byte(arg) == name_end;
    const bool command_word = name.size() > 1 && is_ascii_letter(name.back());
    std::size_t end = name_end;
    std::string composed, decomposed;
    if (const char32_t mark = accent_mark(name)) {
      std::size_t at = braced ? name_end + 1 : name_end;
      // "\c c": a command word's letter comes after a space ("\cc" would be another command).
      if (!braced && command_word)
        while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
      char32_t letter = 0;
      if (at < text_.size() && is_ascii_letter(text_[at])) {
        letter = static_cast<unsigned char>(text_[at]);
        at += 1;
      } else if ((text_.substr(at, 2) == "\\i" || text_.substr(at, 2) == "\\j") &&
                 !(at + 2 < text_.size() && is_ascii_letter(text_[at + 2]))) {
        letter = static_cast<unsigned char>(text_[at + 1]);  // the dotless i takes the accent
        at += 2;
      }
      if (letter == 0) return false;
      if (braced) {
        if (at + 1 != ts_node_end_byte(arg)) return false;  // "\'{ab}": not one letter
        ++at;
      }
      end = at;
      composed = accented(letter, mark);
      append_utf8(decomposed, letter);
      append_utf8(decomposed, mark);
    } else if (const char32_t letter = letter_of_command(name)) {
      if (braced) {
        if (ts_node_end_byte(arg) != name_end + 2) return false;
        end = name_end + 2;  // "\ss{}"
      } else {
        // TeX drops the spaces after a command word: "Stra\ss e" is "Straße".
        std::size_t at = name_end;
        while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
        if (at > name_end && at < text_.size() && is_ascii_letter(text_[at])) end = at;
      }
      append_utf8(composed, letter);
    } else {
      return false;
    }
    // "{\"u}" in "M{\"u}ller": the group is the letter, and the word goes on through it.
    if (begin > 0 && text_[begin - 1] == '{' && end < text_.size() && text_[end] == '}') {
      --begin;
      ++end;
    }
    if (end > text_.size()) return false;
    const std::string bytes = letter_in_prose(composed, decomposed, end - begin);
    if (bytes.empty()) return false;
    std::copy(bytes.begin(), bytes.end(), doc_.prose.begin() + static_cast<std::ptrdiff_t>(begin));
    taken_until_ = end;
    return true;
  }

  void copy_prose(std::size_t begin, std::size_t end) {
    begin = std::max(begin, taken_until_);
    for (std::size_t i = begin; i < end && i < text_.size(); ++i)
      doc_.prose[i] = text_[i] == '~' ? ' ' : text_[i];
  }

  // Blocks: the prose between boundaries and blank lines, each of the kind of the innermost
  // region that holds it.
  void build_blocks() {
    for (std::size_t at = 0; at < text_.size();) {
      std::size_t line_end = text_.find('\n', at);
      if (line_end == std::string_view::npos) line_end = text_.size();
      if (!has_visible_text(text_, at, line_end)) boundaries_.push_back(at);
      at = line_end + 1;
    }
    boundaries_.push_back(0);
    boundaries_.push_back(text_.size());
    for (std::size_t& b : boundaries_) b = std::min(b, text_.size());  // none past the sentinel
    for (Region& r : regions_) r.end = std::min(r.end, text_.size());
    std::sort(boundaries_.begin(), boundaries_.end());
    boundaries_.erase(std::unique(boundaries_.begin(), boundaries_.end()), boundaries_.end());
    std::stable_sort(regions_.begin(), regions_.end(),
                     [](const Region& a, const Region& b) { return a.begin < b.begin; });

    std::vector<const Region*> open;
    std::size_t next_region = 0;
    for (std::size_t i = 0; i + 1 < boundaries_.size(); ++i) {
      const ByteRange range = trim_range(doc_.prose, boundaries_[i], boundaries_[i + 1]);
      if (range.empty()) continue;
      while (next_region < regions_.size() && regions_[next_region].begin <= range.begin)
        open.push_back(&regions_[next_region++]);
      // Regions that ended before this text are closed (they nest, so from the top).
      std::erase_if(open, [&](const Region* r) { return r->end < range.end; });
      const Region* innermost = open.empty() ? nullptr : open.back();
      const BlockKind kind = innermost ? innermost->kind : BlockKind::Paragraph;
      doc_.blocks.push_back({kind, range.begin, range.end,
                             kind == BlockKind::Heading ? std::clamp(innermost->level, 1, 6) : 0});
    }
  }

  Document& doc_;
  std::string_view text_;
  const std::string grammar_input_;  // text_ and kEndSentinel
  bool has_chapters_ = false;
  int table_depth_ = 0;
  std::size_t taken_until_ = 0;  // prose before this is written (an accent took its letter)
  std::vector<std::size_t> boundaries_;
  std::vector<Region> regions_;
};

}  // namespace

void read_latex(Document& doc) { LatexReader(doc).read(); }

}  // namespace sayso
