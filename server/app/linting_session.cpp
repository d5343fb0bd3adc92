#include "app/linting_session.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "core/parallel.h"
#include "core/read_file.h"
#include "engine/cache_dir.h"
#include "formats/format.h"

namespace sayso {
namespace fs = std::filesystem;

namespace {

// The words of a file name without its extension, in lower case: "Lay-Summary_v2.md" → lay,
// summary, v2. Whole words, so "pesticides.md" is not a "pes" and "lay-member.txt" not a summary.
std::vector<std::string> name_words(const std::string& path) {
  std::vector<std::string> words(1);
  for (unsigned char c : fs::path(path).stem().string()) {
    if (std::isalnum(c))
      words.back() += static_cast<char>(std::tolower(c));
    else if (!words.back().empty())
      words.emplace_back();
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

}  // namespace

std::string guess_kind_from_name(const std::string& path) {
  const std::vector<std::string> words = name_words(path);
  const auto has = [&](std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
  };
  if (has("summary") || has("summaries") || has("pes") || has("plsum") ||
      (has("lay") && has("abstract")) || has("laysummary"))
    return "plain-english-summary";
  if (has("involvement") || has("ppi") || has("ppie") || has("pcpie") || has("coproduction") ||
      (has("co") && has("production")))
    return "involvement";
  return "document";
}

std::string default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
    return std::string(xdg) + "/sayso";
  if (const char* home = std::getenv("HOME"); home && *home == '/')
    return std::string(home) + "/.cache/sayso";
  return "";
}

LintingSession::LintingSession(SessionOptions options) : options_(std::move(options)) {
  if (options_.rules_dir.empty()) options_.rules_dir = default_rules_dir();
  if (options_.use_cache) set_cache_dir(default_cache_dir());
}

const Config& LintingSession::config_for(const std::string& path) {
  std::string file;
  if (options_.config_file) {
    file = *options_.config_file;
  } else {
    std::error_code ec;
    std::string dir = path == "-" || path.empty() ? fs::current_path(ec).string()
                                                  : fs::absolute(path, ec).parent_path().string();
    auto it = config_of_dir_.find(dir);
    if (it == config_of_dir_.end()) it = config_of_dir_.emplace(dir, find_config_file(dir)).first;
    file = it->second;
  }
  auto found = configs_.find(file);
  if (found == configs_.end()) {
    Config loaded;
    try {
      if (!file.empty())
        loaded = options_.config_file ? load_config_file(file) : load_found_config(file);
    } catch (const ConfigError& e) {
      throw ConfigError(all_settings_mistakes(e, options_.rules_dir));
    }
    found = configs_.emplace(file, std::move(loaded)).first;
  }
  // Per-glob overrides (`overrides:` in .sayso.yml) give some files their own settings.
  Config config = config_for_path(found->second, path);
  if (!options_.profile.empty()) {
    config.profile = options_.profile;
    config.profile_where.clear();
  }
  if (!options_.document_kind.empty()) config.document_kind = options_.document_kind;
  if (!options_.document.empty()) config.document = options_.document;
  const std::string key = file + config.variant;
  auto resolved = resolved_configs_.find(key);
  if (resolved == resolved_configs_.end())
    resolved = resolved_configs_.emplace(key, std::move(config)).first;
  return resolved->second;
}

Linter* LintingSession::find_linter(const Config& config) {
  auto it = loaded_.find(config.file + config.variant);
  return it == loaded_.end() ? nullptr : it->second.linter.get();
}

const SectionClassifier& LintingSession::section_aliases() {
  if (!section_aliases_) section_aliases_ = load_section_aliases(options_.rules_dir);
  return *section_aliases_;
}

Linter& LintingSession::linter_for(const Config& config) {
  const std::string key = config.file + config.variant;
  auto it = loaded_.find(key);
  if (it != loaded_.end()) return *it->second.linter;
  Loaded loaded;
  loaded.rules = std::make_unique<RuleSet>(
      load_rules(options_.rules_dir, config, section_aliases_ ? &*section_aliases_ : nullptr));
  loaded.linter = std::make_unique<Linter>(*loaded.rules, config);
  return *loaded_.emplace(key, std::move(loaded)).first->second.linter;
}

std::string LintingSession::headless_kind(const std::string& path, const Config& config) const {
  // A text said to be a whole application is never read as one section (core/sections.h).
  if (config.document == "application") return "document";
  if (!config.document_kind.empty()) return config.document_kind;
  return guess_kind_from_name(path);
}

std::size_t LintingSession::max_bytes_for(const Config& config) const {
  if (config.max_document_bytes && !options_.max_bytes_from_command_line)
    return *config.max_document_bytes;
  return options_.max_bytes;
}

namespace {

std::string too_large(std::size_t size, std::size_t limit) {
  return fmt::format(
      "file too large: {} bytes (the limit is {} bytes: raise max_document_bytes in .sayso.yml, "
      "or use --max-bytes)",
      size, limit);
}

// The levels of each involvement section (figures are only worked out when there is one).
std::vector<InvolvementReading> involvement_readings(const Linter& linter, const Document& doc) {
  std::vector<InvolvementReading> out;
  const bool any = std::any_of(doc.sections.begin(), doc.sections.end(),
                               [](const Section& s) { return s.kind == "involvement"; });
  if (!any) return out;
  for (SectionFigures& f : section_figures(linter, doc))
    if (f.kind == "involvement" && !f.involvement.empty())
      out.push_back({f.section, f.highest_involvement_level, std::move(f.involvement),
                     f.highest_level_begin, f.highest_level_end});
  return out;
}

}  // namespace

FileOutcome LintingSession::lint_stream(const std::string& path, std::istream& in) {
  const std::size_t limit = max_bytes_for(config_for(path));
  std::string bytes;
  std::vector<char> buffer(std::size_t{1} << 16);
  while (bytes.size() <= limit) {  // one byte more than the limit tells a stream too large
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize got = in.gcount();
    if (got <= 0) break;
    bytes.append(buffer.data(), static_cast<std::size_t>(got));
  }
  if (bytes.size() <= limit) return lint_bytes(path, std::move(bytes));
  FileOutcome outcome;
  outcome.path = path;
  outcome.error = fmt::format(
      "too large: more than {} bytes, the limit (raise max_document_bytes in .sayso.yml, or use "
      "--max-bytes); the rest was not read",
      limit);
  return outcome;
}

FileOutcome LintingSession::lint_bytes(const std::string& path, std::string bytes) {
  FileOutcome outcome;
  outcome.path = path;
  const Config& config = config_for(path);
  outcome.config_files = config.sources;
  if (const std::size_t limit = max_bytes_for(config); bytes.size() > limit) {
    outcome.error = too_large(bytes.size(), limit);
    return outcome;
  }
  LoadOptions load;
  load.headless_kind = headless_kind(path, config);
  Linter* linter = find_linter(config);
  LoadResult loaded;
  if (linter) {
    loaded = load_document(path, std::move(bytes), linter->rules().sections, load);
  } else {
    // The first file under a config: read it on another core while the rules load (at start-up
    // they take most of the time). The section aliases come first: reading needs them.
    const SectionClassifier& sections = section_aliases();
    run_beside([&] { linter = &linter_for(config); },
               [&] { loaded = load_document(path, std::move(bytes), sections, load); });
  }
  if (!loaded.ok) {
    outcome.error = loaded.error;
    return outcome;
  }
  auto doc = std::make_shared<Document>(std::move(loaded.doc));
  doc->lines = LineIndex(doc->source.bytes);  // the moved string may have a new buffer
  outcome.diagnostics = linter->lint(*doc).diagnostics;
  outcome.involvement = involvement_readings(*linter, *doc);
  outcome.doc = std::move(doc);
  outcome.ok = true;
  return outcome;
}

FileOutcome LintingSession::lint_file(const std::string& path) {
  FileOutcome outcome;
  outcome.path = path;
  std::error_code ec;
  if (fs::is_regular_file(fs::status(path, ec))) {
    const auto size = fs::file_size(path, ec);
    if (const std::size_t limit = max_bytes_for(config_for(path)); !ec && size > limit) {
      outcome.error = too_large(size, limit);  // said before reading a byte of it
      return outcome;
    }
  }
  // Missing files, links that lead nowhere or in a loop, folders, pipes (which would wait
  // forever) and devices are said here; lint_bytes checks the size again, as read.
  std::string bytes;
  outcome.error = read_file_bytes(path, std::numeric_limits<std::size_t>::max(), bytes);
  if (!outcome.error.empty()) return outcome;
  return lint_bytes(path, std::move(bytes));
}

}  // namespace sayso
