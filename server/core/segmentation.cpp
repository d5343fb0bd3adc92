#include "core/segmentation.h"

#include "core/parallel.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace sayso {
namespace {

struct Breakers {
  std::unique_ptr<icu::BreakIterator> sentences, words;
  Breakers() {
    UErrorCode ec = U_ZERO_ERROR;
    sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("en_GB"), ec));
    ec = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale("en_GB"), ec));
  }
};

Breakers& breakers() {
  thread_local Breakers b;  // ICU iterators are not thread-safe; creating them costs ~1 ms
  return b;
}

// ICU builds its NFC singleton once behind a lock of its own, which ThreadSanitizer cannot see
// (ICU is not instrumented); a function-local static makes the hand-over visible to it, and saves
// the lookup on every word.
const icu::Normalizer2* nfc_normalizer() {
  static const icu::Normalizer2* const nfc = [] {
    UErrorCode ec = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(ec);
    return U_SUCCESS(ec) ? n : nullptr;
  }();
  return nfc;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

struct Span {
  std::size_t begin, end;
};

// Runs a break iterator over prose[begin, end) and returns the segments with their rule status.
template <typename Fn>
void for_each_segment(icu::BreakIterator& it, std::string_view prose, std::size_t begin,
                      std::size_t end, Fn&& fn) {
  UErrorCode ec = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, prose.data() + begin, static_cast<int64_t>(end - begin), &ec);
  if (U_FAILURE(ec)) return;
  it.setText(ut, ec);
  if (U_SUCCESS(ec)) {
    int32_t start = it.first();
    for (int32_t stop = it.next(); stop != icu::BreakIterator::DONE; start = stop, stop = it.next())
      fn(begin + static_cast<std::size_t>(start), begin + static_cast<std::size_t>(stop),
         it.getRuleStatus());
  }
  utext_close(ut);
}

bool ends_with_abbreviation(std::string_view text) {
  static const char* const abbreviations[] = {"e.g.", "i.e.",    "etc.", "et al.", "Dr.",
                                              "Mr.",  "Mrs.",    "Ms.",  "Prof.",  "vs.",
                                              "cf.",  "approx.", "no.",  "Fig.",   "St."};
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  for (const char* a : abbreviations) {
    std::string_view abbr(a);
    if (text.size() >= abbr.size() && text.substr(text.size() - abbr.size()) == abbr &&
        (text.size() == abbr.size() ||
         !std::isalpha(static_cast<unsigned char>(text[text.size() - abbr.size() - 1]))))
      return true;
  }
  return false;
}

// How the lines of a block are laid out, from its source text (the prose has markup blanked,
// which would look like gaps).
struct LineLayout {
  bool line_per_sentence = false;  // every line break ends a sentence
  std::size_t widest = 0;          // bytes in the longest line
};

