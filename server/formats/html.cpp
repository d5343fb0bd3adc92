// HTML front end: a small, linear, tolerant tokenizer (no regular expressions, no tree). The
// source stays the original file; tags, comments and skipped elements are blanked in the prose,
// and character references are decoded in place (the decoded character, then filler to the
// reference's length: formats/html_entities.h), so every position points into the real file.
// h1–h6 are headings; the text of p, li, td/th, blockquote, div, dd/dt and the like makes blocks;
// script, style, head, nav, footer, template, svg and code are skipped, and so is any element
// hidden from readers (the hidden attribute, aria-hidden="true", or an inline style with
// display:none or visibility:hidden), with everything in it.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "formats/format.h"
#include "formats/html_entities.h"
#include "formats/prose_mask.h"

namespace sayso {
namespace {

constexpr std::size_t kMaxOpenElements = 512;

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
}

// Elements whose whole content is not prose.
bool is_skipped(std::string_view tag) {
  for (std::string_view name : {"head", "nav", "footer", "template", "noscript", "svg", "math",
                                "code", "pre", "kbd", "samp", "select", "object", "iframe"})
    if (tag == name) return true;
  return false;
}

// Elements whose content is raw text up to their end tag (no tags inside).
bool is_raw_text(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "textarea" || tag == "title" || tag == "xmp";
}

// Block-level elements: their start and end tags end the text before them.
bool is_block(std::string_view tag) {
  for (std::string_view name :
       {"p",       "li",    "td",       "th",     "blockquote", "div",        "h1",      "h2",
        "h3",      "h4",    "h5",       "h6",     "dt",         "dd",         "ul",      "ol",
        "dl",      "table", "tr",       "thead",  "tbody",      "tfoot",      "caption", "section",
        "article", "main",  "header",   "aside",  "figure",     "figcaption", "address", "details",
        "summary", "form",  "fieldset", "legend", "hr",         "br",         "body",    "html",
        "center",  "label", "option"})
    if (tag == name) return true;
  return false;
}

bool is_void(std::string_view tag) {
  for (std::string_view name : {"br", "hr", "img", "input", "meta", "link", "area", "base", "col",
                                "embed", "source", "track", "wbr", "param"})
    if (tag == name) return true;
  return false;
}

// Elements whose end tag may be left out: the next of their kind (or, for p, a block) ends them.
bool has_optional_end(std::string_view tag) {
  for (std::string_view name : {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
                                "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp"})
    if (tag == name) return true;
  return false;
}

// Whether the start tag `next` ends an open `element` whose end tag was left out, when nothing
// opened inside the element is still open (or, for p, always: a p holds no blocks).
bool ends_implicitly(std::string_view element, std::string_view next, bool nothing_inside) {
  if (element == "p")
    return next == "p" || (is_block(next) && next != "br" && next != "label" && next != "option");
  if (!nothing_inside) return false;
  if (element == "li") return next == "li";
  if (element == "dt" || element == "dd") return next == "dt" || next == "dd";
  if (element == "td" || element == "th")
    return next == "td" || next == "th" || next == "tr" || next == "tbody" || next == "tfoot";
  if (element == "tr") return next == "tr" || next == "tbody" || next == "tfoot";
  if (element == "thead" || element == "tbody") return next == "tbody" || next == "tfoot";
  if (element == "option" || element == "optgroup") return next == "option" || next == "optgroup";
  if (element == "rb" || element == "rt" || element == "rp")
    return next == "rb" || next == "rt" || next == "rp";
  return false;
}

std::string lower_trimmed(std::string_view text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) out += lower(c);
  return out;
}

// An inline style that hides the element: display:none or visibility:hidden (or collapse).
bool style_hides(std::string_view style) {
  const std::string declarations = lower_trimmed(style);
  std::size_t begin = 0;
  while (begin <= declarations.size()) {
    std::size_t end = declarations.find(';', begin);
    if (end == std::string::npos) end = declarations.size();
    std::string_view declaration = std::string_view(declarations).substr(begin, end - begin);
    if (declaration.ends_with("!important")) declaration.remove_suffix(10);
    const std::size_t colon = declaration.find(':');
    if (colon != std::string_view::npos) {
      const std::string_view property = declaration.substr(0, colon);
      const std::string_view value = declaration.substr(colon + 1);
      if ((property == "display" && value == "none") ||
          (property == "visibility" && (value == "hidden" || value == "collapse")))
        return true;
    }
    begin = end + 1;
  }
  return false;
}

