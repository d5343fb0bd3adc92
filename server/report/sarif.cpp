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

// Findings in a file point at its lines and columns; findings in a form row point at the export
// file, with the row and the position inside the row's document as properties.
ordered_json result_location(const SubmissionRecord& record, const Diagnostic& d) {
  const Document& doc = *record.outcome.doc;
  const CliPosition start = cli_position(doc, d.begin), end = cli_position(doc, d.end);
  ordered_json physical = {{"artifactLocation", artifact_location(record.path)}};
  if (!record.row)
    physical["region"] = {
        {"startLine", start.line},
        {"startColumn", start.column},
        {"endLine", end.line},
        {"endColumn", end.column},
        {"snippet", {{"text", doc.source.bytes.substr(d.begin, d.end - d.begin)}}}};
  ordered_json location = {{"physicalLocation", physical}};
  if (record.row)
    location["logicalLocations"] =
        ordered_json::array({{{"name", d.section_kind},
                              {"fullyQualifiedName", record.id + "/" + d.section_kind},
                              {"kind", "section"}}});
  return location;
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
  if (!record.outcome.ok || !record.outcome.doc) {
    notifications_.push_back(
        {{"level", "error"},
         {"message", {{"text", fmt::format("{}: {}", record.id, record.outcome.error)}}},
         {"locations",
          ordered_json::array(
              {{{"physicalLocation", {{"artifactLocation", artifact_location(record.path)}}}}})}});
    return;
  }
  for (const Diagnostic& d : record.outcome.diagnostics) {
    ordered_json properties = {
        {"category", d.category}, {"section", d.section_kind}, {"submission", record.id}};
    if (record.row) properties["row"] = *record.row;
    write_result({{"ruleId", d.rule_id},
                  {"ruleIndex", rule_index(record, d.rule_id)},
                  {"level", sarif_level(d.severity)},
                  {"message", {{"text", d.message}}},
                  {"locations", ordered_json::array({result_location(record, d)})},
                  {"properties", properties}});
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
