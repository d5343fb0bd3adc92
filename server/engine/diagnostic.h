// A finding: what the engine reports and every front shows.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sayso {

enum class Severity { Error = 1, Warning = 2, Info = 3, Hint = 4 };  // LSP numbering

std::string_view severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view name);

inline const std::vector<std::string>& category_names() {
  static const std::vector<std::string> names = {"jargon",   "readability", "acronym",   "spelling",
                                                 "tokenism", "evidence",    "structure", "style"};
  return names;
}

struct Diagnostic {
  std::string rule_id;
  std::string category;
  Severity severity = Severity::Warning;
  std::string message;
  std::size_t begin = 0, end = 0;  // byte range in the source; empty for document-level findings
  // The finding judges a section (or the document) as a whole: begin/end span its heading, for an
  // editor to underline, or are empty where there is none. The output contracts (JSON, JSON
  // Lines, SARIF) point such a finding at the start of the range, with no text.
  bool whole_section = false;
  std::string section_kind;
  std::vector<std::string> suggestions;
  // Which of its rule's notes this is, when a kind has several ("variant": a word spelled the
  // way another English spells it), so a front can offer the fitting action. Empty: the usual.
  std::string note;
};

}  // namespace sayso
