#include "core/quotes.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string>

namespace sayso {
namespace {

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
}

bool is_open_context(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == '[' || c == '-';
}

// The quotation mark at text[i], as its kind and length; {0, 0} when there is none.
enum class Mark { None, Double, OpenDouble, CloseDouble, Single, OpenSingle, CloseSingle };

std::pair<Mark, std::size_t> mark_at(std::string_view text, std::size_t i) {
  if (text[i] == '"') return {Mark::Double, 1};
  if (text[i] == '\'') return {Mark::Single, 1};
  if (text.substr(i, 3) == "\u201C") return {Mark::OpenDouble, 3};
  if (text.substr(i, 3) == "\u201D") return {Mark::CloseDouble, 3};
  if (text.substr(i, 3) == "\u2018") return {Mark::OpenSingle, 3};
  if (text.substr(i, 3) == "\u2019") return {Mark::CloseSingle, 3};
  return {Mark::None, 1};
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> quoted_spans(std::string_view text,
                                                              std::size_t begin, std::size_t end) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t open_double = kNone, open_single = kNone;
  end = std::min(end, text.size());
  for (std::size_t i = begin; i < end;) {
    const auto [mark, length] = mark_at(text, i);
    const char before = i > begin ? text[i - 1] : ' ';
    const char after = i + length < end ? text[i + length] : ' ';
    const bool opens = is_open_context(before) && is_word_byte(after);
    const bool closes = !is_open_context(before) && !is_word_byte(after);
    switch (mark) {
      case Mark::Double:
      case Mark::OpenDouble:
      case Mark::CloseDouble:
        if (open_double != kNone && mark != Mark::OpenDouble) {
          spans.emplace_back(open_double, i + length);
          open_double = kNone;
        } else if (mark != Mark::CloseDouble && open_double == kNone) {
          open_double = i;
        }
        break;
      case Mark::Single:
      case Mark::OpenSingle:
      case Mark::CloseSingle:
        // An apostrophe ("we're", "parents' views") neither opens nor, unless a quotation is
        // open and it is followed by no letter, closes.
        if (open_single != kNone && mark != Mark::OpenSingle && closes) {
          spans.emplace_back(open_single, i + length);
          open_single = kNone;
        } else if (open_single == kNone && mark != Mark::CloseSingle && opens) {
          open_single = i;
        }
        break;
      case Mark::None:
        break;
    }
    i += length;
  }
  std::sort(spans.begin(), spans.end());
  return spans;
}

const Quotations::InBlock& Quotations::of_block(std::size_t block) {
  auto [it, added] = blocks_.try_emplace(block);
  if (added) {
    const Block& b = doc_.blocks[block];
    for (const auto& span : quoted_spans(doc_.prose, b.begin, b.end)) {
      const char first = doc_.prose[span.first];
      const bool is_double = first == '"' || doc_.prose.compare(span.first, 3, "\u201C") == 0;
      (is_double ? it->second.doubles : it->second.singles).push_back(span);
    }
  }
  return it->second;
}

std::optional<std::pair<std::size_t, std::size_t>> Quotations::enclosing(std::size_t begin,
                                                                         std::size_t end) {
  if (doc_.blocks.empty()) return std::nullopt;
  // The paragraph that holds `begin`.
  auto block = std::upper_bound(doc_.blocks.begin(), doc_.blocks.end(), begin,
                                [](std::size_t at, const Block& b) { return at < b.begin; });
  if (block == doc_.blocks.begin()) return std::nullopt;
  --block;
  if (end > block->end) return std::nullopt;
  // A block quotation ("> The panel wrote: …") is someone else's words throughout.
  if (block->kind == BlockKind::Quote) return std::make_pair(block->begin, block->end);
  const InBlock& quotes = of_block(static_cast<std::size_t>(block - doc_.blocks.begin()));
  for (const auto* spans : {&quotes.doubles, &quotes.singles}) {
    // The last quotation that opens at or before `begin` is the only one that can hold it.
    auto after = std::upper_bound(spans->begin(), spans->end(), begin,
                                  [](std::size_t at, const auto& span) { return at < span.first; });
    if (after != spans->begin() && std::prev(after)->second >= end) return *std::prev(after);
  }
  return std::nullopt;
}

namespace {

// Punctuation between two words that ends a clause: a negation before it does not reach past.
bool clause_break_between(const Document& doc, std::uint32_t left, std::uint32_t right) {
  for (std::size_t i = doc.tokens[left].end; i < doc.tokens[right].begin; ++i) {
    const char c = doc.source.bytes[i];
    if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '.' || c == '!' ||
        c == '?')
      return true;
    if (c == '\xE2' && i + 2 < doc.source.bytes.size() && doc.source.bytes[i + 1] == '\x80' &&
        (doc.source.bytes[i + 2] == '\x93' || doc.source.bytes[i + 2] == '\x94'))
      return true;  // en or em dash
  }
  return false;
}

bool is_negation(const std::string& w, const std::string& next) {
  return w == "not" || w == "no" || w == "never" || w == "nobody" || w == "none" || w == "nor" ||
         (w.size() > 3 && w.ends_with("n't")) || (w == "instead" && next == "of") ||
         (w == "rather" && next == "than");
}

// Words that start a new clause: "No budget was set but a single lay member will sit…". "as"
// only before a subject ("costs are not requested as the lay member is a volunteer"), not in
// "not as volunteers".
bool starts_clause(const std::string& w, const std::string& next) {
  if (w == "as")
    return next == "the" || next == "a" || next == "an" || next == "our" || next == "their" ||
           next == "they" || next == "we" || next == "it" || next == "this" || next == "there" ||
           next == "he" || next == "she" || next == "members" || next == "contributors";
  return w == "but" || w == "although" || w == "though" || w == "whereas" || w == "while" ||
         w == "so" || w == "because" || w == "since" || w == "unless";
}

}  // namespace

