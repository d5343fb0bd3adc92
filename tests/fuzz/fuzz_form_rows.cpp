// Form exports (batch): CSV or JSON Lines rows, with and without a column map, and the first few
// rows' documents linted through the whole pipeline. SAYSO_FUZZ_FORM_FORMAT is "csv" or "jsonl".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "batch/form_rows.h"
#include "fuzz_support.h"

#ifndef SAYSO_FUZZ_FORM_FORMAT
#error "define SAYSO_FUZZ_FORM_FORMAT as \"csv\" or \"jsonl\""
#endif

namespace {

constexpr std::size_t kRowsLinted = 4;  // enough to reach every road; more only slows the fuzzer

const sayso::FormMap& column_map() {
  static const sayso::FormMap map = [] {
    sayso::FormMap m;
    m.file = "fuzz-map.yml";
    m.id_column = "id";
    m.title_column = "title";
    m.sections = {{"summary", "plain-english-summary"}, {"involvement", "involvement"}};
    return m;
  }();
  return map;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sayso;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const FormMap* map = size % 2 ? &column_map() : nullptr;
  const std::string format = SAYSO_FUZZ_FORM_FORMAT;
  const std::string path = "export." + format;
  std::size_t rows = 0;
  auto emit = [&](FormRow row) {
    ++rows;
    if (!row.error.empty() || rows > kRowsLinted) return;
    fuzz::require(!row.id.empty());
    fuzz::lint_through_pipeline(row.id + ".md", row.text);
  };
  if (format == "csv") {
    read_csv_rows(text, map, path, emit);
    count_csv_rows(text);  // a progress total only: a bad header gives one error, not its count
  } else {
    read_jsonl_rows(text, map, path, emit);
    fuzz::require(count_jsonl_rows(text) == rows);  // the progress bar's total is exact
  }
  return 0;
}
