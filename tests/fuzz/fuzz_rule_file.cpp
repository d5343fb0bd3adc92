// The YAML rule loader: the input is one rule file of a pack in a scratch rules folder. A file the
// loader accepts is then used to lint a small document, so every rule kind meets odd parameters.
// RuleError is the loader's documented way to refuse a file; anything else escaping is a bug.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "fuzz_support.h"

namespace {

const char* const kSample =
    "# Plain English summary\n\nWe will utilise a cohort of 40 patients. PPI will be sought where "
    "possible. The data will be collected by the NHS team.\n\n# Patient and public involvement\n\n"
    "Patients were consulted once. A lay member will sit on the steering group.\n";

const std::filesystem::path& rules_dir() {
  static const std::filesystem::path dir = [] {
    const std::filesystem::path root = sayso::fuzz::scratch_dir() / "rules";
    std::filesystem::create_directories(root / "p");
    std::filesystem::copy_file(std::filesystem::path(SAYSO_SOURCE_RULES_DIR) / "sections.yml",
                               root / "sections.yml");
    sayso::fuzz::write_file(root / "p" / "pack.yml",
                            "name: p\nversion: 1.0.0\nlicence: CC0-1.0\nmaintainers: [fuzz]\n"
                            "description: the fuzzed rule file\n");
    return root;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sayso;
  const std::filesystem::path& dir = rules_dir();
  fuzz::write_file(dir / "p" / "rules.yml",
                   std::string_view(reinterpret_cast<const char*>(data), size));
  RuleSet rules;
  const Config config;
  try {
    rules = load_rules(dir.string(), config);
  } catch (const RuleError& e) {
    fuzz::require(std::string_view(e.what()).find(':') != std::string_view::npos);  // says where
    return 0;
  }
  const Linter linter(rules, config);
  LoadOptions options;
  options.headless_kind = fuzz::headless_kind_for(size);
  LoadResult loaded = load_document("application.md", kSample, rules.sections, options);
  fuzz::require(loaded.ok);
  fuzz::check_findings(loaded.doc, linter.lint(loaded.doc));
  return 0;
}
