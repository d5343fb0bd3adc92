#include "formats/prose_mask.h"

#include <algorithm>

namespace sayso {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool starts_with_ignoring_case(std::string_view text, std::size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    char c = text[at + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[k]) return false;
  }
  return true;
}

// Length of the URL scheme (or "www.") starting at `at`, or 0.
// "10.1016/" in "10.1016/j.cell.2020.01.001": a DOI written as it is, without a link.
std::size_t doi_prefix_length(std::string_view text, std::size_t at) {
  if (text.substr(at, 3) != "10.") return 0;
  std::size_t i = at + 3;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  const std::size_t digits = i - at - 3;
  if (digits < 4 || digits > 9 || i >= text.size() || text[i] != '/') return 0;
  return i + 1 - at;
}

// "DOI: " or "doi " in "DOI: 10.1016/j.cell…": the label goes with the DOI it names.
std::size_t doi_label_length(std::string_view text, std::size_t at) {
  if (!starts_with_ignoring_case(text, at, "doi")) return 0;
  std::size_t i = at + 3;
  if (i < text.size() && text[i] == ':') ++i;
  const std::size_t spaces = i;
  while (i < text.size() && i - spaces < 2 && text[i] == ' ') ++i;
  if (i == at + 3) return 0;  // "doing", "doi10.…"
  const std::size_t doi = doi_prefix_length(text, i);
  return doi == 0 ? 0 : i - at + doi;
}

std::size_t url_prefix_length(std::string_view text, std::size_t at) {
  if (const std::size_t label = doi_label_length(text, at)) return label;
  for (std::string_view prefix : {"https://", "http://", "ftp://", "www.", "doi:"})
    if (starts_with_ignoring_case(text, at, prefix)) return prefix.size();
  return doi_prefix_length(text, at);
}

bool ends_url(char c) { return is_blank_byte(c) || c == '<' || c == '>' || c == '"' || c == '`'; }

bool is_trailing_punctuation(char c) {
  return c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == '?' || c == '\'' ||
         c == '"' || c == '*' || c == '_' || c == '~';
}

// End of a URL that starts at `at` with a prefix of `prefix_len` bytes, trimmed as GFM does.
std::size_t url_end(std::string_view text, std::size_t at, std::size_t prefix_len,
                    std::size_t limit) {
  std::size_t end = at + prefix_len;
  while (end < limit && !ends_url(text[end])) ++end;
  const auto body = text.substr(at, end - at);
  auto opens = std::count(body.begin(), body.end(), '(');
  auto closes = std::count(body.begin(), body.end(), ')');
  while (end > at + prefix_len) {
    const char last = text[end - 1];
    if (is_trailing_punctuation(last)) {
      --end;
    } else if (last == ')' && closes > opens) {
      --end;
      --closes;
    } else {
      break;
    }
  }
  return end;
}

bool is_email_local_char(char c) {
  return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool is_domain_char(char c) { return is_ascii_alnum(c) || c == '.' || c == '-'; }

// The e-mail address around the '@' at `at`, or an empty range.
ByteRange email_around(std::string_view text, std::size_t at, std::size_t begin, std::size_t end) {
  std::size_t first = at;
  while (first > begin && is_email_local_char(text[first - 1])) --first;
  std::size_t last = at + 1;
  while (last < end && is_domain_char(text[last])) ++last;
  while (last > at + 1 && (text[last - 1] == '.' || text[last - 1] == '-')) --last;
  auto domain = text.substr(at + 1, last - at - 1);
  if (first == at || domain.find('.') == std::string_view::npos) return {};
  return {first, last};
}

}  // namespace

std::string invisible_filler(std::size_t length) {
  std::string out;
  if (length % 2 == 1 && length >= 3) {
    out += "\u2060";
    length -= 3;
  }
  for (; length >= 2; length -= 2) out += "\u00AD";
  return out;
}

void blank_range(std::string& prose, std::size_t begin, std::size_t end) {
  end = std::min(end, prose.size());
  for (std::size_t i = begin; i < end; ++i)
    if (prose[i] != '\n' && prose[i] != '\r') prose[i] = ' ';
}

std::string blank_copy(std::string_view bytes) {
  std::string out(bytes);
  blank_range(out, 0, out.size());
  return out;
}

ByteRange trim_range(std::string_view text, std::size_t begin, std::size_t end) {
  end = std::min(end, text.size());
  while (begin < end && is_blank_byte(text[begin])) ++begin;
  while (end > begin && is_blank_byte(text[end - 1])) --end;
  return {begin, end};
}

bool has_visible_text(std::string_view text, std::size_t begin, std::size_t end) {
  return !trim_range(text, begin, end).empty();
}

void blank_bare_urls(std::string& prose, std::size_t begin, std::size_t end) {
  end = std::min(end, prose.size());
  const std::string_view text(prose);
  for (std::size_t i = begin; i < end; ++i) {
    const char c = text[i];
    if (c == '@') {
      ByteRange email = email_around(text, i, begin, end);
      if (!email.empty()) {
        blank_range(prose, email.begin, email.end);
        i = email.end - 1;
      }
      continue;
    }
    if (i > begin && (is_ascii_alnum(text[i - 1]) || text[i - 1] == '.' || text[i - 1] == '/'))
      continue;  // only at the start of a word
    const std::size_t prefix = url_prefix_length(text, i);
    if (prefix == 0) continue;
    const std::size_t stop = url_end(text, i, prefix, end);
    if (stop == i + prefix) continue;  // "www." or "https://" alone is not a link
    blank_range(prose, i, stop);
    i = stop - 1;
  }
}

void blank_footnote_marks(std::string& prose, std::string_view source, std::size_t begin,
                          std::size_t end) {
  constexpr std::size_t kMaxLabel = 40;
  end = std::min({end, prose.size(), source.size()});
  for (std::size_t i = begin; i + 3 < end; ++i) {
    if (source[i] != '[' || source[i + 1] != '^') continue;
    std::size_t close = i + 2;
    while (close < end && close - i - 2 <= kMaxLabel &&
           (is_ascii_alnum(source[close]) || source[close] == '-' || source[close] == '_'))
      ++close;
    if (close >= end || source[close] != ']' || close == i + 2) continue;
    std::size_t stop = close + 1;
    std::size_t line_start = i;
    while (line_start > 0 && (source[line_start - 1] == ' ' || source[line_start - 1] == '\t'))
      --line_start;
    if ((line_start == 0 || source[line_start - 1] == '\n') && stop < end && source[stop] == ':')
      ++stop;  // "[^1]: the footnote's text"
    blank_range(prose, i, stop);
    i = stop - 1;
  }
}

void blank_html_comments(std::string& prose, std::size_t begin, std::size_t end) {
  end = std::min(end, prose.size());
  const std::string_view text(prose.data(), end);
  for (std::size_t open = text.find("<!--", begin); open != std::string_view::npos;
       open = text.find("<!--", open)) {
    const std::size_t close = text.find("-->", open + 4);
    if (close == std::string_view::npos) return;
    blank_range(prose, open, close + 3);
    open = close + 3;
  }
}

}  // namespace sayso
