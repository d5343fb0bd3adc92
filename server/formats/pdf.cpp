// PDF front end. Poppler is read through the PDF module (pdf_poppler_module.cpp, loaded on
// demand: see pdf_module_abi.h and module_loader.h). Words come from each page in reading order
// with their boxes, font sizes and font names; they are rebuilt into lines (by position) and
// paragraphs (by vertical gaps, font changes and column or page changes). A paragraph of one or two
// short lines is a heading when its font is larger than the body text, or it is bold, a known
// section name or in capitals. Page numbers and running headers/footers are dropped; words
// hyphenated at a line end are joined. Each paragraph is one line of the extracted text (its lines
// joined by spaces), so that sentences run on; doc.page_starts records where each page begins.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/module_loader.h"
#include "formats/extracted_text.h"
#include "formats/format.h"
#include "formats/pdf_module_abi.h"

namespace sayso {
namespace {

constexpr int kMaxPages = 5000;
constexpr std::size_t kMaxHeadingBytes = 120;

struct Word {
  std::string text;
  double left = 0, top = 0, right = 0, bottom = 0;
  double size = 0;
  bool bold = false;
  bool space_after = false;
};

struct Line {
  std::string text;
  double left = 0, top = 0, right = 0, bottom = 0;
  double size = 0;   // the largest font size on the line
  bool bold = true;  // every word bold
  int page = 0;
};

struct Paragraph {
  std::vector<Line> lines;
  int heading_level = 0;
};

// The PDF module's interface, loaded once, the first time a PDF is read (from any thread). A PDF
// is unreadable, not a crash, when the module is missing, broken or built for another interface.
const sayso_pdf_api& pdf_module() {
  const auto& loaded = load_module_once<sayso_pdf_api>(
      SAYSO_PDF_MODULE_FILE, SAYSO_PDF_MODULE_ENTRY, SAYSO_PDF_ABI_VERSION);
  if (loaded.api == nullptr) throw UnreadableFile("PDF support is not installed: " + loaded.error);
  return *loaded.api;
}

// An open document of the module, closed when it goes.
class PdfFile {
 public:
  PdfFile(const sayso_pdf_api& api, std::string_view file) : api_(api) {
    sayso_pdf_error error{};
    const int status = api_.open(file.data(), static_cast<int>(file.size()), &doc_, &error);
    if (status == SAYSO_PDF_FAILED) throw std::runtime_error(error.message);
    if (status != SAYSO_PDF_OK || doc_ == nullptr)
      throw UnreadableFile("the PDF file is damaged or not a PDF");
  }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;
  ~PdfFile() { api_.close(doc_); }

  bool is_locked() const { return api_.is_locked(doc_) != 0; }
  int pages() const { return api_.page_count(doc_); }

  // The page's text boxes; empty for a page that cannot be read (skipped, as poppler does).
  std::span<const sayso_pdf_word> page_words(int index) {
    const sayso_pdf_word* words = nullptr;
    std::size_t count = 0;
    sayso_pdf_error error{};
    const int status = api_.page_words(doc_, index, &words, &count, &error);
    if (status == SAYSO_PDF_FAILED) throw std::runtime_error(error.message);
    if (status != SAYSO_PDF_OK) return {};
    return {words, count};
  }

