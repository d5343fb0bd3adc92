// SARIF 2.1.0 report of a batch, written as the records arrive (results stream out; the rule
// descriptions and error records follow at the end of the run object). Columns are Unicode code
// points (run.columnKind "unicodeCodePoints"), as in check's JSON. Submissions that could not be
// linted are tool execution notifications of level "error".
#pragma once
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/submission_record.h"

namespace sayso {

// "error" | "warning" | "note" (info and hint are notes).
std::string sarif_level(Severity severity);
// A relative path as a URI reference (percent-encoded), an absolute one as a file:// URI.
std::string path_to_uri(const std::string& path);

class SarifReport : public SubmissionSink {
 public:
  // `base_directory` is the folder relative paths are relative to (%SRCROOT%).
  SarifReport(std::ostream& out, std::string base_directory);
  void add(const SubmissionRecord& record) override;
  void finish() override;

 private:
  std::size_t rule_index(const SubmissionRecord& record, const std::string& rule_id);
  void write_result(const nlohmann::ordered_json& result);

  std::ostream& out_;
  std::string base_directory_;
  bool first_result_ = true;
  std::map<std::string, std::size_t> rule_indexes_;
  std::vector<nlohmann::ordered_json> rules_;
  std::vector<nlohmann::ordered_json> notifications_;
};

}  // namespace sayso
