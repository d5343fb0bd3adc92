#include "engine/kinds/kind.h"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "core/sections.h"
#include "engine/suppressions.h"

namespace sayso {

bool CheckContext::suppressed(std::size_t byte) const {
  for (const auto& s : suppressions)
    if (byte >= s.begin && byte < s.end && s.covers(rule.id)) return true;
  return false;
}

bool CheckContext::in_section_scope(std::size_t byte) const {
  if (doc.sections.empty()) return false;
  return std::binary_search(sections.begin(), sections.end(), doc.section_at(byte));
}

bool CheckContext::in_scope(std::size_t byte) const {
  if (in_section_scope(byte)) return true;
  if (!passages || passages->empty()) return false;
  // Passages are in document order and do not overlap: the last one starting at or before the
  // byte is the only one that can hold it.
  const auto after =
      std::upper_bound(passages->begin(), passages->end(), byte,
                       [&](std::size_t at, std::size_t p) { return at < doc.passages[p].begin; });
  return after != passages->begin() && byte < doc.passages[*std::prev(after)].end;
}

bool CheckContext::runs_on(std::string_view rule_id, std::size_t section) const {
  if (!running) return false;
  auto it = running->find(rule_id);
  return it != running->end() &&
         std::binary_search(it->second->begin(), it->second->end(), section);
}

std::vector<const PhraseMatch*> CheckContext::group(std::uint32_t g) const {
  std::vector<const PhraseMatch*> out;
  for (const auto& m : matches)
    if (m.ref.group == g) out.push_back(&m);
  return out;
}

bool CheckContext::group_present(std::uint32_t g, std::size_t begin, std::size_t end) const {
  for (const auto& m : matches)
    if (m.ref.group == g && m.begin >= begin && m.end <= end) return true;
  return false;
}

bool CheckContext::group_said(std::uint32_t g, std::size_t begin, std::size_t end,
                              Quotations& quotations) const {
  for (const auto& m : matches)
    if (m.ref.group == g && m.begin >= begin && m.end <= end && !in_flagged_sentence(m) &&
        !evidence_quoted_or_negated(doc, quotations, m.sentence, m.first_token, m.begin, m.end))
      return true;
  return false;
}

bool CheckContext::item_present(std::uint32_t g, std::uint32_t item, std::size_t begin,
                                std::size_t end) const {
  for (const auto& m : matches)
    if (m.ref.group == g && m.ref.item == item && m.begin >= begin && m.end <= end) return true;
  return false;
}

std::pair<std::size_t, std::size_t> CheckContext::section_anchor(std::size_t section) const {
  const Section& s = doc.sections[section];
  if (s.has_heading()) return {s.heading_begin, s.heading_end};
  return {s.begin, s.begin};
}

std::size_t CheckContext::section_words(std::size_t section) const {
  const Section& s = doc.sections[section];
  std::size_t words = doc.word_count(s.begin, s.end);
  if (s.has_heading()) words -= std::min(words, doc.word_count(s.heading_begin, s.heading_end));
  return words;
}

bool CheckContext::starts_unit(std::size_t section) const {
  return unit_head(doc, section) == section;
}

std::size_t CheckContext::unit_end(std::size_t section) const {
  return doc.sections[unit_last(doc, section)].end;
}

std::size_t CheckContext::unit_words(std::size_t section) const {
  std::size_t words = 0;
  for (std::size_t i = unit_head(doc, section); i <= unit_last(doc, section); ++i)
    words += section_words(i);
  return words;
}

std::string words_as_read(const Document& doc, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end && i < doc.prose.size(); ++i) {
    // The invisible fillers a reader puts where a reference stood ("caf&eacute;" reads "café"
    // plus soft hyphens and word joiners) are not part of the words a message quotes.
    const std::string_view rest = std::string_view(doc.prose).substr(i, end - i);
    if (rest.starts_with("\xC2\xAD")) {  // U+00AD soft hyphen
      ++i;
      continue;
    }
    if (rest.starts_with("\xE2\x81\xA0")) {  // U+2060 word joiner
      i += 2;
      continue;
    }
    const char c = doc.prose[i];
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
    if (!space)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Diagnostic CheckContext::make(std::size_t begin, std::size_t end,
                              const std::map<std::string, std::string>& values,
                              std::vector<std::string> suggestions) const {
  return make_saying(rule.message, begin, end, values, std::move(suggestions));
}

Diagnostic CheckContext::make_saying(const std::string& message, std::size_t begin, std::size_t end,
                                     const std::map<std::string, std::string>& values,
                                     std::vector<std::string> suggestions) const {
  Diagnostic d;
  d.rule_id = rule.id;
  d.category = rule.category;
  d.begin = begin;
  d.end = end;
  d.section_kind = doc.sections.empty() ? "document" : doc.sections[doc.section_at(begin)].kind;
  d.severity = rule.severity_for(d.section_kind);
  std::map<std::string, std::string> all = values;
  if (!all.count("match")) all["match"] = words_as_read(doc, begin, end);
  if (!suggestions.empty()) {
    all.emplace("suggestion", suggestions.front());
    all.emplace("suggestions", join_list(suggestions, " or "));
  }
  if (!doc.sections.empty() && !all.count("section")) {
    const Section& s = doc.sections[doc.section_at(begin)];
    all["section"] = s.title.empty() ? s.kind : s.title;
  }
  d.message = fill_message(message, all);
  d.suggestions = std::move(suggestions);
  return d;
}

std::vector<std::string> param_strings(const DataNode& rule, const char* key, bool required) {
  const DataNode& node = rule[key];
  std::vector<std::string> out;
  if (node.is_empty()) {
    if (required) throw KindError{fmt::format("'{}' is missing", key), 0};
    return out;
  }
  if (node.is_text()) {
    out.push_back(node.value());
    return out;
  }
  if (!node.is_list())
    throw KindError{fmt::format("'{}' must be a list of texts", key), node.line()};
  out.reserve(node.size());
  for (const DataNode& item : node.children()) {
    // "- *known": a list written once elsewhere in the file (a YAML anchor), taken whole.
    if (item.is_list()) {
      for (const DataNode& shared : item.children()) {
        if (!shared.is_text())
          throw KindError{fmt::format("each item of '{}' must be a text", key), shared.line()};
        out.push_back(shared.value());
      }
      continue;
    }
    if (!item.is_text())
      throw KindError{fmt::format("each item of '{}' must be a text", key), item.line()};
    out.push_back(item.value());
  }
  if (required && out.empty()) throw KindError{fmt::format("'{}' is empty", key), node.line()};
  return out;
}

double param_number(const DataNode& rule, const char* key, double fallback, bool required) {
  const DataNode& node = rule[key];
  if (node.is_empty()) {
    if (required) throw KindError{fmt::format("'{}' is missing", key), 0};
    return fallback;
  }
  if (std::optional<double> number = node.number()) return *number;
  throw KindError{fmt::format("'{}' must be a number", key), node.line()};
}

std::string param_string(const DataNode& rule, const char* key, const std::string& fallback) {
  const DataNode& node = rule[key];
  if (node.is_empty()) return fallback;
  if (!node.is_text())
    throw KindError{fmt::format("'{}' must be a single value", key), node.line()};
  return node.value();
}

bool param_bool(const DataNode& rule, const char* key, bool fallback) {
  const DataNode& node = rule[key];
  if (node.is_empty()) return fallback;
  if (std::optional<bool> truth = node.truth()) return *truth;
  throw KindError{fmt::format("'{}' must be true or false", key), node.line()};
}

std::string fill_message(const std::string& templ,
                         const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(templ.size() + 16);
  for (std::size_t i = 0; i < templ.size(); ++i) {
    if (templ[i] == '{') {
      std::size_t close = templ.find('}', i);
      if (close != std::string::npos) {
        auto it = values.find(templ.substr(i + 1, close - i - 1));
        if (it != values.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out.push_back(templ[i]);
  }
  return out;
}

std::string join_list(const std::vector<std::string>& items, const std::string& last_sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? last_sep : ", ";
    out += items[i];
  }
  return out;
}

std::string match_case(const std::string& original, const std::string& replacement) {
  if (original.empty() || replacement.empty()) return replacement;
  auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto is_lower = [](char c) { return c >= 'a' && c <= 'z'; };
  bool all_upper = original.size() > 1 &&
                   std::none_of(original.begin(), original.end(), is_lower) &&
                   std::any_of(original.begin(), original.end(), is_upper);
  std::string out = replacement;
  if (all_upper) {
    for (char& c : out)
      if (is_lower(c)) c = static_cast<char>(c - 'a' + 'A');
  } else if (is_upper(original[0]) && is_lower(out[0])) {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  return out;
}

std::optional<Severity> optional_severity(const DataNode& rule, const char* key) {
  const DataNode& node = rule[key];
  if (node.is_empty()) return std::nullopt;
  auto level = parse_severity(node.value());
  if (!level)
    throw KindError{fmt::format("'{}' must be error, warning, info or hint", key), node.line()};
  return level;
}

void soften(Diagnostic& d, std::optional<Severity> milder) {
  if (milder && *milder > d.severity) d.severity = *milder;
}

}  // namespace sayso
