#include "report/html_report.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "core/source.h"
#include "report/json.h"
#include "report/scorecard.h"

namespace sayso {
namespace {

constexpr std::size_t kMaxShownTextBytes = 256 * 1024;

constexpr const char* kStyle = R"(
:root { color: #1a1a1a; background: #fff; font: 16px/1.5 system-ui, sans-serif; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 2rem; }
a { color: #0645ad; } a:focus, button:focus, input:focus, select:focus { outline: 3px solid #b35900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header { border-bottom: 2px solid #1a1a1a; margin-bottom: 1rem; }
.figures { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.figures li { border: 1px solid #595959; padding: .5rem 1rem; }
.figures strong { display: block; font-size: 1.5rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid #595959; padding: .5rem; }
figure.wide { grid-column: 1 / -1; }
.table-wrap { overflow-x: auto; }
figcaption { font-weight: bold; }
svg text { font: 12px system-ui, sans-serif; fill: #1a1a1a; }
svg .bar { fill: #1f5fa8; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #595959; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; color: #1a1a1a; }
td.num { text-align: right; }
.status-error { color: #a00000; font-weight: bold; }
.controls { display: flex; gap: 1rem; flex-wrap: wrap; margin: .5rem 0; }
section.submission { border-top: 2px solid #1a1a1a; margin-top: 2rem; }
.doc { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #595959; padding: .75rem; background: #fafafa; font: 14px/1.6 ui-monospace, monospace; }
mark { background: #fff0a0; color: #1a1a1a; border-bottom: 2px solid #7a5c00; }
mark .tag { font: bold 11px system-ui, sans-serif; background: #1a1a1a; color: #fff; padding: 0 .25em; margin-right: .25em; border-radius: 2px; }
.sev-error { color: #a00000; } .sev-warning { color: #7a4a00; }
dl.card { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.card dt { font-weight: bold; }
@media print {
  .skip, nav, .controls, th button::after { display: none; }
  body { max-width: none; }
  section.submission { break-before: page; }
  a { color: #1a1a1a; text-decoration: none; }
  mark { border: 1px solid #1a1a1a; }
}
)";

// Sorting and filtering, added by script so that without it the table is a plain table; and the
// marks' tooltips.
constexpr const char* kScript = R"(
(function () {
  // Each mark's tooltip is its finding in the list (kept once in the page, not in every mark).
  Array.prototype.forEach.call(document.querySelectorAll('section.submission'), function (section) {
    var items = section.querySelectorAll('ol.findings > li');
    Array.prototype.forEach.call(section.querySelectorAll('mark[data-f]'), function (mark) {
      var item = items[+mark.getAttribute('data-f')];
      if (item) mark.title = item.textContent;
    });
  });
  var table = document.getElementById('submissions');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var controls = document.getElementById('table-controls');
  controls.hidden = false;
  var search = document.getElementById('filter-text');
  var status = document.getElementById('filter-status');
  var count = document.getElementById('filter-count');
  function applyFilter() {
    var text = search.value.toLowerCase(), want = status.value, shown = 0;
    rows.forEach(function (row) {
      var ok = (!text || row.textContent.toLowerCase().indexOf(text) >= 0) &&
               (!want || row.getAttribute('data-status') === want);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' submissions shown';
  }
  search.addEventListener('input', applyFilter);
  status.addEventListener('change', applyFilter);
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = th.textContent;
    th.textContent = '';
    th.appendChild(button);
    button.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var numeric = th.getAttribute('data-type') === 'number';
      // A cell with no value (a submission that could not be read) goes last either way, so it
      // never sorts among the cleanest or the worst.
      function key(row) {
        var cell = row.cells[column];
        if (cell.hasAttribute('data-none')) return null;
        return cell.getAttribute('data-value') || cell.textContent;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === null || y === null) return (x === null) - (y === null);
        var d = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
        return ascending ? d : -d;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  applyFilter();
})();
)";

std::string format_number(double value) { return fmt::format("{:.1f}", value); }

struct Bar {
  std::string label;
  double value = 0;
  std::string shown;  // the value as text, e.g. "12" or "40%"
};

// A horizontal bar chart, each bar labelled with its name and value in text.
std::string bar_chart_svg(const std::string& id, const std::string& caption,
                          const std::vector<Bar>& bars, double max_value, int label_width = 110) {
  const int bar_width = 200, row_height = 22;
  const int height = std::max<int>(row_height, static_cast<int>(bars.size()) * row_height) + 4;
  std::string svg = fmt::format(
      "<figure class=\"{4}\"><figcaption id=\"{0}-caption\">{1}</figcaption>"
      "<svg role=\"img\" aria-labelledby=\"{0}-caption {0}-desc\" viewBox=\"0 0 {2} {3}\" "
      "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\"><desc id=\"{0}-desc\">",
      id, html_escape(caption), label_width + bar_width + 100, height,
      label_width > 200 ? "wide" : "");
  for (const Bar& bar : bars) svg += html_escape(bar.label + ": " + bar.shown + ". ");
  svg += "</desc>";
  if (bars.empty()) svg += "<text x=\"0\" y=\"16\">No data.</text>";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * row_height + 2;
    const double share = max_value > 0 ? bars[i].value / max_value : 0;
    const int width = static_cast<int>(std::lround(share * bar_width));
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
        "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"></rect>"
        "<text x=\"{}\" y=\"{}\">{}</text>",
        label_width - 6, y + 15, html_escape(bars[i].label), label_width, y + 3, width,
        row_height - 6, label_width + width + 4, y + 15, html_escape(bars[i].shown));
  }
  return svg + "</svg></figure>\n";
}

std::vector<Bar> category_bars(const std::vector<HtmlReport::Row>& rows, double& max_value) {
  std::vector<Bar> bars;
  max_value = 0;
  for (const auto& category : category_names()) {
    std::size_t total = 0;
    for (const auto& row : rows) {
      auto it = row.by_category.find(category);
      if (it != row.by_category.end()) total += it->second;
    }
    bars.push_back({category, static_cast<double>(total), std::to_string(total)});
    max_value = std::max(max_value, static_cast<double>(total));
  }
  return bars;
}

std::vector<Bar> evidence_bars(const std::vector<HtmlReport::Row>& rows,
                               const std::vector<std::string>& items) {
  std::vector<Bar> bars;
  for (const auto& item : items) {
    std::size_t judged = 0, present = 0;
    for (const auto& row : rows) {
      auto it = row.evidence.find(item);
      if (it == row.evidence.end()) continue;
      ++judged;
      present += it->second;
    }
    const double percent = judged ? 100.0 * present / judged : 0;
    bars.push_back({item, percent, fmt::format("{:.0f}% ({} of {})", percent, present, judged)});
  }
  return bars;
}

std::vector<Bar> reading_age_bars(const std::vector<HtmlReport::Row>& rows, double& max_value) {
  const std::vector<std::pair<double, std::string>> bins = {
      {9, "under 9"},   {10, "9 to 10"},  {11, "10 to 11"}, {12, "11 to 12"},
      {13, "12 to 13"}, {14, "13 to 14"}, {16, "14 to 16"}, {1e9, "16 and over"}};
  std::vector<std::size_t> counts(bins.size(), 0);
  for (const auto& row : rows) {
    if (!row.ok || !row.has_reading_age) continue;
    std::size_t bin = 0;
    while (bin + 1 < bins.size() && row.reading_age >= bins[bin].first) ++bin;
    ++counts[bin];
  }
  std::vector<Bar> bars;
  max_value = 0;
  for (std::size_t i = 0; i < bins.size(); ++i) {
    bars.push_back(
        {"age " + bins[i].second, static_cast<double>(counts[i]), std::to_string(counts[i])});
    max_value = std::max(max_value, static_cast<double>(counts[i]));
  }
  return bars;
}

std::string overview_html(const std::vector<HtmlReport::Row>& rows,
                          const std::vector<std::string>& evidence_items) {
  std::size_t errors = 0, findings = 0, same_texts = 0;
  for (const auto& row : rows) {
    errors += !row.ok;
    findings += row.findings;
    same_texts += !row.same_text_as.empty();
  }
  std::string html = fmt::format(
      "<section aria-labelledby=\"overview\"><h2 id=\"overview\">Overview</h2>"
      "<ul class=\"figures\"><li><strong>{}</strong> submissions</li>"
      "<li><strong>{}</strong> could not be read</li><li><strong>{}</strong> findings</li>{}</ul>"
      "<div class=\"charts\">",
      rows.size(), errors, findings,
      same_texts == 0 ? ""
                      : fmt::format("<li><strong>{}</strong> with the same text as an earlier "
                                    "submission</li>",
                                    same_texts));
  double max_value = 0;
  std::vector<Bar> categories = category_bars(rows, max_value);
  html += bar_chart_svg("chart-categories", "Findings by category", categories, max_value);
  std::vector<Bar> ages = reading_age_bars(rows, max_value);
  html += bar_chart_svg("chart-reading-age", "Reading age of the plain-English summaries", ages,
                        max_value);
  html += bar_chart_svg("chart-evidence",
                        "Involvement evidence: share of submissions that show each item",
                        evidence_bars(rows, evidence_items), 100, 460);
  return html + "</div></section>\n";
}

std::string number_cell(double value, const std::string& shown) {
  return fmt::format("<td class=\"num\" data-value=\"{}\">{}</td>", value, html_escape(shown));
}

// The summary's size as the table shows it: its words against their limit, and a character
// limit the form states beside them (a 1,220-character summary under a 1,000-character limit
// read as 268 words with no limit).
std::string summary_size_text(const HtmlReport::Row& row) {
  std::string text = row.summary_limit >= 0
                         ? fmt::format("{} / {}", row.summary_words, row.summary_limit)
                         : std::to_string(row.summary_words);
  if (row.summary_character_limit >= 0)
    text += fmt::format(" words; {} / {} characters", row.summary_characters,
                        row.summary_character_limit);
  return text;
}

// A cell with no value: a submission that could not be read has no findings or figures (a 0
// would rank it among the cleanest), a submission without a summary no reading age. Shown as a
// dash; the table's sort puts it last.
constexpr const char* kNoValueCell = "<td class=\"num\" data-none=\"\">\u2014</td>";

// The cells of a submission that could not be read, after its status: one for each of the
// table's eight columns from Findings to Tokenism (see table_html).
std::string unread_row_cells() {
  constexpr int kColumnsAfterStatus = 8;
  std::string html;
  for (int column = 0; column < kColumnsAfterStatus; ++column) html += kNoValueCell;
  return html;
}

// The involvement level, sorted by its place on the IAP2 scale (inform < consult < involve <
// collaborate < empower), not by name; a submission with no level, or one not on the scale,
// sorts last either way.
std::string involvement_level_cell(const std::string& level) {
  const int rank = involvement_level_rank(level);
  if (level.empty()) return "<td data-none=\"\">\u2014</td>";
  if (rank < 0) return fmt::format("<td data-none=\"\">{}</td>", html_escape(level));
  return fmt::format("<td data-value=\"{}\">{}</td>", rank, html_escape(level));
}

// Under a submission's name in the table: the earlier submission whose text it repeats.
std::string same_text_note(const HtmlReport::Row& row) {
  if (row.same_text_as.empty()) return "";
  const std::string earlier = html_escape(row.same_text_as);
  return fmt::format("<br><small>same text as {}</small>",
                     row.same_text_anchor.empty()
                         ? earlier
                         : fmt::format("<a href=\"#{}\">{}</a>", row.same_text_anchor, earlier));
}

std::string table_row_html(const HtmlReport::Row& row, const std::vector<std::string>& items) {
  std::size_t present = 0, judged = 0;
  for (const auto& item : items) {
    auto it = row.evidence.find(item);
    if (it == row.evidence.end()) continue;
    ++judged;
    present += it->second;
  }
  std::string html = fmt::format(
      "<tr data-status=\"{0}\"><th scope=\"row\"><a href=\"#{1}\">{2}</a>{5}</th>"
      "<td class=\"{3}\">{4}</td>",
      row.ok ? "ok" : "error", row.anchor,
      html_escape(row.title.empty() ? row.id : row.id + ": " + row.title),
      row.ok ? "" : "status-error", row.ok ? "ok" : "error: " + html_escape(row.error),
      same_text_note(row));
  if (!row.ok) return html + unread_row_cells() + "</tr>\n";
  html += number_cell(row.findings, std::to_string(row.findings));
  html += number_cell(row.errors, std::to_string(row.errors));
  html += number_cell(row.warnings, std::to_string(row.warnings));
  if (!row.has_summary)
    html += kNoValueCell;
  else
    html += number_cell(row.summary_words, summary_size_text(row));
  html += row.has_reading_age ? number_cell(row.reading_age, format_number(row.reading_age))
                              : kNoValueCell;
  html += involvement_level_cell(row.involvement_level);
  html += judged ? number_cell(static_cast<double>(present) / judged,
                               fmt::format("{} of {}", present, judged))
                 : kNoValueCell;
  html += number_cell(row.tokenism, std::to_string(row.tokenism));
  return html + "</tr>\n";
}

std::string table_html(const std::vector<HtmlReport::Row>& rows,
                       const std::vector<std::string>& items) {
  std::string html =
      "<section aria-labelledby=\"table-heading\"><h2 id=\"table-heading\">Submissions</h2>"
      "<div class=\"controls\" id=\"table-controls\" hidden>"
      "<label>Filter <input type=\"search\" id=\"filter-text\"></label>"
      "<label>Status <select id=\"filter-status\"><option value=\"\">all</option>"
      "<option value=\"ok\">ok</option><option value=\"error\">error</option></select></label>"
      "<span id=\"filter-count\" role=\"status\"></span></div>"
      "<div class=\"table-wrap\"><table id=\"submissions\"><caption>One row per submission. Select "
      "a column heading to "
      "sort.</caption><thead><tr>"
      "<th scope=\"col\">Submission</th><th scope=\"col\">Status</th>"
      "<th scope=\"col\" data-type=\"number\">Findings</th>"
      "<th scope=\"col\" data-type=\"number\">Errors</th>"
      "<th scope=\"col\" data-type=\"number\">Warnings</th>"
      "<th scope=\"col\" data-type=\"number\">Summary words</th>"
      "<th scope=\"col\" data-type=\"number\">Reading age</th>"
      "<th scope=\"col\" data-type=\"number\">Involvement level</th>"
      "<th scope=\"col\" data-type=\"number\">Evidence shown (checklist and UK Standards "
      "points)</th>"
      "<th scope=\"col\" data-type=\"number\">Tokenism</th></tr></thead><tbody>\n";
  for (const auto& row : rows) html += table_row_html(row, items);
  return html + "</tbody></table></div></section>\n";
}

using nlohmann::ordered_json;

std::vector<std::string> texts_of(const ordered_json& array) {
  std::vector<std::string> items;
  if (array.is_array())
    for (const auto& item : array)
      if (item.is_string()) items.push_back(item.get<std::string>());
  return items;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  return fmt::format("{}", fmt::join(items, separator));
}

double number_of(const ordered_json& object, const char* key) {
  const ordered_json& value = json_field(object, key);
  return value.is_number() ? value.get<double>() : 0;
}

std::string scorecard_html(const ordered_json& card) {
  std::string html = "<h4>Scorecard</h4><dl class=\"card\">";
  auto item = [&](const std::string& term, const std::string& value) {
    html += "<dt>" + html_escape(term) + "</dt><dd>" + html_escape(value) + "</dd>";
  };
  const ordered_json& s = json_field(card, "plain_english_summary");
  const auto limit = json_count(s, "word_limit");
  item("Plain-English summary",
       json_field(s, "present") != true
           ? "none found"
           : fmt::format("{} words{}; reading age {}; {} jargon finding(s)",
                         json_count(s, "words").value_or(0),
                         limit ? fmt::format(" (limit {})", *limit) : "",
                         json_field(s, "reading_age").is_number()
                             ? format_number(number_of(s, "reading_age"))
                             : std::string("none (no words)"),
                         json_count(s, "jargon").value_or(0)));
  const ordered_json& inv = json_field(card, "involvement");
  std::vector<std::string> stages;
  if (json_field(inv, "stages").is_array())
    for (const auto& stage : json_field(inv, "stages")) {
      const std::string level = json_text(stage, "level");
      stages.push_back(json_text(stage, "stage") + ": " +
                       (level.empty() ? "not described" : level));
    }
  const bool involvement_present = json_field(inv, "present") == true;
  const std::string highest = json_text(inv, "highest_level");
  item("Involvement", !involvement_present
                          ? "no involvement section"
                          : fmt::format("highest level: {}; {} tokenistic phrase(s)",
                                        highest.empty() ? "none described" : highest,
                                        json_count(inv, "tokenism").value_or(0)));
  if (!stages.empty()) item("Level by stage", joined(stages, "; "));
  if (involvement_present) {
    const auto present = texts_of(json_field(inv, "evidence_present"));
    const auto missing = texts_of(json_field(inv, "evidence_missing"));
    item("Evidence shown", present.empty() ? "none" : joined(present, "; "));
    item("Evidence missing", missing.empty() ? "none" : joined(missing, "; "));
  }
  const ordered_json& structure = json_field(card, "structure");
  const auto missing_sections = texts_of(json_field(structure, "missing_sections"));
  item("Structure",
       fmt::format("{} structure finding(s), {} error(s){}",
                   json_count(structure, "findings").value_or(0),
                   json_count(structure, "errors").value_or(0),
                   missing_sections.empty() ? "" : "; missing: " + joined(missing_sections, ", ")));
  return html + "</dl>";
}

// Where a finding is, in the terms of its format: a page of a PDF, a paragraph of a DOCX or ODT
// file, a line and field of a form export, and the line and column of the (extracted) text.
std::string finding_place(const ordered_json& finding) {
  std::vector<std::string> parts;
  if (auto page = json_count(finding, "page")) parts.push_back(fmt::format("page {}", *page));
  if (auto paragraph = json_count(finding, "paragraph"))
    parts.push_back(fmt::format("paragraph {}", *paragraph));
  if (auto line = json_count(finding, "source_line")) {
    const auto number = json_count(finding, "field_number");
    parts.push_back(fmt::format("line {} of the export, field \u201c{}\u201d{}", *line,
                                json_text(finding, "field"),
                                number ? fmt::format(" (column {})", *number) : ""));
    parts.push_back(fmt::format("in the submission: line {}, column {}",
                                json_count(finding, "line").value_or(1),
                                json_count(finding, "column").value_or(1)));
  } else {
    parts.push_back(fmt::format("line {}, column {}", json_count(finding, "line").value_or(1),
                                json_count(finding, "column").value_or(1)));
  }
  return joined(parts, ", ");
}

std::string findings_html(const ordered_json& diagnostics) {
  if (!diagnostics.is_array() || diagnostics.empty()) return "<h4>Findings</h4><p>No findings.</p>";
  std::string html = "<h4>Findings</h4><ol class=\"findings\">";
  for (const ordered_json& finding : diagnostics) {
    const std::string severity = json_text(finding, "severity");
    const std::string text = json_text(finding, "text");
    html += fmt::format("<li>{}: <span class=\"sev-{}\">{}</span>, {}: {}{} <code>{}</code></li>",
                        html_text(finding_place(finding)), html_escape(severity),
                        html_text(severity), html_text(json_text(finding, "category")),
                        html_text(json_text(finding, "message")),
                        text.empty() ? "" : " (\u201c" + html_text(text) + "\u201d)",
                        html_text(json_text(finding, "rule")));
  }
  return html + "</ol>";
}

std::string submission_html(const SubmissionRecord& record, const std::string& anchor) {
  std::string html = fmt::format(
      "<section class=\"submission\" id=\"{0}\" aria-labelledby=\"{0}-h\">"
      "<h3 id=\"{0}-h\">{1}</h3><p>{2}{3} · {4}</p>",
      anchor, html_escape(record.title.empty() ? record.id : record.id + ": " + record.title),
      html_escape(record.path), record.row ? fmt::format(", row {}", *record.row) : "",
      html_escape(record.format));
  const ordered_json& duplicate = json_field(record.json, "duplicate_id");
  if (duplicate.is_object())
    html += fmt::format(
        "<p>The input gave this submission the id \u201c{}\u201d, which {} already had; this "
        "report calls it \u201c{}\u201d.</p>",
        html_text(json_text(duplicate, "given")), html_text(json_text(duplicate, "first_seen")),
        html_text(record.id));
  const ordered_json& same_text = json_field(record.json, "duplicate_of");
  if (same_text.is_object())
    html += fmt::format(
        "<p><strong>Same text as {} ({}).</strong> The two have the same words (after the text "
        "is taken from the file, spacing aside): the same application may have been sent "
        "twice.</p>",
        html_text(json_text(same_text, "id")), html_text(json_text(same_text, "path")));
  const std::string back = "<p><a href=\"#table-heading\">Back to the table</a></p></section>\n";
  if (!record_ok(record))
    return html +
           "<p class=\"status-error\">Could not be linted: " + html_escape(record.outcome.error) +
           "</p>" + back;
  const ordered_json& card = json_field(record.json, "scorecard");
  if (card.is_object()) html += scorecard_html(card);
  html += findings_html(json_field(record.json, "diagnostics"));
  html += "<h4>Text</h4>";
  if (record.outcome.doc)
    html += "<div class=\"doc\">" +
            highlighted_text_html(*record.outcome.doc, record.outcome.diagnostics) + "</div>";
  else
    html +=
        "<p>The text is not shown: this submission was linted in an earlier run whose "
        "JSON Lines output this run resumed.</p>";
  return html + back;
}

HtmlReport::Row summary_row(const SubmissionRecord& record, const std::string& anchor) {
  HtmlReport::Row row;
  row.anchor = anchor;
  row.id = record.id;
  row.title = record.title;
  row.path = record.path;
  row.format = record.format;
  row.ok = record_ok(record);
  row.error = record.outcome.error;
  row.same_text_as = json_text(json_field(record.json, "duplicate_of"), "id");
  const FindingCounts counts = record_finding_counts(record);  // those left out included
  row.findings = counts.total;
  row.by_category = counts.by_category;
  if (auto it = counts.by_severity.find("error"); it != counts.by_severity.end())
    row.errors = it->second;
  if (auto it = counts.by_severity.find("warning"); it != counts.by_severity.end())
    row.warnings = it->second;
  const ordered_json& card = json_field(record.json, "scorecard");
  if (!row.ok || !card.is_object()) return row;
  const ordered_json& summary = json_field(card, "plain_english_summary");
  row.has_summary = json_field(summary, "present") == true;
  row.summary_words = json_count(summary, "words").value_or(0);
  const auto limit = json_count(summary, "word_limit");
  row.summary_limit = limit ? static_cast<long>(*limit) : -1;
  const auto character_limit = json_count(summary, "character_limit");
  if (character_limit) {
    row.summary_character_limit = static_cast<long>(*character_limit);
    row.summary_characters = static_cast<long>(json_count(summary, "characters").value_or(0));
  }
  row.reading_age = number_of(summary, "reading_age");
  row.has_reading_age = row.has_summary && json_field(summary, "reading_age").is_number();
  const ordered_json& involvement = json_field(card, "involvement");
  row.involvement_level = json_text(involvement, "highest_level");
  row.tokenism = json_count(involvement, "tokenism").value_or(0);
  for (const auto& [name, present] : record_evidence(record)) row.evidence[name] = present;
  return row;
}

// `text` for HTML: each of `escaped` (some of & < > " ') as its entity, each byte that is not
// UTF-8 as escape_invalid_utf8 writes it, so that the page is UTF-8 and names a file as every
// other report does.
std::string html_escaped(std::string_view text, std::string_view escaped) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (bytes[i] >= 0x80) {
      const std::size_t len = valid_utf8_sequence_length(bytes + i, text.size() - i);
      if (len)
        out.append(text.data() + i, len);
      else
        out += escape_invalid_utf8(text.substr(i, 1));
      i += len ? len : 1;
      continue;
    }
    ++i;
    if (escaped.find(c) == std::string_view::npos) {
      out += c;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += "&#39;";
    }
  }
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) { return html_escaped(text, "&<>\"'"); }

std::string html_text(std::string_view text) { return html_escaped(text, "&<>"); }

std::string highlighted_text_html(const Document& doc, const std::vector<Diagnostic>& diagnostics) {
  const std::string& text = doc.source.bytes;
  const std::size_t shown = std::min(text.size(), kMaxShownTextBytes);
  std::vector<std::size_t> marks;  // indexes into `diagnostics`
  for (std::size_t i = 0; i < diagnostics.size(); ++i)
    if (diagnostics[i].end > diagnostics[i].begin && diagnostics[i].end <= shown)
      marks.push_back(i);
  std::stable_sort(marks.begin(), marks.end(), [&](std::size_t a, std::size_t b) {
    return diagnostics[a].begin < diagnostics[b].begin;
  });
  std::string html;
  std::size_t cursor = doc.source.content_begin;
  for (std::size_t i : marks) {
    const Diagnostic& d = diagnostics[i];
    if (d.begin < cursor) continue;  // overlaps the previous mark
    html += html_text(std::string_view(text).substr(cursor, d.begin - cursor));
    html += fmt::format("<mark data-f=\"{}\"><span class=\"tag\">{}</span>{}</mark>", i,
                        html_text(d.category),
                        html_text(std::string_view(text).substr(d.begin, d.end - d.begin)));
    cursor = d.end;
  }
  if (cursor < shown) html += html_text(std::string_view(text).substr(cursor, shown - cursor));
  if (shown < text.size())
    html += fmt::format("\n[… the text goes on for {} more bytes; only the first {} are shown]",
                        text.size() - shown, shown);
  return html;
}

HtmlReport::HtmlReport(std::ostream& out, std::string settings)
    : out_(out), settings_(std::move(settings)), spool_(std::tmpfile()) {
  if (!spool_) throw std::runtime_error("cannot create a temporary file for the HTML report");
}

HtmlReport::~HtmlReport() {
  if (spool_) std::fclose(spool_);
}

void HtmlReport::add(const SubmissionRecord& record) {
  const std::string anchor = fmt::format("s{}", rows_.size() + 1);
  const std::string html = submission_html(record, anchor);
  if (std::fwrite(html.data(), 1, html.size(), spool_) != html.size())
    throw std::runtime_error("cannot write the HTML report's temporary file (disk full?)");
  Row row = summary_row(record, anchor);
  anchor_of_id_.emplace(record.id, anchor);
  if (auto earlier = anchor_of_id_.find(row.same_text_as);
      !row.same_text_as.empty() && earlier != anchor_of_id_.end())
    row.same_text_anchor = earlier->second;
  for (const auto& [name, present] : record_evidence(record))
    if (std::find(evidence_items_.begin(), evidence_items_.end(), name) == evidence_items_.end())
      evidence_items_.push_back(name);
  rows_.push_back(std::move(row));
}

void HtmlReport::finish() {
  out_ << "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
       << kHtmlReportGenerator
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<title>sayso batch report</title><style>"
       << kStyle << "</style></head><body>"
       << "<a class=\"skip\" href=\"#main\">Skip to the report</a>"
       << "<header><h1>sayso batch report</h1><p>Plain English and public involvement checks, "
          "sayso " SAYSO_VERSION "</p>"
       << (settings_.empty() ? "" : "<p>" + html_text(settings_) + "</p>") << "</header>"
       << "<nav aria-label=\"Contents\"><ul><li><a href=\"#overview\">Overview</a></li>"
          "<li><a href=\"#table-heading\">Submissions</a></li>"
          "<li><a href=\"#details\">Each submission</a></li></ul></nav>"
       << "<main id=\"main\">" << overview_html(rows_, evidence_items_)
       << table_html(rows_, evidence_items_)
       << "<section aria-labelledby=\"details\"><h2 id=\"details\">Each submission</h2>\n";
  std::rewind(spool_);
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, spool_)) > 0)
    out_.write(buffer, static_cast<std::streamsize>(n));
  out_ << "</section></main><footer><p>Made by sayso. Findings are suggestions for a reader to "
          "weigh, not a verdict.</p></footer><script>"
       << kScript << "</script></body></html>\n";
  out_.flush();
}

}  // namespace sayso