bool is_negated(const Document& doc, std::uint32_t sentence, std::uint32_t first) {
  constexpr std::uint32_t kReach = 8;  // "did not use a model where a single lay member"
  const std::uint32_t start = doc.sentences[sentence].first_token;
  const std::uint32_t from = first >= start + kReach ? first - kReach : start;
  for (std::uint32_t i = first; i > from; --i) {
    const std::uint32_t word = i - 1;
    if (clause_break_between(doc, word, i)) return false;
    const std::string& w = doc.tokens[word].lower;
    if (starts_clause(w, doc.tokens[word + 1].lower)) return false;
    if (is_negation(w, doc.tokens[word + 1].lower)) return true;
  }
  return false;
}

bool is_reported(const Document& doc, std::uint32_t sentence, std::uint32_t first) {
  static const std::array<std::string_view, 42> reporting = {
      "found",     "find",      "finds",    "report",    "reports", "reported", "say",
      "says",      "said",      "write",    "writes",    "wrote",   "written",  "state",
      "states",    "stated",    "show",     "shows",     "showed",  "shown",    "suggest",
      "suggests",  "suggested", "claim",    "claims",    "claimed", "describe", "describes",
      "described", "note",      "notes",    "noted",     "argue",   "argues",   "argued",
      "observed",  "concluded", "conclude", "concludes", "admit",   "admits",   "admitted"};
  const std::uint32_t start = doc.sentences[sentence].first_token;
  for (std::uint32_t i = start; i + 1 < first; ++i)
    if (doc.tokens[i + 1].lower == "that" &&
        std::find(reporting.begin(), reporting.end(), doc.tokens[i].lower) != reporting.end())
      return true;
  return false;
}

bool quoted_or_negated(const Document& doc, Quotations& quotations, std::uint32_t sentence,
                       std::uint32_t first_token, std::size_t begin, std::size_t end) {
  return quotations.contain(begin, end) || is_negated(doc, sentence, first_token) ||
         is_reported(doc, sentence, first_token);
}

namespace {

constexpr std::size_t kMaxWordsInAName = 6;

bool is_determiner(const std::string& word) {
  static const std::array<std::string_view, 10> determiners = {
      "a", "an", "the", "our", "their", "this", "each", "every", "its", "your"};
  return std::find(determiners.begin(), determiners.end(), word) != determiners.end();
}

bool is_reporting_word(const std::string& word) {
  static const std::array<std::string_view, 16> words = {
      "said", "says",   "say",   "wrote",    "writes",    "told",  "tells",  "asked",
      "asks", "called", "calls", "answered", "explained", "added", "stated", "replied"};
  return std::find(words.begin(), words.end(), word) != words.end();
}

// A word straight after the closing mark, with only spaces between, that can be the noun the
// quotation describes ("a 'you said, we did' update"), not a small word going on with the
// sentence ("they said 'we were not heard' at every meeting").
bool noun_follows_quote(const Document& doc, const Sentence& s, std::size_t quote_end) {
  const auto next =
      std::lower_bound(doc.tokens.begin() + s.first_token, doc.tokens.begin() + s.last_token,
                       quote_end, [](const Token& t, std::size_t at) { return t.begin < at; });
  if (next == doc.tokens.begin() + s.last_token || next->is_number) return false;
  for (std::size_t i = quote_end; i < next->begin; ++i)
    if (doc.prose[i] != ' ') return false;
  static const std::array<std::string_view, 16> small = {
      "and", "or",   "but", "to",   "at", "in",   "on",    "of",
      "for", "with", "by",  "from", "as", "that", "which", "who"};
  return std::find(small.begin(), small.end(), next->lower) == small.end();
}

// `quote` (marks included) is a short quotation naming a thing: right after a determiner ("the
// 'what changed' session"), or a word or two after one and before its noun ("a short 'you said,
// we did' update"), with no word of saying between.
bool names_a_thing(const Document& doc, std::uint32_t sentence,
                   std::pair<std::size_t, std::size_t> quote) {
  if (doc.word_count(quote.first, quote.second) > kMaxWordsInAName) return false;
  const Sentence& s = doc.sentences[sentence];
  const auto first_inside =
      std::lower_bound(doc.tokens.begin() + s.first_token, doc.tokens.begin() + s.last_token,
                       quote.first, [](const Token& t, std::size_t at) { return t.begin < at; });
  const auto sentence_start = doc.tokens.begin() + s.first_token;
  if (first_inside == sentence_start) return false;
  if (is_determiner(std::prev(first_inside)->lower)) return true;
  constexpr int kWordsBetween = 2;
  auto before = std::prev(first_inside);
  for (int i = 0; i < kWordsBetween && before != sentence_start; ++i) {
    if (is_reporting_word(before->lower)) return false;
    --before;
    if (is_determiner(before->lower)) return noun_follows_quote(doc, s, quote.second);
  }
  return false;
}

}  // namespace

bool evidence_quoted_or_negated(const Document& doc, Quotations& quotations, std::uint32_t sentence,
                                std::uint32_t first_token, std::size_t begin, std::size_t end) {
  if (is_negated(doc, sentence, first_token)) return true;
  const auto quote = quotations.enclosing(begin, end);
  return quote && !names_a_thing(doc, sentence, *quote);
}

}  // namespace sayso