// Whether a start tag's attributes (the text after its name) hide the element from readers: the
// hidden attribute (but hidden="until-found", which a page search reveals), aria-hidden="true", or
// an inline style that hides it.
bool attributes_hide(std::string_view attributes) {
  std::size_t i = 0;
  const std::size_t n = attributes.size();
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (i < n) {
    while (i < n && (is_space(attributes[i]) || attributes[i] == '/')) ++i;
    if (i >= n || attributes[i] == '>') break;
    std::string name;
    while (i < n && !is_space(attributes[i]) && attributes[i] != '=' && attributes[i] != '>' &&
           attributes[i] != '/')
      name += lower(attributes[i++]);
    while (i < n && is_space(attributes[i])) ++i;
    std::string_view value;
    bool has_value = false;
    if (i < n && attributes[i] == '=') {
      ++i;
      while (i < n && is_space(attributes[i])) ++i;
      has_value = true;
      if (i < n && (attributes[i] == '"' || attributes[i] == '\'')) {
        const char quote = attributes[i++];
        std::size_t close = attributes.find(quote, i);
        if (close == std::string_view::npos) close = n;
        value = attributes.substr(i, close - i);
        i = close + 1;
      } else {
        const std::size_t begin = i;
        while (i < n && !is_space(attributes[i]) && attributes[i] != '>') ++i;
        value = attributes.substr(begin, i - begin);
      }
    }
    if (name == "hidden" && (!has_value || lower_trimmed(value) != "until-found")) return true;
    if (name == "aria-hidden" && lower_trimmed(value) == "true") return true;
    if (name == "style" && style_hides(value)) return true;
    if (name.empty() && i < n) ++i;  // a stray '=': step over it
  }
  return false;
}

struct OpenElement {
  std::string name;
  BlockKind kind;
  int level;
  bool gives_kind;  // p, li, td, … (a list or table only holds blocks)
};

// The kind of text an element holds, if it holds text of its own.
bool kind_of(std::string_view tag, BlockKind& kind, int& level) {
  level = 0;
  if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') {
    kind = BlockKind::Heading;
    level = tag[1] - '0';
    return true;
  }
  if (tag == "li" || tag == "dt" || tag == "dd")
    kind = BlockKind::ListItem;
  else if (tag == "td" || tag == "th")
    kind = BlockKind::TableCell;
  else if (tag == "blockquote")
    kind = BlockKind::Quote;
  else if (tag == "p" || tag == "div" || tag == "caption" || tag == "figcaption" ||
           tag == "summary" || tag == "address")
    kind = BlockKind::Paragraph;
  else
    return false;
  return true;
}

class HtmlReader {
 public:
  explicit HtmlReader(Document& doc) : doc_(doc), text_(doc.source.bytes) {
    last_quote_[0] = text_.rfind('"');
    last_quote_[1] = text_.rfind('\'');
  }

  void read() {
    doc_.prose = blank_copy(text_);
    doc_.blocks.clear();
    std::size_t at = std::min(doc_.source.content_begin, text_.size());
    while (at < text_.size()) {
      const std::size_t lt = text_.find('<', at);
      const std::size_t text_end = lt == std::string_view::npos ? text_.size() : lt;
      if (!skipping_) copy_text(at, text_end);
      if (lt == std::string_view::npos) break;
      at = read_markup(lt);
    }
    end_block();
    blank_bare_urls(doc_.prose, 0, doc_.prose.size());
  }

 private:
  // Markup at text_[lt] == '<'; returns where the text after it begins.
  std::size_t read_markup(std::size_t lt) {
    const std::string_view rest = text_.substr(lt);
    if (rest.starts_with("<!--")) {
      const std::size_t close = text_.find("-->", lt + 4);
      return close == std::string_view::npos ? text_.size() : close + 3;
    }
    if (rest.starts_with("<![CDATA[")) {
      const std::size_t close = text_.find("]]>", lt + 9);
      return close == std::string_view::npos ? text_.size() : close + 3;
    }
    const bool closing = rest.size() > 1 && rest[1] == '/';
    const std::size_t name_begin = lt + (closing ? 2 : 1);
    const bool is_tag =
        name_begin < text_.size() && std::isalpha(static_cast<unsigned char>(text_[name_begin]));
    if (!is_tag && !(rest.size() > 1 && (rest[1] == '!' || rest[1] == '?'))) {
      if (!skipping_) copy_text(lt, lt + 1);  // a lone '<' is text
      return lt + 1;
    }
    const std::size_t end = tag_end(lt + 1);
    if (!is_tag) return end;  // <!DOCTYPE …>, <?xml …?>
    std::size_t name_end = name_begin;
    while (name_end < end && is_name_char(text_[name_end])) ++name_end;
    std::string name;
    for (std::size_t i = name_begin; i < name_end && name.size() < 32; ++i) name += lower(text_[i]);
    const bool self_closing = end >= 2 && text_[end - 2] == '/';
    if (closing) {
      close_element(name);
      return end;
    }
    open_element(name, self_closing, attributes_hide(text_.substr(name_end, end - name_end)));
    if (is_raw_text(name)) return raw_text_end(name, end);
    return end;
  }

