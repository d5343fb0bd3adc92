// The .sayso.yml loader: the input is a config file in a scratch folder. A config the loader
// accepts is applied to the real rule set (profiles, overrides, severities, words), which may
// refuse it with a RuleError. ConfigError and RuleError are the documented refusals.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sayso;
  const std::filesystem::path file = fuzz::scratch_dir() / ".sayso.yml";
  fuzz::write_file(file, std::string_view(reinterpret_cast<const char*>(data), size));
  Config config;
  try {
    config = load_config_file(file.string());
  } catch (const ConfigError& e) {
    fuzz::require(std::string_view(e.what()).find(':') != std::string_view::npos);
    return 0;
  }
  // Extra packs named by the config would be read from anywhere on disk: keep to rules/.
  config.packs.clear();
  try {
    const RuleSet rules = load_rules(SAYSO_SOURCE_RULES_DIR, config);
    const Linter linter(rules, config);
    LoadOptions options;
    options.headless_kind = config.document_kind.empty() ? "document" : config.document_kind;
    LoadResult loaded = load_document("summary.md", "# Lay summary\n\nWe will utilise a cohort.\n",
                                      rules.sections, options);
    fuzz::require(loaded.ok);
    fuzz::check_findings(loaded.doc, linter.lint(loaded.doc));
  } catch (const RuleError& e) {
    fuzz::require(std::string_view(e.what()).find(':') != std::string_view::npos);
  }
  return 0;
}