bool starts_like_a_sentence(char c) {
  return std::isupper(static_cast<unsigned char>(c)) != 0 ||
         std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// A block is written a line a sentence when three in four of its lines after the first start
// with a capital or a digit (an easy-read text with no full stops: "We want to know" / "If
// walking helps"), or when two of its lines have a column gap, three spaces or a tab between
// words (a table drawn with spaces). Wrapped prose mostly goes on in lower case.
LineLayout layout_of(std::string_view source) {
  LineLayout layout;
  std::size_t lines = 0, capital_starts = 0, rows = 0;
  std::size_t from = 0;
  while (from <= source.size()) {
    std::size_t to = source.find('\n', from);
    if (to == std::string_view::npos) to = source.size();
    std::string_view line = source.substr(from, to - from);
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    const std::size_t indent = line.find_first_not_of(" \t");
    if (indent != std::string_view::npos) {
      layout.widest = std::max(layout.widest, line.size());
      if (lines > 0 && starts_like_a_sentence(line[indent])) ++capital_starts;
      const std::string_view words = line.substr(indent);
      if (words.find('\t') != std::string_view::npos || words.find("   ") != std::string_view::npos)
        ++rows;
      ++lines;
    }
    from = to + 1;
  }
  layout.line_per_sentence = (lines >= 3 && capital_starts * 4 >= (lines - 1) * 3) || rows >= 2;
  return layout;
}

// A line break inside a block that still ends a sentence: in a block laid out a line a
// sentence; after a line with no end punctuation, before a capital, when the line is short (a
// label: "Lay title" over "We will ask...") or ends well short of the block's widest line
// (wrapped lines run to about the same width; one that stops early stopped for a reason).
bool line_break_ends_sentence(std::string_view block, std::size_t at, const LineLayout& layout) {
  if (layout.line_per_sentence) return true;
  std::size_t line_begin = block.rfind('\n', at == 0 ? 0 : at - 1);
  line_begin = line_begin == std::string_view::npos || line_begin >= at ? 0 : line_begin + 1;
  std::size_t line_end = at;
  while (line_end > line_begin && is_space(block[line_end - 1])) --line_end;
  std::size_t next = at;
  while (next < block.size() && is_space(block[next])) ++next;
  if (line_end == line_begin || next == block.size()) return true;
  constexpr std::size_t kLabelLineBytes = 40;
  const bool unpunctuated = std::isalnum(static_cast<unsigned char>(block[line_end - 1])) != 0;
  const std::size_t width = line_end - line_begin;
  const bool short_line = width < kLabelLineBytes || width * 10 < layout.widest * 6;
  if (picture_bullet_length(block.substr(next)) > 0) return true;  // "✔ Free parking"
  return unpunctuated && short_line && starts_like_a_sentence(block[next]);
}

// ICU ends a sentence at every line break; in a paragraph most are where the writer's editor
// wrapped the text ("Patient views will be" / "sought as appropriate."), so the sentences are
// found in a copy where those breaks are spaces (the same length, so offsets hold).
std::string unwrapped_lines(std::string_view block, std::string_view source) {
  std::string text(block);
  const LineLayout layout = layout_of(source);
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((text[i] == '\n' || text[i] == '\r') && !line_break_ends_sentence(block, i, layout))
      text[i] = ' ';
  return text;
}

std::vector<Span> split_sentences(std::string_view prose, std::string_view source,
                                  std::size_t begin, std::size_t end) {
  std::vector<Span> out;
  const std::string text =
      unwrapped_lines(prose.substr(begin, end - begin), source.size() == prose.size()
                                                            ? source.substr(begin, end - begin)
                                                            : prose.substr(begin, end - begin));
  for_each_segment(
      *breakers().sentences, text, 0, text.size(), [&](std::size_t b, std::size_t e, int32_t) {
        b += begin;
        e += begin;
        // ICU splits after "e.g." and "Dr."; its suppressions don't work in ICU 72.
        if (!out.empty() && ends_with_abbreviation(
                                prose.substr(out.back().begin, out.back().end - out.back().begin)))
          out.back().end = e;
        else
          out.push_back({b, e});
      });
  for (Span& s : out) {
    while (s.begin < s.end && is_space(prose[s.begin])) ++s.begin;
    while (s.end > s.begin && is_space(prose[s.end - 1])) --s.end;
  }
  std::erase_if(out, [](const Span& s) { return s.begin == s.end; });
  return out;
}

bool is_word_joiner(std::string_view prose, std::size_t at, std::size_t next_word_begin) {
  // "co-production", "COVID-19", "e-health": a hyphen with word characters on both sides.
  if (next_word_begin != at + 1) {
    // U+2010/U+2011 (3 bytes) as hyphens.
    if (next_word_begin == at + 3 && prose.compare(at, 3, "\xE2\x80\x90") == 0) return true;
    if (next_word_begin == at + 3 && prose.compare(at, 3, "\xE2\x80\x91") == 0) return true;
    return false;
  }
  return prose[at] == '-';
}

void set_token_flags(Token& t, std::string_view text) {
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  int letters = 0, lower = 0, upper = 0, digits = 0;
  bool first = true;
  while (i < n) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, n, c);
    if (c < 0) continue;
    if (u_isalpha(c)) {
      ++letters;
      if (u_islower(c)) ++lower;
      if (u_isupper(c)) {
        ++upper;
        if (first) t.capitalised = true;
      }
    } else if (u_isdigit(c)) {
      ++digits;
    }
    first = false;
  }
  t.is_number = letters == 0 && digits > 0;
  t.all_caps = letters >= 2 && lower == 0 && upper >= 2;
}

