// What the fuzz targets share: the real rule set loaded once, the whole lint pipeline with its
// invariants checked, and a private scratch folder for the loaders that read files.
#pragma once
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "core/config.h"
#include "core/document.h"
#include "core/positions.h"
#include "engine/linter.h"
#include "engine/ruleset.h"
#include "engine/section_figures.h"
#include "formats/format.h"

namespace sayso::fuzz {

// Stops the run with a crash report (libFuzzer saves the input) when an invariant does not hold.
inline void require(bool holds) {
  if (!holds) __builtin_trap();
}

// The project's own rules/ and a linter over them, made on first use and kept for the whole run.
struct RealRules {
  Config config;
  RuleSet rules;
  std::unique_ptr<Linter> linter;
};

inline RealRules& real_rules() {
  static RealRules* loaded = [] {
    auto* r = new RealRules;
    r->rules = load_rules(SAYSO_SOURCE_RULES_DIR, r->config);
    r->linter = std::make_unique<Linter>(r->rules, r->config);
    return r;
  }();
  return *loaded;
}

// The kind a heading-less document is judged as, picked from the input's length so that every
// input always takes the same road.
inline const char* headless_kind_for(std::size_t size) {
  static const char* const kinds[] = {"document", "plain-english-summary", "involvement"};
  return kinds[size % 3];
}

// Every finding must point inside the document, and its positions must map in every encoding.
inline void check_findings(const Document& doc, const LintResult& result) {
  const std::size_t size = doc.source.bytes.size();
  for (const Diagnostic& d : result.diagnostics) {
    require(d.begin <= d.end && d.end <= size);
    require(!d.rule_id.empty() && !d.message.empty());
    for (ColumnUnit unit :
         {ColumnUnit::Utf8Bytes, ColumnUnit::Utf16Units, ColumnUnit::CodePoints}) {
      const LineColumn begin = doc.lines.to_position(d.begin, unit);
      const LineColumn end = doc.lines.to_position(d.end, unit);
      require(begin.line < end.line || (begin.line == end.line && begin.column <= end.column));
      require(doc.lines.to_offset(end, unit) <= size);
    }
  }
}

// Document invariants every front end must keep.
inline void check_document(const Document& doc) {
  const std::size_t size = doc.source.bytes.size();
  require(doc.prose.size() == size);
  std::size_t previous_end = 0;
  for (const Block& b : doc.blocks) {
    require(b.begin <= b.end && b.end <= size);
    require(b.begin >= previous_end);  // in order, not overlapping
    previous_end = b.end;
  }
  for (const Section& s : doc.sections) require(s.begin <= s.end && s.end <= size);
  for (const Token& t : doc.tokens) require(t.begin < t.end && t.end <= size);
  for (const Sentence& s : doc.sentences) {
    require(s.begin <= s.end && s.end <= size);
    require(s.first_token <= s.last_token && s.last_token <= doc.tokens.size());
  }
}

// load_document → lint with the real rules → per-section figures, checking what comes out.
inline void lint_through_pipeline(std::string path, std::string_view bytes) {
  RealRules& real = real_rules();
  LoadOptions options;
  options.headless_kind = headless_kind_for(bytes.size());
  LoadResult loaded =
      load_document(std::move(path), std::string(bytes), real.rules.sections, options);
  if (!loaded.ok) {
    require(!loaded.error.empty());
    return;
  }
  const Document& doc = loaded.doc;
  check_document(doc);
  const LintResult result = real.linter->lint(doc);
  check_findings(doc, result);
  const std::vector<SectionFigures> figures = section_figures(*real.linter, doc);
  require(figures.size() <= doc.sections.size());
}

// A folder of this process's own under the system's temporary folder, removed at exit.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "sayso-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) std::abort();
    std::filesystem::path made(pattern);
    static const std::string to_remove = made.string();
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(to_remove, ec);
    });
    return made;
  }();
  return dir;
}

inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) std::abort();
}

}  // namespace sayso::fuzz
