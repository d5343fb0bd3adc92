#include "report/sarif.h"

#include <cctype>
#include <string_view>

#include <fmt/format.h>

#include "report/json.h"

namespace sayso {
namespace {

using nlohmann::ordered_json;

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";

std::string dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ordered_json rule_descriptor(const std::string& rule_id, const Rule* rule) {
  if (!rule) return {{"id", rule_id}, {"shortDescription", {{"text", rule_id}}}};
  std::string help = rule->explanation;
  for (const auto& source : rule->sources) help += "\nSource: " + source;
  return {{"id", rule->id},
          {"shortDescription", {{"text", rule->message}}},
          {"fullDescription", {{"text", rule->explanation}}},
          {"help", {{"text", help}}},
          {"defaultConfiguration", {{"level", sarif_level(rule->severity)}}},
          {"properties", {{"category", rule->category}, {"kind", rule->kind}}}};
}

ordered_json artifact_location(const std::string& path) {
  ordered_json location = {{"uri", path_to_uri(path)}};
  if (!path.empty() && path[0] != '/') location["uriBaseId"] = "%SRCROOT%";
  return location;
}

// Findings in a file point at its lines and columns (of the extracted text, for DOCX, ODT and
// PDF: the page or paragraph is a property); findings in a form row point at the export file's
// line, with the row, the field and the section as properties and a logical location.
ordered_json result_location(const SubmissionRecord& record, const ordered_json& finding) {
  ordered_json physical = {{"artifactLocation", artifact_location(record.path)}};
  const std::string section = json_text(finding, "section");
  if (!record.row) {
    physical["region"] = {{"startLine", json_count(finding, "line").value_or(1)},
                          {"startColumn", json_count(finding, "column").value_or(1)},
                          {"endLine", json_count(finding, "end_line").value_or(1)},
                          {"endColumn", json_count(finding, "end_column").value_or(1)},
                          {"snippet", {{"text", json_text(finding, "text")}}}};
  } else if (auto line = json_count(finding, "source_line")) {
    physical["region"] = {{"startLine", *line}};
  }
  ordered_json location = {{"physicalLocation", physical}};
  if (record.row)
    location["logicalLocations"] =
        ordered_json::array({{{"name", section},
                              {"fullyQualifiedName", record.id + "/" + section},
                              {"kind", "section"}}});
  return location;
}

ordered_json result_properties(const SubmissionRecord& record, const ordered_json& finding) {
  ordered_json properties = {{"category", json_text(finding, "category")},
                             {"section", json_text(finding, "section")},
                             {"submission", record.id}};
  if (record.row) properties["row"] = *record.row;
  for (const char* key : {"page", "paragraph", "field_number"})
    if (auto n = json_count(finding, key)) properties[key] = *n;
  if (finding.contains("field")) properties["field"] = json_text(finding, "field");
  return properties;
}

std::string level_of(const ordered_json& finding) {
  auto severity = parse_severity(json_text(finding, "severity"));
  return severity ? sarif_level(*severity) : "note";
}

}  // namespace

std::string sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    default:
      return "note";
  }
}

std::string path_to_uri(const std::string& path) {
  std::string uri = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) ||
        std::string_view("-._~/").find(static_cast<char>(c)) != std::string_view::npos)
      uri += static_cast<char>(c);
    else
      uri += fmt::format("%{:02X}", c);
  }
  return uri;
}

SarifReport::SarifReport(std::ostream& out, std::string base_directory)
    : out_(out), base_directory_(std::move(base_directory)) {
  out_ << "{\"$schema\":\"" << kSchema << "\",\"version\":\"2.1.0\",\"runs\":[{"
       << "\"columnKind\":\"unicodeCodePoints\",\"results\":[";
}

std::size_t SarifReport::rule_index(const SubmissionRecord& record, const std::string& rule_id) {
  auto [it, added] = rule_indexes_.try_emplace(rule_id, rules_.size());
  if (added)
    rules_.push_back(
        rule_descriptor(rule_id, record.rules ? record.rules->find(rule_id) : nullptr));
  return it->second;
}

void SarifReport::write_result(const ordered_json& result) {
  if (!first_result_) out_ << ',';
  first_result_ = false;
  out_ << '\n' << dump(result);
}

void SarifReport::add(const SubmissionRecord& record) {
  if (!record_ok(record)) {
    notifications_.push_back(
        {{"level", "error"},
         {"message", {{"text", fmt::format("{}: {}", record.id, record.outcome.error)}}},
         {"locations",
          ordered_json::array(
              {{{"physicalLocation", {{"artifactLocation", artifact_location(record.path)}}}}})}});
    return;
  }
  const ordered_json& diagnostics = json_field(record.json, "diagnostics");
  if (!diagnostics.is_array()) return;
  for (const ordered_json& finding : diagnostics) {
    const std::string rule_id = json_text(finding, "rule");
    write_result({{"ruleId", rule_id},
                  {"ruleIndex", rule_index(record, rule_id)},
                  {"level", level_of(finding)},
                  {"message", {{"text", json_text(finding, "message")}}},
                  {"locations", ordered_json::array({result_location(record, finding)})},
                  {"properties", result_properties(record, finding)}});
  }
}

void SarifReport::finish() {
  ordered_json driver = {{"name", "sayso"}, {"version", SAYSO_VERSION}, {"rules", rules_}};
  ordered_json invocation = {{"executionSuccessful", true},
                             {"toolExecutionNotifications", notifications_}};
  std::string base = path_to_uri(base_directory_);
  if (base.empty() || base.back() != '/') base += '/';
  out_ << "\n],\"tool\":" << dump({{"driver", driver}})
       << ",\"invocations\":" << dump(ordered_json::array({invocation}))
       << ",\"originalUriBaseIds\":" << dump({{"%SRCROOT%", {{"uri", base}}}}) << "}]}\n";
  out_.flush();
}

}  // namespace sayso
