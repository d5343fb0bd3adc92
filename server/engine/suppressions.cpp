#include "engine/suppressions.h"

#include <filesystem>

#include <algorithm>

#include <fmt/format.h>

#include "core/closest_name.h"
#include "engine/builtin_findings.h"
#include "engine/rule_lookup.h"

namespace sayso {
namespace {

constexpr std::string_view kDisableNextLine = "sayso-disable-next-line";
constexpr std::string_view kDisableLine = "sayso-disable-line";  // ESLint's habit: this line
constexpr std::string_view kDisable = "sayso-disable";
constexpr std::string_view kEnable = "sayso-enable";

// True when the marker at `at` sits inside an HTML comment or after a LaTeX "%" on its line, and
// not in a code span: "`<!-- sayso-disable RULE -->`" in a guide shows a comment, it is not one.
bool in_comment(std::string_view text, std::size_t line_start, std::size_t at) {
  std::string_view before = text.substr(line_start, at - line_start);
  bool latex_comment = false;  // a '%' not written "\%" (a printed per cent sign)
  for (std::size_t i = 0; i < before.size() && !latex_comment; ++i)
    latex_comment = before[i] == '%' && (i == 0 || before[i - 1] != '\\');
  const bool opened = before.find("<!--") != std::string_view::npos || latex_comment;
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
  // A rule of a pack this project turned off, or did not choose, is a rule all the same.
  const std::string pack = name.substr(0, name.find('.'));
  if (std::find(config.disabled_packs.begin(), config.disabled_packs.end(), pack) !=
      config.disabled_packs.end())
    return true;
  std::error_code ec;
  if (!rules.rules_dir.empty() &&
      std::filesystem::exists(std::filesystem::path(rules.rules_dir) / pack / "pack.yml", ec) &&
      std::none_of(rules.packs.begin(), rules.packs.end(),
                   [&](const Pack& p) { return p.name == pack; }))
    return true;
  Suppression only_this;
  only_this.rules = {name};
  return std::any_of(rules.rules.begin(), rules.rules.end(),
                     [&](const Rule& rule) { return only_this.covers(rule.id); });
}

}  // namespace

namespace {

// `name` (a rule id, a pack or a rule's name alone) names `rule_id`.
bool names_rule(const std::string& r, const std::string& rule_id) {
  if (r == rule_id) return true;
  if (rule_id.size() > r.size() && rule_id.compare(0, r.size(), r) == 0 && rule_id[r.size()] == '.')
    return true;
  // The rule's name alone, as `sayso explain` takes it ("wordy-words").
  return r.find('.') == std::string::npos && rule_name_without_pack(rule_id) == r;
}

// Where a `sayso-disable` comment's cover begins: where the comment is, or, for a comment right
// under a heading with no text between, at the heading, so the findings a rule gives a whole
// section (at its heading: "This plan covers 5 of 13…") can be turned off from inside it.
// `comment_start` is the start of the comment's line.
std::size_t disable_begins(const Document& doc, std::size_t comment_start, std::size_t line_end) {
  if (doc.sections.empty()) return line_end;
  const Section& section = doc.sections[doc.section_at(comment_start)];
  if (!section.has_heading() || section.heading_end > comment_start) return line_end;
  const std::string_view between =
      std::string_view(doc.source.bytes)
          .substr(section.heading_end, comment_start - section.heading_end);
  const std::size_t heading_line_end = between.find('\n');
  if (heading_line_end == std::string_view::npos) return line_end;
  const bool only_space =
      std::all_of(between.begin() + static_cast<std::ptrdiff_t>(heading_line_end), between.end(),
                  [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
  return only_space ? section.heading_begin : line_end;
}

}  // namespace

bool Suppression::covers(const std::string& rule_id) const {
  for (const auto& r : except)
    if (names_rule(r, rule_id)) return false;
  if (rules.empty()) return true;
  return std::any_of(rules.begin(), rules.end(),
                     [&](const std::string& r) { return names_rule(r, rule_id); });
}

namespace {

// `sayso-enable` (all) or `sayso-enable NAMES` on the line [line_start, line_end): closes the
// open disables it names; one that also covers other rules (`sayso-disable` for all) goes on
// after this line without those named.
void enable(const std::vector<std::string>& which, std::size_t line_start, std::size_t line_end,
            std::vector<Suppression>& open, std::vector<Suppression>& out) {
  std::vector<Suppression> reopened;
  for (auto it = open.begin(); it != open.end();) {
    // A name the disable gave, or a rule inside a pack it gave ("sayso-disable plain-english"
    // then "sayso-enable plain-english.wordy-words").
    const bool names_some = std::any_of(which.begin(), which.end(), [&](const std::string& name) {
      return it->rules.empty() ||
             std::any_of(it->rules.begin(), it->rules.end(),
                         [&](const std::string& r) { return names_rule(r, name); });
    });
    if (!which.empty() && !names_some) {
      ++it;
      continue;
    }
    Suppression closed = *it;
    closed.end = line_start;
    if (!which.empty() && closed.rules != which) {
      Suppression rest;
      rest.begin = line_end;
      rest.end = it->end;
      rest.except = it->except;
      if (it->rules.empty()) {
        rest.except.insert(rest.except.end(), which.begin(), which.end());
      } else {
        for (const std::string& r : it->rules)
          if (std::find(which.begin(), which.end(), r) == which.end()) rest.rules.push_back(r);
        // A rule turned back on inside a pack that stays off.
        for (const std::string& name : which)
          if (std::find(it->rules.begin(), it->rules.end(), name) == it->rules.end())
            rest.except.push_back(name);
      }
      // Its names were checked with the first part (named_at stays empty).
      if (it->rules.empty() || !rest.rules.empty()) reopened.push_back(std::move(rest));
    }
    out.push_back(std::move(closed));
    it = open.erase(it);
  }
  open.insert(open.end(), reopened.begin(), reopened.end());
}

}  // namespace

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
    if (marker.substr(0, kDisableLine.size()) == kDisableLine) {
      const std::size_t names_at = start + at + kDisableLine.size();
      out.push_back(make_suppression(start, end + 1,
                                     rule_list(marker.substr(kDisableLine.size()), names_at)));
    } else if (marker.substr(0, kDisableNextLine.size()) == kDisableNextLine) {
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
      open.push_back(make_suppression(disable_begins(doc, start, end), text.size(),
                                      rule_list(marker.substr(kDisable.size()), names_at)));
    } else if (marker.substr(0, kEnable.size()) == kEnable) {
      const std::vector<std::string> which =
          rule_list(marker.substr(kEnable.size()), start + at + kEnable.size()).names;
      enable(which, start, end, open, out);
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
    for (std::size_t i = 0; i < s.rules.size() && i < s.named_at.size(); ++i) {
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