 private:
  const sayso_pdf_api& api_;
  sayso_pdf_document* doc_ = nullptr;
};

// Ligatures some fonts map to one code point, and soft hyphens, written out.
std::string normalise_word(std::string word) {
  static const std::pair<std::string_view, std::string_view> replacements[] = {
      {"\xEF\xAC\x80", "ff"},  {"\xEF\xAC\x81", "fi"},  {"\xEF\xAC\x82", "fl"},
      {"\xEF\xAC\x83", "ffi"}, {"\xEF\xAC\x84", "ffl"}, {"\xC2\xAD", ""}};
  for (const auto& [from, to] : replacements) {
    for (std::size_t at = word.find(from); at != std::string::npos; at = word.find(from, at))
      word.replace(at, from.size(), to), at += to.size();
  }
  return word;
}

bool is_bold_font(std::string_view name) {
  for (std::string_view mark :
       {"Bold", "bold", "BOLD", "Black", "Heavy", "Semibold", "SemiBold", "Demi"})
    if (name.find(mark) != std::string_view::npos) return true;
  return false;
}

std::vector<Word> page_words(std::span<const sayso_pdf_word> boxes) {
  std::vector<Word> words;
  bool any_upright = false;
  for (const sayso_pdf_word& box : boxes) any_upright = any_upright || box.rotation == 0;
  for (const sayso_pdf_word& box : boxes) {
    if (any_upright && box.rotation != 0) continue;  // margin notes, stamps
    Word w;
    w.text = normalise_word(std::string(box.text, box.text_size));
    if (w.text.empty()) continue;
    w.left = box.left, w.top = box.top, w.right = box.right, w.bottom = box.bottom;
    const double height = box.bottom - box.top;
    w.size = box.has_font_info ? box.font_size : height;
    if (!(w.size > 0) || !std::isfinite(w.size)) w.size = std::max(height, 1.0);
    w.bold = box.has_font_info && is_bold_font({box.font_name, box.font_name_size});
    w.space_after = box.space_after != 0;
    words.push_back(std::move(w));
  }
  return words;
}

// Words in reading order become lines: a word starts a new line when it is not beside the last
// one (its vertical middle outside the line, or it goes back to the left).
std::vector<Line> page_lines(const std::vector<Word>& words, int page) {
  std::vector<Line> lines;
  const Word* previous = nullptr;
  for (const Word& w : words) {
    const double middle = (w.top + w.bottom) / 2;
    const bool same_line = previous != nullptr && middle > lines.back().top &&
                           middle < lines.back().bottom && w.left >= previous->left;
    if (!same_line) {
      lines.push_back({});
      Line& line = lines.back();
      line.left = w.left, line.top = w.top, line.right = w.right, line.bottom = w.bottom;
      line.page = page;
    } else if (previous->space_after || w.left - previous->right > 0.2 * w.size) {
      lines.back().text += ' ';
    }
    Line& line = lines.back();
    line.text += w.text;
    line.left = std::min(line.left, w.left), line.right = std::max(line.right, w.right);
    line.top = std::min(line.top, w.top), line.bottom = std::max(line.bottom, w.bottom);
    line.size = std::max(line.size, w.size);
    line.bold = line.bold && w.bold;
    previous = &w;
  }
  return lines;
}

bool is_page_number(std::string_view text) {
  if (text.starts_with("Page ") || text.starts_with("page ")) text.remove_prefix(5);
  if (text.empty() || text.size() > 12) return false;
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      digit = true;
    else if (c != ' ' && c != '/' && c != '-' && c != 'o' && c != 'f')
      return false;
  }
  return digit;
}

// The text with digits removed: a running header or footer that counts pages is the same on
// every page.
std::string without_digits(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c < '0' || c > '9') out += c;
  return out;
}

// Rounded to half a point, so sizes can be compared and counted.
double rounded_size(double size) { return std::round(size * 2) / 2; }

// The size most of the text is set in.
double body_size(const std::vector<std::vector<Line>>& pages) {
  std::map<double, std::size_t> bytes_by_size;
  for (const auto& lines : pages)
    for (const Line& line : lines) bytes_by_size[rounded_size(line.size)] += line.text.size();
  double best = 0;
  std::size_t most = 0;
  for (const auto& [size, bytes] : bytes_by_size)
    if (bytes > most) most = bytes, best = size;
  return best;
}

// The usual distance from one line's top to the next's within body text.
double usual_line_pitch(const std::vector<std::vector<Line>>& pages, double body) {
  std::vector<double> pitches;
  for (const auto& lines : pages)
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const double pitch = lines[i].top - lines[i - 1].top;
      if (rounded_size(lines[i].size) == body && pitch > 0 && pitch < 3 * body)
        pitches.push_back(pitch);
    }
  if (pitches.empty()) return body * 1.2;
  std::nth_element(pitches.begin(), pitches.begin() + pitches.size() / 2, pitches.end());
  return pitches[pitches.size() / 2];
}

// A running header or footer is a short line; a longer one is text, even when it repeats.
constexpr std::size_t kMaxRunningLineBytes = 120;
// Lines of a running header (or footer) that a two-page document may repeat.
constexpr int kMaxRunningLines = 3;

// The same line on two pages: the same text (digits aside: a page count changes), at the same
// height on the page, in the same size, and short.
bool repeats_in_place(const Line& a, const Line& b) {
  return a.text.size() <= kMaxRunningLineBytes && std::abs(a.top - b.top) <= 1.0 &&
         std::abs(a.bottom - b.bottom) <= 1.0 && rounded_size(a.size) == rounded_size(b.size) &&
         without_digits(a.text) == without_digits(b.text);
}

