#include "report/text.h"

#include <fmt/format.h>

#include <map>

#include "core/source.h"
#include "report/json.h"
#include "report/scorecard.h"

namespace sayso {
namespace {

const char* colour_of(Severity s) {
  switch (s) {
    case Severity::Error:
      return "\033[1;31m";
    case Severity::Warning:
      return "\033[1;33m";
    case Severity::Info:
      return "\033[1;36m";
    case Severity::Hint:
      return "\033[1;32m";
  }
  return "";
}

// Code-point boundaries: the byte offset `count` code points after `from`, stopping at `limit`.
std::size_t advance_code_points(std::string_view text, std::size_t from, std::size_t count,
                                std::size_t limit) {
  std::size_t i = from;
  while (i < limit && count > 0) {
    ++i;
    while (i < limit && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    --count;
  }
  return i;
}

// Tabs and control characters shown as single spaces so the caret lines up.
std::string printable(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return out;
}

// The byte offset `count` code points before `from`, stopping at `limit`.
std::size_t back_code_points(std::string_view text, std::size_t from, std::size_t count,
                             std::size_t limit) {
  std::size_t i = from;
  while (i > limit && count > 0) {
    --i;
    while (i > limit && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
    --count;
  }
  return i;
}

// `column` is the finding's 1-based code-point column (as printed): the window is found from the
// finding backwards, never by counting from the line's start, which cost a long line's length
// per finding.
void write_source_excerpt(std::ostream& out, const Document& doc, const Diagnostic& d,
                          std::size_t column, const TextStyle& style) {
  const std::string_view text = doc.source.bytes;
  const std::size_t line = doc.lines.line_of(d.begin);
  std::size_t line_begin = doc.lines.line_start(line);
  if (line == 0) line_begin = std::max(line_begin, doc.source.content_begin);
  const std::size_t line_end = doc.lines.line_end(line);
  const std::size_t col = column - 1;
  // Show a window of the line when it is long, keeping the finding in view.
  std::size_t window_begin = line_begin;
  const std::size_t lead = style.max_line_width / 3;
  bool cut_left = false;
  if (col > lead) {
    window_begin = back_code_points(text, d.begin, lead, line_begin);
    cut_left = true;
  }
  const std::size_t window_end =
      advance_code_points(text, window_begin, style.max_line_width, line_end);
  const bool cut_right = window_end < line_end;
  std::string shown = printable(text.substr(window_begin, window_end - window_begin));
  out << "  " << (cut_left ? "…" : "") << shown << (cut_right ? "…" : "") << "\n";
  const std::size_t caret_col =
      count_units(text.substr(window_begin, d.begin - window_begin), ColumnUnit::CodePoints);
  const std::size_t span_end = std::min(d.end, window_end);
  std::size_t width =
      d.end > d.begin && span_end > d.begin
          ? count_units(text.substr(d.begin, span_end - d.begin), ColumnUnit::CodePoints)
          : 1;
  out << "  " << std::string(caret_col + (cut_left ? 1 : 0), ' ');
  if (style.colour) out << colour_of(d.severity);
  out << "^" << std::string(width > 1 ? width - 1 : 0, '~');
  if (style.colour) out << "\033[0m";
  if (!d.suggestions.empty()) out << " try: " << d.suggestions.front();
  out << "\n";
}

// The first words of a sentence, for a line that points at it: about 60 characters, whole words.
std::string sentence_opening(const Document& doc, std::size_t begin, std::size_t end) {
  constexpr std::size_t kLength = 60;
  std::string text =
      escape_invalid_utf8(printable(std::string_view(doc.source.bytes).substr(begin, end - begin)));
  if (text.size() <= kLength) return text;
  std::size_t cut = text.rfind(' ', kLength);
  if (cut == std::string::npos) {
    cut = kLength;  // one long word: cut it where a character starts
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  return text.substr(0, cut) + "\xE2\x80\xA6";
}

// One reading for the whole file from its involvement sections: each stage at its highest, and
// the highest level with the sentence it came from. A plan split over subheadings
// ("Co-production of the toolkit", "Public involvement in analysis") is one plan to a reader
// (thirty-first blind review: three level lines, the first showing five gaps in the best plan).
InvolvementReading combined_reading(const std::vector<InvolvementReading>& readings) {
  InvolvementReading all = readings.front();
  for (const InvolvementReading& r : readings) {
    if (involvement_level_rank(r.highest) > involvement_level_rank(all.highest)) {
      all.highest = r.highest;
      all.highest_begin = r.highest_begin;
      all.highest_end = r.highest_end;
    }
    for (std::size_t i = 0; i < r.stages.size() && i < all.stages.size(); ++i)
      if (involvement_level_rank(r.stages[i].level) > involvement_level_rank(all.stages[i].level))
        all.stages[i].level = r.stages[i].level;
  }
  return all;
}

// "involvement level: consult (question: consult, design: none, ...)" under the findings: the
// per-stage reading shows a plan's gaps, which no single finding does.
void write_involvement_readings(std::ostream& out, const FileOutcome& o) {
  if (o.involvement.empty()) return;
  const InvolvementReading r = combined_reading(o.involvement);
  std::vector<std::string> lines;  // each involvement section's heading line
  for (const InvolvementReading& each : o.involvement) {
    const Section& section = o.doc->sections[each.section];
    lines.push_back(std::to_string(
        cli_position(*o.doc, section.has_heading() ? section.heading_begin : section.begin).line));
  }
  std::vector<std::string> stages;
  int highest_stage = -1;
  for (const StageLevel& s : r.stages) {
    stages.push_back(fmt::format("{}: {}", s.stage, s.level.empty() ? "none" : s.level));
    highest_stage = std::max(highest_stage, involvement_level_rank(s.level));
  }
  // A level above every stage's came from a sentence that names no stage: say so, or the
  // line reads as a contradiction.
  const bool from_no_stage = involvement_level_rank(r.highest) > highest_stage;
  out << fmt::format(
      "{}:{}: involvement level: {} (by stage: {}{}{})\n", escape_invalid_utf8(o.path),
      lines.front(), r.highest.empty() ? "none described" : r.highest, fmt::join(stages, ", "),
      from_no_stage ? fmt::format("; '{}' is from a sentence that names no stage, line {}: \"{}\"",
                                  r.highest, cli_position(*o.doc, r.highest_begin).line,
                                  sentence_opening(*o.doc, r.highest_begin, r.highest_end))
                    : "",
      lines.size() > 1 ? fmt::format("; read from {} involvement sections, lines {}", lines.size(),
                                     fmt::join(lines, ", "))
                       : "");
}

}  // namespace

void write_text_report(std::ostream& out, const std::vector<FileOutcome>& outcomes,
                       const TextStyle& style) {
  std::map<Severity, std::size_t> counts;
  std::size_t failed = 0;
  for (const auto& o : outcomes) {
    if (!o.ok) {
      ++failed;
      out << escape_invalid_utf8(o.path) << ": "
          << (style.colour ? "\033[1;31merror:\033[0m " : "error: ") << o.error << "\n";
      continue;
    }
    CliPositions positions(*o.doc);
    for (const auto& d : o.diagnostics) {
      ++counts[d.severity];
      const CliPosition p = positions.at(d.begin);
      out << escape_invalid_utf8(o.path) << ":" << p.line << ":" << p.column << ": ";
      if (style.colour) out << colour_of(d.severity);
      out << severity_name(d.severity) << ":";
      if (style.colour) out << "\033[0m";
      out << " " << d.message << " [" << d.rule_id << "]\n";
      write_source_excerpt(out, *o.doc, d, p.column, style);
    }
    write_involvement_readings(out, o);
  }
  std::size_t total = 0;
  for (const auto& [s, n] : counts) total += n;
  // "7 of 19 files checked" when some could not be read: the count is of files read, as batch's.
  const std::string checked =
      failed ? fmt::format("{} of {} file{} checked", outcomes.size() - failed, outcomes.size(),
                           outcomes.size() == 1 ? "" : "s")
             : fmt::format("{} file{} checked", outcomes.size(), outcomes.size() == 1 ? "" : "s");
  out << fmt::format("{}: {} finding{} ({} error{}, {} warning{}, {} info, {} hint{})", checked,
                     total, total == 1 ? "" : "s", counts[Severity::Error],
                     counts[Severity::Error] == 1 ? "" : "s", counts[Severity::Warning],
                     counts[Severity::Warning] == 1 ? "" : "s", counts[Severity::Info],
                     counts[Severity::Hint], counts[Severity::Hint] == 1 ? "" : "s");
  if (failed) out << fmt::format("; {} file{} could not be read", failed, failed == 1 ? "" : "s");
  out << "\n";
}

}  // namespace sayso
