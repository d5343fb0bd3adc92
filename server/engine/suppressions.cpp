#include "engine/suppressions.h"

#include <algorithm>

#include "engine/rule_lookup.h"

namespace sayso {
namespace {

constexpr std::string_view kDisableNextLine = "sayso-disable-next-line";
constexpr std::string_view kDisable = "sayso-disable";
constexpr std::string_view kEnable = "sayso-enable";

// True when the marker at `at` sits inside an HTML comment or after a LaTeX "%" on its line.
bool in_comment(std::string_view text, std::size_t line_start, std::size_t at) {
  std::string_view before = text.substr(line_start, at - line_start);
  return before.find("<!--") != std::string_view::npos ||
         before.find('%') != std::string_view::npos;
}

std::vector<std::string> rule_list(std::string_view rest) {
  std::size_t close = rest.find("-->");
  if (close != std::string_view::npos) rest = rest.substr(0, close);
  // A reason may follow " -- " or a colon: "sayso-disable acronyms -- names of trials".
  std::size_t reason = rest.find(" --");
  if (reason != std::string_view::npos) rest = rest.substr(0, reason);
  if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
  std::size_t colon = rest.find(':');
  if (colon != std::string_view::npos) rest = rest.substr(0, colon);
  std::vector<std::string> out;
  std::string current;
  for (char c : rest) {
    if (c == ' ' || c == ',' || c == '\t' || c == '\r' || c == '\n') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

}  // namespace

bool Suppression::covers(const std::string& rule_id) const {
  if (rules.empty()) return true;
  for (const auto& r : rules) {
    if (r == rule_id) return true;
    if (rule_id.size() > r.size() && rule_id.compare(0, r.size(), r) == 0 &&
        rule_id[r.size()] == '.')
      return true;
    // The rule's name alone, as `sayso explain` takes it ("wordy-words").
    if (r.find('.') == std::string::npos && rule_name_without_pack(rule_id) == r) return true;
  }
  return false;
}

std::vector<Suppression> find_suppressions(const Document& doc) {
  std::vector<Suppression> out;
  const std::string_view text = doc.source.bytes;
  std::vector<Suppression> open;
  for (std::size_t line = 0; line < doc.lines.line_count(); ++line) {
    const std::size_t start = doc.lines.line_start(line), end = doc.lines.line_end(line);
    std::string_view content = text.substr(start, end - start);
    std::size_t at = content.find("sayso-");
    if (at == std::string_view::npos || !in_comment(text, start, start + at)) continue;
    std::string_view marker = content.substr(at);
    if (marker.substr(0, kDisableNextLine.size()) == kDisableNextLine) {
      std::size_t next = line + 1;
      while (next < doc.lines.line_count() &&
             doc.lines.line_end(next) == doc.lines.line_start(next))
        ++next;
      if (next >= doc.lines.line_count()) continue;
      out.push_back({doc.lines.line_start(next), doc.lines.line_end(next) + 1,
                     rule_list(marker.substr(kDisableNextLine.size()))});
    } else if (marker.substr(0, kDisable.size()) == kDisable) {
      open.push_back({end, text.size(), rule_list(marker.substr(kDisable.size()))});
    } else if (marker.substr(0, kEnable.size()) == kEnable) {
      std::vector<std::string> which = rule_list(marker.substr(kEnable.size()));
      for (auto it = open.begin(); it != open.end();) {
        bool closes = which.empty() || it->rules == which;
        if (closes) {
          it->end = start;
          out.push_back(*it);
          it = open.erase(it);
        } else {
          ++it;
        }
      }
    }
  }
  out.insert(out.end(), open.begin(), open.end());
  return out;
}

void apply_suppressions(const std::vector<Suppression>& suppressions,
                        std::vector<Diagnostic>& diagnostics) {
  if (suppressions.empty()) return;
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    return std::any_of(suppressions.begin(), suppressions.end(), [&](const Suppression& s) {
      return d.begin >= s.begin && d.begin < s.end && s.covers(d.rule_id);
    });
  });
}

}  // namespace sayso