// Page numbers, and running headers and footers repeated on three pages or more: the first or
// last line of a page that is a page number, or whose text (digits aside) is the first or last
// line of at least three pages and half of them.
void drop_numbers_and_repeated_lines(std::vector<std::vector<Line>>& pages) {
  std::map<std::string, int> edge_count;
  for (const auto& lines : pages) {
    if (lines.empty()) continue;
    ++edge_count[without_digits(lines.front().text)];
    if (lines.size() > 1) ++edge_count[without_digits(lines.back().text)];
  }
  const int needed = std::max(3, static_cast<int>(pages.size() / 2));
  auto furniture = [&](const Line& line) {
    if (is_page_number(line.text)) return true;
    const auto it = edge_count.find(without_digits(line.text));
    return it != edge_count.end() && it->second >= needed;
  };
  for (auto& lines : pages) {
    while (!lines.empty() && furniture(lines.back())) lines.pop_back();
    while (!lines.empty() && furniture(lines.front())) lines.erase(lines.begin());
  }
}

// Page numbers at the edges of a page. Returns whether one was dropped.
bool drop_page_numbers(std::vector<Line>& lines) {
  bool dropped = false;
  while (!lines.empty() && is_page_number(lines.back().text)) lines.pop_back(), dropped = true;
  while (!lines.empty() && is_page_number(lines.front().text))
    lines.erase(lines.begin()), dropped = true;
  return dropped;
}

// Two pages: a line that opens both pages (or closes both) in the same place is a running header
// (footer). A heading that happens to start both pages is not set at the very same height with
// the very same words. Returns whether a line was dropped.
// `top_left` and `bottom_left` count the lines a header and a footer may still take, over every
// round: two copies of the same page repeat every line, and are text, not furniture.
bool drop_lines_repeated_on_two_pages(std::vector<Line>& first, std::vector<Line>& second,
                                      int& top_left, int& bottom_left) {
  bool dropped = false;
  for (; top_left > 0 && !first.empty() && !second.empty() &&
         repeats_in_place(first.front(), second.front());
       --top_left) {
    first.erase(first.begin()), second.erase(second.begin());
    dropped = true;
  }
  for (; bottom_left > 0 && !first.empty() && !second.empty() &&
         repeats_in_place(first.back(), second.back());
       --bottom_left) {
    first.pop_back(), second.pop_back();
    dropped = true;
  }
  return dropped;
}

// One page: nothing repeats, so only a line plainly outside the text is dropped: the topmost
// line, short, set smaller than the body text, with blank space below it of more than twice the
// body text's size (a portal's reference stamp or a running header above the title). A small
// line at the foot of the page is kept: it may be a footnote, which counts towards word limits.
void drop_header_of_one_page(std::vector<Line>& lines) {
  if (lines.size() < 3) return;
  const double body = body_size({lines});
  const Line& top = lines.front();
  const bool topmost = std::all_of(lines.begin() + 1, lines.end(),
                                   [&](const Line& line) { return line.top > top.bottom; });
  if (topmost && top.text.size() <= kMaxRunningLineBytes && rounded_size(top.size) < body * 0.9 &&
      lines[1].top - top.bottom > 2 * body)
    lines.erase(lines.begin());
}

// Drops page numbers and running headers and footers (see the functions above). On two pages a
// header may sit above a page number or below it, so the two are dropped in turns.
void drop_page_furniture(std::vector<std::vector<Line>>& pages) {
  const std::vector<std::vector<Line>> as_read = pages;
  drop_numbers_and_repeated_lines(pages);
  if (pages.size() == 2) {
    int top_left = kMaxRunningLines, bottom_left = kMaxRunningLines;
    for (int round = 0; round < kMaxRunningLines; ++round) {
      const bool repeated =
          drop_lines_repeated_on_two_pages(pages[0], pages[1], top_left, bottom_left);
      const bool first_numbers = drop_page_numbers(pages[0]);
      const bool second_numbers = drop_page_numbers(pages[1]);
      if (!repeated && !first_numbers && !second_numbers) break;
    }
  }
  if (pages.size() == 1) drop_header_of_one_page(pages[0]);
  // Pages that are all "furniture" are copies of one page (a form printed twice): their text is
  // the document, so it is kept as read.
  if (std::all_of(pages.begin(), pages.end(), [](const auto& lines) { return lines.empty(); }))
    pages = as_read;
}

bool ends_sentence(std::string_view text) {
  if (text.empty()) return true;
  const char c = text.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
}

// First code point of the text is a lower-case letter.
bool starts_lower_case(std::string_view text) {
  if (text.empty()) return false;
  std::int32_t i = 0;
  UChar32 c;
  U8_NEXT(text.data(), i, static_cast<std::int32_t>(text.size()), c);
  return c >= 0 && u_islower(c);
}

