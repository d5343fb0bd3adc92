#include "report/own_reports.h"

#include <string>

#include "report/html_report.h"

namespace sayso {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kCsvReportHeaderStart =
    "id,path,row,format,status,error,diagnostics,severity_error,";

std::string_view without_bom(std::string_view text) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  return text;
}

// A record line writes its keys in this order (record_line); a form export's line would need all
// of them, in this order, to be taken for one.
bool looks_like_record_line(std::string_view line) {
  if (line.substr(0, 6) != "{\"id\":") return false;
  std::size_t at = 0;
  for (std::string_view key : {",\"path\":", ",\"row\":", ",\"format\":", ",\"status\":",
                               ",\"error\":", ",\"sections\":", ",\"diagnostics\":"}) {
    at = line.find(key, at);
    if (at == std::string_view::npos) return false;
    at += key.size();
  }
  return true;
}

// The CSV report's first columns: stable, whatever columns later versions add after them.
bool looks_like_csv_report(std::string_view head) {
  return head.substr(0, kCsvReportHeaderStart.size()) == kCsvReportHeaderStart;
}

}  // namespace

bool looks_like_own_report(std::string_view extension, std::string_view head) {
  head = without_bom(head);
  if (extension == ".jsonl") return looks_like_record_line(head.substr(0, head.find('\n')));
  if (extension == ".csv") return looks_like_csv_report(head);
  if (extension == ".html" || extension == ".htm")
    return head.find(kHtmlReportGenerator) != std::string_view::npos ||
           head.find("<title>sayso batch report</title>") != std::string_view::npos;
  return false;
}

}  // namespace sayso