  // Just past the '>' ending a tag that starts before `from`; quoted attribute values may hold
  // '>'. A quote with no partner later in the file is an ordinary character (this keeps the scan
  // linear). A tag never closed runs to the end of the file.
  std::size_t tag_end(std::size_t from) const {
    for (std::size_t i = from; i < text_.size(); ++i) {
      const char c = text_[i];
      if (c == '>') return i + 1;
      if (c == '"' || c == '\'') {
        const std::size_t last = last_quote_[c == '"' ? 0 : 1];
        if (last != std::string_view::npos && last > i) i = text_.find(c, i + 1);
      }
    }
    return text_.size();
  }

  // Just past "</name …>" after raw text, or the end of the file.
  std::size_t raw_text_end(std::string_view name, std::size_t from) {
    for (std::size_t at = text_.find("</", from); at != std::string_view::npos;
         at = text_.find("</", at + 2)) {
      bool match = at + 2 + name.size() <= text_.size();
      for (std::size_t i = 0; match && i < name.size(); ++i)
        match = lower(text_[at + 2 + i]) == name[i];
      if (match &&
          (at + 2 + name.size() == text_.size() || !is_name_char(text_[at + 2 + name.size()])))
        return tag_end(at + 2);
    }
    return text_.size();
  }

  // `hidden`: the start tag's attributes hide the element from readers.
  void open_element(const std::string& name, bool self_closing, bool hidden) {
    const bool has_content = !self_closing && !is_void(name) && !is_raw_text(name);
    if (skipping_) {
      if (!ends_implicitly(skipped_, name, inside_skipped_.empty())) {
        if (has_content && inside_skipped_.size() < kMaxOpenElements)
          inside_skipped_.push_back(name);
        return;
      }
      stop_skipping();  // and the element is opened as usual
    }
    if (has_content && (is_skipped(name) || hidden)) {
      if (is_skipped(name) || is_block(name))
        end_block();  // a hidden span leaves its sentence whole
      skipping_ = true;
      skipped_ = name;
      return;
    }
    if (!is_block(name)) return;
    end_block();
    if (self_closing || is_void(name) || open_.size() >= kMaxOpenElements) return;
    OpenElement element{name, BlockKind::Paragraph, 0, false};
    element.gives_kind = kind_of(name, element.kind, element.level);
    open_.push_back(std::move(element));
  }

  void close_element(const std::string& name) {
    if (skipping_) {
      for (std::size_t i = inside_skipped_.size(); i-- > 0;)
        if (inside_skipped_[i] == name) {
          inside_skipped_.resize(i);
          return;
        }
      if (name == skipped_) return stop_skipping();
      // The end of an element around a skipped one whose end tag was left out ends both.
      if (!has_optional_end(skipped_)) return;
      stop_skipping();
    }
    if (!is_block(name)) return;
    end_block();
    for (std::size_t i = open_.size(); i-- > 0;) {
      if (open_[i].name != name) continue;
      open_.resize(i);
      break;
    }
  }

  void stop_skipping() {
    skipping_ = false;
    skipped_.clear();
    inside_skipped_.clear();
  }

  // Copies text_[begin, end) into the prose with references decoded, extending the open block.
  void copy_text(std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end;) {
      std::string decoded;
      if (text_[i] == '&' && reference_in_prose(text_.substr(i, end - i), decoded)) {
        std::copy(decoded.begin(), decoded.end(), doc_.prose.begin() + i);
        // The block ends at the last byte shown: a space that fills the reference is not text.
        const std::size_t shown = decoded.find_last_not_of(' ') + 1;
        if (shown > 0) extend_block(i, i + shown);
        i += decoded.size();
        continue;
      }
      doc_.prose[i] = text_[i];
      if (!is_blank_byte(text_[i])) extend_block(i, i + 1);
      ++i;
    }
  }

  void extend_block(std::size_t begin, std::size_t end) {
    if (!block_open_) {
      block_open_ = true;
      block_begin_ = begin;
    }
    block_end_ = end;
  }

  void end_block() {
    if (!block_open_) return;
    block_open_ = false;
    BlockKind kind = BlockKind::Paragraph;
    int level = 0;
    for (std::size_t i = open_.size(); i-- > 0;)
      if (open_[i].gives_kind) {
        kind = open_[i].kind;
        level = open_[i].level;
        break;
      }
    if (has_visible_text(doc_.prose, block_begin_, block_end_))
      doc_.blocks.push_back(
          {kind, block_begin_, block_end_, kind == BlockKind::Heading ? level : 0});
  }

  Document& doc_;
  std::string_view text_;
  std::size_t last_quote_[2];
  std::vector<OpenElement> open_;
  // An element whose content is not read (is_skipped, or hidden), and the elements still open
  // inside it.
  bool skipping_ = false;
  std::string skipped_;
  std::vector<std::string> inside_skipped_;
  bool block_open_ = false;
  std::size_t block_begin_ = 0, block_end_ = 0;
};

}  // namespace

void read_html(Document& doc) { HtmlReader(doc).read(); }

}  // namespace sayso