void add_words(std::string_view prose, std::size_t begin, std::size_t end,
               std::vector<Token>& tokens) {
  std::vector<Span> words;
  for_each_segment(*breakers().words, prose, begin, end,
                   [&](std::size_t b, std::size_t e, int32_t status) {
                     if (status >= UBRK_WORD_NONE && status < UBRK_WORD_NONE_LIMIT) return;
                     if (!words.empty() && is_word_joiner(prose, words.back().end, b))
                       words.back().end = e;
                     else
                       words.push_back({b, e});
                   });
  for (Span w : words) {
    // Keep the final dot of "e.g", "i.e" so abbreviations read as written.
    if (w.end < end && prose[w.end] == '.' && w.end - w.begin == 3 && prose[w.begin + 1] == '.')
      ++w.end;
    Token t;
    t.begin = static_cast<std::uint32_t>(w.begin);
    t.end = static_cast<std::uint32_t>(w.end);
    std::string_view text = prose.substr(w.begin, w.end - w.begin);
    t.lower = fold_word(text);
    set_token_flags(t, text);
    tokens.push_back(std::move(t));
  }
}

// The tokens and sentences of some consecutive blocks; sentences index into these tokens.
struct Segments {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
};

void segment_blocks(std::string_view prose, std::string_view source,
                    const std::vector<Block>& blocks, std::uint32_t first, std::uint32_t last,
                    Segments& out) {
  for (std::uint32_t bi = first; bi < last; ++bi) {
    const Block& block = blocks[bi];
    if (block.end <= block.begin || block.end > prose.size()) continue;
    const std::size_t first_token = out.tokens.size();
    add_words(prose, block.begin, block.end, out.tokens);
    std::size_t next = first_token;
    for (const Span& s : split_sentences(prose, source, block.begin, block.end)) {
      Sentence sentence;
      sentence.begin = s.begin;
      sentence.end = s.end;
      sentence.block = bi;
      while (next < out.tokens.size() && out.tokens[next].begin < s.begin) ++next;
      sentence.first_token = static_cast<std::uint32_t>(next);
      while (next < out.tokens.size() && out.tokens[next].begin < s.end) ++next;
      sentence.last_token = static_cast<std::uint32_t>(next);
      out.sentences.push_back(sentence);
    }
  }
}

// Below this much prose, handing pieces to other threads costs more than it saves.
constexpr std::size_t kMinBytesPerPiece = 16 * 1024;

// Cuts the blocks into `pieces` runs of about equal bytes: piece i is [cuts[i], cuts[i + 1]).
std::vector<std::uint32_t> cut_blocks(const std::vector<Block>& blocks, std::size_t pieces) {
  std::size_t total = 0;
  for (const Block& b : blocks) total += b.end > b.begin ? b.end - b.begin : 0;
  std::vector<std::uint32_t> cuts{0};
  std::size_t seen = 0;
  for (std::uint32_t bi = 0; bi < blocks.size() && cuts.size() < pieces; ++bi) {
    seen += blocks[bi].end > blocks[bi].begin ? blocks[bi].end - blocks[bi].begin : 0;
    if (seen * pieces >= total * cuts.size()) cuts.push_back(bi + 1);
  }
  cuts.push_back(static_cast<std::uint32_t>(blocks.size()));
  return cuts;
}

}  // namespace

std::string fold_word(std::string_view word) {
  std::string out;
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    out.reserve(word.size());
    for (char c : word)
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  // Composed form first, so "é" typed as e + U+0301 matches a rule's "é".
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = nfc_normalizer();
  if (nfc != nullptr) {
    icu::UnicodeString composed = nfc->normalize(u, ec);
    if (U_SUCCESS(ec)) u = composed;
  }
  u.foldCase();
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), icu::UnicodeString("'"));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2018)), icu::UnicodeString("'"));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2010)), icu::UnicodeString("-"));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2011)), icu::UnicodeString("-"));
  // Invisible inside a word: a soft hyphen (where a line may break) and a word joiner.
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x00AD)), icu::UnicodeString());
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2060)), icu::UnicodeString());
  u.toUTF8String(out);
  return out;
}

