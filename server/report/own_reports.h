// Recognises the reports `sayso batch` writes (JSON Lines, CSV, HTML) from their first bytes, so
// that a folder walk never reads an earlier run's reports back as submissions.
#pragma once
#include <string_view>

namespace sayso {

// How many bytes of a file looks_like_own_report needs to decide.
inline constexpr std::size_t kOwnReportSniffBytes = 4096;

// True when `head` (the first bytes of a file, up to kOwnReportSniffBytes) starts one of sayso's
// batch reports of the kind its extension names: a JSON Lines record (.jsonl), the CSV report's
// header (.csv) or the HTML report (.html, .htm).
bool looks_like_own_report(std::string_view extension, std::string_view head);

}  // namespace sayso
