#include "engine/suppressions.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/closest_name.h"
#include "engine/builtin_findings.h"
#include "engine/rule_lookup.h"

namespace sayso {
namespace {

constexpr std::string_view kDisableNextLine = "sayso-disable-next-line";
constexpr std::string_view kDisable = "sayso-disable";
constexpr std::string_view kEnable = "sayso-enable";

// True when the marker at `at` sits inside an HTML comment or after a LaTeX "%" on its line, and
// not in a code span: "`<!-- sayso-disable RULE -->`" in a guide shows a comment, it is not one.
bool in_comment(std::string_view text, std::size_t line_start, std::size_t at) {
  std::string_view before = text.substr(line_start, at - line_start);
  const bool opened =
      before.find("<!--") != std::string_view::npos || before.find('%') != std::string_view::npos;
  return opened && std::count(before.begin(), before.end(), '`') % 2 == 0;
}

// A Markdown code fence (``` or ~~~, indented at most 3 spaces) opens or closes a code block.
bool is_fence(std::string_view line) {
  std::size_t indent = 0;
  while (indent < line.size() && indent < 3 && line[indent] == ' ') ++indent;
  line.remove_prefix(indent);
  return line.starts_with("```") || line.starts_with("~~~");
}

struct NamedRules {
  std::vector<std::string> names;
  std::vector<std::size_t> at;  // byte offset of each name in the text
};

// The names after a marker; `rest_at` is the byte offset of `rest` in the text.
NamedRules rule_list(std::string_view rest, std::size_t rest_at) {
  std::size_t close = rest.find("-->");
  if (close != std::string_view::npos) rest = rest.substr(0, close);
  // A reason may follow " -- " or a colon: "sayso-disable acronyms -- names of trials".
  std::size_t reason = rest.find(" --");
  if (reason != std::string_view::npos) rest = rest.substr(0, reason);
  std::size_t skipped = 0;
  if (!rest.empty() && rest.front() == ':') {
    rest.remove_prefix(1);
    skipped = 1;
  }
  std::size_t colon = rest.find(':');
  if (colon != std::string_view::npos) rest = rest.substr(0, colon);
  NamedRules out;
  std::string current;
  std::size_t current_at = 0;
  for (std::size_t i = 0; i <= rest.size(); ++i) {
    const char c = i < rest.size() ? rest[i] : ' ';
    if (c == ' ' || c == ',' || c == '\t' || c == '\r' || c == '\n') {
      if (!current.empty()) {
        out.names.push_back(std::move(current));
        out.at.push_back(rest_at + skipped + current_at);
      }
      current.clear();
    } else {
      if (current.empty()) current_at = i;
      current.push_back(c);
    }
  }
  return out;
}

Suppression make_suppression(std::size_t begin, std::size_t end, NamedRules named) {
  Suppression s;
  s.begin = begin;
  s.end = end;
  s.rules = std::move(named.names);
  s.named_at = std::move(named.at);
  return s;
}

std::vector<std::string> pack_names(const RuleSet& rules) {
  std::vector<std::string> names;
  for (const Pack& pack : rules.packs) names.push_back(pack.name);
  return names;
}

bool is_known_name(const std::string& name, const RuleSet& rules, const Config& config) {
  if (name == "sayso" || name.rfind("sayso.", 0) == 0) return true;  // sayso's own findings
  if (std::find(config.disabled_packs.begin(), config.disabled_packs.end(), name) !=
      config.disabled_packs.end())
    return true;
  Suppression only_this;
  only_this.rules = {name};
  return std::any_of(rules.rules.begin(), rules.rules.end(),
                     [&](const Rule& rule) { return only_this.covers(rule.id); });
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
  const bool markdown = doc.format == "markdown";
  bool in_code_block = false;
  for (std::size_t line = 0; line < doc.lines.line_count(); ++line) {
    const std::size_t start = doc.lines.line_start(line), end = doc.lines.line_end(line);
    std::string_view content = text.substr(start, end - start);
    if (markdown && is_fence(content)) in_code_block = !in_code_block;
    if (in_code_block) continue;
    std::size_t at = content.find("sayso-");
    if (at == std::string_view::npos || !in_comment(text, start, start + at)) continue;
    std::string_view marker = content.substr(at);
    if (marker.substr(0, kDisableNextLine.size()) == kDisableNextLine) {
      std::size_t next = line + 1;
      while (next < doc.lines.line_count() &&
             doc.lines.line_end(next) == doc.lines.line_start(next))
        ++next;
      if (next >= doc.lines.line_count()) continue;
      const std::size_t names_at = start + at + kDisableNextLine.size();
      out.push_back(make_suppression(doc.lines.line_start(next), doc.lines.line_end(next) + 1,
                                     rule_list(marker.substr(kDisableNextLine.size()), names_at)));
    } else if (marker.substr(0, kDisable.size()) == kDisable) {
      const std::size_t names_at = start + at + kDisable.size();
      open.push_back(
          make_suppression(end, text.size(), rule_list(marker.substr(kDisable.size()), names_at)));
    } else if (marker.substr(0, kEnable.size()) == kEnable) {
      const std::vector<std::string> which =
          rule_list(marker.substr(kEnable.size()), start + at + kEnable.size()).names;
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

std::vector<Diagnostic> unknown_names_in_suppressions(const std::vector<Suppression>& suppressions,
                                                      const Document& doc, const RuleSet& rules,
                                                      const Config& config) {
  std::vector<Diagnostic> out;
  for (const Suppression& s : suppressions)
    for (std::size_t i = 0; i < s.rules.size(); ++i) {
      const std::string& name = s.rules[i];
      if (is_known_name(name, rules, config)) continue;
      Diagnostic d;
      d.rule_id = builtin::kUnknownRule;
      d.category = "style";
      d.severity = Severity::Warning;
      d.begin = s.named_at[i];
      d.end = d.begin + name.size();
      std::string meant = closest_rule_id(rules, name);
      if (meant.empty()) meant = closest_name(name, pack_names(rules));
      d.message = fmt::format(
          "No rule or pack called '{}' is in use, so this comment turns nothing off.{} (sayso "
          "rules list shows the names)",
          name, meant.empty() ? "" : fmt::format(" Did you mean '{}'?", meant));
      if (!meant.empty()) d.suggestions.push_back(meant);
      d.section_kind =
          doc.sections.empty() ? "document" : doc.sections[doc.section_at(d.begin)].kind;
      out.push_back(std::move(d));
    }
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