bool written_in_capitals(std::string_view text) {
  int upper = 0;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(text.size());) {
    UChar32 c;
    U8_NEXT(text.data(), i, static_cast<std::int32_t>(text.size()), c);
    if (c < 0) continue;
    if (u_islower(c)) return false;
    if (u_isUUppercase(c)) ++upper;
  }
  return upper >= 3;
}

class PdfLayout {
 public:
  PdfLayout(std::vector<std::vector<Line>> pages, const SectionClassifier& classifier)
      : pages_(std::move(pages)), classifier_(classifier) {
    body_ = body_size(pages_);
    pitch_ = usual_line_pitch(pages_, body_);
    body_is_bold_ = mostly_bold();
  }

  std::vector<Paragraph> paragraphs() {
    std::vector<Paragraph> out;
    const Line* previous = nullptr;
    for (const auto& lines : pages_)
      for (const Line& line : lines) {
        if (previous == nullptr || starts_paragraph(*previous, line, out.back())) out.push_back({});
        out.back().lines.push_back(line);
        previous = &out.back().lines.back();
      }
    for (Paragraph& p : out) p.heading_level = heading_level(p);
    return out;
  }

 private:
  bool mostly_bold() const {
    std::size_t bold = 0, all = 0;
    for (const auto& lines : pages_)
      for (const Line& line : lines) (line.bold ? bold : all) += line.text.size();
    return bold > all;
  }

  bool looks_like_heading_line(const Line& line) const {
    if (line.text.size() > kMaxHeadingBytes) return false;
    if (rounded_size(line.size) >= body_ * 1.15) return true;
    if (line.text.back() == '.') return false;
    return (line.bold && !body_is_bold_) || classifier_.is_known_heading(line.text) ||
           (line.text.size() <= 80 && written_in_capitals(line.text));
  }

  bool starts_paragraph(const Line& previous, const Line& line, const Paragraph& current) const {
    const bool continues_sentence = !ends_sentence(previous.text) && starts_lower_case(line.text);
    // A new page or column (the line is above the last one).
    if (line.page != previous.page || line.top < previous.top)
      return !continues_sentence || looks_like_heading_line(previous);
    if (std::abs(rounded_size(line.size) - rounded_size(previous.size)) > 0.75) return true;
    if (previous.bold != line.bold) return !continues_sentence;
    if (line.top - previous.top > pitch_ * 1.35) return true;
    // A heading line set like body text, and what follows it.
    if (current.lines.size() == 1 && looks_like_heading_line(previous) && !continues_sentence)
      return true;
    if (ends_sentence(previous.text) && looks_like_heading_line(line)) return true;
    // A short line that ends a sentence ends its paragraph (indented paragraphs with no gap).
    double right = 0;
    for (const Line& l : current.lines) right = std::max(right, l.right);
    return current.lines.size() > 1 && ends_sentence(previous.text) &&
           previous.right < right - 0.2 * (right - current.lines.front().left) &&
           !starts_lower_case(line.text);
  }

  int heading_level(const Paragraph& p) {
    if (p.lines.size() > 2) return 0;
    std::size_t bytes = 0;
    bool bold = true;
    double size = 0;
    for (const Line& line : p.lines) {
      bytes += line.text.size() + 1;
      bold = bold && line.bold;
      size = std::max(size, rounded_size(line.size));
    }
    const std::string_view last = p.lines.back().text;
    if (bytes > kMaxHeadingBytes || last.back() == '.' || last.back() == ',') return 0;
    if (size >= body_ * 1.15) return level_of_size(size);
    const bool single = p.lines.size() == 1;
    if ((bold && !body_is_bold_) || (single && classifier_.is_known_heading(last)) ||
        (single && bytes <= 80 && written_in_capitals(last)))
      return static_cast<int>(larger_sizes().size()) + 1;
    return 0;
  }

  // Heading sizes larger than the body, largest first: the first is level 1.
  const std::vector<double>& larger_sizes() {
    if (larger_sizes_ready_) return larger_sizes_;
    std::map<double, std::size_t, std::greater<>> count;
    for (const auto& lines : pages_)
      for (const Line& line : lines)
        if (rounded_size(line.size) >= body_ * 1.15 && line.text.size() <= kMaxHeadingBytes)
          ++count[rounded_size(line.size)];
    for (const auto& [size, n] : count) larger_sizes_.push_back(size);
    if (larger_sizes_.size() > 5) larger_sizes_.resize(5);
    larger_sizes_ready_ = true;
    return larger_sizes_;
  }