std::optional<std::string> nfc_composed(std::string_view word) {
  if (std::all_of(word.begin(), word.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return std::nullopt;
  const icu::Normalizer2* nfc = nfc_normalizer();
  if (nfc == nullptr) return std::nullopt;
  const icu::StringPiece piece(word.data(), static_cast<int32_t>(word.size()));
  UErrorCode ec = U_ZERO_ERROR;
  if (nfc->isNormalizedUTF8(piece, ec) || U_FAILURE(ec)) return std::nullopt;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, ec);
  if (U_FAILURE(ec) || out == word) return std::nullopt;
  return out;
}

void segment(Document& doc) {
  segment_in_pieces(doc, pieces_for(doc.prose.size(), kMinBytesPerPiece));
}

void segment_in_pieces(Document& doc, std::size_t pieces) {
  doc.tokens.clear();
  doc.sentences.clear();
  if (pieces <= 1 || doc.blocks.size() < 2) {
    Segments all;
    segment_blocks(doc.prose, doc.source.bytes, doc.blocks, 0,
                   static_cast<std::uint32_t>(doc.blocks.size()), all);
    doc.tokens = std::move(all.tokens);
    doc.sentences = std::move(all.sentences);
    return;
  }
  // Blocks are independent: segment runs of them on several threads, then join the runs in
  // order, so the result is the same as one pass.
  const std::vector<std::uint32_t> cuts = cut_blocks(doc.blocks, pieces);
  std::vector<Segments> parts(cuts.size() - 1);
  run_pieces(parts.size(), [&](std::size_t i) {
    segment_blocks(doc.prose, doc.source.bytes, doc.blocks, cuts[i], cuts[i + 1], parts[i]);
  });
  std::size_t tokens = 0, sentences = 0;
  for (const Segments& part : parts) {
    tokens += part.tokens.size();
    sentences += part.sentences.size();
  }
  doc.tokens.reserve(tokens);
  doc.sentences.reserve(sentences);
  for (Segments& part : parts) {
    const auto offset = static_cast<std::uint32_t>(doc.tokens.size());
    for (Sentence& s : part.sentences) {
      s.first_token += offset;
      s.last_token += offset;
      doc.sentences.push_back(s);
    }
    std::move(part.tokens.begin(), part.tokens.end(), std::back_inserter(doc.tokens));
  }
}

// Easy-read lists use picture bullets as often as "-" (thirty-first blind review: five "✔" lines
// were read as one 37-word sentence).
std::size_t picture_bullet_length(std::string_view line) {
  // ASCII signs ("> ", "+ ", "= ") are markup or sums, not pictures.
  if (line.empty() || static_cast<unsigned char>(line[0]) < 0x80) return 0;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(line.data());
  const auto size = static_cast<std::int32_t>(std::min<std::size_t>(line.size(), 64));
  std::int32_t at = 0;
  UChar32 c = 0;
  U8_NEXT(bytes, at, size, c);
  const std::int8_t type = c < 0 ? 0 : u_charType(c);
  if (type != U_OTHER_SYMBOL && type != U_MATH_SYMBOL) return 0;
  while (at < size) {  // variation selectors, skin tones, and a zero-width joiner's next symbol
    std::int32_t next_at = at;
    U8_NEXT(bytes, next_at, size, c);
    if (c == 0xFE0E || c == 0xFE0F || (c >= 0x1F3FB && c <= 0x1F3FF)) {
      at = next_at;
    } else if (c == 0x200D && next_at < size) {
      U8_NEXT(bytes, next_at, size, c);
      at = next_at;
    } else {
      break;
    }
  }
  if (at >= size || (line[at] != ' ' && line[at] != '\t')) return 0;
  return static_cast<std::size_t>(at) + 1;
}

}  // namespace sayso