  int level_of_size(double size) {
    const std::vector<double>& sizes = larger_sizes();
    for (std::size_t i = 0; i < sizes.size(); ++i)
      if (size >= sizes[i]) return static_cast<int>(i) + 1;
    return static_cast<int>(sizes.size());
  }

  std::vector<std::vector<Line>> pages_;
  const SectionClassifier& classifier_;
  double body_ = 0, pitch_ = 0;
  bool body_is_bold_ = false;
  std::vector<double> larger_sizes_;
  bool larger_sizes_ready_ = false;
};

// Word pieces a line may end with that are kept hyphenated when joined ("co-" + "production").
bool is_hyphenated_prefix(std::string_view piece) {
  for (std::string_view prefix : {"co", "Co", "self", "Self", "well", "non", "Non", "pre", "post",
                                  "multi", "cross", "long", "short", "follow", "lay", "sub", "re"})
    if (piece == prefix) return true;
  return false;
}

// Joins a word broken by a hyphen at the end of lines[i] with the start of lines[i + 1].
void join_hyphenated(std::vector<Line>& lines, std::size_t i) {
  std::string& text = lines[i].text;
  std::string& next = lines[i + 1].text;
  if (text.size() < 3 || text.back() != '-' || !starts_lower_case(next)) return;
  const unsigned char before = static_cast<unsigned char>(text[text.size() - 2]);
  if (!(std::isalpha(before) || before >= 0x80)) return;
  const std::size_t piece_begin = text.find_last_of(' ', text.size() - 2);
  const std::string_view piece =
      std::string_view(text).substr(piece_begin == std::string::npos ? 0 : piece_begin + 1);
  std::size_t rest = next.find(' ');
  if (rest == std::string::npos) rest = next.size();
  if (!is_hyphenated_prefix(piece.substr(0, piece.size() - 1))) text.pop_back();
  text += next.substr(0, rest);
  next.erase(0, rest == next.size() ? rest : rest + 1);
}

}  // namespace

void read_pdf(Document& doc, std::string_view file, const SectionClassifier& classifier) {
  const sayso_pdf_api& api = pdf_module();
  if (file.size() > static_cast<std::size_t>(INT32_MAX))
    throw UnreadableFile("the PDF file is too large");
  if (file.empty()) throw UnreadableFile("the PDF file is empty");
  // One encrypted with an empty user password (printing or copying restricted) opens as it is.
  PdfFile pdf(api, file);
  if (pdf.is_locked())
    throw UnreadableFile(
        "the PDF is encrypted with a password, so sayso cannot read it: ask for a copy without a "
        "password and check that copy");
  const int page_count = pdf.pages();
  if (page_count <= 0) throw UnreadableFile("the PDF has no pages");
  if (page_count > kMaxPages)
    throw UnreadableFile("the PDF has too many pages (" + std::to_string(page_count) +
                         "; the limit is " + std::to_string(kMaxPages) + ")");

  std::vector<std::vector<Line>> pages(static_cast<std::size_t>(page_count));
  std::size_t text_bytes = 0;
  for (int i = 0; i < page_count; ++i) {
    pages[static_cast<std::size_t>(i)] = page_lines(page_words(pdf.page_words(i)), i);
    for (const Line& line : pages[static_cast<std::size_t>(i)]) text_bytes += line.text.size();
    if (text_bytes > ExtractedText::kMaxBytes)
      throw UnreadableFile("the document's text is too large (over 64 MB)");
  }
  if (text_bytes == 0) throw UnreadableFile("the PDF has no text layer (a scanned image?)");
  drop_page_furniture(pages);

  std::vector<Paragraph> paragraphs = PdfLayout(std::move(pages), classifier).paragraphs();
  ExtractedText out;
  std::vector<std::size_t> page_starts(static_cast<std::size_t>(page_count), 0);
  int next_page = 1;  // the first page whose start is not yet known
  for (Paragraph& p : paragraphs) {
    out.begin_block(p.heading_level > 0 ? BlockKind::Heading : BlockKind::Paragraph,
                    p.heading_level);
    for (std::size_t i = 0; i < p.lines.size(); ++i) {
      if (i + 1 < p.lines.size()) join_hyphenated(p.lines, i);
      if (i > 0) out.append(" ");
      for (; next_page <= p.lines[i].page; ++next_page)
        page_starts[static_cast<std::size_t>(next_page)] = out.size();
      out.append(p.lines[i].text);
    }
    out.end_block();
  }
  out.finish(doc);
  for (; next_page < page_count; ++next_page)
    page_starts[static_cast<std::size_t>(next_page)] = doc.source.bytes.size();
  doc.page_starts = std::move(page_starts);
}

}  // namespace sayso
